"""simulate: placements and failovers from Pacemaker's scheduler (crm_simulate)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import SAMPLES, need_tool, run_pcsgen

BOOK = str(SAMPLES / "haproxy-lb.xlsx")
CONF = str(SAMPLES / "corosync.conf")
PINGS = ["--attr", "lb01:ping-status=100", "--attr", "lb02:ping-status=100"]


def _simulate(tmp_path: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    need_tool("crm_simulate")
    result = run_pcsgen(
        ["simulate", BOOK, "--corosync-conf", CONF, "--format", "json", *extra], tmp_path
    )
    assert result.returncode == 0, result.stderr
    report: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return report


def test_placements_and_failovers_worked_out_by_hand(tmp_path: Path) -> None:
    report = _simulate(tmp_path, *PINGS)
    assert report["nodes"] == ["lb01", "lb02"]
    # lb-group prefers lb01 (200 over 100); each fence device avoids the node it fences
    assert report["placements"] == {
        "vip": ["lb01"],
        "haproxy": ["lb01"],
        "ping": ["lb01", "lb02"],
        "fence-lb01": ["lb02"],
        "fence-lb02": ["lb01"],
    }
    assert report["cannot_run"] == []
    lb01_fails = report["failovers"]["lb01"]
    assert lb01_fails["placements"] == {
        "vip": ["lb02"],
        "haproxy": ["lb02"],
        "ping": ["lb02"],
        "fence-lb01": ["lb02"],
        "fence-lb02": [],
    }
    assert lb01_fails["cannot_run"] == ["fence-lb02"]
    lb02_fails = report["failovers"]["lb02"]
    assert lb02_fails["placements"] == {
        "vip": ["lb01"],
        "haproxy": ["lb01"],
        "ping": ["lb01"],
        "fence-lb01": [],
        "fence-lb02": ["lb01"],
    }


def test_the_ping_clone_gives_the_healthy_attribute_without_attr(tmp_path: Path) -> None:
    report = _simulate(tmp_path)
    # ping publishes ping-status = multiplier (100) x hosts (2) on every node it runs on
    assert report["steady_state"]["attributes"] == {
        "lb01": {"ping-status": "200"},
        "lb02": {"ping-status": "200"},
    }
    assert report["steady_state"]["reached"] is True
    assert report["placements"]["vip"] == ["lb01"] and report["cannot_run"] == []
    one_link = _simulate(tmp_path, "--attr", "lb01:ping-status=0", "--no-failover")
    assert one_link["placements"]["vip"] == ["lb02"]  # lt 100 on lb01: -INFINITY there
    assert one_link["failovers"] == {}


def test_an_unreachable_steady_state_is_reported_first(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    result = run_pcsgen(
        [
            "simulate",
            BOOK,
            "--corosync-conf",
            CONF,
            "--attr",
            "lb01:ping-status=0",
            "--attr",
            "lb02:ping-status=0",
        ],
        tmp_path,
    )
    assert result.returncode == 2, result.stderr
    assert "PG826" in result.stderr and "haproxy, vip" in result.stderr
    assert result.stdout.splitlines()[0].startswith("STEADY STATE NOT REACHED")
    assert "cannot run anywhere: haproxy, vip" in result.stdout


def test_promotable_clone_roles(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    lab = str(SAMPLES / "dummy-lab.csv")
    result = run_pcsgen(
        [
            "simulate",
            lab,
            "--corosync-conf",
            "",
            "--node",
            "node1",
            "--node",
            "node2",
            "--var",
            "node=node2",
            "--format",
            "json",
        ],
        tmp_path,
        env={"PCSGEN_VAR_stickiness": "0"},
    )
    # stop-all-resources=true in the lab: the scheduler places nothing, and says so
    assert result.returncode == 2 and "PG826" in result.stderr, result.stderr
    report = json.loads(result.stdout)
    assert all(where == [] for where in report["placements"].values())


def test_text_report(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    result = run_pcsgen(["simulate", BOOK, "--corosync-conf", CONF, *PINGS], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["resource", "all", "nodes", "up", "lb01", "fails", "lb02", "fails"]
    assert "vip         lb01          lb02        lb01" in lines
    assert "when lb01 fails, cannot run anywhere: fence-lb02" in lines


# --- failure scenarios: the outcomes one works out by hand -----------------------------------
#
# haproxy-lb is the HAProxy load balancer of the OSC2021 talk: lb-group (vip, haproxy)
# prefers lb01, a ping clone publishes ping-status, migration-threshold=1, stops fence
# on failure, IPMI fencing. nginx-web keeps the default migration-threshold (a failure is
# restarted where it happens) and puts a node whose address fails in standby.

WEB = str(SAMPLES / "nginx-web.xlsx")


def _event(tmp_path: Path, *extra: str, book: str = BOOK, conf: str = CONF) -> dict:  # type: ignore[type-arg]
    need_tool("crm_simulate")
    result = run_pcsgen(
        ["simulate", book, "--corosync-conf", conf, "--format", "json", "--no-failover", *extra],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return report


def _did(report: dict, **wanted: str) -> bool:  # type: ignore[type-arg]
    return any(all(action.get(k) == v for k, v in wanted.items()) for action in report["actions"])


def test_haproxy_failing_moves_the_group_because_of_migration_threshold(tmp_path: Path) -> None:
    report = _event(tmp_path, "--fail", "haproxy")
    assert report["event"]["inject"] == [
        {
            "kind": "monitor-failure",
            "node": "lb01",
            "resource": "haproxy",
            "action": "monitor",
            "rc": 7,
            "interval": "10s",
        }
    ]
    assert report["placements"]["haproxy"] == ["lb02"] and report["placements"]["vip"] == ["lb02"]
    assert _did(report, action="recover", resource="haproxy", node="lb01", target="lb02")
    assert _did(report, action="move", resource="vip", node="lb01", target="lb02")
    assert not _did(report, action="fence")
    assert report["event"]["verdict"] == "move" and report["event"]["destination"] == ["lb02"]
    # the steady state stays in the report
    assert report["steady_state"]["placements"]["haproxy"] == ["lb01"]


def test_ping_lost_on_lb01_moves_the_group(tmp_path: Path) -> None:
    for option in (["--attr-change", "lb01:ping-status=0"], ["--attr-unset", "lb01:ping-status"]):
        report = _event(tmp_path, *option)
        assert report["placements"]["vip"] == ["lb02"], option
        assert report["placements"]["haproxy"] == ["lb02"], option
        assert report["placements"]["ping"] == ["lb01", "lb02"]  # ping itself keeps running
        assert _did(report, action="move", resource="haproxy", node="lb01", target="lb02")


def test_lb01_failing_is_fenced_and_the_group_moves(tmp_path: Path) -> None:
    report = _simulate(tmp_path)
    lb01 = report["failovers"]["lb01"]
    assert {"action": "fence", "node": "lb01"}.items() <= lb01["actions"][0].items()
    assert lb01["placements"]["vip"] == ["lb02"] and lb01["placements"]["haproxy"] == ["lb02"]


def test_a_stop_failure_with_on_fail_fence_fences_the_node(tmp_path: Path) -> None:
    report = _event(tmp_path, "--fail", "haproxy:stop")
    assert report["event"]["fenced"] == ["lb01"] and report["event"]["verdict"] == "fence"
    assert _did(report, action="fence", node="lb01")
    assert report["placements"]["haproxy"] == ["lb02"]
    # lb01's fencing device ran on lb01's peer; lb02's ran on lb01 and is lost with it
    assert report["cannot_run"] == ["fence-lb02"]


def test_a_start_failure_moves_the_resource_away(tmp_path: Path) -> None:
    report = _event(tmp_path, "--fail", "vip:start@lb01")
    assert report["event"]["inject"][0]["kind"] == "start-failure"
    assert report["placements"]["vip"] == ["lb02"] and report["placements"]["haproxy"] == ["lb02"]


def test_default_migration_threshold_restarts_in_place(tmp_path: Path) -> None:
    report = _event(tmp_path, "--fail", "nginx", book=WEB, conf="")
    assert report["event"]["verdict"] == "restart"
    assert report["actions"] == [{"action": "recover", "resource": "nginx", "node": "web01"}]
    assert report["placements"] == report["steady_state"]["placements"]
    assert report["steady_state"]["attributes"]["web01"] == {"pingd": "1"}  # ping's defaults


def test_on_fail_standby_empties_the_node(tmp_path: Path) -> None:
    report = _event(tmp_path, "--fail", "web-vip", book=WEB, conf="")
    assert report["event"]["standby"] == ["web01"]
    everywhere = [node for where in report["placements"].values() for node in where]
    assert "web01" not in everywhere
    assert report["placements"]["web-vip"] == ["web02"] and report["placements"]["nginx"] == [
        "web02"
    ]
    assert _did(report, action="stop", resource="ping", node="web01")


def _cib_with(tmp_path: Path, change: str) -> str:
    """The sample's CIB with one change made by hand (sed-like: 'old=>new')."""
    result = run_pcsgen(
        [BOOK, "--corosync-conf", CONF, "--xml", "lb.xml", "--sh", "lb.sh"], tmp_path
    )
    assert result.returncode in (0, 2), result.stderr
    old, new = change.split("=>")
    text = (tmp_path / "lb.xml").read_text()
    assert old in text
    (tmp_path / "changed.xml").write_text(text.replace(old, new))
    return str(tmp_path / "changed.xml")


