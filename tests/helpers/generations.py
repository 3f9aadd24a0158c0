"""Each target's own pcs and Pacemaker, to judge what pcsgen writes for it.

This machine is one generation (Debian bookworm: rhel9); the others run from roots that
.ci/run builds with mmdebstrap, one per Debian release (schemas/generations.json names
them), under $PCSGEN_ROOTS (default /var/cache/pcsgen-roots), entered with chroot."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from tests.helpers.oracles import need_tool, verify_problems
from tests.helpers.paths import IN_CI

ROOTS = Path(os.environ.get("PCSGEN_ROOTS", "/var/cache/pcsgen-roots"))
ROOT_TOOLS = ("usr/sbin/pcs", "usr/sbin/crm_verify", "usr/sbin/cibadmin")


class Generation:
    """Where a target's tools run: this machine (root None) or a root, by chroot."""

    def __init__(self, target: str, root: Optional[Path]) -> None:
        self.target = target
        self.root = root

    def run(
        self, command: str, files: List[Path], timeout: float = 900
    ) -> Tuple[subprocess.CompletedProcess[str], Dict[str, bytes]]:
        """Run a shell command in a directory holding copies of the files; return its
        result and the files the directory then holds."""
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
            env = {
                "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                "LANG": "C.UTF-8",
                "HOME": "/root" if self.root is not None else os.environ.get("HOME", "/"),
            }
            result = subprocess.run(
                argv, cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout, env=env
            )
            produced = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
        return result, produced

    def build(self, script: Path) -> bytes:
        """`sh NAME.sh --empty` with this generation's pcs: the CIB it builds."""
        result, produced = self.run(f"sh {script.name} --empty", [script])
        assert result.returncode == 0, (
            f"{self.target}: script failed:\n{result.stdout}\n{result.stderr}"
        )
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
        need_tool("cibadmin")
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
