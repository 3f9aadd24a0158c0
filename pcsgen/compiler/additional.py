"""ADDITIONAL_CONFIG at compile time: the commands the builder parsed (compiler.builders.
commands), applied to the CIB with the real pcs.

pcs runs with a clean environment (no EDITOR, no CIB_*), stdin closed, in a private
temporary directory, within a time bound; its whole process group is killed after.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from typing import Any, List, Optional, Tuple

from pcsgen import ir
from pcsgen.compiler.builders.commands import DESCRIPTION_COMMANDS
from pcsgen.compiler.pcs_runner import PcsRunner
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location

PCS_TIMEOUT_SECONDS = 60
# pcs takes about 0.1 s a command: thousands of lines of ADDITIONAL_CONFIG, a few
# hundred kilobytes, would otherwise run for hours
PCS_TOTAL_SECONDS = 60


def set_aside(cib: Any, cluster: ir.Cluster) -> List[Any]:
    """Take out of the CIB the constraints that name what ADDITIONAL_CONFIG makes."""
    tags, resources = cluster.made_by_commands()
    made = set(tags) | resources
    section = cib.find("configuration/constraints")
    if not made or section is None:
        return []
    late = [
        c for c in section if any(c.get(k) in made for k in ("rsc", "with-rsc", "first", "then"))
    ]
    for constraint in late:
        section.remove(constraint)
    return late


def find_pcs() -> Optional[str]:
    return shutil.which("pcs")


def apply_additional_config(
    cib: bytes,
    cluster: ir.Cluster,
    diagnostics: Diagnostics,
    pcs: Optional[str],
    target_pcs: Optional[str] = None,
    rules_as_text: bool = False,
) -> bytes:
    """Run every command with `pcs -f` on a copy of the CIB and return the result; a
    warning when this machine's pcs is not the target's (`target_pcs`: 0.11, ...).
    RULES_AS_TEXT: the target's pcs takes a location rule as one text (pcs 0.12), which
    pcsgen applies itself where it surely reads it so (pcsgen.pcs.location_rule)."""
    if not cluster.additional_config:
        return cib
    # the description commands pcsgen applies itself (pcsgen.pcs.element_description);
    # a location rule too where it can, else pcs
    by_pcs = [
        item
        for item in cluster.additional_config
        if item.accepted is None or item.accepted.kind not in DESCRIPTION_COMMANDS
    ]
    only_pcs = [
        item
        for item in by_pcs
        if not (rules_as_text and item.accepted is not None and _location_rule(item.accepted))
    ]
    if pcs is None and only_pcs:
        diagnostics.warning("PG503", only_pcs[0].location, count=len(only_pcs))
    with tempfile.TemporaryDirectory(prefix="pcsgen-") as directory:
        os.chmod(directory, 0o700)
        path = os.path.join(directory, "cib.xml")
        with open(path, "wb") as handle:
            handle.write(cib)
        if pcs is None or not by_pcs:
            _run_commands(None, path, cluster, diagnostics, rules_as_text=rules_as_text)
        else:
            with PcsRunner(pcs, directory, PCS_TIMEOUT_SECONDS) as runner:
                foreign: Optional[Tuple[str, str]] = None
                if target_pcs is not None:
                    local = _compare_versions(runner, target_pcs, by_pcs[0].location, diagnostics)
                    foreign = None if local is None else (local, target_pcs)
                _upgrade(runner, path, cib)
                _run_commands(runner, path, cluster, diagnostics, foreign, rules_as_text)
        with open(path, "rb") as handle:
            return handle.read()


def _compare_versions(
    runner: PcsRunner, target_pcs: str, location: Location, diagnostics: Diagnostics
) -> Optional[str]:
    """This machine's pcs version when it is not the target's (with a warning), else
    None."""
    status, output = runner.run(["--version"])
    # (a warning pcs printed instead would come back in place of the version)
    found = re.fullmatch(r"(\d+\.\d+(?:\.\d+)*)(?:\+\S*)?", output.strip())
    if status != 0 or found is None:
        return None
    local = found.group(1)
    if local == target_pcs or local.startswith(target_pcs + "."):
        return None
    diagnostics.warning("PG524", location, local=local, target=target_pcs)
    return local


def _upgrade(runner: PcsRunner, path: str, cib: bytes) -> None:
    """Declare the newest schema this machine's Pacemaker knows, as a live cluster's CIB
    does: a command may add what the lowest schema the content needed so far lacks (a
    colocation's influence ...). The caller declares again what the result needs; the
    epochs stay as they were (an upgrade raises admin_epoch)."""
    from lxml import etree

    before = etree.fromstring(cib, etree.XMLParser(resolve_entities=False))
    status, _output = runner.run(["-f", path, "cluster", "cib-upgrade"])
    if status != 0:
        return  # the commands then run on the CIB as declared
    after = _read_cib(path)
    for name in ("admin_epoch", "epoch", "num_updates"):
        value = before.get(name)
        if value is not None:
            after.set(name, value)
    _write_cib(path, after)


def _read_cib(path: str) -> Any:
    from lxml import etree

    with open(path, "rb") as handle:
        return etree.fromstring(handle.read(), etree.XMLParser(resolve_entities=False))


def _write_cib(path: str, root: Any) -> None:
    from lxml import etree

    with open(path, "wb") as handle:
        handle.write(etree.tostring(root, xml_declaration=False, encoding="utf-8"))


def _location_rule(command: ir.PcsCommand) -> bool:
    return (
        command.kind == "constraint location"
        and command.arguments[1:2] == ["rule"]
        and set(command.options) <= {"--force"}
    )


def _add_location_rule(path: str, command: ir.PcsCommand) -> bool:
    """A location rule in pcs 0.12's form, applied to the CIB at PATH as pcs 0.12 applies
    it; False (the CIB untouched) when pcs is to decide."""
    from pcsgen.pcs.location_rule import add_location_rule

    root = _read_cib(path)
    if not add_location_rule(root, command.arguments, "--force" in command.options):
        return False
    _write_cib(path, root)
    return True


def _describe(path: str, command: ir.PcsCommand) -> Optional[Any]:
    """A description command, applied to the CIB at PATH as pcs 0.12.2 applies it; why
    it is refused, or None."""
    from pcsgen.pcs.element_description import set_description

    root = _read_cib(path)
    problem = set_description(root, command.options, command.arguments)
    if problem is None:
        _write_cib(path, root)
    return problem


def _run_commands(
    runner: Optional[PcsRunner],
    path: str,
    cluster: ir.Cluster,
    diagnostics: Diagnostics,
    foreign: Optional[Tuple[str, str]] = None,
    rules_as_text: bool = False,
) -> None:
    """Run each command on the CIB at PATH. FOREIGN: (this machine's pcs, the target's)
    when they differ: a command the target's pcs may take and this one refuses (a rule
    in pcs 0.12's form, say) is then left to the script, with a warning, not an error.
    All of them run within PCS_TOTAL_SECONDS."""
    deadline = time.monotonic() + PCS_TOTAL_SECONDS
    items = cluster.additional_config
    for index, item in enumerate(items):
        if item.file is not None:
            continue  # it works on its own file, in the script
        command = item.accepted
        if command is None:
            if item.refusal is not None:  # checked before, unless called on its own
                diagnostics.relay(item.refusal, item.location)
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            diagnostics.error(
                "PG527", item.location, seconds=PCS_TOTAL_SECONDS, rest=len(items) - index - 1
            )
            return
        if command.kind in DESCRIPTION_COMMANDS:
            problem = _describe(path, command)
            if problem is not None:
                diagnostics.error("PG504", item.location, reason=problem)
            continue
        if rules_as_text and _location_rule(command):
            if _add_location_rule(path, command):
                continue
            if runner is None:  # no pcs here, and the caller's warning counted others
                diagnostics.warning("PG503", item.location, count=1)
        if runner is None:
            continue  # no pcs here: the caller said so
        runner.timeout = min(PCS_TIMEOUT_SECONDS, left)
        try:
            status, output = runner.run(["-f", path, *command.argv])
        except (OSError, subprocess.SubprocessError) as exc:
            diagnostics.error("PG504", item.location, reason=str(exc))
            continue
        if status != 0 and time.monotonic() >= deadline:
            # killed at the deadline, not refused
            diagnostics.error(
                "PG527", item.location, seconds=PCS_TOTAL_SECONDS, rest=len(items) - index - 1
            )
            return
        if status != 0 and foreign is not None:
            local, target = foreign
            diagnostics.warning("PG526", item.location, local=local, target=target, reason=output)
        elif status != 0:
            diagnostics.error("PG504", item.location, reason=output)
