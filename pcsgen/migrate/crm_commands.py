"""ADDITIONAL_CONFIG lines in crm syntax -> the pcs command that makes the same CIB
objects, where the translation is exact; otherwise none, and why."""

from __future__ import annotations

import re
import shlex
from typing import List, Optional, Tuple

from pcsgen.migrate.convert_words import role_word, score_word

_RESOURCE = r"[A-Za-z0-9_.-]+"
_WITH_ROLE = re.compile(rf"^({_RESOURCE})(?::(\w+))?$")
SOURCE = (
    "crmsh's configure syntax (colocation, order, location, property, rsc_defaults, "
    "op_defaults) and pcs 0.10-0.12 constraint and property commands"
)
NOT_EXACT = (
    "resource sets, rules and other crm statements have no exact one-line pcs "
    "form here: translate by hand (the line is kept as a comment in the workbook)"
)


def _split(text: str) -> Optional[List[str]]:
    try:
        return shlex.split(text.replace("\\\n", " ").replace("\n", " "))
    except ValueError:
        return None


def _pairs(words: List[str]) -> Optional[List[str]]:
    if all("=" in w and not w.startswith("=") for w in words):
        return words
    return None


def translate(text: str, target: str) -> Tuple[Optional[str], str]:
    """(the pcs command, the source of the rule) or (None, why not)."""
    words = _split(text)
    if not words:
        return None, NOT_EXACT
    head, rest = words[0], words[1:]
    if head == "colocation" and len(rest) == 4 and rest[1].endswith(":"):
        first, second = _WITH_ROLE.match(rest[2]), _WITH_ROLE.match(rest[3])
        if first and second:
            command = ["pcs", "constraint", "colocation", "add"]
            if first.group(2):
                command.append(role_word(first.group(2), target))
            command += [first.group(1), "with"]
            if second.group(2):
                command.append(role_word(second.group(2), target))
            command += [second.group(1), score_word(rest[1][:-1]), f"id={rest[0]}"]
            return " ".join(command), SOURCE
    if head == "order" and len(rest) in (4, 5) and rest[1].endswith(":"):
        first, second = _WITH_ROLE.match(rest[2]), _WITH_ROLE.match(rest[3])
        tail = rest[4:]
        if first and second and all(re.fullmatch(r"symmetrical=(true|false)", t) for t in tail):
            kind = rest[1][:-1]
            if kind in ("Mandatory", "Optional", "Serialize"):
                kind_word = kind
            elif kind in ("0", "+0", "-0"):
                kind_word = "Optional"
            else:
                kind_word = "Mandatory"
            command = ["pcs", "constraint", "order"]
            if first.group(2):
                command.append(first.group(2).lower())
            command += [first.group(1), "then"]
            if second.group(2):
                command.append(second.group(2).lower())
            command += [second.group(1), f"kind={kind_word}", *tail, f"id={rest[0]}"]
            return " ".join(command), SOURCE
    if (
        head == "location"
        and len(rest) == 4
        and rest[2].endswith(":")
        and re.fullmatch(_RESOURCE, rest[1])
        and re.fullmatch(_RESOURCE, rest[3])
    ):
        number = score_word(rest[2][:-1])
        verb, value = ("avoids", number[1:]) if number.startswith("-") else ("prefers", number)
        return f"pcs constraint location {rest[1]} {verb} {rest[3]}={value}", SOURCE
    if head in ("property", "rsc_defaults", "op_defaults") and rest:
        pairs = _pairs(
            [w for w in rest if not w.startswith("$id=")] if head == "property" else rest
        )
        if pairs:
            quoted = " ".join(shlex.quote(p) for p in pairs)
            verb = {
                "property": "pcs property set",
                "rsc_defaults": "pcs resource defaults update",
                "op_defaults": "pcs resource op defaults update",
            }[head]
            return f"{verb} {quoted}", SOURCE
    return None, NOT_EXACT
