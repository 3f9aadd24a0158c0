"""Rules as Pacemaker reads them: one text per rule, the same for rules Pacemaker
evaluates alike (id-refs followed, expressions in order, default types), and an
element's raw form where nothing more is known of it."""

from __future__ import annotations

from typing import Any, Tuple

from pcsgen.cib.context import Context, children
from pcsgen.cib.element import Element
from pcsgen.cib.values import date, interval

# -- rules ---------------------------------------------------------------------------

# comparisons whose type Pacemaker takes as string when none is given
STRING_BY_DEFAULT = frozenset({"eq", "ne"})


def rule_text(rule: Element, context: Context) -> str:
    """A rule's condition, normalised: its parts sorted (and/or commute), defaults
    dropped. Score and role are not part of the condition."""
    resolved = context.resolve(rule)
    if resolved is None:
        return f"(missing rule {rule.get('id-ref') or rule.get('id')})"
    # each rule's text once: many rules may name one by id-ref
    known = context._rule_texts.get(resolved)
    if known is not None:
        return known
    parts = sorted(_condition(child, context) for child in children(resolved))
    if len(parts) == 1:
        text = parts[0]
    else:
        joiner = " or " if (resolved.get("boolean-op") or "and").lower() == "or" else " and "
        text = "(" + joiner.join(parts) + ")"
    context._rule_texts[resolved] = text
    return text


def _condition(element: Element, context: Context) -> str:
    if element.tag == "rule":
        return rule_text(element, context)
    if element.tag == "expression":
        operation = element.get("operation", "")
        attribute = element.get("attribute", "")
        if operation in ("defined", "not_defined"):
            return f"{operation} {attribute}"
        words = [attribute, operation]
        kind = element.get("type")
        # Pacemaker compares with eq and ne as strings unless told otherwise (lt, gt,
        # lte and gte as numbers)
        if kind and not (kind.lower() == "string" and operation in STRING_BY_DEFAULT):
            words.append(kind.lower())
        if element.get("value-source") not in (None, "literal"):
            words.append(f"value-source={element.get('value-source')}")
        words.append(repr(element.get("value", "")))
        return " ".join(words)
    if element.tag == "date_expression":
        operation = element.get("operation") or "in_range"
        words = [f"date {operation}"]
        for key in ("start", "end"):
            if element.get(key) is not None:
                words.append(f"{key}={date(element.get(key, ''))!r}")
        for child in children(element, "duration", "date_spec"):
            words.append(
                child.tag
                + "("
                + " ".join(f"{k}={v}" for k, v in sorted(child.attrib.items()) if k != "id")
                + ")"
            )
        return " ".join(words)
    if element.tag == "op_expression":
        words = [f"op {element.get('name', '')}"]
        if element.get("interval") is not None:
            words.append(f"interval={interval(element.get('interval'))}")
        return " ".join(words)
    if element.tag == "rsc_expression":
        return "resource " + ":".join(element.get(k) or "" for k in ("class", "provider", "type"))
    return repr(raw(element))


def raw(element: Element) -> Tuple[Any, ...]:
    """An element as written, without ids: for what has no finer form."""
    return (
        element.tag,
        tuple(sorted((str(k), str(v)) for k, v in element.attrib.items() if k != "id")),
        tuple(raw(child) for child in children(element)),
    )
