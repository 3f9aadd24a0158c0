"""How pcs reads its arguments, which no shell quoting changes: what a name, a value, an
operation or a node attribute may be so that pcs writes it as given.

The script ends pcs's options with `--`, after which every pcs generation (0.10, 0.11,
0.12) takes each word as an argument. What is left is how pcs reads the arguments
themselves:

- NAME=VALUE words are split at the first '=': a name cannot hold '=';
- pcs turns any word starting with `--wait=` into its --wait option, even after `--`;
- `prefers NODE=SCORE` is split at '=': a node cannot hold '=';
- a fencing-level target `TYPE%VALUE` is a typed target: a node cannot hold '%';
- operation names are words of `pcs resource create`: not its keywords, no '=';
- crm_attribute, which sets node attributes, reads a node name starting with '-' as
  an option, and takes ASCII only;
- utilization and the meta attributes of groups and clones become XML ids as written;
- a recipient is looked up by its value in a quoted XPath: no "'" in it.

XML ids: the ids pcs makes from names drop what is not an ASCII letter, digit, '_', '-'
or '.' in every generation, as pcsgen's do (compiler.emit.cib.ids); but pcs's older
code (utilization, `resource meta` of groups and clones) and crm_attribute (node
attributes) take the name as it is, so there a name is held to those characters
(PG231).

How pcs reads a rule's words is pcsgen.pcs.rules.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from pcsgen.diagnostics.phrase import Phrase

WAIT = "--wait"
# `pcs resource create ID AGENT ... op NAME ...`: the words that start a new part
CREATE_KEYWORDS = frozenset({"op", "meta", "clone", "promotable", "bundle", "group"})
# `op NAME key=value`: keys pcs reads itself (`id=` is the operation's id, which the
# CIB gives it too)
OPERATION_RESERVED = frozenset({"name"})
# What `pcs resource create ... op NAME ...` accepts besides the name.
OPERATION_ATTRIBUTES = (
    "description",
    "enabled",
    "id",
    "interval",
    "interval-origin",
    "on-fail",
    "record-pending",
    "role",
    "start-delay",
    "timeout",
    "OCF_CHECK_LEVEL",
)


def name_problem(name: str) -> Optional[Phrase]:
    if "=" in name:
        return Phrase("why_pcs_name_equals")
    if name == WAIT:
        return Phrase("why_pcs_wait", {"wait": WAIT})
    return None


# Node attributes are set by crm_attribute, which pcs runs with LC_ALL=C: its option
# parser (GLib) cannot convert a non-ASCII argument, reads `-Vx` or `-INFINITY` as
# options even as the value of --name or --update, and (Pacemaker 2.0, 2.1) builds the
# nvpair's XML id from the name as it is.
ID_NAME = re.compile(r"[A-Za-z0-9_.-]+")  # a name that is its own id, for pcs and pcsgen
_SHORT_OPTIONS = re.compile(r"-[^-].")
_NEGATIVE_INTEGER = re.compile(r"-[0-9]+")
# Utilization (nodes and resources) is written by pcs's own code, which takes the XML
# id from the name as it is, and wants an integer. pcsgen's ids keep ASCII letters,
# digits, '_', '-' and '.' of a name, as pcs's other ids do; beyond ASCII, which
# letters an XML id may hold is libxml2's old table (not 'ａ', 'ǅ', '℃'): such a
# name is refused rather than given another id than pcs gives it.
_INTEGER = re.compile(r"[+-]?[0-9]+")


def crm_attribute_problem(text: str, is_name: bool) -> Optional[Phrase]:
    if not text.isascii() or not text.isprintable():
        return Phrase("why_crm_attribute_ascii")
    if _SHORT_OPTIONS.match(text) and (is_name or not _NEGATIVE_INTEGER.fullmatch(text)):
        return Phrase("why_crm_attribute_dash")
    if is_name and not ID_NAME.fullmatch(text):
        return id_reason("crm_attribute", "why_what_node_attribute")
    return None


def id_reason(who: str, what: str) -> Phrase:
    """WHO (pcs, crm_attribute) makes the name an XML id as it is."""
    return Phrase("why_xml_id", {"who": who, "what": Phrase(what)})


def utilization_problem(name: str, value: str) -> Optional[Tuple[str, Phrase]]:
    """(the text, why) when pcs would not set this utilization as written."""
    if not ID_NAME.fullmatch(name):
        return name, id_reason("pcs", "why_what_utilization")
    if not _INTEGER.fullmatch(value):
        return value, Phrase("why_utilization_integer")
    return None


def is_integer(text: str) -> bool:
    """What pcs takes as an integer (a utilization value): what Python's int() reads."""
    try:
        int(text)
    except ValueError:
        return False
    return True


def operation_attribute_known(name: str) -> bool:
    """Whether `pcs resource create ... op NAME KEY=VALUE` takes this key."""
    return name in OPERATION_ATTRIBUTES
