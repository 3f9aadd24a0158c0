"""A lab's life on the host: `up` (directories, network, power switch, nodes booted,
cluster quorate with a DC), `down` (nothing left: no process, namespace, mount or file),
and what runs in between: a command inside a node, the cluster's status as a node sees
it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence

from lxml import etree

from pcsgen.diagnostics import PcsgenError
from pcsgen.lab import network, node, preflight, switch
from pcsgen.lab.config import STANDIN_PROVIDER
from pcsgen.lab.state import ROOT, Lab, LabNode, check_name, lab_directory, node_ip, save

UP_TIMEOUT = 120.0
MAX_NODES = 8


class Started(NamedTuple):
    lab: Lab
    quorate_after: float
    dc_after: float


def _package_root() -> str:
    import pcsgen

    return os.path.dirname(os.path.dirname(os.path.abspath(pcsgen.__file__)))


def switch_alive(name: str) -> bool:
    try:
        with open(os.path.join(lab_directory(name), "switch.pid"), encoding="ascii") as stream:
            pid = int(stream.read().strip())
    except (OSError, ValueError):
        return False
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            return b"pcsgen.lab.switch" in stream.read()
    except OSError:
        return False


def up(
    name: str,
    node_names: Sequence[str],
    cluster_name: str,
    definition: Optional[str] = None,
    progress: Callable[[str], None] = lambda line: None,
) -> Started:
    """Start a lab of NODE_NAMES; torn down again when anything fails on the way."""
    preflight.check()
    check_name(name)
    if not 1 <= len(node_names) <= MAX_NODES:
        raise PcsgenError("PG915", None, count=len(node_names), limit=MAX_NODES)
    directory = lab_directory(name)
    if os.path.exists(directory):
        if switch_alive(name):
            raise PcsgenError("PG904", None, name=name)
        down(name)  # what a lab killed from outside left behind
    started = time.monotonic()
    os.makedirs(ROOT, mode=0o755, exist_ok=True)
    os.makedirs(directory, mode=0o700)
    lab = Lab(
        name,
        [LabNode(n, i + 1, node_ip(i), f"lab{i + 1}") for i, n in enumerate(node_names)],
        definition,
        sys.executable,
        _package_root(),
    )
    try:
        _build(lab, cluster_name)
        progress("switch")
        quorate, dc = wait_settled(lab, UP_TIMEOUT, started)
    except BaseException:
        down(name)
        raise
    return Started(lab, quorate, dc)


def _build(lab: Lab, cluster_name: str) -> None:
    save(lab)
    sbin = lab.path("sbin")
    os.makedirs(sbin)
    agent = os.path.join(sbin, "fence_lab")
    source = os.path.join(os.path.dirname(__file__), "fence_lab.py")
    with open(source, encoding="utf-8") as stream:
        body = stream.read()
    with open(agent, "w", encoding="utf-8") as stream:
        # the controller runs it as hacluster, who cannot reach an interpreter under /root
        interpreter = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else lab.python
        stream.write(f"#!{interpreter}\n{body}")
    os.chmod(agent, 0o755)
    provider = lab.path("ocf", STANDIN_PROVIDER)
    os.makedirs(provider)
    standin = os.path.join(provider, "Dummy")
    with open(os.path.join(os.path.dirname(__file__), "ocf_lab.py"), encoding="utf-8") as stream:
        body = stream.read()
    with open(standin, "w", encoding="utf-8") as stream:
        stream.write(f"#!{interpreter}\n{body}")
    os.chmod(standin, 0o755)
    try:
        network.make_bridge(lab)
        for lab_node in lab.nodes:
            network.make_node_network(lab, lab_node)
            node.prepare(lab, lab_node, cluster_name)
    except OSError as exc:
        raise PcsgenError("PG908", None, reason=str(exc), log=lab.directory) from None
    with open(lab.path("switch.log"), "ab") as log:
        process = subprocess.Popen(
            network.in_namespace(
                network.namespace_file(lab, "bridge"),
                [lab.python, "-m", "pcsgen.lab.switch", lab.directory],
            ),
            env={**os.environ, "PYTHONPATH": lab.pythonpath},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            cwd="/",
        )
    with open(lab.path("switch.pid"), "w", encoding="ascii") as stream:
        stream.write(str(process.pid))
    deadline = time.monotonic() + 60
    while not os.path.exists(lab.path("switch.ready")):
        if process.poll() is not None or time.monotonic() > deadline:
            raise PcsgenError(
                "PG908", None, reason="the power switch did not start", log=lab.path("switch.log")
            )
        time.sleep(0.1)


def pids(lab: Lab) -> Dict[str, Optional[int]]:
    import json

    try:
        found = json.loads(switch.ask(lab, "pids"))
    except (OSError, ValueError) as exc:
        raise PcsgenError("PG910", None, reason=str(exc)) from None
    return {str(k): (int(v) if v is not None else None) for k, v in found.items()}


def node_command(lab: Lab, name: str, command: Sequence[str]) -> List[str]:
    """COMMAND as run inside node NAME (every namespace of the node)."""
    lab.node(name)
    pid = pids(lab).get(name)
    if pid is None:
        raise PcsgenError("PG916", None, node=name)
    return ["nsenter", "-t", str(pid), "-m", "-u", "-i", "-n", "-p", "--", *command]


def run_in(
    lab: Lab, name: str, command: Sequence[str], timeout: float = 60.0, check: bool = False
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        node_command(lab, name, command),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        cwd="/",
    )
    if check and done.returncode != 0:
        raise PcsgenError(
            "PG917",
            None,
            node=name,
            command=" ".join(command),
            reason=(done.stderr or done.stdout).strip()[-400:],
        )
    return done


def running_nodes(lab: Lab) -> List[str]:
    return [name for name, pid in pids(lab).items() if pid is not None]


def cluster_xml(lab: Lab, name: Optional[str] = None) -> Optional[etree._Element]:
    """crm_mon's XML as a running node (NAME, or any) sees the cluster; None if none can."""
    for candidate in [name] if name else running_nodes(lab):
        try:
            done = run_in(lab, candidate or "", ["crm_mon", "-1", "--output-as=xml"], 30)
        except (PcsgenError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0 and done.stdout.strip():
            try:
                return etree.fromstring(done.stdout.encode("utf-8"))
            except etree.XMLSyntaxError:
                continue
    return None


def wait_settled(lab: Lab, timeout: float, started: float) -> tuple[float, float]:
    """Wait until every node is online, the cluster quorate and a DC elected; seconds
    from STARTED to quorum and to the DC."""
    quorate: Optional[float] = None
    deadline = started + timeout
    while time.monotonic() < deadline:
        if not running_nodes(lab) and time.monotonic() > started + 5:
            consoles = [lab.path("nodes", n.name, "console.log") for n in lab.nodes]
            raise PcsgenError("PG908", None, reason="no node is running", log=", ".join(consoles))
        if quorate is None and _corosync_quorate(lab):
            quorate = time.monotonic() - started
        status = cluster_xml(lab)
        if status is not None:
            summary = status.find("summary/current_dc")
            online = [n for n in status.iterfind("nodes/node") if n.get("online") == "true"]
            if summary is not None and summary.get("with_quorum") == "true" and quorate is None:
                quorate = time.monotonic() - started
            if (
                summary is not None
                and summary.get("present") == "true"
                and summary.get("with_quorum") == "true"
                and len(online) == len(lab.nodes)
            ):
                return (
                    quorate if quorate is not None else time.monotonic() - started,
                    time.monotonic() - started,
                )
        time.sleep(0.5)
    raise PcsgenError("PG909", None, seconds=int(timeout), log=lab.directory)


def _corosync_quorate(lab: Lab) -> bool:
    """Corosync's own word (Pacemaker may not answer yet)."""
    for name in running_nodes(lab)[:1]:
        try:
            done = run_in(lab, name, ["corosync-quorumtool", "-s"], 10)
        except (PcsgenError, subprocess.TimeoutExpired):
            return False
        return any(line.split() == ["Quorate:", "Yes"] for line in done.stdout.splitlines())
    return False


def lab_processes(inodes: Sequence[int]) -> List[int]:
    """The PIDs of every process in one of the network namespaces INODES."""
    found = []
    wanted = set(inodes)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.stat(f"/proc/{entry}/ns/net").st_ino in wanted:
                found.append(int(entry))
        except OSError:
            continue
    return found


def namespace_inodes(lab: Lab) -> List[int]:
    inodes = []
    for path in network.namespace_files(lab):
        try:
            inode = os.stat(path).st_ino
        except OSError:
            continue
        # an unmounted file is the placeholder, not a namespace
        if os.path.ismount(path) or _is_nsfs(path):
            inodes.append(inode)
    return inodes


def _is_nsfs(path: str) -> bool:
    with open("/proc/self/mountinfo", encoding="utf-8") as stream:
        return any(line.split()[4] == path for line in stream)


def down(name: str) -> None:
    """Stop the lab NAME and remove every trace of it; quiet when there is none."""
    directory = lab_directory(name)
    if not os.path.exists(directory):
        raise PcsgenError("PG905", None, name=name)
    from pcsgen.lab.state import load

    try:
        lab: Optional[Lab] = load(name)
    except PcsgenError:
        lab = None
    if lab is not None:
        inodes = namespace_inodes(lab)
        if switch_alive(name):
            try:
                switch.ask(lab, "shutdown", timeout=60)
            except OSError:
                pass
        _stop_switch(name)
        for _ in range(50):
            left = lab_processes(inodes)
            if not left:
                break
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        network.release(lab)
    _unmount_under(directory)
    shutil.rmtree(directory, ignore_errors=True)
    try:
        os.rmdir(ROOT)
    except OSError:
        pass


def _stop_switch(name: str) -> None:
    try:
        with open(os.path.join(lab_directory(name), "switch.pid"), encoding="ascii") as stream:
            pid = int(stream.read().strip())
    except (OSError, ValueError):
        return
    for sig, wait in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        if not switch_alive(name):
            return
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and switch_alive(name):
            time.sleep(0.1)


def _unmount_under(directory: str) -> None:
    with open("/proc/self/mountinfo", encoding="utf-8") as stream:
        targets = [line.split()[4] for line in stream]
    for target in sorted((t for t in targets if t.startswith(directory + "/")), reverse=True):
        subprocess.run(
            ["umount", "-l", target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
