"""How far `simulate --scenarios` has got, told on the terminal: scenario run i of n and
the seconds since the command began (PG936), on one line rewritten in place on a
terminal, one line a step elsewhere (--progress into a file)."""

from __future__ import annotations

import time
from typing import TextIO

from pcsgen.diagnostics.messages import render
from pcsgen.simulation.runs import Progress

# elsewhere than on a terminal, a line at most this often (and for the last run), so that
# a log of two hundred runs stays readable
_QUIET_SECONDS = 1.0


def reporter(stream: TextIO, language: str, started: float, in_place: bool) -> Progress:
    """A Progress writing PG936 to STREAM; IN_PLACE: rewrite one line (a terminal), and end
    it when the last run is done."""
    last = [0.0]

    def tell(done: int, count: int) -> None:
        now = time.monotonic()
        if not in_place and done < count and now - last[0] < _QUIET_SECONDS:
            return
        last[0] = now
        line = "pcsgen: " + render(
            "PG936", language, {"index": done, "count": count, "elapsed": f"{now - started:.1f}"}
        )
        if in_place:
            stream.write("\r" + line + ("\n" if done >= count else ""))
        else:
            stream.write(line + "\n")
        stream.flush()

    return tell
