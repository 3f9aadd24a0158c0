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
REFERENCE = Path(os.environ.get("PCSGEN_REFERENCE", ROOT.parent / "shared" / "reference"))
WORKBOOK = REFERENCE / "pm_pcsgen_sample.xlsx"
EXPECTED = REFERENCE / "expected"
SAMPLES = ROOT / "samples"
SHEET_PREFIX = "環境定義書_v1.1~"
REFERENCE_SHEETS = [f"{SHEET_PREFIX}{name}_RHEL{r}" for name in ("pgsql-ipmi", "pgrex-kdump")
                    for r in (8, 9, 10)]
IN_CI = bool(os.environ.get("CI"))

# crm_verify warns about node status when a CIB names nodes that have never been
# seen online; that is the state of any freshly generated CIB, not a config fault.
# (The last two are the summaries Pacemaker 2 and 3 print after warnings; any other
# warning still shows.)
STATUS_WARNINGS = ("lack of quorum", "is unclean", "cannot be fenced",
                   "Warnings found during check", "Configuration invalid (with warnings)")


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
    return [line for line in output.splitlines()
            if line.strip() and not any(w in line for w in STATUS_WARNINGS)]


def crm_verify(path: Path) -> None:
    tool = need_tool("crm_verify")
    result = subprocess.run([tool, "--xml-file", str(path), "-V"], capture_output=True,
                            text=True, check=False)
    problems = verify_problems(result.stdout + result.stderr)
    assert result.returncode == 0 or not problems, \
        f"crm_verify rejected {path}:\n" + "\n".join(problems)
    assert not problems, "\n".join(problems)


# --- generations: each target's own pcs and Pacemaker ----------------------------------
# This machine is one generation (Debian bookworm: rhel9); the others run from roots
# that .ci/run builds with mmdebstrap, one per Debian release (schemas/generations.json
# names them), under $PCSGEN_ROOTS (default /var/cache/pcsgen-roots).
ROOTS = Path(os.environ.get("PCSGEN_ROOTS", "/var/cache/pcsgen-roots"))
ROOT_TOOLS = ("usr/sbin/pcs", "usr/sbin/crm_verify", "usr/sbin/cibadmin")


class Generation:
    """Where a target's tools run: this machine (root None) or a root, by chroot."""

    def __init__(self, target: str, root: Optional[Path]) -> None:
        self.target = target
        self.root = root

    def run(self, command: str, files: List[Path], timeout: float = 900) -> \
            tuple[subprocess.CompletedProcess[str], Dict[str, bytes]]:
        """Run a shell command in a directory holding copies of the files; return its
        result and the files the directory then holds."""
        import tempfile

        base = None if self.root is None else self.root / "tmp"
        with tempfile.TemporaryDirectory(prefix="pcsgen-", dir=base) as directory:
            work = Path(directory)
            for path in files:
                shutil.copy(path, work / path.name)
            if self.root is None:
                argv = ["sh", "-c", command]
                cwd: Optional[Path] = work
            else:
                inside = "/" + str(work.relative_to(self.root))
                argv = ["chroot", str(self.root), "sh", "-c", f"cd {inside} && {command}"]
                cwd = None
            env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
                   "HOME": "/root" if self.root is not None else os.environ.get("HOME", "/")}
            result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                                    check=False, timeout=timeout, env=env)
            produced = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
        return result, produced

    def build(self, script: Path) -> bytes:
        """`sh NAME.sh --empty` with this generation's pcs: the CIB it builds."""
        result, produced = self.run(f"sh {script.name} --empty", [script])
        assert result.returncode == 0, \
            f"{self.target}: script failed:\n{result.stdout}\n{result.stderr}"
        return produced[script.with_suffix(".xml").name]

    def verify(self, cib: Path) -> List[str]:
        """This generation's crm_verify on a CIB: its complaints, but status ones."""
        result, _ = self.run(f"crm_verify --xml-file {cib.name} -V", [cib])
        return verify_problems(result.stdout + result.stderr)


def _root_ready(root: Path) -> bool:
    return all((root / tool).exists() for tool in ROOT_TOOLS)


def generation_of(target: str) -> Generation:
    """The tools of a target's generation (its Debian oracle, which stands for one minor
    release: see schemas/generations.json): this machine when it is that oracle, else
    its root. Skips without them (and without root privileges, which chroot needs),
    except in CI."""
    from pcsgen.generations import host_generation
    from pcsgen.generations import target as target_info

    here = host_generation()
    if here is not None and target_info(here).tested == target_info(target).tested:
        need_tool("pcs")
        need_tool("crm_verify")
        return Generation(target, None)
    codename = target_info(target).tested["debian"]
    root = ROOTS / codename
    reason = None
    if not _root_ready(root):
        reason = f"no {codename} root with pcs and Pacemaker at {root} (.ci/run builds it)"
    elif os.geteuid() != 0:
        reason = f"running the {codename} root's tools needs chroot, hence root"
    if reason is not None:
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    return Generation(target, root)


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
