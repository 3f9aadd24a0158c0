"""`pcs constraint location RESOURCE rule [OPTIONS] RULE` as pcs 0.12 applies it to a
CIB (pcs/lib/commands/constraint/location.py and pcs/lib/cib/rule), for a machine whose
pcs is older or absent: pcs 0.10 and 0.11 refuse the rule as one text.

Only what pcs 0.12 surely reads and takes is applied here: a rule of node attribute
and date expressions, joined by `and` and `or`, with parentheses; valid options; a
resource or pattern that may be constrained. For anything else (a word pcs's parser
might read otherwise, an invalid value, a possible duplicate) the answer is None, and
pcs itself decides."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

from lxml import etree

from pcsgen.compiler.emit.cib.ids import IdProvider, valid_id

_TOKEN = re.compile(r"[()]|[^\s()]+")
_SCORE = re.compile(r"-?(INFINITY|[0-9]+)\Z")
_INTEGER = re.compile(r"-?[0-9]+\Z")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
_VERSION = re.compile(r"[0-9]+(\.[0-9]+)*\Z")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?\Z")
_PART = re.compile(r"([0-9]+)(?:-([0-9]+))?\Z")
_POSITIVE = re.compile(r"0*[1-9][0-9]*\Z")

BINARY = ("eq", "ne", "lt", "gt", "lte", "gte")
UNARY = ("defined", "not_defined")
TYPES = ("integer", "number", "string", "version")
# every word pcs 0.12's rule parser may read as a keyword: here never a name or value
KEYWORDS = frozenset(
    {*BINARY, *UNARY, *TYPES, "and", "or", "date", "date-spec", "in_range", "to"}
    | {"duration", "resource", "op", "interval"}
)
DURATION_PARTS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
# pcs/lib/cib/rule/validator.py: each date-spec part and its bounds
DATESPEC_PARTS: Dict[str, Tuple[Optional[int], Optional[int]]] = {
    "years": (None, None),
    "weekyears": (None, None),
    "months": (1, 12),
    "weeks": (1, 53),
    "yeardays": (1, 366),
    "monthdays": (1, 31),
    "weekdays": (1, 7),
    "hours": (0, 23),
    "minutes": (0, 59),
    "seconds": (0, 59),
}
# parentheses nested deeper are left to pcs (and keep a hostile cell from exhausting
# the stack)
MAX_DEPTH = 32
RULE_OPTIONS = ("id", "role", "score", "score-attribute")
CONSTRAINT_OPTIONS = ("constraint-id", "resource-discovery")
DISCOVERY = ("always", "exclusive", "never")
ROLES = ("Promoted", "Unpromoted")
RESOURCE_TAGS = ("primitive", "group", "clone", "master", "bundle", "tag")
MULTI_INSTANCE = ("clone", "master", "bundle")
# pcs's ids: every element's, but these, whose id attribute names another element
_NOT_IDS = ("acl_target", "role", "obj_ref", "resource_ref")


@dataclass
class Attribute:
    """A node attribute expression: `NAME OP [TYPE] VALUE`, `defined NAME`."""

    operation: str
    name: str
    value: Optional[str] = None
    type: Optional[str] = None


@dataclass
class Date:
    """`date gt|lt DATE`, `date in_range [START] to END|duration PARTS`,
    `date-spec PARTS`."""

    operation: str  # gt, lt, in_range, date_spec
    start: Optional[str] = None
    end: Optional[str] = None
    parts: List[Tuple[str, str]] = field(default_factory=list)  # date_spec, duration


@dataclass
class Boolean:
    operation: str  # and, or
    children: List[Expression]


Expression = Union[Attribute, Date, Boolean]


class _Unsure(Exception):
    """The text is not surely read as written here: pcs decides."""


def parse(text: str) -> Optional[Boolean]:
    """The rule as pcs 0.12 parses it, its top an `and` of one expression when it has
    no operator; None when not surely so."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    try:
        expression, end = _expression(tokens, 0)
        if end != len(tokens) or _depth(expression) > MAX_DEPTH:
            raise _Unsure
        _check(expression)
    except (_Unsure, IndexError):
        return None
    return expression if isinstance(expression, Boolean) else Boolean("and", [expression])


