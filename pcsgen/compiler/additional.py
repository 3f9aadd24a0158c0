"""ADDITIONAL_CONFIG: raw pcs commands, applied to the CIB with the real pcs."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from typing import Any, Dict, List, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.diagnostics import Diagnostics, PcsgenError

PCS_TIMEOUT_SECONDS = 120


def command_words(item: ir.AdditionalConfig) -> List[str]:
    """The argv of one ADDITIONAL_CONFIG cell, without `pcs` and any `-f FILE`."""
    try:
        words = shlex.split(item.text.replace("\n", " "), comments=False, posix=True)
    except ValueError as exc:
        raise PcsgenError("PG505", item.location, reason=str(exc)) from None
    if not words or words[0] != "pcs":
        raise PcsgenError("PG505", item.location,
                          reason=f"'{words[0] if words else ''}' is not pcs")
    words = words[1:]
    cleaned: List[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word == "-f":
            skip = True
            continue
        if word.startswith("-f") and len(word) > 2 and not word.startswith("--"):
            continue
        cleaned.append(word)
    return cleaned


def created(cluster: ir.Cluster) -> Tuple[Dict[str, List[str]], Set[str]]:
    """What ADDITIONAL_CONFIG makes that constraints may name: tags (id -> members) and
    resources (bundles, and primitives put in them)."""
    tags: Dict[str, List[str]] = {}
    resources: Set[str] = set()
    for item in cluster.additional_config:
        try:
            words = [w for w in command_words(item) if not w.startswith("--")]
        except PcsgenError:
            continue
        if words[:2] == ["tag", "create"] and len(words) > 2:
            tags[words[2]] = words[3:]
        elif words[:3] == ["resource", "bundle", "create"] and len(words) > 3:
            resources.add(words[3])
        elif words[:2] in (["resource", "create"], ["stonith", "create"]) and len(words) > 2:
            resources.add(words[2])
    return tags, resources


def set_aside(cib: Any, cluster: ir.Cluster) -> List[Any]:
    """Take out of the CIB the constraints that name what ADDITIONAL_CONFIG makes."""
    tags, resources = created(cluster)
    made = set(tags) | resources
    section = cib.find("configuration/constraints")
    if not made or section is None:
        return []
    late = [c for c in section if any(c.get(k) in made for k in
                                      ("rsc", "with-rsc", "first", "then"))]
    for constraint in late:
        section.remove(constraint)
    return late


def check_commands(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    for item in cluster.additional_config:
        try:
            command_words(item)
        except PcsgenError as exc:
            diagnostics.report(exc)


def find_pcs() -> Optional[str]:
    return shutil.which("pcs")


def apply_additional_config(cib: bytes, cluster: ir.Cluster, diagnostics: Diagnostics,
                            pcs: Optional[str]) -> bytes:
    """Run every command with `pcs -f` on a copy of the CIB and return the result."""
    if not cluster.additional_config:
        return cib
    if pcs is None:
        diagnostics.warning("PG503", cluster.additional_config[0].location,
                            count=len(cluster.additional_config))
        return cib
    from pcsgen.compiler.pcs_runner import PcsRunner

    with tempfile.TemporaryDirectory(prefix="pcsgen-") as directory, \
            PcsRunner(pcs, PCS_TIMEOUT_SECONDS) as runner:
        path = os.path.join(directory, "cib.xml")
        with open(path, "wb") as handle:
            handle.write(cib)
        for item in cluster.additional_config:
            words = command_words(item)
            try:
                completed = runner.run(["-f", path, *words])
            except (OSError, subprocess.SubprocessError) as exc:
                diagnostics.error("PG504", item.location, reason=str(exc))
                continue
            if completed.returncode != 0:
                reason = (completed.stderr or completed.stdout).decode("utf-8", "replace")
                diagnostics.error("PG504", item.location, reason=reason.strip())
        with open(path, "rb") as handle:
            return handle.read()
