"""Against a real single-node cluster (Debian's corosync and pacemaker, on loopback, as
root, with stop-all-resources=true so that no agent touches the machine): apply, plan,
the epoch guard, and rolling back from the backup."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Iterator, List

import pytest
from lxml import etree

from pcsgen.cluster.canonical import canonical, parse_cib
from tests.conftest import IN_CI, SAMPLES, need_tool, run_pcsgen

COROSYNC_CONF = """\
totem {
    version: 2
    cluster_name: pcsgen-test
    crypto_cipher: none
    crypto_hash: none
}
nodelist {
    node {
        name: node1
        nodeid: 1
        ring0_addr: 127.0.0.1
    }
}
quorum {
    provider: corosync_votequorum
}
logging {
    to_stderr: yes
    to_syslog: no
}
"""


def _quiet(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=120,
                          check=False)


def _has_quorate_dc() -> bool:
    result = _quiet("crm_mon", "-1", "--output-as=xml")
    if result.returncode != 0:
        return False
    try:
        dc = etree.fromstring(result.stdout.encode()).find("summary/current_dc")
    except etree.XMLSyntaxError:
        return False
    return dc is not None and dc.get("present") == "true" and dc.get("with_quorum") == "true"


def _stop(process: subprocess.Popen[bytes], seconds: int) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    for tool in ("corosync", "pacemakerd", "cibadmin", "crm_mon", "crm_attribute"):
        need_tool(tool)
    if os.geteuid() != 0:
        if IN_CI:
            pytest.fail("the live-cluster tests run as root in CI")
        pytest.skip("a cluster needs root")
    started: List[subprocess.Popen[bytes]] = []
    logs = tmp_path_factory.mktemp("cluster")
    try:
        if _quiet("crm_mon", "-1").returncode != 0:
            conf = logs / "corosync.conf"
            conf.write_text(COROSYNC_CONF)
            with open(logs / "corosync.log", "wb") as log:
                started.append(subprocess.Popen(["corosync", "-f", "-c", str(conf)],
                                                stdout=log, stderr=subprocess.STDOUT))
            time.sleep(2)
            with open(logs / "pacemaker.log", "wb") as log:
                started.insert(0, subprocess.Popen(["pacemakerd", "-f"], stdout=log,
                                                   stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 180
        while not _has_quorate_dc():
            if time.monotonic() > deadline:
                pytest.fail("the test cluster did not elect a DC in time")
            time.sleep(2)
        assert _quiet("cibadmin", "--erase", "--force").returncode == 0
        for name, value in (("stop-all-resources", "true"), ("stonith-enabled", "false")):
            assert _quiet("crm_attribute", "--type", "crm_config", "--name", name,
                          "--update", value).returncode == 0
        node = _quiet("crm_node", "-n").stdout.strip() or "node1"
        yield node
    finally:
        _quiet("cibadmin", "--erase", "--force")
        for process in started:  # pacemaker first, then corosync
            _stop(process, 90)


def _live_configuration() -> dict:  # type: ignore[type-arg]
    cib = parse_cib(subprocess.run(["cibadmin", "--query"], capture_output=True,
                                   check=True).stdout)
    form = canonical(cib)
    for key in ("dc-version", "cluster-infrastructure", "cluster-name", "have-watchdog",
                "last-lrm-refresh"):
        form["crm_config"].pop(key, None)
    form.pop("nodes")
    return form


def _lab(tmp_path: Path, stickiness: str = "100") -> Path:
    text = (SAMPLES / "dummy-lab.csv").read_text("utf-8")
    path = tmp_path / "lab.csv"
    path.write_text(text.replace(",,stickiness,100,", f",,stickiness,{stickiness},"),
                    encoding="utf-8")
    return path


def test_plan_without_a_cluster_is_a_clear_error(tmp_path: Path) -> None:
    if shutil.which("cibadmin") is not None and _quiet("cibadmin", "--query").returncode == 0:
        pytest.skip("a cluster is running here")
    result = run_pcsgen(["plan", str(SAMPLES / "dummy-lab.csv"), "--corosync-conf", ""],
                        tmp_path)
    assert result.returncode == 1
    assert "PG802" in result.stderr or "PG801" in result.stderr
    assert "Traceback" not in result.stderr


def test_apply_plan_guard_and_rollback(cluster: str, tmp_path: Path) -> None:
    node = ["--var", f"node={cluster}", "--corosync-conf", ""]
    before = _live_configuration()
    _lab(tmp_path)

    applied = run_pcsgen(["apply", "lab.csv", "--yes", "--backup", "before.xml", *node],
                         tmp_path)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "Roll back with: pcsgen apply before.xml --yes" in applied.stdout
    monitor = etree.fromstring(subprocess.run(["crm_mon", "-1", "--output-as=xml"],
                                              capture_output=True, check=True).stdout)
    resources = monitor.find("resources")
    assert resources is not None
    assert {e.get("id") for e in resources} == {"web-group", "health-clone", "db-clone"}
    assert {e.get("id") for e in resources.iter("resource")} == \
        {"web-ip", "web-server", "health", "db"}
    assert all(e.get("role") == "Stopped" for e in resources.iter("resource"))
    compiled = run_pcsgen(["lab.csv", *node, "--xml", "lab.xml", "--sh", "lab.sh"], tmp_path)
    assert compiled.returncode in (0, 2), compiled.stderr
    ours = canonical(parse_cib((tmp_path / "lab.xml").read_bytes()))
    live = _live_configuration()
    for section in ("resources", "constraints", "rsc_defaults"):
        assert live[section] == ours[section], section
    unchanged = run_pcsgen(["plan", "lab.csv", *node], tmp_path)
    assert "No changes" in unchanged.stdout, unchanged.stdout

    _lab(tmp_path, stickiness="300")
    plan = run_pcsgen(["plan", "lab.csv", "--format", "json", *node], tmp_path)
    assert plan.returncode == 0, plan.stderr
    import json

    report = json.loads(plan.stdout)
    assert report["changes"] == [{"change": "changed",
                                  "path": ["rsc_defaults", "resource-stickiness"],
                                  "old": "100", "new": "300"}]

    # the live CIB moves on between plan and apply: apply refuses and pushes nothing
    assert _quiet("crm_attribute", "--type", "crm_config", "--name", "batch-limit",
                  "--update", "7").returncode == 0
    refused = run_pcsgen(["apply", "lab.csv", "--yes", "--plan-epoch", report["epoch"], *node],
                         tmp_path)
    assert refused.returncode == 1 and "PG803" in refused.stderr
    assert _live_configuration()["rsc_defaults"] == {"resource-stickiness": "100"}

    # without --yes and without a terminal, nothing is pushed
    unconfirmed = run_pcsgen(["apply", "lab.csv", *node], tmp_path)
    assert unconfirmed.returncode == 1
    assert _live_configuration()["rsc_defaults"] == {"resource-stickiness": "100"}

    # the backup taken by the first apply restores the state before it
    restored = run_pcsgen(["apply", "before.xml", "--yes", "--backup", "after.xml"], tmp_path)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert _live_configuration() == before


FENCE_DEVICE = """\
,STONITH,,,,,,,
,P,id,type,,,,,
,,fence-lab,fence_ipmilan,,,,,
,A,type,name,value,,,,
,,options,pcmk_host_list,{{{{ node }}}},,,,
,,,ip,192.0.2.1,,,,
,,,username,admin,,,,
,,,password,{password},,,,
,O,type,timeout,interval,on-fail,role,start-delay,
,,monitor,20s,3600s,,,,
"""


def test_plan_and_apply_never_print_a_secret(cluster: str, tmp_path: Path) -> None:
    node = ["--var", f"node={cluster}", "--corosync-conf", ""]
    lab = (SAMPLES / "dummy-lab.csv").read_text("utf-8").replace(
        ",,,Primitive,,db,,,\n", ",,,Primitive,,db,,,\n,,Stonith,,,fence-lab,,,\n")
    assert "fence-lab" in lab
    first, second = "first-secret-pw", "second-secret-pw"
    definition = tmp_path / "fenced.csv"
    definition.write_text(lab + FENCE_DEVICE.format(password=first), encoding="utf-8")
    applied = run_pcsgen(["apply", "fenced.csv", "--yes", "--backup", "start.xml", *node],
                         tmp_path)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert first not in applied.stdout + applied.stderr
    live = subprocess.run(["cibadmin", "--query"], capture_output=True, check=True).stdout
    assert first.encode() in live  # pushed for real, only never shown

    definition.write_text(lab + FENCE_DEVICE.format(password=second), encoding="utf-8")
    plan = run_pcsgen(["plan", "fenced.csv", *node], tmp_path)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    assert "resources/fence-lab/instance/password: (secret) changed" in plan.stdout
    as_json = run_pcsgen(["plan", "fenced.csv", "--format", "json", *node], tmp_path)
    import json

    changes = json.loads(as_json.stdout)["changes"]
    assert changes == [{"change": "changed", "secret": True,
                        "path": ["resources", "fence-lab", "instance", "password"]}]
    changed = run_pcsgen(["apply", "fenced.csv", "--yes", "--backup", "before-change.xml",
                          *node], tmp_path)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "(secret) changed" in changed.stdout
    revealed = run_pcsgen(["plan", "before-change.xml", "--show-secrets"], tmp_path)
    assert f"'{second}' -> '{first}'" in revealed.stdout
    for output in (plan, as_json, changed):
        assert first not in output.stdout + output.stderr
        assert second not in output.stdout + output.stderr
    backup = tmp_path / "before-change.xml"
    assert first.encode() in backup.read_bytes()  # the backup must restore the real value
    assert backup.stat().st_mode & 0o777 == 0o600
    restored = run_pcsgen(["apply", "start.xml", "--yes", "--backup", "end.xml"], tmp_path)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert first not in restored.stdout + restored.stderr
