"""CIB values as Pacemaker reads them (scores, roles, booleans, durations, dates), and
the few facts about Pacemaker's defaults the canonical form and the import share."""

from __future__ import annotations

import re
from typing import Callable, Dict, Optional

from pcsgen import values

# Properties the cluster maintains itself (controller, corosync): not configuration.
MAINTAINED_PROPERTIES = frozenset(
    {"dc-version", "cluster-infrastructure", "cluster-name", "have-watchdog", "last-lrm-refresh"}
)
# Roles a constraint treats as "any role" (an instance must be started, or
# unpromoted, before anything else).
ANY_ROLE_LOCATION_NODE = frozenset({"Started", "Unpromoted"})
ANY_ROLE_LOCATION_RULE = frozenset({"Unpromoted"})
ANY_ROLE_COLOCATION = frozenset({"Started"})
# Actions the scheduler never runs: an operation entry for them configures nothing.
INERT_ACTIONS = frozenset({"meta-data", "validate-all", "methods", "status"})
DEFAULT_OP_TIMEOUT_MS = 20000
INFINITY = 1000000
# How Pacemaker (crm_str_to_boolean) and pcs (is_true) read a boolean: one reading.
BOOLEAN_TRUE = frozenset({"true", "on", "yes", "y", "1"})
BOOLEAN_FALSE = frozenset({"false", "off", "no", "n", "0"})
RESOURCE_TAGS = ("primitive", "group", "clone", "master", "bundle")


# -- values --------------------------------------------------------------------------


def score(text: Optional[str]) -> Optional[str]:
    """A score as Pacemaker reads it (char2score): INFINITY, +INFINITY, 1000000 and
    anything larger are one value."""
    if text is None:
        return None
    word = text.strip()
    upper = word.upper()
    if upper in ("INFINITY", "+INFINITY"):
        return "INFINITY"
    if upper == "-INFINITY":
        return "-INFINITY"
    try:
        number = int(word)
    except ValueError:
        return word  # red, yellow, green (node-score-* properties), or invalid
    if number >= INFINITY:
        return "INFINITY"
    if number <= -INFINITY:
        return "-INFINITY"
    return str(number)


def role(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    return values.ROLE_WORDS.get(text.strip().lower(), text)


def boolean(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    low = text.strip().lower()
    if low in BOOLEAN_TRUE:
        return "true"
    if low in BOOLEAN_FALSE:
        return "false"
    return text


_DATE_WITH_OFFSET = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?"
    r"(?:Z| ([+-])(\d{2})(?::?(\d{2}))?)"
)


def date(text: str) -> str:
    """A date and time with an explicit offset (Pacemaker reads one after a space, or
    Z) as the UTC instant it names; any other date as written (without an offset
    Pacemaker takes the local time of the node that evaluates it)."""
    match = _DATE_WITH_OFFSET.fullmatch(text.strip())
    if match is None:
        return text
    import datetime

    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    try:
        moment = datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return text
    if match.group(7):
        offset = datetime.timedelta(hours=int(match.group(8)), minutes=int(match.group(9) or 0))
        moment = moment - offset if match.group(7) == "+" else moment + offset
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def show_ms(ms: int) -> str:
    if ms % 1000 == 0:
        return f"{ms // 1000}s"
    return f"{ms}ms"


def duration(text: Optional[str]) -> Optional[str]:
    """A timeout as Pacemaker reads it: '60', '60s' and '1min' are one value."""
    if text is None:
        return None
    found = values.msec(text)
    return text if found is None else show_ms(found)


def interval(text: Optional[str]) -> str:
    """An interval (ISO 8601 too); none is 0."""
    if text is None:
        return "0s"
    found = values.interval_msec(text)
    return text if found is None else show_ms(found)


# Resource meta-attributes whose values Pacemaker parses (others are kept as written).
META_VALUES: Dict[str, Callable[[Optional[str]], Optional[str]]] = {
    **{
        name: boolean
        for name in (
            "is-managed",
            "maintenance",
            "globally-unique",
            "interleave",
            "notify",
            "ordered",
            "promotable",
            "critical",
            "allow-migrate",
            "allow-unhealthy-nodes",
            "remote-allow-migrate",
        )
    },
    "target-role": role,
    "resource-stickiness": score,
    "migration-threshold": score,
    "failure-timeout": duration,
    "remote-connect-timeout": duration,
}


def timeout(text: Optional[str]) -> Optional[str]:
    """An operation's timeout: one Pacemaker cannot read (INFINITY, ISO 8601) makes it
    use its built-in default, not op_defaults."""
    if text is None:
        return None
    return duration(text) if values.msec(text) is not None else show_ms(DEFAULT_OP_TIMEOUT_MS)


OP_VALUES: Dict[str, Callable[[Optional[str]], Optional[str]]] = {
    "timeout": timeout,
    "start-delay": duration,
    "role": role,
    "enabled": boolean,
    "record-pending": boolean,
    "on-fail": lambda v: v.lower() if v is not None else None,
}
