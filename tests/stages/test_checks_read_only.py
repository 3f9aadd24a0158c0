"""Every check only reads the IR: run each one on every sample and reference sheet (and
pm_pcsgen's corner cases) and compare the IR before and after it. (The completion step
is where the IR changes.)"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, List, Optional, Tuple

import pytest

from pcsgen import ir
from pcsgen.compiler import check
from pcsgen.compiler.pipeline import Options, analyse
from pcsgen.diagnostics import Diagnostics
from tests.helpers import IN_CI, REFERENCE_SHEETS, SAMPLES, WORKBOOK
from tests.stages.snapshot import snapshot

PM_PCSGEN = Path(__file__).resolve().parent.parent / "data" / "pm_pcsgen"

DEFINITIONS: List[Tuple[str, Optional[str], str, Optional[str]]] = (
    [
        (str(path), None, target, str(SAMPLES / "corosync.conf"))
        for path in sorted(SAMPLES.glob("*.xlsx")) + sorted(SAMPLES.glob("*.csv"))
        for target in ("rhel8", "rhel9", "rhel10")
    ]
    + [
        (str(WORKBOOK), sheet, "rhel" + sheet.rsplit("_RHEL", 1)[1], None)
        for sheet in REFERENCE_SHEETS
    ]
    + [
        # pm_pcsgen's own corner cases: legacy properties, bundles, unknown agents ...
        (str(path), None, "rhel9", str(PM_PCSGEN / "corosync.conf"))
        for path in sorted(PM_PCSGEN.glob("*.csv"))
    ]
)


def _watched(name: str, run: check.Check, changed: List[str]) -> check.Check:
    def watch(cluster: ir.Cluster, context: check.Context, diagnostics: Diagnostics) -> None:
        before = snapshot(cluster)
        run(cluster, context, diagnostics)
        if snapshot(cluster) != before:
            changed.append(name)

    return watch


def _changed_by_checks(
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    sheet: Optional[str],
    target: str,
    corosync: Optional[str],
    extra: Tuple[Tuple[str, check.Check], ...] = (),
) -> List[str]:
    changed: List[str] = []
    watched = tuple((name, _watched(name, run, changed)) for name, run in check.CHECKS + extra)
    monkeypatch.setattr(check, "CHECKS", watched)
    # the samples with placeholders take their values from the staging file
    found = SAMPLES / "vars" / "staging.json"
    files = [str(found)] if "-vars" in Path(path).name else []
    analysis = analyse(
        path, sheet, Options(target=target, corosync_conf=corosync, vars_files=files)
    )
    assert analysis.cluster is not None, [d.code for d in analysis.diagnostics]
    return changed


@pytest.mark.parametrize(
    "path, sheet, target, corosync",
    DEFINITIONS,
    ids=[f"{Path(d[0]).name}:{d[1] or ''}:{d[2]}" for d in DEFINITIONS],
)
def test_no_check_changes_the_ir(
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    sheet: Optional[str],
    target: str,
    corosync: Optional[str],
) -> None:
    if not Path(path).exists():
        if IN_CI:
            pytest.fail(f"{path} is required in CI")
        pytest.skip(f"{path} is not available")
    assert _changed_by_checks(monkeypatch, path, sheet, target, corosync) == []


def test_a_check_that_changes_the_ir_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def renames(cluster: ir.Cluster, context: check.Context, diagnostics: Diagnostics) -> None:
        cluster.primitives()[0].operations[0].attributes["interval"] = "1s"

    found = _changed_by_checks(
        monkeypatch,
        str(SAMPLES / "haproxy-lb.csv"),
        None,
        "rhel9",
        str(SAMPLES / "corosync.conf"),
        (("renames", renames),),
    )
    assert found == ["renames"]


def test_every_check_runs_on_the_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: List[str] = []

    def counted(name: str, run: Callable[..., None]) -> check.Check:
        def count(cluster: ir.Cluster, context: check.Context, diagnostics: Diagnostics) -> None:
            ran.append(name)
            run(cluster, context, diagnostics)

        return count

    monkeypatch.setattr(check, "CHECKS", tuple((n, counted(n, r)) for n, r in check.CHECKS))
    analyse(str(SAMPLES / "haproxy-lb.csv"), None, Options(corosync_conf=None))
    assert ran == [
        "references",
        "commands",
        "agents",
        "properties",
        "semantics",
        "target",
        "pcs_words",
    ]
