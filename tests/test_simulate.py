"""simulate: placements and failovers from Pacemaker's scheduler (crm_simulate)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLES, need_tool, run_pcsgen

BOOK = str(SAMPLES / "haproxy-lb.xlsx")
CONF = str(SAMPLES / "corosync.conf")
PINGS = ["--attr", "lb01:ping-status=100", "--attr", "lb02:ping-status=100"]


def _simulate(tmp_path: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    need_tool("crm_simulate")
    result = run_pcsgen(["simulate", BOOK, "--corosync-conf", CONF, "--format", "json",
                         *extra], tmp_path)
    assert result.returncode == 0, result.stderr
    report: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return report


def test_placements_and_failovers_worked_out_by_hand(tmp_path: Path) -> None:
    report = _simulate(tmp_path, *PINGS)
    assert report["nodes"] == ["lb01", "lb02"]
    # lb-group prefers lb01 (200 over 100); each fence device avoids the node it fences
    assert report["placements"] == {
        "vip": ["lb01"], "haproxy": ["lb01"], "ping": ["lb01", "lb02"],
        "fence-lb01": ["lb02"], "fence-lb02": ["lb01"]}
    assert report["cannot_run"] == []
    lb01_fails = report["failovers"]["lb01"]
    assert lb01_fails["placements"] == {
        "vip": ["lb02"], "haproxy": ["lb02"], "ping": ["lb02"],
        "fence-lb01": ["lb02"], "fence-lb02": []}
    assert lb01_fails["cannot_run"] == ["fence-lb02"]
    lb02_fails = report["failovers"]["lb02"]
    assert lb02_fails["placements"] == {
        "vip": ["lb01"], "haproxy": ["lb01"], "ping": ["lb01"],
        "fence-lb01": [], "fence-lb02": ["lb01"]}


def test_the_ping_rule_keeps_the_service_off_nodes_without_the_attribute(tmp_path: Path) -> None:
    report = _simulate(tmp_path)
    assert report["placements"]["vip"] == [] and report["placements"]["haproxy"] == []
    assert report["cannot_run"] == ["haproxy", "vip"]
    one_link = _simulate(tmp_path, "--attr", "lb01:ping-status=0", "--attr",
                         "lb02:ping-status=100", "--no-failover")
    assert one_link["placements"]["vip"] == ["lb02"]  # lt 100 on lb01: -INFINITY there
    assert one_link["failovers"] == {}


def test_promotable_clone_roles(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    lab = str(SAMPLES / "dummy-lab.csv")
    result = run_pcsgen(["simulate", lab, "--corosync-conf", "", "--node", "node1", "--node",
                         "node2", "--var", "node=node2", "--format", "json"], tmp_path,
                        env={"PCSGEN_VAR_stickiness": "0"})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # stop-all-resources=true in the lab: the scheduler places nothing, and says so
    assert all(where == [] for where in report["placements"].values())


def test_text_report(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    result = run_pcsgen(["simulate", BOOK, "--corosync-conf", CONF, *PINGS], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["resource", "all", "nodes", "up", "lb01", "fails", "lb02",
                                "fails"]
    assert "vip         lb01          lb02        lb01" in lines
    assert "when lb01 fails, cannot run anywhere: fence-lb02" in lines
