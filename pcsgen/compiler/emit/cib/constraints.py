"""rsc_location (by node, by rule), rsc_colocation and rsc_order elements."""

from __future__ import annotations

from lxml import etree

from pcsgen import ir
from pcsgen.compiler.emit.cib.ids import IdProvider
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.needs import colocation_roles


def append_location_node(
    parent: etree._Element, item: ir.LocationNode, ids: IdProvider
) -> etree._Element:
    constraint_id = ids.allocate(f"location-{item.rsc}-{item.node}-{item.score}")
    return etree.SubElement(
        parent, "rsc_location", id=constraint_id, rsc=item.rsc, node=item.node, score=item.score
    )


def append_location_rule(
    parent: etree._Element, item: ir.LocationRule, ids: IdProvider, dialect: Dialect
) -> etree._Element:
    constraint_id = ids.allocate(f"location-{item.rsc}")
    element = etree.SubElement(parent, "rsc_location", id=constraint_id, rsc=item.rsc)
    rule = etree.SubElement(element, "rule", id=ids.allocate(f"{constraint_id}-rule"))
    if item.bool_op and len(item.expressions) > 1:
        rule.set("boolean-op", item.bool_op)
    elif dialect.rule_boolean_op_always:
        rule.set("boolean-op", "and")
    rule.set("score", item.score)
    if item.role:
        rule.set("role", dialect.role(item.role) or item.role)
    for expression in item.expressions:
        expr = etree.SubElement(rule, "expression", id=ids.allocate(f"{rule.get('id')}-expr"))
        expr.set("operation", expression.operation)
        expr.set("attribute", expression.attribute)
        if expression.value is not None:
            expr.set("value", expression.value)
    return element


def append_colocation(
    parent: etree._Element, item: ir.Colocation, ids: IdProvider, dialect: Dialect
) -> etree._Element:
    element = etree.SubElement(parent, "rsc_colocation", rsc=item.rsc)
    element.set("with-rsc", item.with_rsc)
    element.set("score", item.score)
    for name, value in colocation_roles(item, dialect).items():
        element.set(name, value)
    element.set("id", ids.allocate(dialect.colocation_id(item.rsc, item.with_rsc, item.score)))
    return element


def append_order(parent: etree._Element, item: ir.Order, ids: IdProvider) -> etree._Element:
    element = etree.SubElement(parent, "rsc_order", first=item.first, then=item.then)
    if item.kind:
        element.set("kind", item.kind)
    element.set("first-action", item.first_action or "start")
    element.set("then-action", item.then_action or "start")
    if item.symmetrical is not None:
        element.set("symmetrical", item.symmetrical)
    kind = item.kind or "mandatory"
    element.set("id", ids.allocate(f"order-{item.first}-{item.then}-{kind}"))
    return element
