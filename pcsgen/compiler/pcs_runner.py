"""Running pcs on a CIB file for ADDITIONAL_CONFIG: safely, and fast.

Safely: pcs runs with nothing inherited (no EDITOR or VISUAL, no CIB_* naming a live
CIB or another file, no PYTHONPATH), a private HOME, TMPDIR and working directory,
stdin closed, and a time bound past which it is killed with everything it started.

Fast: pcs spends most of each run importing itself, so one helper process (pcs's own
interpreter, started as above) imports it once and forks a child per command. Each
child runs pcs's own entry point exactly as `pcs ARGS...` would, in a session of its
own, with its own stdout and stderr. Without the helper (pcs is not a Python script
with a pcs distribution, or the helper dies), each command runs as a plain
subprocess with the same protections."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from typing import Dict, List, Optional, Tuple

# Runs inside pcs's interpreter: loads pcs's console entry point once, then serves
# one request (a JSON line: argv, timeout) at a time. A child past its time bound is
# killed with its whole session (the tools pcs started go too).
_HELPER = r"""
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
        os.setsid()
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        sys.stdin = open(os.devnull)
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
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            os.waitpid(pid, 0)
            status = None
            break
        else:
            time.sleep(0.002)
    out.seek(0)
    err.seek(0)
    channel.write(json.dumps({"rc": status,
                              "out": out.read().decode("utf-8", "replace"),
                              "err": err.read().decode("utf-8", "replace")}) + "\n")
    channel.flush()
"""


def clean_environment(directory: str) -> Dict[str, str]:
    """What pcs runs with: nothing inherited, a private HOME and TMPDIR."""
    return {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "LC_ALL": "C.UTF-8",
        "HOME": directory,
        "TMPDIR": directory,
    }


def _timed_out(timeout: float) -> Tuple[int, str]:
    return -1, f"pcs did not finish within {timeout:g} s"


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_pcs(pcs: str, argv: List[str], directory: str, timeout: float) -> Tuple[int, str]:
    """(exit status, what pcs printed) of one pcs run as a plain subprocess."""
    process = subprocess.Popen(
        [pcs, *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=directory,
        env=clean_environment(directory),
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # the group, not only pcs (killed before pcs is reaped, so the group id cannot
        # have been reused)
        _kill_group(process.pid)
        process.communicate()
        return _timed_out(timeout)
    return process.returncode, (err or out).decode("utf-8", "replace").strip()


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
    """pcs, preloaded, working in `directory`. Use as a context manager."""

    def __init__(self, pcs: str, directory: str, timeout: float) -> None:
        self.pcs = pcs
        self.directory = directory
        self.timeout = timeout
        self.helper: Optional[subprocess.Popen] = None  # type: ignore[type-arg]

    def __enter__(self) -> PcsRunner:
        interpreter = _interpreter(self.pcs)
        if interpreter is None:
            return self
        try:
            self.helper = subprocess.Popen(
                [*interpreter, "-c", _HELPER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                cwd=self.directory,
                env=clean_environment(self.directory),
                start_new_session=True,
            )
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
            _kill_group(self.helper.pid)
            try:
                self.helper.wait(timeout=10)
            except subprocess.SubprocessError:
                pass
        self.helper = None

    def run(self, argv: List[str]) -> Tuple[int, str]:
        """(exit status, what pcs printed: its errors, else its output)."""
        if self.helper is not None:
            try:
                assert self.helper.stdin is not None and self.helper.stdout is not None
                self.helper.stdin.write(json.dumps({"argv": argv, "timeout": self.timeout}) + "\n")
                self.helper.stdin.flush()
                answer = json.loads(self.helper.stdout.readline())
                if answer["rc"] is None:
                    return _timed_out(self.timeout)
                text = str(answer["err"] or answer["out"]).strip()
                return int(answer["rc"]), text
            except (OSError, ValueError, KeyError, TypeError, AssertionError):
                self._stop()
        return run_pcs(self.pcs, argv, self.directory, self.timeout)
