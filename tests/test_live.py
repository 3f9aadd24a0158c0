"""plan and apply against a CIB, through Pacemaker's own cibadmin, crm_attribute and
crm_mon: the push, plan, the epoch guard, rolling back from the backup, and secrets.

The CIB is a private file named by CIB_file: Pacemaker's tools read and write it instead
of a cluster's CIB, and so do pcsgen's plan and apply, which go through cibadmin. The
tests start no cluster and reach none. As a second guard they refuse to run at all where
a cluster is up on this machine: a tool that ignored CIB_file, or an environment that
lost it on the way, would otherwise replace that cluster's configuration."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple, Optional

import pytest
from lxml import etree

from pcsgen.cib.canonical import canonical, parse_cib
from tests.helpers import IN_CI, SAMPLES, need_tool, run_pcsgen

pytestmark = pytest.mark.live

# Where a running cluster shows itself. Module attributes, so that the tests of the
# guard can show it fake signs of a cluster without planting real ones, which every
# other test run on this machine would see too.
PROC = Path("/proc")
# Pacemaker 1 keeps its sockets here
RUN_DIRECTORIES = (Path("/run/crm"), Path("/var/run/crm"))
# The daemons of corosync and Pacemaker 2 and 3 (and the older names of Pacemaker 1),
# as /proc/PID/comm shows them: cut to 15 characters.
DAEMONS = frozenset(
    name[:15]
    for name in (
        "corosync",
        "pacemakerd",
        "pacemaker-based",
        "pacemaker-controld",
        "pacemaker-execd",
        "pacemaker-fenced",
        "pacemaker-attrd",
        "pacemaker-schedulerd",
        "cib",
        "crmd",
        "lrmd",
        "stonithd",
        "pengine",
    )
)
# The IPC sockets they listen on (abstract, or files where libqb is told to use files)
SOCKETS = frozenset(
    (
        "cib_ro",
        "cib_rw",
        "cib_shm",
        "crmd",
        "attrd",
        "stonith-ng",
        "lrmd",
        "pacemakerd",
        "pengine",
        "cpg",
        "cmap",
        "quorum",
        "votequorum",
    )
)
NODE = "node1"


def _quiet(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=120, check=False)


def _without_cib_variables() -> dict[str, str]:
    """This environment without the variables that point Pacemaker's tools at a CIB other
    than the local cluster's (CIB_shadow wins over CIB_file; CIB_server, CIB_port ...
    name a remote cluster)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CIB_")}


def running_cluster() -> Optional[str]:
    """What shows a cluster running on this machine, or None when nothing does. A
    cluster in a network namespace of its own (a `pcsgen lab` node) does not count: its
    daemons' IPC sockets are abstract, so no tool outside that namespace can reach it."""
    ours = _net_namespace(PROC / "self")
    for entry in PROC.glob("[0-9]*/comm"):
        try:
            name = entry.read_text().strip()
        except OSError:  # the process ended while we looked
            continue
        if name in DAEMONS and _net_namespace(entry.parent) in (ours, None):
            return f"process {entry.parent.name} is {name}"
    try:
        table = (PROC / "net" / "unix").read_text().splitlines()[1:]
    except OSError:
        table = []
    for line in table:
        fields = line.split()
        # the last field is the socket's path, "@name" for an abstract one; unnamed
        # sockets have no eighth field
        if len(fields) >= 8 and fields[-1].lstrip("@").rsplit("/", 1)[-1] in SOCKETS:
            return f"socket {fields[-1]} is listening"
    for directory in RUN_DIRECTORIES:
        if directory.is_dir() and any(p.is_socket() for p in directory.iterdir()):
            return f"{directory} holds sockets"
    crm_mon = shutil.which("crm_mon")
    if crm_mon is not None:
        try:
            asked = subprocess.run(
                [crm_mon, "-1"],
                capture_output=True,
                timeout=30,
                env=_without_cib_variables(),
                check=False,
            )
        except subprocess.TimeoutExpired:
            return "crm_mon -1 hung, waiting for a cluster"
        if asked.returncode == 0:
            return "crm_mon -1 reached a cluster"
    return None


def _net_namespace(process: Path) -> Optional[str]:
    """The network namespace PROCESS runs in; None when it cannot be read (it ended, or
    /proc is a fake one), which counts as ours."""
    try:
        return os.readlink(process / "ns" / "net")
    except OSError:
        return None


class PrivateCib(NamedTuple):
    path: Path
    node: str


