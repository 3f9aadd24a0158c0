"""The lab: a real corosync + Pacemaker cluster of two nodes in namespaces, the
haproxy-lb sample pushed into it with stand-ins, a node powered off and fenced, and
nothing left behind. Needs root, Linux, corosync and Pacemaker: skipped without them,
except in CI, where their absence is a failure."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, Iterator, List, NamedTuple, Optional

import pytest
from lxml import etree

from tests.helpers import IN_CI, ROOT, SAMPLES, SHEET_PREFIX, WORKBOOK, need_reference

pytestmark = pytest.mark.lab

# one lab name per checkout: two checkouts testing on one machine must not tear down
# each other's lab (the fixture removes a leftover lab of its own name first)
NAME = "pytest-lab-" + hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
SAMPLE = str(SAMPLES / "haproxy-lb.csv")
LAB_DIR = Path("/run/pcsgen-lab") / NAME


def _unavailable() -> Optional[str]:
    if not sys.platform.startswith("linux"):
        return "not Linux"
    if os.geteuid() != 0:
        return "not root"
    from pcsgen.lab.preflight import missing_tool

    tool = missing_tool()
    return f"{tool} is not installed" if tool else None


def _need_lab() -> None:
    reason = _unavailable()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"the lab tests must run in CI: {reason}")
        pytest.skip(reason)


def pcsgen(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "pcsgen", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=str(ROOT),
    )


def in_node(node: str, *command: str) -> subprocess.CompletedProcess[str]:
    return pcsgen("lab", "exec", node, "--name", NAME, "--", *command, timeout=60)


def status(node: str) -> etree._Element:
    done = in_node(node, "crm_mon", "-1", "--output-as=xml")
    assert done.returncode == 0, done.stderr
    return etree.fromstring(done.stdout.encode("utf-8"))


def placement(node: str) -> Dict[str, List[str]]:
    """Where each resource instance is active, as NODE sees it."""
    found: Dict[str, List[str]] = {}
    for resource in status(node).iter("resource"):
        if resource.get("active") == "true":
            found.setdefault(resource.get("id", ""), []).extend(
                n.get("name", "") for n in resource.iterfind("node")
            )
    return found


def wait_for(check: Callable[[], bool], timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(1)
    raise AssertionError(f"not reached within {timeout} s")


def host_state() -> Dict[str, str]:
    """What the lab must never touch: the host's corosync.conf, Pacemaker state, links."""
    found: Dict[str, str] = {}
    for path in (Path("/etc/corosync/corosync.conf"),):
        if path.exists():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    cib = Path("/var/lib/pacemaker/cib")
    if cib.exists():
        found["cib"] = repr(sorted((p.name, p.stat().st_mtime) for p in cib.iterdir()))
    found["links"] = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
    found["netns"] = subprocess.run(["ip", "netns"], capture_output=True, text=True).stdout
    return found


def namespace_inodes() -> List[int]:
    directory = LAB_DIR / "ns"
    return [os.stat(directory / name).st_ino for name in os.listdir(directory)]


