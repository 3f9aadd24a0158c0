"""The pcs of each generation, to run a generated script with: this machine's (pcs 0.11)
and the roots built beside it (pcs 0.10 ~ RHEL 8, pcs 0.12 ~ RHEL 10), run through
chroot. A root that is missing is skipped, except in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional

import pytest

from tests.conftest import IN_CI, need_tool

ROOTS = Path(os.environ.get("PCSGEN_ROOTS", "/var/cache/pcsgen-roots"))


class Generation(NamedTuple):
    target: str  # the pcsgen target whose pcs this is
    root: Optional[Path]  # None: this machine


GENERATIONS: Dict[str, Generation] = {
    "rhel8": Generation("rhel8", ROOTS / "bullseye"),
    "rhel9": Generation("rhel9", None),
    "rhel10": Generation("rhel10", ROOTS / "trixie"),
}


def need_generation(target: str) -> Generation:
    generation = GENERATIONS[target]
    if generation.root is None:
        need_tool("pcs")
        need_tool("cibadmin")
        return generation
    if not (generation.root / "usr" / "sbin" / "pcs").exists():
        if IN_CI:
            pytest.fail(f"the {target} root is required in CI: {generation.root}")
        pytest.skip(f"no {target} root at {generation.root}")
    if os.geteuid() != 0:
        pytest.skip("chroot needs root")
    return generation


def run_script_with(generation: Generation, script: Path, workdir: Path,
                    timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Run `sh SCRIPT --empty` with the generation's pcs; the CIB lands in
    workdir/built.xml."""
    if generation.root is None:
        target = workdir / "built.sh"
        shutil.copy(script, target)
        return subprocess.run(["sh", str(target), "--empty"], cwd=workdir, capture_output=True,
                              text=True, check=False, timeout=timeout)
    inside = Path("/tmp") / f"pcsgen-{uuid.uuid4().hex}"
    outside = generation.root / inside.relative_to("/")
    outside.mkdir(parents=True)
    try:
        shutil.copy(script, outside / "built.sh")
        result = subprocess.run(["chroot", str(generation.root), "sh", "-c",
                                 f"cd {inside} && sh built.sh --empty"],
                                capture_output=True, text=True, check=False, timeout=timeout,
                                env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                                     "LC_ALL": "C.UTF-8"})
        if (outside / "built.xml").exists():
            shutil.copy(outside / "built.xml", workdir / "built.xml")
        return result
    finally:
        shutil.rmtree(outside, ignore_errors=True)


def targets() -> List[str]:
    return list(GENERATIONS)