def private_cib(directory: Path, monkeypatch: pytest.MonkeyPatch) -> PrivateCib:
    """A CIB in a file of its own, named by CIB_file for every command the test runs
    (pcsgen too: its subprocesses inherit this environment), with what a running
    single-node cluster's CIB holds beside the configuration: the node, and the
    properties the cluster maintains, which plan must neither show nor push away."""
    for tool in ("cibadmin", "crm_attribute", "crm_mon"):
        need_tool(tool)
    sign = running_cluster()
    if sign is not None:
        reason = f"a cluster is running on this machine ({sign}); the tests touch none"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    for name in list(os.environ):
        if name.startswith("CIB_"):
            monkeypatch.delenv(name)
    directory.mkdir()
    path = directory / "cib.xml"
    empty = _quiet("cibadmin", "--empty")
    assert empty.returncode == 0, empty.stderr
    path.write_text(empty.stdout)
    monkeypatch.setenv("CIB_file", str(path))
    commands = [
        ("cibadmin", "--create", "--scope", "nodes", "--xml-text", f'<node id="1" uname="{NODE}"/>')
    ]
    for name, value in (
        ("dc-version", "2.1.5-2.1.5"),
        ("cluster-infrastructure", "corosync"),
        ("cluster-name", "pcsgen-test"),
        ("have-watchdog", "false"),
    ):
        commands.append(
            ("crm_attribute", "--type", "crm_config", "--name", name, "--update", value)
        )
    for command in commands:
        result = _quiet(*command)
        assert result.returncode == 0, f"{command}: {result.stderr}"
    # the tools wrote this file: they honour CIB_file here
    written = etree.fromstring(path.read_bytes())
    assert written.find(f"configuration/nodes/node[@uname='{NODE}']") is not None
    return PrivateCib(path, NODE)


@pytest.fixture
def cib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PrivateCib:
    return private_cib(tmp_path / "cib", monkeypatch)


def _fake_proc(tmp_path: Path) -> Path:
    proc = tmp_path / "proc"
    (proc / "1").mkdir(parents=True)
    (proc / "1" / "comm").write_text("init\n")
    (proc / "net").mkdir()
    (proc / "net" / "unix").write_text(
        "Num       RefCount Protocol Flags    Type St Inode Path\n"
        "0000000000000000: 00000002 00000000 00010000 0001 01 4242 @dbus-system\n"
        "0000000000000000: 00000003 00000000 00000000 0001 03 4243\n"
    )
    return proc


