"""A real browser for the tests: headless Chromium driven over the DevTools protocol with
the standard library only. It loads a page and reports what a user's browser would
show and complain about: console errors, uncaught exceptions, every request made."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]
TIMEOUT_SECONDS = 60


def find_chromium() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, client-masked."""

    def __init__(self, url: str) -> None:
        rest = url.split("://", 1)[1]
        hostport, _, path = rest.partition("/")
        host, _, port = hostport.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=TIMEOUT_SECONDS)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the browser closed the connection")
            response += chunk
        head, _, self.buffer = response.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(head.decode("latin-1"))

    def _read(self, count: int) -> bytes:
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("the browser closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytearray([0x81])
        if len(payload) < 126:
            header.append(0x80 | len(payload))
        elif len(payload) < 1 << 16:
            header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + len(payload).to_bytes(8, "big")
        mask = os.urandom(4)
        self.sock.sendall(
            bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        )

    def receive(self) -> str:
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("the browser closed the connection")
            if opcode in (0x9, 0xA):
                continue  # ping / pong: nothing the protocol needs here
            message += payload
            if first & 0x80:
                return message.decode()

    def close(self) -> None:
        self.sock.close()


class Visit(NamedTuple):
    console_errors: List[str]
    exceptions: List[str]
    requests: List[str]  # every URL the page asked for, itself included
    screenshot: bytes
    results: Dict[str, Any]  # name -> value of each expression asked for


class _DevTools:
    def __init__(self, url: str) -> None:
        self.socket = WebSocket(url)
        self.next_id = 0
        self.events: List[Dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> Dict[str, Any]:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: Dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(json.loads(self.socket.receive()))


def _port(directory: str, process: subprocess.Popen[bytes]) -> int:
    marker = Path(directory) / "DevToolsActivePort"
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if marker.exists():
            lines = marker.read_text().split()
            if lines:
                return int(lines[0])
        if process.poll() is not None:
            raise RuntimeError("chromium exited before it listened")
        time.sleep(0.05)
    raise TimeoutError("chromium did not start")


def visit(page: Path, expressions: Dict[str, str], width: int = 1280, height: int = 1600) -> Visit:
    """Open PAGE in headless Chromium, evaluate EXPRESSIONS (JavaScript) once it has
    loaded, take a screenshot of the viewport, and report what went wrong."""
    browser = find_chromium()
    if browser is None:
        raise FileNotFoundError("chromium")
    with tempfile.TemporaryDirectory(prefix="pcsgen-chromium-") as profile:
        process = subprocess.Popen(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            port = _port(profile, process)
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT_SECONDS
            ) as response:
                targets = json.load(response)
            target = next(t for t in targets if t.get("type") == "page")
            tools = _DevTools(target["webSocketDebuggerUrl"])
            for domain in ("Runtime", "Log", "Network", "Page"):
                tools.call(f"{domain}.enable")
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            tools.events.clear()
            tools.call("Page.navigate", url=page.resolve().as_uri())
            tools.wait_for("Page.loadEventFired", TIMEOUT_SECONDS)
            time.sleep(0.5)  # late console messages, if any
            results = {}
            for name, expression in expressions.items():
                answer = tools.call("Runtime.evaluate", expression=expression, returnByValue=True)
                if "exceptionDetails" in answer:
                    raise RuntimeError(f"{name}: {answer['exceptionDetails']}")
                results[name] = answer["result"].get("value")
            shot = tools.call("Page.captureScreenshot", format="png")
            events = tools.events
            console = [
                json.dumps(e["params"].get("args"), ensure_ascii=False)
                for e in events
                if e.get("method") == "Runtime.consoleAPICalled"
                and e["params"].get("type") in ("error", "assert")
            ]
            console += [
                e["params"]["entry"].get("text", "")
                for e in events
                if e.get("method") == "Log.entryAdded"
                and e["params"]["entry"].get("level") == "error"
            ]
            exceptions = [
                json.dumps(e["params"]["exceptionDetails"], ensure_ascii=False)
                for e in events
                if e.get("method") == "Runtime.exceptionThrown"
            ]
            requests = [
                e["params"]["request"]["url"]
                for e in events
                if e.get("method") == "Network.requestWillBeSent"
            ]
            try:
                tools.call("Browser.close")
            except (ConnectionError, OSError):
                pass
            tools.socket.close()
            return Visit(console, exceptions, requests, base64.b64decode(shot["data"]), results)
        finally:
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
