"""How Pacemaker reads a CIB: id-refs, nvpair blocks in its order, rules, templates,
operations, tags and templates in constraints, ACL grants, legacy property names
(the CIB's elements by id in context.py, rules in rule_reading.py, constraints and ACLs
in constraint_reading.py; their names are here too, so that one module is read from).
The canonical form (canonical.py) and the import (pcsgen.workbook.importer) both read
a CIB through here, so that what one compares the other writes."""

from __future__ import annotations

from typing import Any, Callable, Dict, FrozenSet, List, NamedTuple, Optional, Tuple

from pcsgen.cib.constraint_reading import PERMISSION_KINDS as PERMISSION_KINDS
from pcsgen.cib.constraint_reading import acl_grants as acl_grants
from pcsgen.cib.constraint_reading import acl_permission as acl_permission
from pcsgen.cib.constraint_reading import expand_references as expand_references
from pcsgen.cib.constraint_reading import order_kind as order_kind
from pcsgen.cib.context import MAX_EXPANSION as MAX_EXPANSION
from pcsgen.cib.context import MAX_RULE_DEPTH as MAX_RULE_DEPTH
from pcsgen.cib.context import MAX_RULE_PARTS as MAX_RULE_PARTS
from pcsgen.cib.context import Context as Context
from pcsgen.cib.context import ExpansionTooLarge as ExpansionTooLarge
from pcsgen.cib.context import children as children
from pcsgen.cib.element import Element
from pcsgen.cib.rule_reading import STRING_BY_DEFAULT as STRING_BY_DEFAULT
from pcsgen.cib.rule_reading import raw as raw
from pcsgen.cib.rule_reading import rule_text as rule_text
from pcsgen.cib.values import (
    DEFAULT_OP_TIMEOUT_MS,
    INERT_ACTIONS,
    INFINITY,
    MAINTAINED_PROPERTIES,
    META_VALUES,
    duration,
    interval,
    role,
    score,
)

# -- nvpair blocks -------------------------------------------------------------------


def nvsets(
    owner: Optional[Element],
    tag: str,
    context: Context,
    first_id: Optional[str] = None,
    normalise: Optional[Dict[str, Callable[[Optional[str]], Optional[str]]]] = None,
    dropped: FrozenSet[str] = frozenset(),
) -> Any:
    """The values of an owner's blocks of one kind, as Pacemaker reads them: blocks
    by score (first_id always first), blocks of equal score the later first (Pacemaker
    prepends them to a list it then sorts stably), the first value of a name winning.

    Without rules, a dict of name -> value. With rules, {"values": the unconditional
    values read before any rule, "then": [{"rule": ..., "values": ...} ...]}: the
    blocks read after, those with a rule and those without, names already decided
    taken out."""
    if owner is None:
        return {}
    blocks = [b for b in (context.resolve(b) for b in children(owner, tag)) if b is not None]
    blocks.reverse()
    blocks.sort(
        key=lambda b: (
            0 if first_id is not None and b.get("id") == first_id else 1,
            -_block_score(b),
        )
    )
    convert = normalise or {}
    base: Dict[str, str] = {}
    later: List[Tuple[Optional[str], Dict[str, str]]] = []
    defaults_used = False
    for block in blocks:
        rule = next((r for r in children(block, "rule")), None)
        condition = rule_text(rule, context) if rule is not None else None
        pairs: List[Tuple[str, str]] = []
        for nvpair in children(block, "nvpair"):
            target = context.resolve(nvpair)
            name = nvpair.get("name") or (target.get("name") if target is not None else None)
            value = nvpair.get("value")
            if value is None and target is not None:
                value = target.get("value")
            if name is None or value is None or name in dropped:
                continue
            if value.lower() == "#default":
                defaults_used = True
            else:
                value = convert[name](value) or value if name in convert else value
            pairs.append((name, value))
        if condition is None and not later:
            for name, value in pairs:
                if value.lower() == "#default":
                    base.pop(name, None)  # lets a later block set it again
                elif name not in base:
                    base[name] = value
            continue
        layer: Dict[str, str] = {}
        for name, value in pairs:
            if name not in layer and (defaults_used or name not in base):
                layer[name] = value
        if condition is None and later and later[-1][0] is None:
            for name, value in layer.items():
                later[-1][1].setdefault(name, value)
        elif layer:
            later.append((condition, layer))
    while later and not later[-1][1]:
        later.pop()
    if not later:
        return base
    return {
        "values": base,
        "then": [{"rule": c, "values": v} if c is not None else {"values": v} for c, v in later],
    }


