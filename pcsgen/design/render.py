"""DOT text -> SVG or PNG, laid out and drawn by Graphviz's `dot`."""

from __future__ import annotations

import shutil
import subprocess
from typing import Optional

from pcsgen.diagnostics import PcsgenError

FORMATS = ("svg", "png")
# every command ends within 30 s: a layout dot has not found by then is given up (the
# report keeps the rest, graph stops with PG747)
TIMEOUT_SECONDS = 20


def find_dot() -> Optional[str]:
    return shutil.which("dot")


def render(dot_text: str, output_format: str, tool: Optional[str] = None) -> bytes:
    """The drawing of DOT_TEXT (`svg` or `png`); PG742 when dot fails, PG801 without it."""
    if output_format not in FORMATS:
        raise ValueError(output_format)
    tool = tool or find_dot()
    if tool is None:
        raise PcsgenError("PG801", None, tool="dot (Graphviz)")
    try:
        result = subprocess.run(
            [tool, f"-T{output_format}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PcsgenError("PG747", None, seconds=TIMEOUT_SECONDS) from None
    except OSError as exc:
        raise PcsgenError("PG742", None, reason=exc.strerror or str(exc)) from None
    if result.returncode != 0 or not result.stdout:
        reason = result.stderr.decode("utf-8", "replace").strip() or f"exit {result.returncode}"
        raise PcsgenError("PG742", None, reason=reason[-1000:])
    return result.stdout
