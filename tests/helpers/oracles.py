"""Pacemaker's own tools as the judges of what pcsgen writes: finding them (a skip
without them, a failure in CI), crm_verify, running a script with this machine's pcs,
and comparing CIBs as Pacemaker reads them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import List

import pytest

from pcsgen.cib.canonical import canonical, parse_cib
from pcsgen.cib.diff import differences
from tests.helpers.paths import IN_CI, WORKBOOK

# crm_verify warns about node status when a CIB names nodes that have never been
# seen online; that is the state of any freshly generated CIB, not a config fault.
# (The last two are the summaries Pacemaker 2 and 3 print after warnings; any other
# warning still shows.)
STATUS_WARNINGS = (
    "lack of quorum",
    "is unclean",
    "cannot be fenced",
    "Warnings found during check",
    "Configuration invalid (with warnings)",
)


def need_tool(name: str) -> str:
    """The path of a Pacemaker tool; skip without it, except in CI, where it must exist."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


def need_reference() -> None:
    if not WORKBOOK.exists():
        if IN_CI:
            pytest.fail(f"reference workbook missing: {WORKBOOK}")
        pytest.skip("reference workbook not available")


def verify_problems(output: str) -> List[str]:
    """crm_verify's complaints, but those about node status."""
    return [
        line
        for line in output.splitlines()
        if line.strip() and not any(w in line for w in STATUS_WARNINGS)
    ]


def crm_verify(path: Path) -> None:
    tool = need_tool("crm_verify")
    result = subprocess.run(
        [tool, "--xml-file", str(path), "-V"], capture_output=True, text=True, check=False
    )
    problems = verify_problems(result.stdout + result.stderr)
    assert result.returncode == 0 or not problems, f"crm_verify rejected {path}:\n" + "\n".join(
        problems
    )
    assert not problems, "\n".join(problems)


def assert_same_cib(expected: bytes, actual: bytes) -> None:
    diff = differences(canonical(parse_cib(expected)), canonical(parse_cib(actual)))
    assert not diff, "CIBs differ:\n" + "\n".join(diff)


def run_script(script: Path, workdir: Path) -> Path:
    """Run a generated script against an empty CIB with the real pcs; return the CIB."""
    need_tool("pcs")
    need_tool("cibadmin")
    target = workdir / "built.sh"
    shutil.copy(script, target)
    result = subprocess.run(
        ["sh", str(target), "--empty"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"script failed:\n{result.stdout}\n{result.stderr}"
    return workdir / "built.xml"
