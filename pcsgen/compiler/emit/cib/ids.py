"""Unique ids, made the way pcs makes them (sanitised, then `-1`, `-2` ... on collision)."""

from __future__ import annotations

import re
from typing import Set

_FIRST_BAD = re.compile(r"[^a-zA-Z_]")
_REST_BAD = re.compile(r"[^a-zA-Z0-9_.-]")
_VALID = re.compile(r"[a-zA-Z_][a-zA-Z0-9_.-]*")


def valid_id(candidate: str) -> bool:
    """Whether pcs takes the text as an id as it is."""
    return _VALID.fullmatch(candidate) is not None


def sanitize_id(candidate: str) -> str:
    if not candidate or valid_id(candidate):
        return candidate
    first = "" if _FIRST_BAD.match(candidate[0]) else candidate[0]
    return first + _REST_BAD.sub("", candidate[1:])


class IdProvider:
    def __init__(self) -> None:
        self._used: Set[str] = set()

    def book(self, value: str) -> None:
        self._used.add(value)

    def __contains__(self, value: str) -> bool:
        return value in self._used

    def allocate(self, proposal: str, sanitize: bool = True) -> str:
        base = sanitize_id(proposal) if sanitize else proposal
        candidate = base
        counter = 1
        while candidate in self._used:
            candidate = f"{base}-{counter}"
            counter += 1
        self._used.add(candidate)
        return candidate
