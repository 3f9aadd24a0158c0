"""What an agent's class, provider and type may hold.

Pacemaker and pcs turn an agent name into a path (`/usr/lib/ocf/resource.d/PROVIDER/TYPE`,
`/usr/sbin/TYPE`, `/etc/init.d/TYPE`) and run the program they find there, to read its
metadata or to manage the resource. A name holding a path separator or `..` would run
any program on the machine, at compile time (pcs reads metadata) and on every cluster
node. Every name pcsgen reads, from a cell or from an ADDITIONAL_CONFIG word, passes
through here first.
"""

from __future__ import annotations

import re
from typing import Optional

from pcsgen.diagnostics.phrase import Joined, Phrase

# The classes Pacemaker knows (crm_resource --list-standards, every generation).
STANDARDS = ("ocf", "lsb", "service", "systemd", "stonith", "nagios", "upstart")
# Letters, digits and the punctuation agent file names use (`IPaddr2`, `fence_ipmilan`,
# `pgsql-rex`, `apache.service`, `getty@tty1`); never a separator, never a leading dot.
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+@-]*")
# systemd unit names escape characters as \xNN (`dev-disk-by\x2duuid.mount`).
_UNIT = re.compile(r"[A-Za-z0-9_\\][A-Za-z0-9_.+@\\-]*")
# cluster-glue's fence plugins: stonith:external/NAME
EXTERNAL_PREFIX = "external/"


def part_problem(part: str, value: str, standard: str = "") -> Optional[Phrase]:
    """Why `value` cannot be an agent's `part` (class, provider, type); None when it can."""
    if part == "class":
        if value.lower() not in STANDARDS:
            return Phrase("why_agent_class", {"classes": Joined(STANDARDS)})
        return None
    if not value:
        return Phrase("why_agent_part_empty", {"part": part})
    if part == "type" and standard.lower() == "stonith" and value.startswith(EXTERNAL_PREFIX):
        # the one directory Pacemaker itself puts in a fence agent's name; the rest is
        # an ordinary name (no second separator, no '..')
        return part_problem("type", value[len(EXTERNAL_PREFIX) :])
    pattern = _UNIT if part == "type" and standard in ("systemd", "service") else _NAME
    if "/" in value or ("\\" in value and pattern is _NAME):
        return Phrase("why_agent_part_separator", {"part": part})
    if ".." in value:
        return Phrase("why_agent_part_dotdot", {"part": part})
    if not pattern.fullmatch(value):
        return Phrase("why_agent_part_characters", {"part": part})
    return None


def spec_problem(spec: str) -> Optional[Phrase]:
    """Why a pcs agent word (`ocf:heartbeat:IPaddr2`, `systemd:httpd`, `fence_ipmilan`)
    is unsafe or malformed; None when it is fine."""
    parts = spec.split(":")
    if len(parts) == 1:
        # a bare type: pcs looks it up among the OCF providers, or as a fence agent
        return part_problem("type", parts[0])
    standard = parts[0].lower()
    problem = part_problem("class", parts[0])
    if problem is not None:
        return problem
    if standard == "ocf":
        if len(parts) != 3:
            return Phrase("why_agent_ocf_form")
        return part_problem("provider", parts[1]) or part_problem("type", parts[2])
    if len(parts) != 2:
        return Phrase("why_agent_form", {"standard": standard})
    return part_problem("type", parts[1], standard)


def expression_problem(spec: str) -> Optional[Phrase]:
    """Why a rule's resource expression (`resource CLASS:PROVIDER:TYPE`, where pcs lets
    any part be empty to match every value) is unsafe or malformed; None when fine.
    Nothing runs such a name, but it is held to the same characters as an agent's."""
    parts = spec.split(":")
    if len(parts) != 3:
        return Phrase("why_expression_form")
    standard = parts[0]
    for part, value in zip(("class", "provider", "type"), parts):
        if value:
            problem = part_problem(part, value, standard)
            if problem is not None:
                return problem
    return None


def looks_like_agent(word: str) -> bool:
    """A pcs word naming an agent by its class (`ocf:...`, `stonith:...`)."""
    head = word.split(":", 1)[0].lower()
    return ":" in word and head in STANDARDS