MONITOR = 'id="haproxy-monitor-interval-10s"'


def test_on_fail_block_leaves_the_resource_failed_and_unmanaged(tmp_path: Path) -> None:
    cib = _cib_with(tmp_path, f'on-fail="restart" {MONITOR}=>on-fail="block" {MONITOR}')
    report = _event(tmp_path, "--fail", "haproxy", book=cib)
    assert report["event"]["verdict"] == "block" and report["event"]["blocked"] == ["haproxy"]
    assert report["placements"]["haproxy"] == ["lb01"]
    assert all(action.get("blocked") for action in report["actions"])


def test_on_fail_ignore_changes_nothing(tmp_path: Path) -> None:
    cib = _cib_with(tmp_path, f'on-fail="restart" {MONITOR}=>on-fail="ignore" {MONITOR}')
    report = _event(tmp_path, "--fail", "haproxy", book=cib)
    assert report["event"]["verdict"] == "ignore" and report["actions"] == []
    assert report["placements"] == report["steady_state"]["placements"]


def test_on_fail_fence_on_a_monitor_fences(tmp_path: Path) -> None:
    cib = _cib_with(tmp_path, f'on-fail="restart" {MONITOR}=>on-fail="fence" {MONITOR}')
    report = _event(tmp_path, "--fail", "haproxy", book=cib)
    assert report["event"]["fenced"] == ["lb01"]
    assert report["placements"]["haproxy"] == ["lb02"]


