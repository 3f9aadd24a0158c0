"""Normalisation of cell values, as pm_pcsgen does and Pacemaker expects."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pcsgen import ir

_SCORE_INFINITY = re.compile(r"([+-]?)(inf|infinity)", re.IGNORECASE)
_SCORE_INTEGER = re.compile(r"[+-]?\d+")
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_DURATION = re.compile(
    r"\d+\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?"
    r"(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?",
    re.IGNORECASE,
)
# Characters XML 1.0 cannot carry at all.
BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
TRUE_WORDS = frozenset({"y", "yes", "t", "true", "on", "1"})
FALSE_WORDS = frozenset({"n", "no", "f", "false", "off", "0"})
_ROLES = {
    "started": ir.ROLE_STARTED,
    "stopped": ir.ROLE_STOPPED,
    "promoted": ir.ROLE_PROMOTED,
    "master": ir.ROLE_PROMOTED,
    "unpromoted": ir.ROLE_UNPROMOTED,
    "slave": ir.ROLE_UNPROMOTED,
}


def score(text: str) -> Optional[str]:
    """A score as pm_pcsgen hands it to pcs, which writes it into the CIB as given: 'inf',
    '+Infinity', '-INF' ... -> INFINITY, +INFINITY, -INFINITY (the sign kept); an integer
    as written ('+010' stays, digits that are not ASCII become ASCII); None if invalid."""
    match = _SCORE_INFINITY.fullmatch(text)
    if match:
        return match.group(1) + "INFINITY"
    if _SCORE_INTEGER.fullmatch(text):
        if text.isascii():
            return text
        sign = text[0] if text[0] in "+-" else ""
        return sign + str(int(text.lstrip("+-")))
    return None


def negate_score(value: str) -> str:
    """The score of `pcs constraint location R avoids N=S`: pcs drops a leading '-' and
    puts one before anything else. (For '+S' pcs writes '-+S', which Pacemaker reads as
    0; pcsgen writes '-S'.)"""
    if value.startswith("-"):
        return value[1:]
    if value.startswith("+"):
        return "-" + value[1:]
    return "-" + value


def is_positive_score(value: str) -> bool:
    """Whether a score (as score() returns it) is above 0."""
    return not value.startswith("-") and value.lstrip("+").strip("0") != ""


def boolean(text: str) -> Optional[str]:
    low = text.lower()
    if low in TRUE_WORDS:
        return "true"
    if low in FALSE_WORDS:
        return "false"
    return None


def role(text: str) -> Optional[str]:
    return _ROLES.get(text.lower())


def is_valid_id(text: str) -> bool:
    return _ID.fullmatch(text) is not None


def is_duration(text: str) -> bool:
    return _DURATION.fullmatch(text.strip()) is not None


@lru_cache(maxsize=1024)
def duration_seconds(text: str) -> Optional[float]:
    """Seconds in a Pacemaker duration ('10s', '1min', '500ms', '30'); None for ISO 8601."""
    match = re.fullmatch(r"(\d+)\s*([a-z]*)", text.strip().lower())
    if not match:
        return None
    number = int(match.group(1))
    unit = match.group(2)
    factors = {"": 1.0, "s": 1.0, "sec": 1.0, "ms": 0.001, "msec": 0.001, "us": 1e-6,
               "usec": 1e-6, "m": 60.0, "min": 60.0, "h": 3600.0, "hr": 3600.0}
    if unit not in factors:
        return None
    return number * factors[unit]