def _block_score(block: Element) -> int:
    found = score(block.get("score"))
    if found == "INFINITY":
        return INFINITY
    if found == "-INFINITY":
        return -INFINITY
    try:
        return int(found) if found is not None else 0
    except ValueError:
        return 0


def plain_values(form: Any) -> Dict[str, str]:
    """The unconditional values of a form nvsets() made."""
    if isinstance(form, dict) and "then" in form:
        return dict(form["values"])
    return dict(form)


def expand_template(primitive: Element, context: Context) -> Element:
    """A primitive made from a template, as Pacemaker expands it: the template's
    agent and blocks, then the primitive's own; the template's operations where the
    primitive has none of that name and role."""
    name = primitive.get("template")
    if name is None:
        return primitive
    template = context.by_id.get(("template", name))
    if template is None:
        return primitive
    from copy import deepcopy

    context.spend(context.size(template), primitive)
    expanded = deepcopy(template)
    expanded.tag = "primitive"
    expanded.set("id", primitive.get("id", ""))
    own_operations = None
    template_operations = expanded.find("operations")
    for child in children(primitive):
        copy = deepcopy(child)
        expanded.append(copy)
        if child.tag == "operations":
            own_operations = copy
    if template_operations is not None and own_operations is not None:

        def key(op: Element) -> Tuple[str, Optional[str]]:
            op_role = role(op.get("role"))
            return (
                op.get("name", ""),
                None if op_role in (None, "Started", "Unpromoted") else op_role,
            )

        mine = {key(op) for op in children(own_operations, "op")}
        for op in children(template_operations, "op"):
            if key(op) not in mine:
                own_operations.append(deepcopy(op))
        expanded.remove(template_operations)
    return expanded


# Operation attributes the schema upgrade from Pacemaker 1.x moves from an op's
# instance_attributes to its meta_attributes (upgrade-2.10.xsl)
LEGACY_OP_META = frozenset(
    {"interval-origin", "start-delay", "enabled", "on-fail", "record-pending", "role", "timeout"}
)


class OpSettings(NamedTuple):
    """An <op> as Pacemaker reads it: its XML attributes over its meta_attributes."""

    element: Element
    name: str
    interval: str  # as written ("0" when missing)
    attributes: Dict[str, str]  # not name, interval, id; as written
    instance: Any  # nvsets() form (the agent's parameters, OCF_CHECK_LEVEL ...)
    meta_rules: List[Dict[str, Any]]  # meta_attributes read under rules
    requires: Optional[str]  # 'requires' of a start or promote op of a 1.x-schema CIB


def op_settings(primitive: Element, context: Context) -> List[OpSettings]:
    found: List[OpSettings] = []
    for holder in children(primitive, "operations"):
        resolved = context.resolve(holder)
        if resolved is None:
            continue
        for op in children(resolved, "op"):
            name = op.get("name", "")
            instance = nvsets(op, "instance_attributes", context)
            meta = nvsets(op, "meta_attributes", context)
            folded = values_of(meta)
            if context.legacy_schema and not (isinstance(instance, dict) and "then" in instance):
                for key in list(instance):
                    if key in LEGACY_OP_META or key == "requires":
                        folded.setdefault(key, instance.pop(key))
            attributes = {
                **folded,
                **{
                    str(k): str(v)
                    for k, v in op.attrib.items()
                    if k not in ("id", "name", "interval")
                },
            }
            # Pacemaker 2 and 3 read no 'requires' of an op; the upgrade from a 1.x
            # schema makes that of start or promote the resource's
            requires = attributes.pop("requires", None)
            if not context.legacy_schema or name not in ("start", "promote"):
                requires = None
            layers = meta["then"] if isinstance(meta, dict) and "then" in meta else []
            found.append(
                OpSettings(
                    op, name, op.get("interval") or "0", attributes, instance, layers, requires
                )
            )
    return found


