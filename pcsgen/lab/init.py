"""A lab node's PID 1: makes the node's private file system (its own /run, /dev/shm,
Pacemaker and corosync directories, the lab's fence agent on /usr/sbin, no
sysrq-trigger, a read-only /proc/sys), starts corosync then Pacemaker, reaps every
orphan, and stops the cluster on SIGTERM. Run as `python3 -m pcsgen.lab.init NODE_DIR`
inside the node's namespaces; only the standard library, as it starts at every boot."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Dict, List, Optional

_stopping = False


def _mount(*arguments: str) -> None:
    subprocess.run(["mount", *arguments], check=True)


def _prepare(config: Dict[str, object]) -> None:
    _mount("--make-rprivate", "/")
    _mount("-t", "proc", "proc", "/proc")
    binds = config["binds"]
    assert isinstance(binds, list)
    for source, target in binds:
        _mount("--bind", source, target)
    _mount("-t", "overlay", "overlay", "-o", f"lowerdir={config['sbin']}:/usr/sbin", "/usr/sbin")
    _mount(
        "-t",
        "overlay",
        "overlay",
        "-o",
        f"lowerdir={config['ocf']}:/usr/lib/ocf/resource.d",
        "/usr/lib/ocf/resource.d",
    )
    _mount("-t", "tmpfs", "-o", "mode=755,nosuid,nodev", "tmpfs", "/run")
    _mount("-t", "tmpfs", "-o", "mode=1777,nosuid,nodev", "tmpfs", "/dev/shm")
    # Pacemaker's panic path writes here and would crash the machine, not the node.
    if os.path.exists("/proc/sysrq-trigger"):
        _mount("--bind", "/dev/null", "/proc/sysrq-trigger")
    _mount("--bind", "/proc/sys", "/proc/sys")
    _mount("-o", "remount,bind,ro", "/proc/sys")
    for directory in ("/run/crm", "/run/resource-agents", "/run/corosync"):
        os.makedirs(directory, exist_ok=True)
    socket.sethostname(str(config["name"]))
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    subprocess.run(["ip", "link", "set", "eth0", "up"], check=True)


def _start(command: List[str], env: Dict[str, str]) -> "subprocess.Popen[bytes]":
    return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)


def _corosync_ready(env: Dict[str, str]) -> bool:
    done = subprocess.run(
        ["corosync-cmapctl", "-g", "runtime.votequorum.this_node_id"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return done.returncode == 0


def _on_term(signum: int, frame: object) -> None:
    global _stopping
    _stopping = True


def _reap_until(deadline: Optional[float], wanted: "List[subprocess.Popen[bytes]]") -> None:
    """Reap every exited child (orphans of the node included) until DEADLINE, or until
    the WANTED processes have all exited."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            for process in wanted:
                if process.pid == pid and process.returncode is None:
                    process.returncode = (
                        os.waitstatus_to_exitcode(status)
                        if hasattr(os, "waitstatus_to_exitcode")
                        else status
                    )
            continue
        if wanted and all(p.returncode is not None for p in wanted):
            return
        if deadline is not None and time.monotonic() > deadline:
            return
        if deadline is None and _stopping:
            return
        time.sleep(0.1)


def main(argv: List[str]) -> int:
    node_dir = argv[1]
    with open(os.path.join(node_dir, "node.json"), encoding="utf-8") as stream:
        config = json.load(stream)
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGINT, _on_term)
    _prepare(config)
    env = {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": "C.UTF-8",
        "PCMK_logfile": "/var/log/pacemaker/pacemaker.log",
        "PCMK_logfacility": "none",
        "PCMK_logpriority": "info",
        "HA_LOGFACILITY": "none",
    }
    corosync = _start(["corosync", "-f"], env)
    deadline = time.monotonic() + 30
    while not _corosync_ready(env):
        if corosync.poll() is not None or time.monotonic() > deadline or _stopping:
            print(f"{config['name']}: corosync did not start", file=sys.stderr)
            return 1
        time.sleep(0.2)
    pacemaker = _start(["pacemakerd"], env)
    _reap_until(None, [])
    # SIGTERM: a clean shutdown, as `pcs cluster stop` does.
    pacemaker.send_signal(signal.SIGTERM)
    _reap_until(time.monotonic() + 60, [pacemaker])
    corosync.send_signal(signal.SIGTERM)
    _reap_until(time.monotonic() + 20, [corosync])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
