"""The lab's power switch: a small server on the lab bridge (TCP, for the fence agents
inside the nodes) and on a socket in the lab's directory (for pcsgen on the host). It
owns the nodes' processes: `on` boots a node, `off` kills its PID 1, `reboot` is off
then on after a delay, as a real power switch would. Run as
`python3 -m pcsgen.lab.switch LAB_DIR` inside the bridge's network namespace."""

from __future__ import annotations

import json
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from typing import Dict, List, Optional, Set, Tuple

from pcsgen.lab import network, node
from pcsgen.lab.fence_lab import exchange
from pcsgen.lab.state import BRIDGE_IP, SWITCH_PORT, Lab, load_path

# A rebooted node comes back after this delay, as a real one takes a while to boot.
REBOOT_DELAY = 2.0
CONNECT_TIMEOUT = 5.0


def socket_path(lab: Lab) -> str:
    return lab.path("switch.sock")


class Switch:
    """The power state of every node, changed one command at a time."""

    def __init__(self, lab: Lab) -> None:
        self.lab = lab
        self.lock = threading.RLock()
        self.running: Dict[str, Tuple[subprocess.Popen[bytes], Optional[int]]] = {}
        self.stopping = threading.Event()
        # nodes whose next reboot leaves them off, as a machine whose cluster does not
        # start at boot: they stay out until powered on (a test plan's restore step)
        self.held: Set[str] = set()

    def event(self, action: str, name: str, origin: str) -> None:
        with open(self.lab.path("power.log"), "a", encoding="utf-8") as stream:
            stream.write(
                json.dumps({"time": time.time(), "action": action, "node": name, "origin": origin})
                + "\n"
            )

    def on(self, name: str) -> None:
        with self.lock:
            self.held.discard(name)
            if self.stopping.is_set() or self.is_on(name):
                return
            lab_node = self.lab.node(name)
            network.set_cable(self.lab, lab_node, True)
            process = node.boot(self.lab, lab_node)
            self.running[name] = (process, node.init_pid(process))

    def off(self, name: str) -> None:
        with self.lock:
            self.lab.node(name)
            entry = self.running.pop(name, None)
            if entry is not None:
                node.power_off(*entry)
            network.set_cable(self.lab, self.lab.node(name), False)

    def reboot(self, name: str) -> None:
        self.off(name)
        if name in self.held:
            return
        timer = threading.Timer(REBOOT_DELAY, self._boot_unless_held, (name,))
        timer.daemon = True
        timer.start()

    def _boot_unless_held(self, name: str) -> None:
        with self.lock:
            if name not in self.held:
                self.on(name)

    def is_on(self, name: str) -> bool:
        with self.lock:
            entry = self.running.get(name)
            if entry is not None and entry[0].poll() is not None:
                del self.running[name]  # the node ended by itself (a panic, a crash)
                entry = None
            return entry is not None

    def pids(self) -> Dict[str, Optional[int]]:
        with self.lock:
            return {
                n.name: self.running[n.name][1] if self.is_on(n.name) else None
                for n in self.lab.nodes
            }

    def handle(self, line: str, trusted: bool, origin: str) -> str:
        words = line.split()
        if not words:
            return "error empty command"
        command, names = words[0], words[1:]
        try:
            if command in ("ping", "monitor"):
                return "ok"
            if command == "list":
                return "ok " + " ".join(n.name for n in self.lab.nodes)
            if command == "status" and len(names) == 1:
                return "ok on" if self.is_on(self.lab.node(names[0]).name) else "ok off"
            if command in ("on", "off", "reboot") and len(names) == 1:
                self.event(command, names[0], origin)
                getattr(self, command)(names[0])
                return "ok"
            if trusted and command == "hold" and len(names) == 1:
                with self.lock:
                    self.held.add(self.lab.node(names[0]).name)
                return "ok"
            if trusted and command == "pids":
                return "ok " + json.dumps(self.pids())
            if trusted and command == "shutdown":
                self.stopping.set()
                for lab_node in self.lab.nodes:
                    self.off(lab_node.name)
                return "ok"
        except Exception as exc:  # the switch must answer, whatever went wrong
            return f"error {type(exc).__name__}: {exc}"
        return f"error unknown command: {line.strip()}"


def _handler(switch: Switch, trusted: bool) -> type:
    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            line = self.rfile.readline(1024).decode("utf-8", "replace")
            origin = "host" if trusted else str(self.client_address[0])
            self.wfile.write((switch.handle(line, trusted, origin) + "\n").encode("utf-8"))

    return Handler


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


def ask(lab: Lab, line: str, timeout: float = 60.0) -> str:
    """Send one command to the lab's switch from the host; its answer without `ok`."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(CONNECT_TIMEOUT)
        connection.connect(socket_path(lab))
        connection.settimeout(timeout)
        return exchange(connection, line)


def main(argv: List[str]) -> int:
    lab = load_path(argv[1])
    switch = Switch(lab)
    tcp = _TCPServer((BRIDGE_IP, SWITCH_PORT), _handler(switch, False))
    path = socket_path(lab)
    if os.path.exists(path):
        os.unlink(path)
    unix = _UnixServer(path, _handler(switch, True))
    os.chmod(path, 0o600)
    for server in (tcp, unix):
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(signum: int, frame: object) -> None:
        switch.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for lab_node in lab.nodes:
        switch.on(lab_node.name)
    with open(lab.path("switch.ready"), "w", encoding="utf-8") as stream:
        stream.write(str(os.getpid()))
    while not switch.stopping.wait(0.5):
        pass
    for lab_node in lab.nodes:
        switch.off(lab_node.name)
    tcp.server_close()
    unix.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
