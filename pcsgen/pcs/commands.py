"""pcs commands that rebuild CIB elements the definition format has no table for:
rules, resource sets, tickets, bundles, tags, ACLs. Every word is shell-quoted; a
command is None when pcs has no way to write the element as it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence

from pcsgen.pcs.quoting import quote
from pcsgen.pcs.rules import TEXT_RULE_TOKEN

if TYPE_CHECKING:
    from pcsgen.cib.element import Element

    Resolve = Callable[[Element], Optional[Element]]

# what pcs's rule parsers take (0.10 to 0.12)
RULE_COMPARISONS = frozenset({"lt", "gt", "lte", "gte", "eq", "ne"})
RULE_TYPES = frozenset({"string", "integer", "number", "version"})
DATE_SPEC_KEYS = (
    "years",
    "weekyears",
    "months",
    "weeks",
    "yeardays",
    "monthdays",
    "weekdays",
    "hours",
    "minutes",
    "seconds",
)
DURATION_KEYS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
# resource_set options `pcs constraint ... set` takes, by constraint kind
SET_OPTIONS = {
    "order": ("action", "require-all", "role", "sequential"),
    "colocation": ("action", "require-all", "role", "sequential"),
    "ticket": ("action", "require-all", "role", "sequential"),
}
SETOPTIONS = {
    "order": ("id", "kind", "symmetrical"),
    "colocation": ("id", "score"),
    "ticket": ("id", "ticket", "loss-policy"),
}


def command(*words: str) -> str:
    return " ".join(quote(w) for w in words)


def _children(element: Element, *tags: str) -> List[Element]:
    return [c for c in element if isinstance(c.tag, str) and (not tags or c.tag in tags)]


def _typed_value_ok(kind: Optional[str], value: str) -> bool:
    """pcs checks a typed value before it writes it."""
    if kind in (None, "string"):
        return True
    if kind == "integer":
        return value.lstrip("+-").isdigit()
    if kind == "number":
        try:
            float(value)
        except ValueError:
            return False
        return True
    return all(part.isdigit() for part in value.split("."))  # version


class RuleWords:
    """A rule in pcs's grammar: a list of tokens (values kept apart so that they can be
    quoted for the target), or None where pcs cannot write it."""

    def __init__(self, resolve: Resolve, allow: Sequence[str], spaces: bool = False) -> None:
        self.resolve = resolve
        # which expression kinds this command takes: expression, date, resource, op
        self.allow = frozenset(allow)
        # whether a date may hold spaces (pcs's older rule parser, word by word); else
        # a date with an offset is written as the UTC instant it names
        self.spaces = spaces

    def tokens(self, rule: Element, top: bool = True) -> Optional[List[Any]]:
        resolved = self.resolve(rule)
        if resolved is None:
            return None
        if not top and (
            resolved.get("score-attribute") is not None or resolved.get("role") is not None
        ):
            return None  # a nested rule's role: pcs writes none (its score means nothing)
        parts: List[List[Any]] = []
        for child in _children(resolved):
            found = self._part(child)
            if found is None:
                return None
            parts.append(found)
        if not parts:
            return None
        joiner = "or" if (resolved.get("boolean-op") or "and").lower() == "or" else "and"
        tokens: List[Any] = []
        for index, part in enumerate(parts):
            if index:
                tokens.append(joiner)
            tokens += part
        return tokens

    def _part(self, child: Element) -> Optional[List[Any]]:
        if child.tag == "rule":
            inner = self.tokens(child, top=False)
            return None if inner is None else ["(", *inner, ")"]
        if child.tag == "expression" and "expression" in self.allow:
            return self._expression(child)
        if child.tag == "date_expression" and "date" in self.allow:
            return self._date(child)
        if child.tag == "rsc_expression" and "resource" in self.allow:
            spec = ":".join(child.get(k) or "" for k in ("class", "provider", "type"))
            return ["resource", Value(spec)]
        if child.tag == "op_expression" and "op" in self.allow:
            words: List[Any] = ["op", Value(child.get("name", ""))]
            if child.get("interval") is not None:
                words.append(Value(f"interval={child.get('interval')}"))
            return words
        return None

    @staticmethod
    def _expression(child: Element) -> Optional[List[Any]]:
        operation = child.get("operation", "")
        attribute = child.get("attribute", "")
        if child.get("value-source") not in (None, "literal"):
            return None
        if operation in ("defined", "not_defined"):
            return [operation, Value(attribute)]
        kind = child.get("type")
        value = child.get("value")
        if (
            operation not in RULE_COMPARISONS
            or value is None
            or (kind is not None and kind not in RULE_TYPES)
            or not _typed_value_ok(kind, value)
        ):
            return None
        words: List[Any] = [Value(attribute), operation]
        if kind is not None:
            words.append(kind)
        words.append(Value(value))
        return words

    def _date_value(self, text: Optional[str]) -> Optional[str]:
        if text is None or self.spaces or " " not in text:
            return text
        from pcsgen.cib.values import date

        converted = date(text)
        return None if " " in converted else converted

    def _date(self, child: Element) -> Optional[List[Any]]:
        operation = child.get("operation") or "in_range"
        start, end = self._date_value(child.get("start")), self._date_value(child.get("end"))
        if (start is None and child.get("start") is not None) or (
            end is None and child.get("end") is not None
        ):
            return None
        if operation == "gt" and start is not None:
            return ["date", "gt", Value(start)]
        if operation == "lt" and end is not None:
            return ["date", "lt", Value(end)]
        if operation == "in_range":
            duration = next(iter(_children(child, "duration")), None)
            words: List[Any] = ["date", "in_range"]
            if start is not None:
                words.append(Value(start))
            if end is not None and duration is None:
                return words + ["to", Value(end)]
            if duration is not None and end is None and start is not None:
                options = [
                    f"{k}={duration.get(k)}" for k in DURATION_KEYS if duration.get(k) is not None
                ]
                if options and len(options) == len([k for k in duration.attrib if k != "id"]):
                    return words + ["to", "duration"] + [Value(o) for o in options]
            return None
        if operation == "date_spec":
            spec = next(iter(_children(child, "date_spec")), None)
            if spec is None:
                return None
            options = [f"{k}={spec.get(k)}" for k in DATE_SPEC_KEYS if spec.get(k) is not None]
            if not options or len(options) != len([k for k in spec.attrib if k != "id"]):
                return None  # moon and the like
            return ["date-spec"] + [Value(o) for o in options]
        return None


class Value(str):
    """A token that is a user's value (which pcs's rule parser may not read as written)."""


def text_rule_writable(tokens: List[Any]) -> bool:
    """Whether pcs's rule parser (pcs 0.12's location rules; every generation's defaults
    rules, whose words pcs joins with spaces) reads every value of these tokens as
    written: it knows no quoting."""
    return all(TEXT_RULE_TOKEN.fullmatch(t) for t in tokens if isinstance(t, Value))


def rule_argv(tokens: List[Any], as_one_argument: bool) -> List[str]:
    """pcs 0.12 takes the rule as one argument; older ones take it word by word (check
    `text_rule_writable` first where pcs parses it as text)."""
    if as_one_argument:
        return [" ".join(str(t) for t in tokens)]
    return [str(t) for t in tokens]


def set_words(
    resource_set: Element, kind: str, resolve: Resolve, rename: Callable[[str], str]
) -> Optional[List[str]]:
    resolved = resolve(resource_set)
    if resolved is None:
        return None
    refs = [rename(r.get("id", "")) for r in _children(resolved, "resource_ref")]
    if not refs:
        return None
    options: List[str] = []
    for key, value in resolved.attrib.items():
        if key in ("id",):
            continue
        if key not in SET_OPTIONS[kind]:
            return None  # ordering=, score= and the like: pcs writes none
        options.append(f"{key}={value}")
    return refs + options


def sets_command(
    element: Element, kind: str, resolve: Resolve, rename: Callable[[str], str]
) -> Optional[List[str]]:
    words = (
        ["pcs", "constraint", kind, "set"]
        if kind != "ticket"
        else ["pcs", "constraint", "ticket", "set"]
    )
    for index, resource_set in enumerate(_children(element, "resource_set")):
        found = set_words(resource_set, kind, resolve, rename)
        if found is None:
            return None
        if index:
            words.append("set")
        words += found
    setoptions: List[str] = []
    for key, value in element.attrib.items():
        if key not in SETOPTIONS[kind]:
            return None
        setoptions.append(f"{key}={value}")
    if setoptions:
        words += ["setoptions", *setoptions]
    return words


def nvpair_words(pairs: Dict[str, str]) -> List[str]:
    return [f"{name}={value}" for name, value in pairs.items()]
