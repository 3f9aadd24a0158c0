"""Words the conversion and the crm translation share: booleans as pm_crmgen reads them,
scores and roles in the spelling of the target."""

from __future__ import annotations

import re

from pcsgen.migrate.generations import generations

# pm_crmgen's booleans (its bool_validate): anything else is refused
TRUE_WORDS = ("yes", "y", "true")
FALSE_WORDS = ("no", "n", "false")
_INFINITY = re.compile(r"^([+-]?)(inf|infinity)$", re.IGNORECASE)


def score_word(text: str) -> str:
    """pm_crmgen's and crm's spellings of infinity (inf, +inf, -infinity ...) as
    Pacemaker's."""
    match = _INFINITY.match(text)
    if match:
        return ("-" if match.group(1) == "-" else "") + "INFINITY"
    return text


def role_word(role: str, target: str) -> str:
    entry = generations()["roles"].get(role.lower())
    if entry is None:
        return role
    word: str = entry[target]
    return word