def _depth(expression: Expression) -> int:
    """How deep the rules nest (a change of operator nests too), counted without
    recursion."""
    deepest = 0
    pending: List[Tuple[Expression, int]] = [(expression, 1)]
    while pending:
        node, level = pending.pop()
        deepest = max(deepest, level)
        if isinstance(node, Boolean):
            pending.extend((child, level + 1) for child in node.children)
    return deepest


def _expression(tokens: Sequence[str], at: int, depth: int = 0) -> Tuple[Expression, int]:
    """Operands joined by `and` and `or`, read from the left: a run of one operator is
    one node, a change of operator makes what came before its first operand (as
    pyparsing's infix notation with one level, in pcs's parser)."""
    if depth > MAX_DEPTH:
        raise _Unsure
    left, at = _operand(tokens, at, depth)
    last: Optional[str] = None
    run: List[Expression] = []
    while at < len(tokens) and tokens[at].lower() in ("and", "or"):
        operator = tokens[at].lower()
        right, at = _operand(tokens, at + 1, depth)
        if last is not None and operator != last:
            left = Boolean(last, [left, *run])
            run = []
        run.append(right)
        last = operator
    if last is not None:
        left = Boolean(last, [left, *run])
    return left, at


def _operand(tokens: Sequence[str], at: int, depth: int) -> Tuple[Expression, int]:
    if tokens[at] == "(":
        inner, at = _expression(tokens, at + 1, depth + 1)
        if tokens[at] != ")":
            raise _Unsure
        return inner, at + 1
    return _simple(tokens, at)


def _word(tokens: Sequence[str], at: int) -> str:
    """A name or value: no parenthesis, no keyword."""
    word = tokens[at]
    if word in ("(", ")") or word.lower() in KEYWORDS:
        raise _Unsure
    return word


def _name(tokens: Sequence[str], at: int) -> str:
    """An attribute's name: no option's `=` either (pcs's compile checks say why)."""
    word = _word(tokens, at)
    if "=" in word:
        raise _Unsure
    return word


def _simple(tokens: Sequence[str], at: int) -> Tuple[Expression, int]:
    head = tokens[at].lower()
    following = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
    if head == "date" and following in ("gt", "lt"):
        date = _word(tokens, at + 2)
        if following == "gt":
            return Date("gt", start=date), at + 3
        return Date("lt", end=date), at + 3
    if head == "date" and following == "in_range":
        return _in_range(tokens, at + 2)
    if head == "date-spec":
        parts, at = _parts(tokens, at + 1)
        return Date("date_spec", parts=parts), at
    if head in UNARY:
        return Attribute(head, _name(tokens, at + 1)), at + 2
    name = _name(tokens, at)
    if following not in BINARY:
        raise _Unsure
    kind: Optional[str] = None
    at += 2
    if tokens[at].lower() in TYPES:
        kind = tokens[at].lower()
        at += 1
    return Attribute(following, name, _word(tokens, at), kind), at + 1


def _in_range(tokens: Sequence[str], at: int) -> Tuple[Expression, int]:
    start = None
    if tokens[at].lower() != "to":
        start = _word(tokens, at)
        at += 1
    if tokens[at].lower() != "to":
        raise _Unsure
    at += 1
    if tokens[at].lower() == "duration":
        parts, at = _parts(tokens, at + 1)
        return Date("in_range", start=start, parts=parts), at
    return Date("in_range", start=start, end=_word(tokens, at)), at + 1


def _parts(tokens: Sequence[str], at: int) -> Tuple[List[Tuple[str, str]], int]:
    """NAME=VALUE words, one or more."""
    parts: List[Tuple[str, str]] = []
    while at < len(tokens) and re.fullmatch(r"[^=]+=.+", tokens[at]):
        name, value = tokens[at].split("=", 1)
        parts.append((name, value))
        at += 1
    if not parts:
        raise _Unsure
    return parts, at