def leftovers(inodes: List[int]) -> List[str]:
    """Anything of the lab still here: processes in its namespaces, mounts, files."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.stat(f"/proc/{entry}/ns/net").st_ino in inodes:
                found.append(f"process {entry}")
            if (
                b"pcsgen.lab" in Path(f"/proc/{entry}/cmdline").read_bytes()
                and NAME.encode() in Path(f"/proc/{entry}/cmdline").read_bytes()
            ):
                found.append(f"process {entry} of the lab")
        except OSError:
            continue
    mounts = Path("/proc/self/mountinfo").read_text()
    found += [f"mount {line.split()[4]}" for line in mounts.splitlines() if str(LAB_DIR) in line]
    if LAB_DIR.exists():
        found.append(f"file {LAB_DIR}")
    return found


@pytest.fixture(scope="module")
def lab() -> Iterator[Dict[str, object]]:
    _need_lab()
    before = host_state()
    if LAB_DIR.exists():
        pcsgen("lab", "down", "--name", NAME)
    up = pcsgen("lab", "up", SAMPLE, "--name", NAME)
    facts: Dict[str, object] = {"up": up, "before": before}
    try:
        assert up.returncode == 0, up.stderr
        facts["inodes"] = namespace_inodes()
        yield facts
    finally:
        if LAB_DIR.exists():
            pcsgen("lab", "down", "--name", NAME)


def test_up_makes_a_quorate_cluster_of_the_definitions_nodes(lab: Dict[str, object]) -> None:
    up = lab["up"]
    assert isinstance(up, subprocess.CompletedProcess)
    assert "PG913" in up.stderr and "lb01, lb02" in up.stderr
    monitor = status("lb01")
    dc = monitor.find("summary/current_dc")
    assert dc is not None and dc.get("present") == "true" and dc.get("with_quorum") == "true"
    assert sorted(
        n.get("name") for n in monitor.iterfind("nodes/node") if n.get("online") == "true"
    ) == ["lb01", "lb02"]
    # the stand-ins are listed with their reasons before anything is pushed
    assert "haproxy (systemd:haproxy) runs as ocf:pcsgen-lab:Dummy" in up.stderr
    assert "fence-lb01 (stonith:fence_ipmilan) runs as stonith:fence_lab" in up.stderr
    assert "192.0.2.10" in up.stderr and "10.213.0.100" in up.stderr


def test_each_node_is_a_machine_of_its_own(lab: Dict[str, object]) -> None:
    assert in_node("lb02", "hostname").stdout.strip() == "lb02"
    processes = in_node("lb01", "ps", "-e", "-o", "pid=,comm=").stdout.split("\n")
    assert processes[0].split()[0] == "1"  # a PID namespace: the node's own PID 1
    assert any("corosync" in line for line in processes)
    assert any("pacemakerd" in line for line in processes)
    written = in_node("lb01", "sh", "-c", "echo 1 > /proc/sys/kernel/sysrq")
    assert written.returncode != 0  # /proc/sys is read-only
    addresses = in_node("lb01", "ip", "-o", "-4", "addr", "show", "eth0").stdout
    assert "10.213.0.11/24" in addresses
    assert (
        "10.213.0.11"
        not in subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True).stdout
    )
    # private /run and /etc/corosync: the node's own corosync.conf, not the host's
    conf = in_node("lb02", "cat", "/etc/corosync/corosync.conf").stdout
    assert "ring0_addr: 10.213.0.12" in conf
    assert in_node("lb01", "test", "-e", str(LAB_DIR)).returncode != 0
    assert in_node("lb01", "test", "-x", "/usr/sbin/fence_lab").returncode == 0
    assert not Path("/usr/sbin/fence_lab").exists()


def test_a_second_lab_of_the_same_name_is_refused(lab: Dict[str, object]) -> None:
    again = pcsgen("lab", "up", SAMPLE, "--name", NAME)
    assert again.returncode == 1
    assert "PG904" in again.stderr and "Traceback" not in again.stderr
    unknown = pcsgen("lab", "exec", "nosuch", "--name", NAME, "--", "true")
    assert unknown.returncode == 1 and "PG907" in unknown.stderr


def test_the_design_runs_with_stand_ins(lab: Dict[str, object]) -> None:
    pushed = pcsgen("apply", SAMPLE, "--lab", "--lab-name", NAME)
    assert pushed.returncode == 0, pushed.stderr
    assert "PG919" in pushed.stderr
    where = placement("lb01")
    # lb-group prefers lb01; the clone runs on both; each fence device avoids its target
    assert where["vip"] == ["lb01"] and where["haproxy"] == ["lb01"]
    assert sorted(where["ping"]) == ["lb01", "lb02"]
    assert where["fence-lb01"] == ["lb02"] and where["fence-lb02"] == ["lb01"]
    # the VIP is real, on the node's own interface, in the lab subnet
    assert "10.213.0.100/24" in in_node("lb01", "ip", "-o", "addr", "show", "eth0").stdout
    # the ping stand-in publishes what ping would when every target answers
    attribute = in_node(
        "lb02",
        "crm_attribute",
        "--node",
        "lb02",
        "--name",
        "ping-status",
        "--lifetime",
        "reboot",
        "--query",
        "--quiet",
    )
    assert attribute.stdout.strip() == "200"
    lab["pushed"] = True


def test_a_powered_off_node_is_fenced_and_its_resources_move(lab: Dict[str, object]) -> None:
    if not lab.get("pushed"):
        pytest.skip("the design was not pushed")
    off = pcsgen("lab", "power", "lb01", "off", "--name", NAME)
    assert off.returncode == 0, off.stderr
    moved = wait_for(
        lambda: (
            placement("lb02").get("vip") == ["lb02"]
            and placement("lb02").get("haproxy") == ["lb02"]
        ),
        90,
    )
    history = in_node("lb02", "stonith_admin", "--history", "lb01").stdout
    assert "reboot of lb01 successful" in history
    log = [json.loads(line) for line in (LAB_DIR / "power.log").read_text().splitlines()]
    # fenced through the lab network by the survivor, not by the host
    assert any(
        e["action"] == "reboot" and e["node"] == "lb01" and e["origin"] == "10.213.0.12"
        for e in log
    )
    assert "10.213.0.100/24" in in_node("lb02", "ip", "-o", "addr", "show", "eth0").stdout
    lab["moved_after"] = moved
    # the rebooted node comes back and joins; stickiness keeps the group where it is
    wait_for(
        lambda: (
            sorted(
                n.get("name")
                for n in status("lb02").iterfind("nodes/node")
                if n.get("online") == "true"
            )
            == ["lb01", "lb02"]
        ),
        90,
    )
    # the rejoined node's probes run first; the placement counts once nothing is left
    # to do (seen as an instant with vip active nowhere)
    settled = in_node("lb02", "crm_resource", "--wait", "--timeout", "60s")
    assert settled.returncode == 0, settled.stderr
    assert placement("lb02").get("vip") == ["lb02"]


def test_the_test_plan_runs_for_real_and_matches_the_simulation(
    lab: Dict[str, object], tmp_path: Path
) -> None:
    if not lab.get("pushed"):
        pytest.skip("the design was not pushed")
    book = tmp_path / "result.xlsx"
    # the active node's power cut, and a resource of the group failing: the two kinds
    # every design has; the stand-in (haproxy) fails as the real one would
    done = pcsgen(
        "test",
        "run",
        SAMPLE,
        "--lab",
        "--name",
        NAME,
        "--kind",
        "node-failure",
        "--kind",
        "monitor-failure",
        "--subject",
        "lb01",
        "--subject",
        "haproxy",
        "-o",
        str(book),
        timeout=400,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # the JSON stays, on standard output
    rows = {(row["kind"], row["subject"]): row for row in result["scenarios"]}
    assert set(rows) == {
        ("steady-state", ""),
        ("node-failure", "lb01"),
        ("monitor-failure", "haproxy"),
    }
    assert all(row["result"] == "OK" for row in rows.values()), rows
    power = rows[("node-failure", "lb01")]
    assert power["observed"]["fenced"] == ["lb01"] == power["expected"]["fenced"]
    assert power["observed"]["placements"]["vip"] == ["lb02"]
    assert power["recovery_seconds"] > 0
    assert "OFFLINE: [ lb01 ]" in power["evidence"]["crm_mon_after"]
    failed = rows[("monitor-failure", "haproxy")]
    assert (
        failed["observed"]["placements"]["haproxy"] == failed["expected"]["placements"]["haproxy"]
    )
    assert "[1/3]" in done.stderr and "PG926" in done.stderr
    # the test-plan workbook, its result columns filled for the rows that ran
    import openpyxl

    workbook = openpyxl.load_workbook(book)
    plan = workbook.worksheets[0]
    header = next(r for r in plan.iter_rows(values_only=True) if r[0] == "No.")
    filled = {
        r[0]: dict(zip(header, r))
        for r in plan.iter_rows(values_only=True)
        if isinstance(r[0], int)
    }
    assert {n: r["Result"] for n, r in filled.items() if r["Result"]} == {
        row["index"]: "OK" for row in rows.values()
    }
    assert filled[power["index"]]["Recovery (s)"] == power["recovery_seconds"]
    assert "lb02" in filled[power["index"]]["Observed in the lab"]
    evidence = {r[0]: r for r in workbook["Evidence"].iter_rows(values_only=True)}
    assert "OFFLINE: [ lb01 ]" in evidence[power["index"]][3]
    lab["test_run_seconds"] = result["seconds"]


def test_down_leaves_nothing_and_the_host_is_untouched(lab: Dict[str, object]) -> None:
    inodes = lab["inodes"]
    assert isinstance(inodes, list) and inodes
    down = pcsgen("lab", "down", "--name", NAME)
    assert down.returncode == 0, down.stderr
    assert leftovers(inodes) == []
    assert host_state() == lab["before"]
    gone = pcsgen("lab", "status", "--name", NAME)
    assert gone.returncode == 1 and "PG905" in gone.stderr


REFERENCE_DESIGN = f"{WORKBOOK}:{SHEET_PREFIX}pgsql-ipmi_RHEL9"


class Design(NamedTuple):
    """A design whose node failure and resource failure the lab runs, in a lab of its
    own (started and torn down by the run)."""

    definition: str
    options: List[str]  # what compiling it needs besides (its variables)
    node: str  # the node whose power is cut
    resource: str  # the resource made to fail its monitor
    reference: bool = False


# haproxy-lb.xlsx compiles to the CIB of haproxy-lb.csv (tests/test_samples.py), whose
# failures the module's lab runs above, and nginx-web's whole plan runs below;
# haproxy-lb-vars differs from haproxy-lb in addresses and credentials only, so it fails
# the other node and another member of the group.
# pgrex-kdump's pgsql is promotable: both of its instances fail their monitors (the
# promoted one moves the primary group).
OTHER_DESIGNS = {
    "pgsql-ipmi": Design(REFERENCE_DESIGN, [], "db01", "pgsql", reference=True),
    "pgrex-kdump": Design(
        f"{WORKBOOK}:{SHEET_PREFIX}pgrex-kdump_RHEL9", [], "db01", "pgsql", reference=True
    ),
    "haproxy-lb-vars": Design(
        str(SAMPLES / "haproxy-lb-vars.xlsx"),
        ["--vars", str(SAMPLES / "vars" / "staging.json")],
        "lb02",
        "vip",
    ),
}


@pytest.mark.parametrize("design", list(OTHER_DESIGNS.values()), ids=list(OTHER_DESIGNS))
def test_a_designs_node_and_resource_failures_match_the_simulation(design: Design) -> None:
    """Each other design: a node's power cut, and a resource (a stand-in, or a real
    IPaddr2) failing its monitor, come out in the lab as simulated."""
    _need_lab()
    if design.reference:
        need_reference()
    name = f"{NAME}-other"
    if (Path("/run/pcsgen-lab") / name).exists():
        pcsgen("lab", "down", "--name", name)
    done = pcsgen(
        "test",
        "run",
        design.definition,
        *design.options,
        "--lab",
        "--name",
        name,
        "--kind",
        "node-failure",
        "--kind",
        "monitor-failure",
        "--subject",
        design.node,
        "--subject",
        design.resource,
        timeout=400,
    )
    assert done.returncode == 0, done.stderr
    scenarios = json.loads(done.stdout)["scenarios"]
    assert all(row["result"] == "OK" for row in scenarios), scenarios
    rows = {(row["kind"], row["subject"]): row for row in scenarios}
    assert set(rows) == {
        ("steady-state", ""),
        ("node-failure", design.node),
        ("monitor-failure", design.resource),
    }
    power = rows[("node-failure", design.node)]
    assert power["observed"]["fenced"] == [design.node] == power["expected"]["fenced"]
    failed = rows[("monitor-failure", design.resource)]
    assert failed["observed"]["placements"][design.resource]
    assert power["recovery_seconds"] > 0 and failed["recovery_seconds"] > 0
    assert not (Path("/run/pcsgen-lab") / name).exists()


def test_a_sample_s_whole_test_plan_runs_for_real() -> None:
    """nginx-web's whole plan (`simulate --scenarios`): every scenario the lab can
    inject comes out as simulated, and each one it cannot says why."""
    _need_lab()
    name = f"{NAME}-plan"
    if (Path("/run/pcsgen-lab") / name).exists():
        pcsgen("lab", "down", "--name", name)
    done = pcsgen(
        "test", "run", str(SAMPLES / "nginx-web.xlsx"), "--lab", "--name", name, timeout=900
    )
    assert done.returncode == 0, done.stderr
    scenarios = json.loads(done.stdout)["scenarios"]
    results = {row["result"] for row in scenarios}
    assert results <= {"OK", "not run"}, scenarios
    ran = [row for row in scenarios if row["result"] == "OK" and row["kind"] != "steady-state"]
    assert {"node-failure", "monitor-failure"} <= {row["kind"] for row in ran}, scenarios
    assert all(row["recovery_seconds"] > 0 for row in ran), ran
    skipped = [row for row in scenarios if row["result"] == "not run"]
    assert all(row["not_run_because"] for row in skipped), skipped
    assert not (Path("/run/pcsgen-lab") / name).exists()


def test_refusals_are_messages_not_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    from pcsgen.diagnostics import PcsgenError
    from pcsgen.lab import preflight

    monkeypatch.setattr(preflight.sys, "platform", "darwin")
    with pytest.raises(PcsgenError) as not_linux:
        preflight.check()
    assert not_linux.value.diagnostics.sorted()[0].code == "PG900"
    monkeypatch.setattr(preflight.sys, "platform", "linux")
    monkeypatch.setattr(preflight.os, "geteuid", lambda: 1000)
    with pytest.raises(PcsgenError) as not_root:
        preflight.check()
    assert not_root.value.diagnostics.sorted()[0].code == "PG901"
    monkeypatch.setattr(preflight.os, "geteuid", lambda: 0)
    monkeypatch.setattr(preflight.shutil, "which", lambda tool, path=None: None)
    with pytest.raises(PcsgenError) as missing:
        preflight.check()
    assert missing.value.diagnostics.sorted()[0].code == "PG902"
    bad = pcsgen("lab", "down", "--name", "../etc")
    assert bad.returncode == 1 and "PG906" in bad.stderr and "Traceback" not in bad.stderr


def test_stand_ins_keep_ids_operations_shape_and_fencing(tmp_path: Path) -> None:
    """Without a lab: the design as the lab would run it (pure XML, no root needed)."""
    from pcsgen import api
    from pcsgen.api.options import Options
    from pcsgen.lab.config import corosync_conf
    from pcsgen.lab.standins import for_the_lab
    from pcsgen.lab.state import LabNode

    conf = tmp_path / "corosync.conf"
    conf.write_text(
        corosync_conf(
            "haproxy-lb",
            [LabNode("lb01", 1, "10.213.0.11", "lab1"), LabNode("lb02", 2, "10.213.0.12", "lab2")],
        )
    )
    compiled = api.compile_definition(SAMPLE, None, Options(corosync_conf=str(conf)))
    design = for_the_lab(compiled.cib, ["lb01", "lb02"])
    original = etree.fromstring(compiled.cib.encode("utf-8")).find("configuration")
    lab = etree.fromstring(design.configuration)
    assert original is not None
    # every resource keeps its id and place; every constraint and level is unchanged
    shape = [(e.tag, e.get("id")) for e in original.iter("group", "clone", "primitive")]
    assert [(e.tag, e.get("id")) for e in lab.iter("group", "clone", "primitive")] == shape
    for section in ("constraints", "fencing-topology", "rsc_defaults"):
        before, after = original.find(section), lab.find(section)
        assert (before is None) == (after is None)
        if before is not None and after is not None:
            assert etree.tostring(before) == etree.tostring(after)
    haproxy = lab.find(".//primitive[@id='haproxy']")
    assert haproxy is not None
    assert (haproxy.get("class"), haproxy.get("provider"), haproxy.get("type")) == (
        "ocf",
        "pcsgen-lab",
        "Dummy",
    )
    old = original.find(".//primitive[@id='haproxy']")
    assert old is not None
    for part in ("operations", "meta_attributes"):
        assert etree.tostring(haproxy.find(part)) == etree.tostring(old.find(part))
    fence = lab.find(".//primitive[@id='fence-lb01']")
    assert fence is not None and fence.get("type") == "fence_lab"
    params = {
        nv.get("name"): nv.get("value") for nv in fence.iterfind("instance_attributes/nvpair")
    }
    # what Pacemaker reads itself stays (the delay); the IPMI password script does not
    assert params["pcmk_delay_base"] == "5s" and params["pcmk_host_list"] == "lb01"
    assert "password_script" not in params and params["ipaddr"] == "10.213.0.1"
    vip = {
        nv.get("name"): nv.get("value")
        for nv in lab.iterfind(".//primitive[@id='vip']/instance_attributes/nvpair")
    }
    assert vip["ip"] == "10.213.0.100" and vip["nic"] == "eth0"
    assert [(r.id, r.old, r.new) for r in design.rewrites] == [
        ("vip", "192.0.2.10", "10.213.0.100")
    ]
    # ping: real against the bridge's ping address, or its attribute at the healthy value
    ping = lab.find(".//primitive[@id='ping']")
    assert ping is not None
    ping_params = {
        nv.get("name"): nv.get("value") for nv in ping.iterfind("instance_attributes/nvpair")
    }
    if ping.get("type") == "ping":
        assert ping_params["host_list"] == "10.213.0.2 10.213.0.2"
    else:
        assert ping_params == {"name": "ping-status", "active_value": "200", "inactive_value": "0"}
    assert lab.find(".//nvpair[@name='dc-deadtime']") is not None


def test_a_promotable_stand_in_is_the_labs_dummy() -> None:
    """The lab's Dummy in a promotable clone: promoted with the score it publishes, and
    made to fail what a scenario injects, nothing more."""
    from pcsgen.lab.standins import for_the_lab

    cib = """<cib><configuration><crm_config/><resources>
      <clone id="db-clone"><meta_attributes id="m">
        <nvpair id="m-p" name="promotable" value="true"/></meta_attributes>
        <primitive id="db" class="systemd" type="postgresql"/></clone>
      <primitive id="web" class="ocf" provider="nobody" type="NoSuchAgent"/>
    </resources><constraints/></configuration></cib>"""
    design = for_the_lab(cib, ["n1", "n2"])
    found = {s.id: (s.standin, s.reason) for s in design.standins}
    assert found == {
        "db": ("ocf:pcsgen-lab:Dummy", "PG930"),
        "web": ("ocf:pcsgen-lab:Dummy", "PG932"),
    }


def test_storage_mon_stands_in_as_its_health_attribute() -> None:
    """Without a lab: storage-mon's drives are not in the lab; its stand-in publishes the
    node health attribute the real agent sets when the drives answer."""
    need_reference()
    from pcsgen import api
    from pcsgen.api.options import Options
    from pcsgen.lab.standins import for_the_lab

    compiled = api.compile_definition(
        str(WORKBOOK), f"{SHEET_PREFIX}pgsql-ipmi_RHEL9", Options(corosync_conf=None)
    )
    design = for_the_lab(compiled.cib, ["db01", "db02"])
    lab = etree.fromstring(design.configuration)
    monitor = lab.find(".//primitive[@id='storage-mon']")
    assert monitor is not None
    assert (monitor.get("provider"), monitor.get("type")) == ("pcsgen-lab", "Dummy")
    params = {
        nv.get("name"): nv.get("value") for nv in monitor.iterfind("instance_attributes/nvpair")
    }
    assert params == {"health_attribute": "#health-storage-mon"}
    assert monitor.find("operations") is not None  # its operations are the design's
    standin = next(item for item in design.standins if item.id == "storage-mon")
    assert standin.reason == "PG934"


def test_a_definition_reaches_no_host_file_or_program_through_the_lab() -> None:
    """Without a lab: the nodes share the host's file system, so a definition is not
    trusted with a path or a program there. Dummy runs for real without its `state` file
    (the agent removes it at stop); `anything` (a program of the definition's) and an
    agent the lab does not know are stand-ins; IPaddr2 keeps only its address."""
    from pcsgen.lab.standins import for_the_lab

    def primitive(pid: str, agent: str, params: Dict[str, str]) -> str:
        kind, provider, kind_type = agent.split(":")
        pairs = "".join(
            f'<nvpair id="{pid}-{n}" name="{n}" value="{v}"/>' for n, v in params.items()
        )
        return (
            f'<primitive id="{pid}" class="{kind}" provider="{provider}" type="{kind_type}">'
            f'<instance_attributes id="{pid}-ia">{pairs}</instance_attributes></primitive>'
        )

    cib = (
        '<cib validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0">'
        "<configuration><crm_config/><nodes/><resources>"
        + primitive("d", "ocf:pacemaker:Dummy", {"state": "/etc/passwd", "fake": "1"})
        + primitive(
            "a", "ocf:heartbeat:anything", {"binfile": "/bin/rm", "cmdline_options": "-rf /"}
        )
        + primitive("s", "ocf:heartbeat:symlink", {"link": "/etc/x", "target": "/etc/passwd"})
        + primitive("v", "ocf:heartbeat:IPaddr2", {"ip": "192.0.2.10", "flush_routes": "true"})
        + "</resources><constraints/></configuration><status/></cib>"
    )
    design = for_the_lab(cib, ["n1", "n2"])
    lab = etree.fromstring(design.configuration)

    def params_of(pid: str) -> Dict[str, str]:
        return {
            nv.get("name", ""): nv.get("value", "")
            for nv in lab.iterfind(f".//primitive[@id='{pid}']/instance_attributes/nvpair")
        }

    dummy = lab.find(".//primitive[@id='d']")
    assert dummy is not None and dummy.get("provider") == "pacemaker"
    assert params_of("d") == {"fake": "1"}
    reasons = {item.id: item.reason for item in design.standins}
    assert reasons.get("a") in ("PG932", "PG937") and reasons.get("s") in ("PG932", "PG937")
    assert params_of("a") == {} and params_of("s") == {}
    assert set(params_of("v")) == {"ip", "cidr_netmask", "nic"}


# three English words in a row, outside quotes and backticks: a sentence, not a term
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")


def test_a_japanese_runs_differences_hold_no_english_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a lab: a scenario that comes out otherwise than simulated (moved elsewhere,
    stopped, fenced another node, never settled), its differences read in Japanese in the
    JSON, the result workbook and the message stopping the run, in English otherwise."""
    from pcsgen.diagnostics.messages import render
    from pcsgen.diagnostics.phrase import Joined
    from pcsgen.lab import runner, settle, testrun, workbook
    from pcsgen.simulation.crm_simulate import Action, State
    from pcsgen.simulation.scenarios import NODE_FAILURE, Injection, ScenarioResult

    lab_runner = object.__new__(runner.Runner)
    lab_runner.quiet, lab_runner.lab = 0.0, None
    observed = {"vip": ["db02"], "haproxy": [], "db": ["db01 (Promoted)"]}
    monkeypatch.setattr(lab_runner, "monitor_text", lambda: "crm_mon")
    monkeypatch.setattr(lab_runner, "placements", lambda: (observed, "db01"))
    monkeypatch.setattr(lab_runner, "inject", lambda result: lambda: None)
    monkeypatch.setattr(lab_runner, "wait_for_change", lambda before, timeout: None)
    monkeypatch.setattr(lab_runner, "fenced_since", lambda since: ["db02"])
    monkeypatch.setattr(settle, "wait_settled", lambda *args: (None, None))
    expected = {"vip": ["db01"], "haproxy": ["db01"], "db": ["db02 (Promoted)"]}
    result = ScenarioResult(
        kind=NODE_FAILURE,
        injections=[Injection(kind=NODE_FAILURE, node="db01")],
        before=expected,
        after=State(placements=expected, actions=[Action("fence", node="db01")]),
        verdict="fence",
        subject="db01",
        node="db01",
    )
    outcome = lab_runner.run(2, result, "db01")
    assert outcome.status == runner.NG and len(outcome.differences) == 5
    english = outcome.difference_texts("en")
    assert "haproxy: expected db01, observed stopped" in english
    assert "fenced: expected db01, observed db02" in english
    assert f"not settled within {int(runner.SCENARIO_TIMEOUT)} s" in english
    run = testrun.TestRun("lab", [outcome], None, 1.0, None, "ja")  # type: ignore[arg-type]
    scenarios = run.as_dict()["scenarios"]
    assert isinstance(scenarios, list)
    japanese = scenarios[0]["differences"]
    rows = workbook.observed([outcome], "ja")[2].outcome.splitlines()
    stopped = render("PG927", "ja", {"title": "t", "reason": Joined(tuple(outcome.differences))})
    # the reasons a scenario is not run read in Japanese too
    lab_runner.stonith, lab_runner.faultable = {"fence-db01"}, set()
    fence = result.__class__(
        "monitor-failure", [], expected, State(expected), "restart", "fence-db01", "db02"
    )
    ipaddr = result.__class__(
        "stop-failure", [], expected, State(expected), "fence", "vip", "db01", [], "", "IPaddr2"
    )
    monkeypatch.setattr(lab_runner, "inject", runner.Runner.inject.__get__(lab_runner))
    reasons = [lab_runner._why_not(fence), lab_runner._why_not(ipaddr)]
    assert [reason.key for reason in reasons] == ["lab_why_fence_monitor", "lab_why_real_stop"]
    not_run = [lab_runner.run(n, r, "t") for n, r in ((11, fence), (16, ipaddr))]
    assert [o.status for o in not_run] == [runner.NOT_RUN] * 2
    assert "IPaddr2 runs for real" in str(not_run[1].as_dict()["not_run_because"])
    rows += [workbook.observed(not_run, "ja")[n].outcome for n in (11, 16)]
    rows += [render("PG924", "ja", {"index": 1, "count": 2, "title": "t", "reason": reasons[0]})]
    for line in [*japanese, *rows, stopped]:
        assert not _ENGLISH_RUN.findall(re.sub(r"`[^`]*`|'[^']*'", "", line)), line
    assert any("停止" in line for line in japanese) and len(japanese) == 5
