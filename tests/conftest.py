"""Shared fixtures: the reference material, Pacemaker's own tools as oracles."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from pcsgen.cluster.canonical import canonical, differences, parse_cib

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
WORKBOOK = REFERENCE / "pm_pcsgen_sample.xlsx"
EXPECTED = REFERENCE / "expected"
SAMPLES = ROOT / "samples"
SHEET_PREFIX = "環境定義書_v1.1~"
REFERENCE_SHEETS = [f"{SHEET_PREFIX}{name}_RHEL{r}" for name in ("pgsql-ipmi", "pgrex-kdump")
                    for r in (8, 9, 10)]
IN_CI = bool(os.environ.get("CI"))

# crm_verify warns about node status when a CIB names nodes that have never been
# seen online; that is the state of any freshly generated CIB, not a config fault.
STATUS_WARNINGS = ("lack of quorum", "is unclean", "cannot be fenced",
                   "Warnings found during check")


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


def crm_verify(path: Path) -> None:
    tool = need_tool("crm_verify")
    result = subprocess.run([tool, "--xml-file", str(path), "-V"], capture_output=True,
                            text=True, check=False)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if line.strip() and not any(w in line for w in STATUS_WARNINGS)]
    assert result.returncode == 0 or not problems, \
        f"crm_verify rejected {path}:\n" + "\n".join(problems)
    assert not problems, "\n".join(problems)


def assert_same_cib(expected: bytes, actual: bytes) -> None:
    diff = differences(canonical(parse_cib(expected)), canonical(parse_cib(actual)))
    assert not diff, "CIBs differ:\n" + "\n".join(diff)


def sheet_rows(sheet: str) -> List[List[str]]:
    """The sheet as Excel's CSV export holds it."""
    import openpyxl

    from pcsgen.compiler.read.xlsx_reader import cell_text

    book = openpyxl.load_workbook(WORKBOOK, read_only=True, data_only=True)
    try:
        return [[cell_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def csv_bytes(rows: List[List[str]], encoding: str, newline: str = "\r\n") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding)


def run_pcsgen(args: List[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> \
        subprocess.CompletedProcess[str]:
    environment = dict(os.environ, PCSGEN_CACHE_DIR=str(cwd / ".cache"))
    environment.pop("LANG", None)
    environment.pop("LC_ALL", None)
    if env:
        environment.update(env)
    import sys

    return subprocess.run([sys.executable, "-m", "pcsgen", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, check=False)


def run_script(script: Path, workdir: Path) -> Path:
    """Run a generated script against an empty CIB with the real pcs; return the CIB."""
    need_tool("pcs")
    need_tool("cibadmin")
    target = workdir / "built.sh"
    shutil.copy(script, target)
    result = subprocess.run(["sh", str(target), "--empty"], cwd=workdir, capture_output=True,
                            text=True, check=False, timeout=600)
    assert result.returncode == 0, f"script failed:\n{result.stdout}\n{result.stderr}"
    return workdir / "built.xml"