def _check(expression: Expression) -> None:
    """pcs 0.12's validation of a location rule (pcs/lib/cib/rule/validator.py): what
    it would refuse is left to it."""
    if isinstance(expression, Boolean):
        for child in expression.children:
            _check(child)
    elif isinstance(expression, Attribute):
        pattern = {"integer": _INTEGER, "number": _NUMBER, "version": _VERSION}.get(
            expression.type or ""
        )
        if pattern is not None and not pattern.match(expression.value or ""):
            raise _Unsure
    elif expression.operation in ("gt", "lt"):
        _date(expression.start or expression.end or "")
    elif expression.operation == "in_range":
        start = _date(expression.start) if expression.start is not None else None
        if expression.end is not None and start is not None and start >= _date(expression.end):
            raise _Unsure
        if expression.end is not None and start is None:
            _date(expression.end)
        _names_once(expression.parts, DURATION_PARTS)
        if any(not _POSITIVE.match(value) for _, value in expression.parts):
            raise _Unsure
    else:
        _names_once(expression.parts, tuple(DATESPEC_PARTS))
        for name, value in expression.parts:
            _datespec_part(value, *DATESPEC_PARTS[name])


def _date(text: str) -> datetime.datetime:
    """An ISO 8601 date and time of the plainest form (pcs takes more, with dateutil)."""
    found = _DATE.match(text)
    if found is None:
        raise _Unsure
    numbers = [int(g) for g in found.groups() if g is not None]
    try:
        return datetime.datetime(*numbers)  # type: ignore[arg-type]
    except ValueError:
        raise _Unsure from None


def _names_once(parts: Sequence[Tuple[str, str]], allowed: Sequence[str]) -> None:
    names = [name for name, _ in parts]
    if len(set(names)) != len(names) or any(name not in allowed for name in names):
        raise _Unsure


def _datespec_part(value: str, least: Optional[int], most: Optional[int]) -> None:
    found = _PART.match(value)
    if found is None:
        raise _Unsure
    low = int(found.group(1))
    high = int(found.group(2)) if found.group(2) is not None else None
    bounds = [n for n in (low, high) if n is not None]
    if high is not None and high <= low:
        raise _Unsure
    if least is not None and most is not None and any(not least <= n <= most for n in bounds):
        raise _Unsure


# --- the command -----------------------------------------------------------------------


def _options(words: List[str]) -> Tuple[Dict[str, str], Dict[str, str], List[str]]:
    """(rule options, constraint options, the rule's words), as pcs 0.12's command line
    splits them (pcs/cli/constraint/location/command.py)."""
    rule: Dict[str, str] = {}
    constraint: Dict[str, str] = {}
    at = 0
    while at < len(words) and "=" in words[at]:
        name, value = words[at].split("=", 1)
        if name in RULE_OPTIONS:
            rule[name] = value
        elif name in CONSTRAINT_OPTIONS:
            constraint[name] = value
        else:
            break
        at += 1
    if "constraint-id" in constraint:
        constraint["id"] = constraint.pop("constraint-id")
    return rule, constraint, words[at:]


def _taken_ids(root: etree._Element) -> IdProvider:
    """pcs's IdProvider: an id is taken when an element of the configuration has it, or
    a remote node is named so."""
    ids = IdProvider()
    for section in root:
        if section.tag == "status":
            continue
        for element in section.iter():
            if isinstance(element.tag, str) and element.tag not in _NOT_IDS:
                found = element.get("id")
                if found is not None:
                    ids.book(found)
    for pair in root.iterfind(".//primitive/meta_attributes/nvpair[@name='remote-node']"):
        ids.book(pair.get("value", ""))
    return ids


def _under(parent: etree._Element, suffix: str, ids: IdProvider) -> str:
    """pcs's create_subelement_id: the parent's id and the suffix, made unique."""
    return ids.allocate(f"{parent.get('id', parent.tag)}-{suffix}")


def add_location_rule(root: etree._Element, arguments: List[str], forced: bool) -> bool:
    """Apply the command (its words after `constraint location`) to the CIB ROOT as pcs
    0.12 does, and say so; False, with ROOT unchanged, when pcs is to decide."""
    if len(arguments) < 3 or arguments[1] != "rule":
        return False
    target = _resource(root, arguments[0], forced)
    constraints = root.find("configuration/constraints")
    if target is None or constraints is None:
        return False
    rule_options, constraint_options, words = _options(arguments[2:])
    tree = parse(" ".join(words))
    if tree is None or not _options_ok(rule_options, constraint_options):
        return False
    attribute, resource = target
    if not forced and _may_duplicate(constraints, attribute, resource):
        return False
    ids = _taken_ids(root)
    for wanted in (constraint_options.get("id"), rule_options.get("id")):
        if wanted is None:
            continue
        if not valid_id(wanted) or wanted in ids:
            return False
        ids.book(wanted)
    if "id" not in constraint_options:
        constraint_options["id"] = ids.allocate(f"location-{resource}")
    constraint_options[attribute] = resource
    element = etree.SubElement(constraints, "rsc_location")
    for name, value in constraint_options.items():
        if value != "":
            element.set(name, value)
    _rule(element, tree, ids, rule_options)
    return True


