"""Names and values pcs would not take as written: refused at compile time, so that the
script never builds another CIB than the XML.

The script ends pcs's options with `--`, after which every pcs generation (0.10, 0.11,
0.12) takes each word as an argument. What is left is how pcs reads the arguments
themselves, which no shell quoting changes:

- NAME=VALUE words are split at the first '=': a name cannot hold '=';
- pcs turns any word starting with `--wait=` into its --wait option, even after `--`;
- `prefers NODE=SCORE` is split at '=': a node cannot hold '=';
- a fencing-level target `TYPE%VALUE` is a typed target: a node cannot hold '%';
- operation names are words of `pcs resource create`: not its keywords, no '=';
- rules: pcs 0.10 and 0.11 read the words of a rule with a parser of their own (its
  keywords and parentheses are not values); pcs 0.12 parses the rule as one text with
  no quoting (no space, no parenthesis, no type keyword as a value);
- crm_attribute, which sets node attributes, reads a node name starting with '-' as
  an option.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.diagnostics import Diagnostics
from pcsgen.location import Location

WAIT = "--wait"
# `pcs resource create ID AGENT ... op NAME ...`: the words that start a new part
CREATE_KEYWORDS = frozenset({"op", "meta", "clone", "promotable", "bundle", "group"})
# `op NAME key=value`: keys pcs reads itself (`id=` is the operation's id, which the
# CIB gives it too)
OPERATION_RESERVED = frozenset({"name"})
# the symbols of the rule parser of pcs 0.10 and 0.11 (pcs/rule.py)
WORD_RULE_KEYWORDS = frozenset({
    "eq", "ne", "lt", "gt", "lte", "gte", "in_range", "to", "defined", "not_defined",
    "string", "integer", "number", "version", "date-spec", "duration", "and", "or"})
# pcs 0.12 (pcs/lib/cib/rule/parser.py): values are [^\s()]+, keywords caseless
_TEXT_RULE_TOKEN = re.compile(r"[^\s()]+")
_TEXT_RULE_TYPE = re.compile(r"(integer|number|string|version)(?![A-Za-z0-9_$])", re.I)
DATE_OPERATIONS = frozenset({"lt", "gt"})


def _name_problem(name: str) -> Optional[str]:
    if "=" in name:
        return "pcs splits NAME=VALUE at the first '=', so a name cannot hold '='"
    if name == WAIT:
        return f"pcs reads `{WAIT}=...` as its own option wherever it stands"
    return None


# Node attributes are set by crm_attribute, which pcs runs with LC_ALL=C: its option
# parser (GLib) cannot convert a non-ASCII argument, reads `-Vx` or `-INFINITY` as
# options even as the value of --name or --update, and (Pacemaker 2.0, 2.1) builds the
# nvpair's XML id from the name as it is.
_ASCII_ID_NAME = re.compile(r"[A-Za-z0-9_.-]+")
_SHORT_OPTIONS = re.compile(r"-[^-].")
_NEGATIVE_INTEGER = re.compile(r"-[0-9]+")
# Utilization (nodes and resources) is written by pcs's own code, which takes the XML
# id from the name as it is, and wants an integer.
_ID_NAME = re.compile(r"[\w.-]+")
_INTEGER = re.compile(r"[+-]?[0-9]+")


def _crm_attribute_problem(text: str, is_name: bool) -> Optional[str]:
    if not text.isascii() or not text.isprintable():
        return "crm_attribute, which pcs runs to set node attributes, takes ASCII only"
    if _SHORT_OPTIONS.match(text) and (is_name or not _NEGATIVE_INTEGER.fullmatch(text)):
        return "crm_attribute reads a word starting with '-' as its options"
    if is_name and not _ASCII_ID_NAME.fullmatch(text):
        return _ID_REASON.format(who="crm_attribute", what="a node attribute name")
    return None


_ID_REASON = "{who} makes {what} part of an XML id: letters, digits, '_', '-' and '.' only"


def _utilization_problem(pair: ir.NvPair) -> Optional[Tuple[str, str]]:
    """(the text, why) when pcs would not set this utilization as written."""
    if not _ID_NAME.fullmatch(pair.name):
        return pair.name, _ID_REASON.format(who="pcs", what="a utilization name")
    if not _INTEGER.fullmatch(pair.value):
        return pair.value, "pcs takes only an integer as a utilization value"
    return None


def _pairs(cluster: ir.Cluster) -> Iterator[Tuple[ir.NvPair, str]]:
    """Every name/value pair a pcs command line carries, with what it belongs to."""
    for pair in cluster.properties:
        yield pair, "property"
    for pair in cluster.rsc_defaults + cluster.op_defaults:
        yield pair, "defaults"
    for node in cluster.nodes:
        for pair in node.attributes:
            yield pair, "node attribute"
        for pair in node.utilization:
            yield pair, "utilization"
    for resource in cluster.all_resources().values():
        # a group's or a clone's meta attributes are set by `pcs resource meta`, whose
        # code takes the XML id from the name as it is (a primitive's come with create)
        for pair in resource.meta_attributes:
            yield pair, "meta" if isinstance(resource, ir.Primitive) else "resource meta"
        if isinstance(resource, ir.Primitive):
            for pair in resource.instance_attributes:
                yield pair, "primitive"
            for pair in resource.utilization:
                yield pair, "utilization"
    for alert in cluster.alerts:
        for pair in alert.options + alert.meta:
            yield pair, "alert"
        for recipient in alert.recipients:
            for pair in recipient.options + recipient.meta:
                yield pair, "alert"


def _operation_problems(primitive: ir.Primitive, generation: str, ascii_only: bool) -> \
        Iterator[Tuple[str, Location, str]]:
    for operation in primitive.operations:
        if operation.from_agent:
            continue
        if ascii_only and not all(w.isascii() for w in (
                operation.name, *operation.attributes, *operation.attributes.values())):
            yield operation.name, operation.location, \
                f"pcs {generation} writes what is beyond ASCII as octal escapes"
            continue
        if "=" in operation.name:
            yield operation.name, operation.location, \
                "pcs reads a word holding '=' after `op` as an attribute, not a name"
        elif operation.name in CREATE_KEYWORDS:
            yield operation.name, operation.location, \
                "it is a keyword of `pcs resource create`"
        for key in operation.attributes:
            problem = _name_problem(key)
            if problem is None and key in OPERATION_RESERVED:
                problem = f"`{key}=` after `op` is read by pcs itself"
            if problem is not None:
                yield key, operation.location, problem


def _word_rule_problem(text: str, is_attribute: bool, operation: str) -> Optional[str]:
    """pcs 0.10 and 0.11: the rule's words."""
    if "(" in text or ")" in text:
        return "pcs splits the words of a rule at parentheses"
    if text in WORD_RULE_KEYWORDS:
        return "it is a keyword of pcs's rule syntax"
    if text.startswith(WAIT + "="):
        return f"pcs reads `{WAIT}=...` as its own option wherever it stands"
    if is_attribute and "=" in text:
        return "pcs reads a NAME=VALUE word at the start of a rule as a rule option"
    if is_attribute and text == "date" and operation in DATE_OPERATIONS:
        return "pcs reads `date gt|lt` as a date expression"
    return None