def test_a_rule_attribute_nothing_publishes_is_reported(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    cib = _cib_with(tmp_path, 'attribute="ping-status"=>attribute="uplink"')
    result = run_pcsgen(["simulate", cib, "--format", "json"], tmp_path)
    assert result.returncode == 2, result.stderr
    assert "PG827" in result.stderr and "uplink" in result.stderr
    report = json.loads(result.stdout)
    assert report["steady_state"]["reached"] is False
    assert report["steady_state"]["missing_attributes"] == {"uplink": ["lb01", "lb02"]}
    given = run_pcsgen(
        [
            "simulate",
            cib,
            "--format",
            "json",
            "--attr",
            "lb01:uplink=100",
            "--attr",
            "lb02:uplink=100",
        ],
        tmp_path,
    )
    assert given.returncode == 0, given.stderr
    assert json.loads(given.stdout)["steady_state"]["reached"] is True


def test_promoted_and_unpromoted_instances_fail_through_their_own_monitors(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    lab = (SAMPLES / "dummy-lab.csv").read_text("utf-8")
    (tmp_path / "lab.csv").write_text(
        lab.replace("stop-all-resources,true", "stop-all-resources,false"), "utf-8"
    )
    result = run_pcsgen(
        [
            "simulate",
            "lab.csv",
            "--corosync-conf",
            "",
            "--node",
            "node1",
            "--node",
            "node2",
            "--scenarios",
            "--no-failover",
            "--format",
            "json",
        ],
        tmp_path,
    )
    assert result.returncode == 2, result.stderr  # stonith-enabled=false: a warning
    report = json.loads(result.stdout)
    assert report["placements"]["db"] == ["node1 (Promoted)", "node2 (Unpromoted)"]
    db = [s for s in report["scenarios"] if s["kind"] == "monitor-failure" and s["subject"] == "db"]
    assert [(s["node"], s["inject"][0]["interval"]) for s in db] == [
        ("node1", "10s"),
        ("node2", "11s"),
    ]
    assert {"action": "recover", "resource": "db", "node": "node1", "role": "Promoted"} in db[0][
        "actions"
    ]
    # no fencing: a failed stop leaves the resource blocked where it is
    stops = {s["subject"]: s for s in report["scenarios"] if s["kind"] == "stop-failure"}
    assert stops["web-server"]["verdict"] == "block"


def test_bad_requests_are_refused_plainly(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    for extra, code in (
        (["--fail", "lb-group"], "PG823"),
        (["--fail", "vip@lb02"], "PG824"),
        (["--fail", "vip:reload"], "PG820"),
        (["--fail", "nope"], "PG822"),
        (["--attr-unset", "lb01"], "PG821"),
        (["--attr-change", "lb03:x=1"], "PG829"),
    ):
        result = run_pcsgen(["simulate", BOOK, "--corosync-conf", CONF, *extra], tmp_path)
        assert result.returncode == 1, extra
        assert code in result.stderr and "Traceback" not in result.stderr, extra
        assert result.stdout == ""


def test_a_primitive_without_a_monitor_fails_unnoticed(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    cib = _cib_with(
        tmp_path, 'interval="10s" on-fail="restart" ' + MONITOR + '=>interval="0s" ' + MONITOR
    )
    refused = run_pcsgen(["simulate", cib, "--fail", "haproxy"], tmp_path)
    assert refused.returncode == 1 and "PG828" in refused.stderr
    result = run_pcsgen(["simulate", cib, "--scenarios", "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    haproxy = next(
        s
        for s in report["scenarios"]
        if s["kind"] == "monitor-failure" and s["subject"] == "haproxy"
    )
    assert haproxy["verdict"] == "undetected" and haproxy["inject"] == []
    assert haproxy["placements"] == report["steady_state"]["placements"]
    # no crm_simulate run for it: one fewer than the rows
    assert report["crm_simulate_runs"] == len(report["scenarios"]) - 1


def test_the_nodes_simulated_when_none_are_listed() -> None:
    """Neither --node nor the CIB's <nodes>: the nodes its location constraints and
    fencing levels name, numbered; the node attributes asked for, the last one winning."""
    from lxml import etree

    from pcsgen.simulation.simulate import attribute_values, named_nodes, node_list

    cib = etree.fromstring(
        "<cib><configuration><nodes/><constraints>"
        "<rsc_location id='l1' rsc='a' node='n2' score='100'/>"
        "<rsc_location id='l2' rsc='a' score='100'><rule id='r'/></rsc_location>"
        "</constraints><fencing-topology>"
        "<fencing-level id='f' index='1' target='n1' devices='d'/>"
        "</fencing-topology></configuration></cib>"
    )
    assert named_nodes(cib) == ["n1", "n2"]
    assert node_list(cib, []) == [("n1", "1"), ("n2", "2")]
    assert node_list(cib, ["x"]) == [("x", "1")]
    assert node_list(cib, [], ["y"]) == [("y", "1")]
    assert attribute_values(["n1:a=1", "n1:a=2", "n2:b=3"]) == {"n1": {"a": "2"}, "n2": {"b": "3"}}


def test_scenarios_injecting_the_same_event_share_one_run(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    from typing import List, Tuple

    from lxml import etree

    from pcsgen.api import load_configuration
    from pcsgen.api.options import Options
    from pcsgen.simulation.crm_simulate import run, with_status
    from pcsgen.simulation.runs import run_jobs
    from pcsgen.simulation.scenarios import NODE_FAILURE, Injection, Job
    from pcsgen.simulation.simulate import node_list

    configuration = load_configuration(BOOK, Options(corosync_conf=CONF))
    base, placed = tmp_path / "base.xml", tmp_path / "placed.xml"
    healthy = {"lb01": {"ping-status": "200"}, "lb02": {"ping-status": "200"}}
    etree.ElementTree(with_status(configuration, node_list(configuration, []), healthy)).write(
        str(base)
    )
    run(str(base), ["--save-output", str(placed)])
    same = [Job(NODE_FAILURE, [Injection(NODE_FAILURE, "lb01")], "lb01", "lb01") for _ in range(3)]
    other = Job(NODE_FAILURE, [Injection(NODE_FAILURE, "lb02")], "lb02", "lb02")
    told: List[Tuple[int, int]] = []
    runs = run_jobs(
        same + [other],
        str(placed),
        str(tmp_path),
        progress=lambda done, count: told.append((done, count)),
    )
    assert runs == 2
    assert sorted(told) == [(1, 2), (2, 2)]
    assert all(job.outcome is not None and job.outcome.fenced == ["lb01"] for job in same)
    assert other.outcome is not None and other.outcome.fenced == ["lb02"]


def test_progress_is_shown_when_asked_and_not_otherwise(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    base = ["simulate", BOOK, "--corosync-conf", CONF, "--scenarios", "--format", "json"]
    shown = run_pcsgen(base + ["--progress"], tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = [
        line
        for line in shown.stderr.splitlines()
        if "PG936" in line or "simulating scenario" in line
    ]
    runs = json.loads(shown.stdout)["crm_simulate_runs"]
    # the last line counts every scenario's run (the steady state's is not one of them)
    assert lines and lines[-1].startswith(f"pcsgen: simulating scenario {runs - 1} of {runs - 1} (")
    quiet = run_pcsgen(base, tmp_path)  # stderr is not a terminal here
    assert "simulating scenario" not in quiet.stderr


def test_a_simulation_stopped_at_its_deadline_leaves_no_file_in_pacemaker_s_directory(
    tmp_path: Path,
) -> None:
    """crm_simulate works on a copy named shadow.PID in the shadow directory, which is
    Pacemaker's own (/var/lib/pacemaker/cib) unless told: stopped at the deadline, it
    leaves that copy behind. pcsgen points it at its private directory."""
    need_tool("crm_simulate")
    import pytest
    from lxml import etree

    from pcsgen.diagnostics import PcsgenError
    from pcsgen.simulation.crm_simulate import run, with_status

    host = Path("/var/lib/pacemaker/cib")
    before = set(host.glob("shadow.*")) if host.is_dir() else set()
    primitives = "".join(
        f'<primitive id="d{i}" class="ocf" provider="pacemaker" type="Dummy"/>' for i in range(400)
    )
    cib = etree.fromstring(
        '<cib validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0">'
        '<configuration><crm_config><cluster_property_set id="o"><nvpair id="o-s" '
        'name="stonith-enabled" value="false"/></cluster_property_set></crm_config>'
        f"<nodes/><resources>{primitives}</resources><constraints/></configuration>"
        "</cib>"
    )
    path = tmp_path / "base.xml"
    etree.ElementTree(with_status(cib, [("n1", "1"), ("n2", "2")], {})).write(str(path))
    with pytest.raises(PcsgenError) as stopped:
        run(str(path), [], timeout=0.3)
    assert stopped.value.diagnostic.code == "PG833"
    assert list(tmp_path.glob("shadow.*")), "the copy was not in pcsgen's directory"
    after = set(host.glob("shadow.*")) if host.is_dir() else set()
    assert after <= before, sorted(after - before)
