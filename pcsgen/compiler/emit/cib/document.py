"""The whole CIB document: its sections built from the IR in pm_pcsgen's order, with
the ids the user chose kept, and the schema and feature set its content needs declared."""

from __future__ import annotations

from typing import Optional, Sequence

from lxml import etree

from pcsgen import ir
from pcsgen.compiler.emit.cib import cluster_parts, constraints, resources
from pcsgen.compiler.emit.cib.ids import IdProvider
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.needs import content_needs, needed_schema
from pcsgen.compiler.emit.order import placement_order
from pcsgen.generations import (
    Declaration,
    declaration,
    highest,
    needs_of,
    portable_declaration,
)


def _book_user_ids(cluster: ir.Cluster, ids: IdProvider) -> None:
    """Ids the user chose come first; generated ids step around them."""
    for rid in cluster.all_resources():
        ids.book(rid)
    for primitive in cluster.primitives():
        for operation in primitive.operations:
            if "id" in operation.attributes:
                ids.book(operation.attributes["id"])
    for alert in cluster.alerts:
        ids.book(alert.id)


def _set(root: etree._Element, declared: Declaration) -> None:
    root.set("crm_feature_set", declared.crm_feature_set)
    root.set("validate-with", declared.validate_with)


def declare(root: etree._Element, dialect: Dialect, needed: Optional[str]) -> None:
    """The schema and feature set the CIB declares: the lowest its content needs, so
    that every Pacemaker of the target takes it (see pcsgen.generations)."""
    _set(root, declaration(dialect.name, needed))


def xml_needed_schema(root: etree._Element) -> Optional[str]:
    """The schema a CIB's content needs, read from the XML (for content pcs added)."""
    return highest(
        need.schema
        for element in root.iter()
        if isinstance(element.tag, str)
        for need, _ in needs_of(element.tag, {str(k): str(v) for k, v in element.attrib.items()})
    )


def _parse(cib: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    return etree.fromstring(cib, parser)


def for_local_tools(cib: bytes) -> bytes:
    """The CIB declaring only what its content needs, for this machine's pcs to work on
    (a target's declaration may be one this machine's Pacemaker does not know)."""
    root = _parse(cib)
    _set(root, portable_declaration(xml_needed_schema(root)))
    return serialize(root)


def redeclare(
    cib: bytes, dialect: Dialect, late_constraints: Sequence[etree._Element] = ()
) -> bytes:
    """Declare again what a CIB changed by pcs needs, for the target (pcs may have
    raised the schema to its own Pacemaker's newest, which the target's oldest may
    not know), after adding the constraints that had to wait for pcs's commands."""
    root = _parse(cib)
    section = root.find("configuration/constraints")
    if section is not None:
        section.extend(late_constraints)
    declare(root, dialect, xml_needed_schema(root))
    return serialize(root)


def build_cib(cluster: ir.Cluster, dialect: Dialect) -> etree._Element:
    ids = IdProvider()
    _book_user_ids(cluster, ids)
    root = etree.Element("cib")
    declare(root, dialect, needed_schema(content_needs(cluster, dialect)))
    root.set("epoch", "1")
    root.set("num_updates", "0")
    root.set("admin_epoch", "0")
    configuration = etree.SubElement(root, "configuration")
    crm_config = etree.SubElement(configuration, "crm_config")
    cluster_parts.fill_crm_config(
        crm_config, cluster.properties, ids, dialect.property_ids_truncated
    )
    nodes = etree.SubElement(configuration, "nodes")
    cluster_parts.fill_nodes(nodes, cluster.nodes, ids)
    resources_element = etree.SubElement(configuration, "resources")
    for resource in placement_order(cluster.resources):
        resources.append_resource(resources_element, resource, ids, dialect)
    constraints_element = etree.SubElement(configuration, "constraints")
    for location_node in cluster.locations_node:
        constraints.append_location_node(constraints_element, location_node, ids)
    for rule in cluster.locations_rule:
        constraints.append_location_rule(constraints_element, rule, ids, dialect)
    for colocation in cluster.colocations:
        constraints.append_colocation(constraints_element, colocation, ids, dialect)
    for order in cluster.orders:
        constraints.append_order(constraints_element, order, ids)
    cluster_parts.append_defaults(configuration, "rsc_defaults", cluster.rsc_defaults, ids)
    cluster_parts.append_defaults(configuration, "op_defaults", cluster.op_defaults, ids)
    cluster_parts.append_fencing_topology(configuration, cluster.fencing_levels, ids)
    cluster_parts.append_alerts(configuration, cluster.alerts, ids)
    etree.SubElement(root, "status")
    return root


def serialize(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
