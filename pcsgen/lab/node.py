"""A lab node's life: its private directories made once, then booted (a PID 1 of its own
in new PID, mount, UTS and IPC namespaces, inside the node's network namespace) and
powered off (SIGKILL of that PID 1, which ends every process of the node)."""

from __future__ import annotations

import grp
import json
import os
import pwd
import signal
import subprocess
import time
from typing import List, Optional

from pcsgen.lab import config
from pcsgen.lab.network import namespace_file
from pcsgen.lab.state import Lab, LabNode

# The node's private copies, as (directory of the node, directory they hide inside it).
PRIVATE = (
    ("var-lib-pacemaker", "/var/lib/pacemaker"),
    ("var-lib-corosync", "/var/lib/corosync"),
    ("etc-corosync", "/etc/corosync"),
    ("var-log", "/var/log"),
)


def _owned(path: str, mode: int, user: str = "hacluster", group: str = "haclient") -> None:
    os.makedirs(path, exist_ok=True)
    os.chown(path, pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid)
    os.chmod(path, mode)


def prepare(lab: Lab, node: LabNode, cluster_name: str) -> None:
    """The node's disk: empty Pacemaker and corosync state, its corosync.conf, the seed
    CIB; none of it read from the host's own."""
    root = lab.node_directory(node.name)
    for own, _ in PRIVATE:
        os.makedirs(os.path.join(root, own), exist_ok=True)
    pacemaker = os.path.join(root, "var-lib-pacemaker")
    _owned(pacemaker, 0o755)
    for sub in ("cib", "pengine", "blackbox", "cores"):
        _owned(os.path.join(pacemaker, sub), 0o750)
    cib = os.path.join(pacemaker, "cib", "cib.xml")
    with open(cib, "w", encoding="utf-8") as stream:
        stream.write(config.seed_cib(lab.nodes))
    os.chown(cib, pwd.getpwnam("hacluster").pw_uid, grp.getgrnam("haclient").gr_gid)
    os.chmod(cib, 0o600)
    os.makedirs(os.path.join(root, "etc-corosync", "uidgid.d"), exist_ok=True)
    with open(os.path.join(root, "etc-corosync", "corosync.conf"), "w", encoding="utf-8") as stream:
        stream.write(config.corosync_conf(cluster_name, lab.nodes))
    logs = os.path.join(root, "var-log")
    os.makedirs(os.path.join(logs, "cluster"), exist_ok=True)
    _owned(os.path.join(logs, "pacemaker"), 0o770)
    with open(os.path.join(root, "node.json"), "w", encoding="utf-8") as stream:
        json.dump(
            {
                "name": node.name,
                "sbin": lab.path("sbin"),
                "ocf": lab.path("ocf"),
                "binds": [[os.path.join(root, own), target] for own, target in PRIVATE],
            },
            stream,
        )


def boot(lab: Lab, node: LabNode) -> subprocess.Popen[bytes]:
    """Start the node: the process returned is `unshare`, whose only child is the node's
    PID 1; it exits when the node ends."""
    root = lab.node_directory(node.name)
    env = {
        "PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
        "PYTHONPATH": lab.pythonpath,
        "LANG": "C.UTF-8",
    }
    with open(os.path.join(root, "console.log"), "ab") as console:
        return subprocess.Popen(
            [
                "nsenter",
                f"--net={namespace_file(lab, node.name)}",
                "unshare",
                "--pid",
                "--fork",
                "--mount",
                "--uts",
                "--ipc",
                "--propagation",
                "private",
                lab.python,
                "-m",
                "pcsgen.lab.init",
                root,
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=console,
            start_new_session=True,
            cwd="/",
        )


def init_pid(process: subprocess.Popen[bytes], timeout: float = 10.0) -> Optional[int]:
    """The host's PID of the node's PID 1 (the child of `unshare`)."""
    deadline = time.monotonic() + timeout
    path = f"/proc/{process.pid}/task/{process.pid}/children"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None
        try:
            with open(path, encoding="ascii") as stream:
                children: List[str] = stream.read().split()
        except OSError:
            children = []
        if children:
            return int(children[0])
        time.sleep(0.02)
    return None


def power_off(process: subprocess.Popen[bytes], pid: Optional[int]) -> None:
    """Pull the plug: PID 1 killed, the kernel kills the rest of the node with it."""
    if pid is not None:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
