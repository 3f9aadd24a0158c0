"""Normalisation of cell values, as pm_pcsgen does and Pacemaker expects."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pcsgen import ir

_SCORE_INFINITY = re.compile(r"([+-]?)(inf|infinity)", re.IGNORECASE)
_SCORE_INTEGER = re.compile(r"[+-]?\d+")
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_DURATION = re.compile(r"\d+\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?", re.IGNORECASE)
# Characters XML 1.0 cannot carry at all.
BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The words a boolean cell of the definition may hold (symmetrical, enabled ...), a wider
# set than Pacemaker reads (cib.values.BOOLEAN_TRUE): the builders write true or false.
TRUE_WORDS = frozenset({"y", "yes", "t", "true", "on", "1"})
FALSE_WORDS = frozenset({"n", "no", "f", "false", "off", "0"})
# How Pacemaker reads a role word (case aside; Master and Slave are the names before
# 2.1): one reading for cells, CIBs and agents' metadata alike.
ROLE_WORDS = {
    "started": ir.ROLE_STARTED,
    "stopped": ir.ROLE_STOPPED,
    "promoted": ir.ROLE_PROMOTED,
    "master": ir.ROLE_PROMOTED,
    "unpromoted": ir.ROLE_UNPROMOTED,
    "slave": ir.ROLE_UNPROMOTED,
}
# The spellings Pacemaker's schema admits in a role attribute, old names included.
PROMOTED_SPELLINGS = (ir.ROLE_PROMOTED, "Master")
UNPROMOTED_SPELLINGS = (ir.ROLE_UNPROMOTED, "Slave")
ROLE_SPELLINGS = (
    ir.ROLE_STARTED,
    ir.ROLE_STOPPED,
    ir.ROLE_PROMOTED,
    ir.ROLE_UNPROMOTED,
    "Master",
    "Slave",
)


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
    return ROLE_WORDS.get(text.lower())


def is_valid_id(text: str) -> bool:
    return _ID.fullmatch(text) is not None


def is_duration(text: str) -> bool:
    """A duration Pacemaker reads: a number with an optional unit, or ISO 8601 (P...)."""
    body = text.strip()
    return _DURATION.fullmatch(body) is not None or iso_msec(body) is not None


def is_iso_duration(text: str) -> bool:
    return text.strip().upper().startswith("P") and is_duration(text)


# crm_get_msec(): units by their first letters, case-insensitive, seconds by default
_UNIT_MS = (
    ("ms", 1.0),
    ("msec", 1.0),
    ("us", 0.001),
    ("usec", 0.001),
    ("s", 1000.0),
    ("sec", 1000.0),
    ("m", 60000.0),
    ("min", 60000.0),
    ("h", 3600000.0),
    ("hr", 3600000.0),
)
_MSEC = re.compile(r"\s*(\d+)[\d.]*\s*(.*)", re.DOTALL)
_ISO_PART = re.compile(r"(\d+)([YMWDHS])")
_ISO_SECONDS = {"Y": 365 * 86400, "W": 7 * 86400, "D": 86400, "H": 3600, "S": 1}


@lru_cache(maxsize=4096)
def msec(text: str) -> Optional[int]:
    """Milliseconds in a duration as Pacemaker reads a timeout (crm_get_msec): a
    number and an optional unit; None where Pacemaker would not read it (ISO 8601
    included: Pacemaker reads ISO 8601 only for intervals)."""
    match = _MSEC.fullmatch(text)
    if not match:
        return None
    units = match.group(2).rstrip("\r\n")
    factor = 1000.0 if not units else None
    for prefix, value in _UNIT_MS:  # ms before m, us before s, as Pacemaker tests them
        if factor is None and units.lower().startswith(prefix):
            factor = value
    if factor is None:
        return None
    return int(int(match.group(1)) * factor)


@lru_cache(maxsize=4096)
def iso_msec(text: str) -> Optional[int]:
    """Milliseconds in an ISO 8601 duration (PT1M, P1DT2H, P10S; months count 30 days)."""
    body = text.strip()
    if len(body) < 2 or body[0] != "P":
        return None
    seconds = 0
    is_time = False
    position = 1
    amounts = 0
    while position < len(body):
        if body[position] == "T":
            is_time = True
            position += 1
            continue
        match = _ISO_PART.match(body, position)
        if match is None:
            return None
        number, unit = int(match.group(1)), match.group(2)
        amounts += 1
        if unit == "M":
            seconds += number * (60 if is_time else 30 * 86400)
        else:
            seconds += number * _ISO_SECONDS[unit]
        position = match.end()
    return seconds * 1000 if amounts else None


def interval_msec(text: str) -> Optional[int]:
    """Milliseconds in an operation interval (crm_parse_interval_spec: ISO 8601 too)."""
    if text.strip().startswith("P"):
        return iso_msec(text)
    return msec(text)


@lru_cache(maxsize=1024)
def duration_seconds(text: str) -> Optional[float]:
    """Seconds in a duration ('10s', '1min', '500ms', '30', 'PT1M'); None if invalid."""
    found = interval_msec(text)
    return None if found is None else found / 1000.0
