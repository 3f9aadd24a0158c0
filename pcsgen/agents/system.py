"""Metadata of agents installed on this machine, cached on disk.

Asking an agent for its metadata runs it (a shell script, tens of
milliseconds); the answer is cached under the user's cache directory, keyed by
the agent file's path, size and modification time, so a compile costs a stat.
The cache is used only where it is private (pcsgen.agents.cache).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import List, Optional, Tuple

from pcsgen import ir
from pcsgen.agents.cache import private_cache_dir, read_entry, write_entry
from pcsgen.agents.metadata import AgentMetadata, parse_metadata_xml

OCF_ROOT = os.environ.get("OCF_ROOT", "/usr/lib/ocf")
FENCE_DIRS = ("/usr/sbin", "/sbin", "/usr/bin")
CACHE_VERSION = "2"  # 2: OCF version and unique groups
TIMEOUT_SECONDS = 20


def _cache_dir() -> Optional[Path]:
    return private_cache_dir("agents")


def _agent_file(agent: ir.AgentName) -> Optional[Tuple[str, List[str]]]:
    """The file to stat and the command that prints the agent's metadata."""
    from pcsgen.agents.names import part_problem

    # never a path out of the agents' directories (checked when read, and again here)
    parts = [("type", agent.type)] + ([("provider", agent.provider)] if agent.provider else [])
    if any(part_problem(part, value, agent.standard) for part, value in parts):
        return None
    if agent.standard == "ocf" and agent.provider:
        path = os.path.join(OCF_ROOT, "resource.d", agent.provider, agent.type)
        if "/" in agent.provider or "/" in agent.type or not os.path.isfile(path):
            return None
        return path, [path, "meta-data"]
    if agent.standard == "stonith":
        if "/" in agent.type or not agent.type.startswith("fence_"):
            return None
        for directory in FENCE_DIRS:
            path = os.path.join(directory, agent.type)
            if os.path.isfile(path):
                return path, [path, "-o", "metadata"]
        return None
    if agent.standard in ("systemd", "lsb", "service"):
        crm_resource = shutil.which("crm_resource")
        if crm_resource is None:
            return None
        return crm_resource, [crm_resource, "--show-metadata", str(agent)]
    return None


def _cache_key(agent: ir.AgentName, path: str) -> Optional[str]:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    raw = f"{CACHE_VERSION}|{agent}|{path}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def installed_metadata(agent: ir.AgentName) -> Optional[AgentMetadata]:
    found = _agent_file(agent)
    if found is None:
        return None
    path, command = found
    cache_dir = _cache_dir()
    key = _cache_key(agent, path)
    entry = f"{key}.json" if cache_dir is not None and key else None
    if cache_dir is not None and entry is not None:
        cached = read_entry(cache_dir, entry)
        if cached is not None:
            try:
                return AgentMetadata.from_json(json.loads(cached), "system")
            except (ValueError, KeyError, TypeError):
                pass
    env = dict(
        os.environ, OCF_ROOT=OCF_ROOT, OCF_FUNCTIONS_DIR=os.path.join(OCF_ROOT, "lib", "heartbeat")
    )
    try:
        completed = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    metadata = parse_metadata_xml(completed.stdout, agent)
    if metadata is None:
        return None
    if cache_dir is not None and entry is not None:
        # a read-only home, or a directory that is not private, is no reason to fail
        write_entry(cache_dir, entry, json.dumps(metadata.to_json()).encode("utf-8"))
    return metadata