def repeated_recurring(ops: List[OpSettings]) -> Dict[Tuple[str, str], int]:
    """The recurring (name, interval) pairs more than one op of a resource gives, and
    how many: Pacemaker refuses such a pair and schedules none of its ops, whatever
    their roles or whether they are enabled."""
    counts: Dict[Tuple[str, str], int] = {}
    for op in ops:
        every = interval(op.interval)
        if every != "0s":
            counts[(op.name, every)] = counts.get((op.name, every), 0) + 1
    return {key: n for key, n in counts.items() if n > 1}


def inert(name: str, attributes: Dict[str, Any], default_timeout: Optional[str]) -> bool:
    """A zero-interval operation that configures nothing Pacemaker would not do
    anyway. (The timeout of a probe defaults to that of the shortest monitor, so a
    monitor's timeout always counts.)"""
    if name in INERT_ACTIONS:
        return True
    if not attributes:
        return True
    return (
        name != "monitor"
        and set(attributes) == {"timeout"}
        and default_timeout is not None
        and attributes["timeout"] == default_timeout
    )


def default_timeout(op_defaults: Any) -> Optional[str]:
    """The timeout an operation without one gets, when it does not depend on rules."""
    if (
        isinstance(op_defaults, dict)
        and "then" in op_defaults
        and any("timeout" in layer["values"] for layer in op_defaults["then"])
    ):
        return None
    given = plain_values(op_defaults).get("timeout")
    if given is None:
        return duration(str(DEFAULT_OP_TIMEOUT_MS) + "ms")
    return duration(given)


def values_of(form: Any) -> Dict[str, str]:
    """The unconditional values of a form nvsets() made, to change in place."""
    if isinstance(form, dict) and "then" in form:
        values_form: Dict[str, str] = form["values"]
        return values_form
    plain: Dict[str, str] = form
    return plain


def _upgrade_legacy(crm_config: Any, rsc_defaults: Any, op_defaults: Any) -> None:
    """Pacemaker 1.x property names, where Pacemaker's schema upgrade puts them."""
    from pcsgen.cluster_options import legacy

    properties = values_of(crm_config)
    sections = {
        "crm_config": properties,
        "rsc_defaults": values_of(rsc_defaults),
        "op_defaults": values_of(op_defaults),
    }
    for name, value in list(properties.items()):
        moved = legacy(name, value)
        if moved is None:
            continue
        del properties[name]
        if moved.section is not None and moved.name is not None:
            sections[moved.section].setdefault(moved.name, moved.value)


def settings(configuration: Element, context: Context) -> Tuple[Any, Any, Any]:
    """crm_config, rsc_defaults and op_defaults, legacy names where Pacemaker puts them."""
    crm_config = nvsets(
        configuration.find("crm_config"),
        "cluster_property_set",
        context,
        first_id="cib-bootstrap-options",
        dropped=MAINTAINED_PROPERTIES,
    )
    rsc_defaults = nvsets(
        configuration.find("rsc_defaults"), "meta_attributes", context, normalise=META_VALUES
    )
    op_defaults = nvsets(configuration.find("op_defaults"), "meta_attributes", context)
    _upgrade_legacy(crm_config, rsc_defaults, op_defaults)
    return crm_config, rsc_defaults, op_defaults


def default_timeout_of(configuration: Element, context: Context) -> Optional[str]:
    return default_timeout(settings(configuration, context)[2])
