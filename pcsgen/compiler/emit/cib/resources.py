"""primitive, group and clone elements."""

from __future__ import annotations

from lxml import etree

from pcsgen import ir
from pcsgen.agents.operations import CHECK_LEVEL
from pcsgen.compiler.emit.cib.ids import IdProvider
from pcsgen.compiler.emit.cib.nvsets import append_nvset
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.needs import operation_attributes


def _sorted(pairs: list[ir.NvPair]) -> list[ir.NvPair]:
    # pcs writes the options of `resource create` sorted by name
    return sorted(pairs, key=lambda p: p.name)


def append_primitive(
    parent: etree._Element, primitive: ir.Primitive, ids: IdProvider, dialect: Dialect
) -> etree._Element:
    element = etree.SubElement(parent, "primitive", id=primitive.id)
    element.set("class", primitive.agent.standard)
    element.set("type", primitive.agent.type)
    if primitive.agent.provider:
        element.set("provider", primitive.agent.provider)
    append_nvset(
        element,
        "instance_attributes",
        f"{primitive.id}-instance_attributes",
        _sorted(primitive.instance_attributes),
        ids,
    )
    append_nvset(
        element,
        "meta_attributes",
        f"{primitive.id}-meta_attributes",
        _sorted(primitive.meta_attributes),
        ids,
    )
    if primitive.operations:
        operations = etree.SubElement(element, "operations")
        # pcs writes operations sorted by name (a stable sort: the user's first)
        for operation in sorted(primitive.operations, key=lambda op: op.name):
            append_operation(operations, primitive.id, operation, ids, dialect)
    append_nvset(element, "utilization", f"{primitive.id}-utilization", primitive.utilization, ids)
    return element


def append_operation(
    parent: etree._Element, rsc_id: str, operation: ir.Operation, ids: IdProvider, dialect: Dialect
) -> etree._Element:
    attributes = operation_attributes(operation, dialect)
    check_level = operation.attributes.get(CHECK_LEVEL)
    interval = attributes["interval"]
    if "id" not in attributes:  # an id the user gave is booked already
        attributes["id"] = ids.allocate(f"{rsc_id}-{operation.name}-interval-{interval}")
    element = etree.SubElement(parent, "op", attributes)
    if check_level is not None:
        append_nvset(
            element,
            "instance_attributes",
            f"{element.get('id')}-instance_attributes",
            [ir.NvPair(CHECK_LEVEL, check_level, operation.location)],
            ids,
        )
    return element


def append_resource(
    parent: etree._Element, resource: ir.Resource, ids: IdProvider, dialect: Dialect
) -> etree._Element:
    if isinstance(resource, ir.Primitive):
        return append_primitive(parent, resource, ids, dialect)
    if isinstance(resource, ir.Group):
        group = etree.SubElement(parent, "group", id=resource.id)
        for member in resource.members:
            append_primitive(group, member, ids, dialect)
        append_nvset(
            group,
            "meta_attributes",
            f"{resource.id}-meta_attributes",
            resource.meta_attributes,
            ids,
        )
        return group
    clone = etree.SubElement(parent, "clone", id=resource.id)
    if resource.child is not None:
        append_resource(clone, resource.child, ids, dialect)
    meta = list(resource.meta_attributes)
    if resource.promotable and not any(p.name == "promotable" for p in meta):
        meta.insert(0, ir.NvPair("promotable", "true", resource.location))
    append_nvset(clone, "meta_attributes", f"{resource.id}-meta_attributes", meta, ids)
    return clone