def _resource(root: etree._Element, spec: str, forced: bool) -> Optional[Tuple[str, str]]:
    """('rsc' or 'rsc-pattern', its value) of the command's resource, None when pcs may
    refuse it: an unknown id, no resource, one within a clone or bundle."""
    kind, percent, value = spec.partition("%")
    if not percent:
        kind, value = "", spec
    if kind == "regexp":
        return ("rsc-pattern", value) if value else None
    if kind not in ("", "resource") or not value:
        return None
    found = [
        e
        for e in root.iterfind("configuration//*[@id]")
        if e.get("id") == value and e.tag not in _NOT_IDS
    ]
    if len(found) != 1 or found[0].tag not in RESOURCE_TAGS:
        return None
    inside = [a.tag for a in found[0].iterancestors()]
    if not forced and any(tag in MULTI_INSTANCE for tag in inside):
        return None
    return "rsc", value


def _options_ok(rule: Dict[str, str], constraint: Dict[str, str]) -> bool:
    if any(value == "" for value in (*rule.values(), *constraint.values())):
        return False
    if "score" in rule and "score-attribute" in rule:
        return False
    if "score" in rule and not _SCORE.match(rule["score"]):
        return False
    if "role" in rule and rule["role"].capitalize() not in ROLES:
        return False
    if "role" in rule:
        rule["role"] = rule["role"].capitalize()
    return "resource-discovery" not in constraint or constraint["resource-discovery"] in DISCOVERY


def _may_duplicate(constraints: etree._Element, attribute: str, resource: str) -> bool:
    # pcs refuses a rule it finds the same in another constraint of the resource, unless
    # forced; whether it would is left to it whenever the resource has one
    return any(
        c.get(attribute) == resource and c.find("rule") is not None
        for c in constraints.iterfind("rsc_location")
    )


def _rule(
    constraint: etree._Element, tree: Boolean, ids: IdProvider, options: Dict[str, str]
) -> etree._Element:
    rule = _append(constraint, tree, ids, options.get("id"))
    if not options.get("score") and not options.get("score-attribute"):
        options["score"] = "INFINITY"
    for name, value in options.items():
        if value != "":
            rule.set(name, value)
    return rule


def _append(
    parent: etree._Element, expression: Expression, ids: IdProvider, wanted: Optional[str] = None
) -> etree._Element:
    if isinstance(expression, Boolean):
        rule = etree.SubElement(parent, "rule")
        rule.set("id", wanted or _under(parent, "rule", ids))
        rule.set("boolean-op", expression.operation)
        for child in expression.children:
            _append(rule, child, ids)
        return rule
    if isinstance(expression, Attribute):
        element = etree.SubElement(parent, "expression")
        element.set("id", _under(parent, "expr", ids))
        element.set("attribute", expression.name)
        element.set("operation", expression.operation)
        if expression.value:
            element.set("value", expression.value)
        if expression.type:
            element.set("type", expression.type)
        return element
    element = etree.SubElement(parent, "date_expression")
    element.set("id", _under(parent, "expr", ids))
    element.set("operation", expression.operation)
    if expression.start is not None:
        element.set("start", expression.start)
    if expression.operation == "date_spec":
        spec = etree.SubElement(element, "date_spec")
        for name, value in expression.parts:
            spec.set(name, value)
        spec.set("id", _under(element, "datespec", ids))
    elif expression.parts:
        duration = etree.SubElement(element, "duration")
        for name, value in expression.parts:
            duration.set(name, value)
        duration.set("id", _under(element, "duration", ids))
    elif expression.end is not None:
        element.set("end", expression.end)
    return element
