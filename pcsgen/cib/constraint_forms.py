"""The constraints of a CIB in canonical form (see pcsgen.cib.canonical): each keyed by
the resources, nodes or sets it binds, with the defaults and spellings Pacemaker
reads alike resolved."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set, Tuple

from pcsgen.cib.element import Element
from pcsgen.cib.keyed import Keyed, keyed, numbered
from pcsgen.cib.reading import (
    Context,
    children,
    expand_references,
    order_kind,
    raw,
    rule_text,
)
from pcsgen.cib.values import (
    ANY_ROLE_COLOCATION,
    ANY_ROLE_LOCATION_NODE,
    ANY_ROLE_LOCATION_RULE,
    boolean,
    role,
    score,
)

Canonical = Dict[str, Any]


def _set_text(resource_set: Element, context: Context, attributes: Dict[str, Any]) -> str:
    resolved = context.resolve(resource_set)
    if resolved is None:
        return f"set(missing {resource_set.get('id-ref')})"
    refs = [context.name(r.get("id", "")) or "" for r in children(resolved, "resource_ref")]
    settings = dict(attributes)
    for key, value in resolved.attrib.items():
        key = str(key)
        if key in ("id",):
            continue
        if key in ("sequential", "require-all"):
            settings[key] = boolean(value)
        elif key == "role":
            settings[key] = role(value)
        elif key == "score":
            settings[key] = score(value)
        else:
            settings[key] = value
    defaults = {"sequential": "true", "require-all": "true", "ordering": "group", "action": "start"}
    for key, default in defaults.items():
        if settings.get(key) == default:
            del settings[key]
    if settings.get("sequential") == "false":
        refs = sorted(refs)
    words = [" ".join(refs)] + [f"{k}={v}" for k, v in sorted(settings.items())]
    return "set(" + " ".join(w for w in words if w) + ")"


def _sets_text(element: Element, context: Context) -> str:
    return " ".join(_set_text(s, context, {}) for s in children(element, "resource_set"))


def _common(element: Element, form: Dict[str, Any]) -> Dict[str, Any]:
    lifetime = children(element, "lifetime")
    if lifetime:
        form["lifetime"] = repr([raw(x) for x in lifetime])
    return {k: v for k, v in form.items() if v is not None}


def _locations(element: Element, context: Context, table: Keyed) -> None:
    """One entry per resource and node or rule: a location with several rules, or a
    set of resources, is several locations to Pacemaker."""
    discovery = (element.get("resource-discovery") or "always").lower()
    targets: List[Tuple[str, Optional[str], Optional[str]]] = []  # target, role, score
    if element.get("rsc") is not None:
        for member in context.members(element.get("rsc", ""), element) or [element.get("rsc", "")]:
            targets.append((context.name(member) or "", None, None))
    if element.get("rsc-pattern") is not None:
        targets.append((f"pattern {element.get('rsc-pattern')}", None, None))
    for resource_set in children(element, "resource_set"):
        resolved = context.resolve(resource_set)
        if resolved is None:
            continue
        for ref in children(resolved, "resource_ref"):
            targets.append(
                (context.name(ref.get("id")) or "", resolved.get("role"), resolved.get("score"))
            )
    node = element.get("node")
    for target, set_role, set_score in targets:
        given_score = set_score or element.get("score")
        if node is not None and given_score is not None:
            node_role = role(set_role or element.get("role"))
            keyed(
                table,
                f"{target} on {node}",
                _common(
                    element,
                    {
                        "score": score(given_score),
                        "role": None if node_role in ANY_ROLE_LOCATION_NODE else node_role,
                        "resource-discovery": None if discovery == "always" else discovery,
                    },
                ),
            )
            continue
        for rule in children(element, "rule"):
            resolved = context.resolve(rule)
            if resolved is None:
                continue
            rule_role = role(resolved.get("role"))
            on_node = _uname_rule(resolved)
            if on_node is not None and rule_role != "Started":
                # `#uname eq NODE` with a score is a location on NODE to Pacemaker
                keyed(
                    table,
                    f"{target} on {on_node}",
                    _common(
                        element,
                        {
                            "score": score(resolved.get("score")),
                            "role": None if rule_role in ANY_ROLE_LOCATION_NODE else rule_role,
                            "resource-discovery": None if discovery == "always" else discovery,
                        },
                    ),
                )
                continue
            keyed(
                table,
                f"{target} rule {rule_text(resolved, context)}",
                _common(
                    element,
                    {
                        "score": score(resolved.get("score"))
                        if resolved.get("score") is not None
                        else None,
                        "score-attribute": resolved.get("score-attribute")
                        if resolved.get("score") is None
                        else None,
                        "role": None if rule_role in ANY_ROLE_LOCATION_RULE else rule_role,
                        "resource-discovery": None if discovery == "always" else discovery,
                    },
                ),
            )


def _uname_rule(rule: Element) -> Optional[str]:
    """The node of a rule that is only `#uname eq NODE` with a score; else None."""
    parts = children(rule)
    if len(parts) != 1 or parts[0].tag != "expression" or rule.get("score") is None:
        return None
    expression = parts[0]
    if (
        expression.get("attribute") != "#uname"
        or expression.get("operation") != "eq"
        or expression.get("type") not in (None, "string")
        or expression.get("value-source") not in (None, "literal")
    ):
        return None
    found: Optional[str] = expression.get("value")
    return found


def _colocation(element: Element, context: Context, table: Keyed) -> None:
    influence = boolean(element.get("influence"))
    node_attribute = element.get("node-attribute")
    common = {
        "influence": influence,
        "node-attribute": None if node_attribute in (None, "#uname") else node_attribute,
    }
    if children(element, "resource_set"):
        given = score(element.get("score"))
        if given in (None, "0") and not any(
            score(s.get("score")) not in (None, "0") for s in children(element, "resource_set")
        ):
            return  # Pacemaker ignores every set of it (score 0, or none)
        keyed(
            table,
            f"sets {_sets_text(element, context)}",
            _common(element, {"score": given, **common}),
        )
        return
    given = score(element.get("score"))
    if given in (None, "0"):
        return  # Pacemaker ignores a colocation with score 0 (or none)
    rsc_role = role(element.get("rsc-role"))
    with_role = role(element.get("with-rsc-role"))
    form = {
        "score": given,
        "score-attribute": element.get("score-attribute"),
        "rsc-role": None if rsc_role in ANY_ROLE_COLOCATION else rsc_role,
        "with-rsc-role": None if with_role in ANY_ROLE_COLOCATION else with_role,
        "rsc-instance": element.get("rsc-instance"),
        "with-rsc-instance": element.get("with-rsc-instance"),
        **common,
    }
    keyed(
        table,
        f"{context.name(element.get('rsc'))} with {context.name(element.get('with-rsc'))}",
        _common(element, form),
    )


def _order(element: Element, context: Context, table: Keyed) -> None:
    kind = order_kind(element)
    symmetrical = boolean(element.get("symmetrical"))
    if symmetrical not in ("true", "false"):
        symmetrical = "false" if kind == "Serialize" else "true"
    elif kind == "Serialize":
        symmetrical = "false"  # Pacemaker ignores symmetrical=true with Serialize
    form = {
        "kind": kind,
        "symmetrical": symmetrical,
        "require-all": boolean(element.get("require-all")),
    }
    if children(element, "resource_set"):
        keyed(table, f"sets {_sets_text(element, context)}", _common(element, form))
        return
    first_action = element.get("first-action") or "start"
    then_action = element.get("then-action") or first_action
    form["first-instance"] = element.get("first-instance")
    form["then-instance"] = element.get("then-instance")
    keyed(
        table,
        f"{first_action} {context.name(element.get('first'))} then {then_action} "
        f"{context.name(element.get('then'))}",
        _common(element, form),
    )


def _ticket(element: Element, context: Context, table: Keyed) -> None:
    ticket_role = role(element.get("rsc-role"))
    form = {
        "rsc-role": None if ticket_role == "Started" else ticket_role,
        "loss-policy": (element.get("loss-policy") or "stop").lower(),
    }
    target = (
        _sets_text(element, context)
        if children(element, "resource_set")
        else context.name(element.get("rsc")) or ""
    )
    keyed(table, f"{element.get('ticket')} for {target}", _common(element, form))


# what a constraint may name: a resource at any depth, a template, a tag
NAMED_TAGS = ("primitive", "group", "clone", "master", "bundle", "template")


def _names_nothing(element: Element, known: Set[str], context: Context) -> bool:
    """Whether a constraint names a resource the CIB does not hold: Pacemaker ignores
    such a constraint (it says so, and runs the rest)."""
    names = [element.get(k) for k in ("rsc", "with-rsc", "first", "then")]
    for resource_set in children(element, "resource_set"):
        resolved = context.resolve(resource_set)
        if resolved is not None:
            names += [r.get("id") for r in children(resolved, "resource_ref")]
    return any(name is not None and name not in known for name in names)


def constraints(section: Optional[Element], context: Context) -> Canonical:
    tables: Dict[str, Keyed] = {"locations": {}, "colocations": {}, "orders": {}, "tickets": {}}
    # elements of no constraint kind, each under its tag beside the kinds, so that a
    # difference names the element
    others: Keyed = {}
    configuration = section.getparent() if section is not None else None
    known: Set[str] = set()
    if configuration is not None:
        known = {
            e.get("id", "")
            for e in configuration.iterfind("resources//*")
            if isinstance(e.tag, str) and e.tag in NAMED_TAGS
        }
        known |= {t.get("id", "") for t in configuration.iterfind("tags/tag")}
    for original in children(section) if section is not None else []:
        element = expand_references(original, context)
        if element.tag in (
            "rsc_location",
            "rsc_colocation",
            "rsc_order",
            "rsc_ticket",
        ) and _names_nothing(element, known, context):
            continue
        if element.tag == "rsc_location":
            _locations(element, context, tables["locations"])
        elif element.tag == "rsc_colocation":
            _colocation(element, context, tables["colocations"])
        elif element.tag == "rsc_order":
            _order(element, context, tables["orders"])
        elif element.tag == "rsc_ticket":
            _ticket(element, context, tables["tickets"])
        else:
            keyed(others, f"<{element.tag}>", repr(raw(element)))
    form: Canonical = {kind: numbered(table) for kind, table in tables.items()}
    form.update(numbered(others))
    return form