def _text_rule_problem(text: str, is_attribute: bool, operation: str) -> Optional[str]:
    """pcs 0.12: the rule as one text."""
    if not _TEXT_RULE_TOKEN.fullmatch(text):
        return "pcs 0.12 parses a rule as text with no quoting: no space or parenthesis"
    if is_attribute and "=" in text:
        return "pcs reads a NAME=VALUE word at the start of a rule as a rule option"
    if not is_attribute and _TEXT_RULE_TYPE.match(text):
        return "pcs reads it as the type of the comparison, not its value"
    if is_attribute and text.lower() == "date" and operation in DATE_OPERATIONS:
        return "pcs reads `date gt|lt` as a date expression"
    return None


def check_pcs_words(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    generation = dialect.pcs_version
    found: List[Tuple[str, Location, str]] = []
    for pair, owner in _pairs(cluster):
        problem = _name_problem(pair.name)
        if problem is not None:
            found.append((pair.name, pair.location, problem))
        elif dialect.ascii_only and not (pair.name.isascii() and pair.value.isascii()):
            found.append((pair.name if not pair.name.isascii() else pair.value, pair.location,
                          f"pcs {generation} writes what is beyond ASCII as octal escapes"))
        elif owner == "node attribute":
            for text, is_name in ((pair.name, True), (pair.value, False)):
                problem = _crm_attribute_problem(text, is_name)
                if problem is not None:
                    found.append((text, pair.location, problem))
                    break
        elif owner == "utilization":
            refused = _utilization_problem(pair)
            if refused is not None:
                found.append((refused[0], pair.location, refused[1]))
        elif owner == "resource meta" and not _ID_NAME.fullmatch(pair.name):
            found.append((pair.name, pair.location,
                          _ID_REASON.format(who="pcs", what="a meta attribute name")))
    for primitive in cluster.primitives():
        found.extend(_operation_problems(primitive, generation, dialect.ascii_only))
    for node in cluster.nodes:
        if node.attributes and (node.uname.startswith("-") or not node.uname.isascii()):
            found.append((node.uname, node.location or cluster_location(cluster),
                          "crm_attribute, which sets node attributes, takes an ASCII node "
                          "name not starting with '-'"))
    for alert in cluster.alerts:
        for recipient in alert.recipients:
            if "'" in recipient.value:
                found.append((recipient.value, recipient.location,
                              "pcs looks a recipient up by its value in a quoted XPath"))
    for item in cluster.locations_node:
        where = item.at("node")
        if "=" in item.node:
            found.append((item.node, where, "pcs splits NODE=SCORE at the first '='"))
        elif item.node == WAIT:
            found.append((item.node, where,
                          f"pcs reads `{WAIT}=...` as its own option wherever it stands"))
    for level in cluster.fencing_levels:
        if "%" in level.target:
            found.append((level.target, level.at("node"),
                          "pcs reads TYPE%VALUE as a typed fencing target"))
    rule_problem = _text_rule_problem if dialect.rule_as_one_argument else _word_rule_problem
    for rule in cluster.locations_rule:
        for expression in rule.expressions:
            checks = [(expression.attribute, True)]
            if expression.value is not None:
                checks.append((expression.value, False))
            for text, is_attribute in checks:
                problem = rule_problem(text, is_attribute, expression.operation)
                if problem is not None:
                    found.append((text, expression.location, problem))
    for value, location, reason in found:
        diagnostics.error("PG231", location, value=value, pcs=generation, reason=reason)


def cluster_location(cluster: ir.Cluster) -> Location:
    from pcsgen.location import Source

    return Location(cluster.source or Source(cluster.name))
