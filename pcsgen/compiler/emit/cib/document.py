"""The whole CIB document."""

from __future__ import annotations

from lxml import etree

from pcsgen import ir
from pcsgen.compiler.emit.cib import cluster_parts, constraints, resources
from pcsgen.compiler.emit.cib.ids import IdProvider
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.order import placement_order


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


def build_cib(cluster: ir.Cluster, dialect: Dialect) -> etree._Element:
    ids = IdProvider()
    _book_user_ids(cluster, ids)
    root = etree.Element("cib", crm_feature_set=dialect.crm_feature_set,
                         validate_with=dialect.validate_with, epoch="1", num_updates="0",
                         admin_epoch="0")
    # lxml keyword arguments cannot hold '-'
    root.attrib["validate-with"] = root.attrib.pop("validate_with")
    configuration = etree.SubElement(root, "configuration")
    crm_config = etree.SubElement(configuration, "crm_config")
    cluster_parts.fill_crm_config(crm_config, cluster.properties, ids,
                                  dialect.property_ids_truncated)
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
