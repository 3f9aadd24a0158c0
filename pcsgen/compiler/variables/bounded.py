"""The whole filling run in a child process, where the system allows it, killed past
its time bound and held under its memory bound; what stopped it when it stopped early."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, NamedTuple, Optional

from pcsgen.compiler.variables.sandbox import Outcome, Renderer
from pcsgen.compiler.variables.sources import VariableSet
from pcsgen.diagnostics.phrase import Phrase

# Bounds on filling placeholders. A cell is at most MAX_CELL_CHARS once filled; the
# whole filling runs in a child process (where the system allows it) that is killed
# after RENDER_SECONDS and cannot take more than RENDER_MEMORY_BYTES more memory:
# jinja2's sandbox keeps a template from reaching the system, not from computing
# {{ 9**(9**9) }} or looping for ever.
RENDER_SECONDS = 10.0
RENDER_MEMORY_BYTES = 1024 * 1024 * 1024


def render_all(texts: List[str], variables: VariableSet) -> List[Outcome]:
    """Fill every text; fewer outcomes than texts when the bounds stopped the filling
    (the next text is the one that was running: see render_stopped)."""
    if not texts:
        return []
    if not hasattr(os, "fork"):
        renderer = Renderer(variables)
        return [renderer.render_text(text) for text in texts]
    return _render_in_child(texts, variables)


class RenderStopped(NamedTuple):
    """Why a child stopped before filling every text."""

    timed_out: bool
    reason: Any  # a catalogue phrase, or "" when it timed out


_last_stop: List[Optional[RenderStopped]] = [None]


def render_stopped() -> Optional[RenderStopped]:
    return _last_stop[0]


def _render_in_child(texts: List[str], variables: VariableSet) -> List[Outcome]:
    import select
    import signal
    import time

    _last_stop[0] = None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: fill, write one JSON line per text, never return
        try:
            os.close(read_end)
            _limit_memory()
            renderer = Renderer(variables)
            with os.fdopen(write_end, "w", encoding="utf-8") as stream:
                for text in texts:
                    stream.write(json.dumps(_portable(renderer.render_text(text))) + "\n")
                    stream.flush()
        finally:
            os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + RENDER_SECONDS
    outcomes: List[Outcome] = []
    pending = b""
    timed_out = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_end], [], [], remaining)[0]:
                timed_out = True
                break
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            for line in lines:
                outcomes.append(_outcome(json.loads(line)))
    finally:
        os.close(read_end)
        if timed_out:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
    if len(outcomes) < len(texts):
        reason: Any = Phrase("var_r_memory") if not timed_out else ""
        if not timed_out and os.WIFSIGNALED(status):
            reason = Phrase("var_r_signal", {"signal": os.WTERMSIG(status)})
        _last_stop[0] = RenderStopped(timed_out, reason)
    return outcomes


def _portable(outcome: Outcome) -> Dict[str, Any]:
    """An outcome as JSON can carry it from the child: a phrase as its key and fields."""
    data = outcome._asdict()
    data["args"] = {
        name: {"phrase": value.key, "fields": dict(value.args)}
        if isinstance(value, Phrase)
        else value
        for name, value in (outcome.args or {}).items()
    }
    return data


def _outcome(data: Dict[str, Any]) -> Outcome:
    args = {
        name: Phrase(value["phrase"], value["fields"])
        if isinstance(value, dict) and set(value) == {"phrase", "fields"}
        else value
        for name, value in (data["args"] or {}).items()
    }
    return Outcome(data["text"], data["code"], args, tuple(data["secrets"]))


def _limit_memory() -> None:
    """In the child: at most RENDER_MEMORY_BYTES more address space than it has."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as handle:
            size = next(
                int(line.split()[1]) * 1024 for line in handle if line.startswith("VmSize:")
            )
        limit = size + RENDER_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError, StopIteration):
        pass  # no /proc or no limit: the time bound still holds
