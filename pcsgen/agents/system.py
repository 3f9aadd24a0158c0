"""Metadata of agents installed on this machine, cached on disk.

Asking an agent for its metadata runs it (a shell script, tens of
milliseconds); the answer is cached under the user's cache directory, keyed by
the agent file's path, size and modification time, so a compile costs a stat.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple

from pcsgen import ir
from pcsgen.agents.metadata import AgentMetadata, parse_metadata_xml

OCF_ROOT = os.environ.get("OCF_ROOT", "/usr/lib/ocf")
FENCE_DIRS = ("/usr/sbin", "/sbin", "/usr/bin")
CACHE_VERSION = "2"  # 2: OCF version and unique groups
TIMEOUT_SECONDS = 20


def cache_root() -> Optional[Path]:
    """pcsgen's cache directory ($PCSGEN_CACHE_DIR, else $XDG_CACHE_HOME/pcsgen, else
    ~/.cache/pcsgen); PCSGEN_CACHE_DIR=off disables caching."""
    explicit = os.environ.get("PCSGEN_CACHE_DIR")
    if explicit == "off":
        return None
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pcsgen"


def private_cache_dir(part: str) -> Optional[Path]:
    """A directory of pcsgen's cache that only this user can write to, created when
    missing; None when caching is off or the directory belongs to someone else.

    The cache holds compiled template code and agent metadata that later runs load: a
    directory others may write to (a shared PCSGEN_CACHE_DIR, /tmp) would let them
    plant code that runs here. Every file read from it is checked too (owned_file)."""
    root = cache_root()
    if root is None:
        return None
    return _private_dir(str(root / part))


@lru_cache(maxsize=None)
def _private_dir(path: str) -> Optional[Path]:
    directory = Path(path)
    try:
        for item in (directory.parent, directory):
            item.mkdir(parents=True, exist_ok=True, mode=0o700)
            status = item.stat()
            if not stat.S_ISDIR(status.st_mode) or not _owned(status) or \
                    status.st_mode & 0o022:
                return None
    except OSError:
        return None
    return directory


def _owned(status: os.stat_result) -> bool:
    """Ours (or root's): nobody else could have written it."""
    uid = getattr(os, "geteuid", lambda: None)()
    return uid is None or status.st_uid in (uid, 0)


def owned_file(status: os.stat_result) -> bool:
    """A cached file only this user (or root) could have written."""
    return stat.S_ISREG(status.st_mode) and _owned(status) and not status.st_mode & 0o022


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
    cache_file = cache_dir / f"{key}.json" if cache_dir is not None and key else None
    if cache_file is not None:
        try:
            with open(cache_file, "rb") as handle:
                if owned_file(os.fstat(handle.fileno())):
                    return AgentMetadata.from_json(json.loads(handle.read()), "system")
        except (OSError, ValueError, KeyError, TypeError):
            pass
    env = dict(os.environ, OCF_ROOT=OCF_ROOT, OCF_FUNCTIONS_DIR=os.path.join(OCF_ROOT, "lib",
                                                                            "heartbeat"))
    try:
        completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   stdin=subprocess.DEVNULL, env=env, timeout=TIMEOUT_SECONDS,
                                   check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    metadata = parse_metadata_xml(completed.stdout, agent)
    if metadata is None:
        return None
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(metadata.to_json()), "utf-8")
            os.replace(temporary, cache_file)
        except OSError:
            pass  # a read-only home is no reason to fail
    return metadata
