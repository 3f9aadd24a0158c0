"""Shell quoting: every value reaches pcs verbatim and nothing in it ever runs."""

from __future__ import annotations

import re
from functools import lru_cache

_SAFE = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


@lru_cache(maxsize=4096)
def quote(word: str) -> str:
    """POSIX sh single quotes; a quote inside becomes '\\'' ."""
    if word and _SAFE.fullmatch(word):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


def assignment(name: str, value: str) -> str:
    """name=value as one shell word, each side quoted on its own for readability."""
    return f"{quote(name)}={quote(value)}"