def test_a_cluster_in_its_own_network_namespace_is_out_of_reach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lab node's daemons are not this machine's cluster; the same daemon in this
    network namespace is."""
    proc = _fake_proc(tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PROC", proc)
    monkeypatch.setattr(sys.modules[__name__], "RUN_DIRECTORIES", (tmp_path / "run-crm",))
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no crm_mon to ask
    for pid, namespace in (("self", "net:[4026531840]"), ("4321", "net:[4026532999]")):
        (proc / pid / "ns").mkdir(parents=True)
        (proc / pid / "ns" / "net").symlink_to(namespace)
    (proc / "4321" / "comm").write_text("pacemakerd\n")
    assert running_cluster() is None
    (proc / "4321" / "ns" / "net").unlink()
    (proc / "4321" / "ns" / "net").symlink_to("net:[4026531840]")
    assert running_cluster() == "process 4321 is pacemakerd"


@pytest.mark.parametrize("sign", ["process", "abstract socket", "run directory", "crm_mon"])
def test_a_running_cluster_makes_the_tests_refuse(
    sign: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_tool("cibadmin")
    need_tool("crm_attribute")
    need_tool("crm_mon")
    if running_cluster() is not None:
        reason = "a cluster is running here: no fake sign could make a difference"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    proc = _fake_proc(tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PROC", proc)
    monkeypatch.setattr(sys.modules[__name__], "RUN_DIRECTORIES", (tmp_path / "run-crm",))
    # without a sign the guard lets the tests run
    assert running_cluster() is None
    if sign == "process":
        (proc / "4321").mkdir()
        (proc / "4321" / "comm").write_text("pacemakerd\n")
        expected = "process 4321 is pacemakerd"
    elif sign == "abstract socket":
        with open(proc / "net" / "unix", "a") as table:
            table.write("0000000000000000: 00000002 00000000 00010000 0001 01 4244 @cib_rw\n")
        expected = "socket @cib_rw is listening"
    elif sign == "run directory":
        import socket

        (tmp_path / "run-crm").mkdir()
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(tmp_path / "run-crm" / "cib_rw"))
        listener.close()  # the file stays, as a crashed daemon's does
        expected = "run-crm holds sockets"
    else:
        fake = tmp_path / "bin"
        fake.mkdir()
        (fake / "crm_mon").write_text("#!/bin/sh\nexit 0\n")
        (fake / "crm_mon").chmod(0o755)
        monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
        expected = "crm_mon -1 reached a cluster"
    with pytest.raises((pytest.skip.Exception, pytest.fail.Exception)) as refused:
        private_cib(tmp_path / "cib", monkeypatch)
    assert expected in str(refused.value)
    assert not (tmp_path / "cib").exists()  # refused before writing or running anything


def _live_configuration() -> dict:  # type: ignore[type-arg]
    cib = parse_cib(subprocess.run(["cibadmin", "--query"], capture_output=True, check=True).stdout)
    form = canonical(cib)
    for key in (
        "dc-version",
        "cluster-infrastructure",
        "cluster-name",
        "have-watchdog",
        "last-lrm-refresh",
    ):
        form["crm_config"].pop(key, None)
    form.pop("nodes")
    return form


def _lab(tmp_path: Path, stickiness: str = "100") -> Path:
    text = (SAMPLES / "dummy-lab.csv").read_text("utf-8")
    path = tmp_path / "lab.csv"
    path.write_text(
        text.replace(",,stickiness,100,", f",,stickiness,{stickiness},"), encoding="utf-8"
    )
    return path


def test_plan_without_a_cluster_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if running_cluster() is not None:
        pytest.skip("a cluster is running here")
    for name in list(os.environ):
        if name.startswith("CIB_"):  # plan would read that CIB instead
            monkeypatch.delenv(name)
    result = run_pcsgen(["plan", str(SAMPLES / "dummy-lab.csv"), "--corosync-conf", ""], tmp_path)
    assert result.returncode == 1
    assert "PG802" in result.stderr or "PG801" in result.stderr
    assert "Traceback" not in result.stderr


def test_apply_plan_guard_and_rollback(cib: PrivateCib, tmp_path: Path) -> None:
    node = ["--var", f"node={cib.node}", "--corosync-conf", ""]
    before = _live_configuration()
    _lab(tmp_path)

    applied = run_pcsgen(["apply", "lab.csv", "--yes", "--backup", "before.xml", *node], tmp_path)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "Roll back with: pcsgen apply before.xml --yes" in applied.stdout
    assert b'id="web-group"' in cib.path.read_bytes()  # pushed to the file CIB_file names
    monitor = etree.fromstring(
        subprocess.run(["crm_mon", "-1", "--output-as=xml"], capture_output=True, check=True).stdout
    )
    resources = monitor.find("resources")
    assert resources is not None
    assert {e.get("id") for e in resources} == {"web-group", "health-clone", "db-clone"}
    assert {e.get("id") for e in resources.iter("resource")} == {
        "web-ip",
        "web-server",
        "health",
        "db",
    }
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
    assert report["changes"] == [
        {
            "change": "changed",
            "path": ["rsc_defaults", "resource-stickiness"],
            "old": "100",
            "new": "300",
        }
    ]

    # the live CIB moves on between plan and apply: apply refuses and pushes nothing
    assert (
        _quiet(
            "crm_attribute", "--type", "crm_config", "--name", "batch-limit", "--update", "7"
        ).returncode
        == 0
    )
    refused = run_pcsgen(
        ["apply", "lab.csv", "--yes", "--plan-epoch", report["epoch"], *node], tmp_path
    )
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


def test_plan_and_apply_never_print_a_secret(cib: PrivateCib, tmp_path: Path) -> None:
    node = ["--var", f"node={cib.node}", "--corosync-conf", ""]
    lab = (
        (SAMPLES / "dummy-lab.csv")
        .read_text("utf-8")
        .replace(",,,Primitive,,db,,,\n", ",,,Primitive,,db,,,\n,,Stonith,,,fence-lab,,,\n")
    )
    assert "fence-lab" in lab
    first, second = "first-secret-pw", "second-secret-pw"
    definition = tmp_path / "fenced.csv"
    definition.write_text(lab + FENCE_DEVICE.format(password=first), encoding="utf-8")
    applied = run_pcsgen(["apply", "fenced.csv", "--yes", "--backup", "start.xml", *node], tmp_path)
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
    assert changes == [
        {
            "change": "changed",
            "secret": True,
            "path": ["resources", "fence-lab", "instance", "password"],
        }
    ]
    changed = run_pcsgen(
        ["apply", "fenced.csv", "--yes", "--backup", "before-change.xml", *node], tmp_path
    )
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
