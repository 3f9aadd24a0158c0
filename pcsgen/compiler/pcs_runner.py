"""Run many pcs commands fast: pcs spends most of each run importing itself, so one
helper process (pcs's own interpreter) imports it once and forks a child per command.
Each child runs pcs's own entry point exactly as `pcs ARGS...` would, with its own
stdout and stderr; the caller sees an exit status and the output, as from a
subprocess. Without the helper (no pcs entry point found, or the helper dies), the
caller runs pcs as a plain subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from typing import List, NamedTuple, Optional

# Runs inside pcs's interpreter: loads pcs's console entry point once, then serves
# one request (a JSON line: argv, timeout) at a time.
_HELPER = r'''
import json, os, signal, sys, tempfile, time
from importlib.metadata import distribution
main = next(e for e in distribution("pcs").entry_points
            if e.group == "console_scripts" and e.name == "pcs").load()
channel = os.fdopen(os.dup(1), "w")
sys.stdout.flush()
channel.write("ready\n")
channel.flush()
for line in sys.stdin:
    request = json.loads(line)
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        sys.argv = ["pcs"] + request["argv"]
        code = 1
        try:
            code = main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        except BaseException:
            import traceback
            traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
    deadline = time.monotonic() + request["timeout"]
    status = None
    while status is None:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(raw)
        elif time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = -9
        else:
            time.sleep(0.002)
    out.seek(0)
    err.seek(0)
    channel.write(json.dumps({"rc": status,
                              "out": out.read().decode("utf-8", "replace"),
                              "err": err.read().decode("utf-8", "replace")}) + "\n")
    channel.flush()
'''


class Result(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes


def _interpreter(pcs: str) -> Optional[List[str]]:
    """The interpreter line of the pcs script (#!/usr/bin/python3 -Es)."""
    try:
        with open(pcs, "rb") as handle:
            first = handle.readline(200).decode("utf-8", "replace")
    except OSError:
        return None
    if not first.startswith("#!") or "python" not in first:
        return None
    return first[2:].split()


class PcsRunner:
    """pcs, preloaded. Use as a context manager; run() returns a Result."""

    def __init__(self, pcs: str, timeout: float) -> None:
        self.pcs = pcs
        self.timeout = timeout
        self.helper: Optional[subprocess.Popen] = None  # type: ignore[type-arg]

    def __enter__(self) -> PcsRunner:
        interpreter = _interpreter(self.pcs)
        if interpreter is None:
            return self
        try:
            self.helper = subprocess.Popen(
                [*interpreter, "-c", _HELPER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, env=dict(os.environ))
            assert self.helper.stdout is not None
            if self.helper.stdout.readline().strip() != "ready":
                self._stop()
        except (OSError, AssertionError):
            self._stop()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop()

    def _stop(self) -> None:
        if self.helper is not None:
            try:
                self.helper.kill()
                self.helper.wait(timeout=10)
            except (OSError, subprocess.SubprocessError):
                pass
        self.helper = None

    def run(self, argv: List[str]) -> Result:
        if self.helper is not None:
            try:
                assert self.helper.stdin is not None and self.helper.stdout is not None
                self.helper.stdin.write(json.dumps({"argv": argv,
                                                    "timeout": self.timeout}) + "\n")
                self.helper.stdin.flush()
                answer = json.loads(self.helper.stdout.readline())
                return Result(int(answer["rc"]), answer["out"].encode("utf-8"),
                              answer["err"].encode("utf-8"))
            except (OSError, ValueError, KeyError, AssertionError):
                self._stop()
        completed = subprocess.run([self.pcs, *argv], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                   timeout=self.timeout, check=False)
        return Result(completed.returncode, completed.stdout, completed.stderr)
