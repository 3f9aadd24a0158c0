"""crm_config, nodes, rsc_defaults, op_defaults, fencing-topology and alerts."""

from __future__ import annotations

from typing import List

from lxml import etree

from pcsgen import ir
from pcsgen.compiler.emit.cib.ids import IdProvider
from pcsgen.compiler.emit.cib.nvsets import append_nvset

# pcs (0.10 for defaults, 0.11 on for properties too) keeps 20 characters of a name in
# the id of the nvpair it adds to an existing set
PCS_NAME_LENGTH = 20


def fill_crm_config(
    crm_config: etree._Element,
    properties: List[ir.NvPair],
    ids: IdProvider,
    truncated_ids: bool = True,
) -> None:
    append_nvset(
        crm_config,
        "cluster_property_set",
        "cib-bootstrap-options",
        properties,
        ids,
        name_length=PCS_NAME_LENGTH if truncated_ids else None,
    )


def fill_nodes(nodes: etree._Element, cluster_nodes: List[ir.Node], ids: IdProvider) -> None:
    for node in cluster_nodes:
        if node.id is None:
            continue
        element = etree.SubElement(nodes, "node", id=node.id, uname=node.uname)
        if node.remote:
            element.set("type", "remote")
        append_nvset(element, "instance_attributes", f"nodes-{node.id}", node.attributes, ids)
        append_nvset(element, "utilization", f"nodes-{node.id}-utilization", node.utilization, ids)


def append_defaults(
    configuration: etree._Element, tag: str, pairs: List[ir.NvPair], ids: IdProvider
) -> None:
    if not pairs:
        return
    section = etree.SubElement(configuration, tag)
    append_nvset(
        section,
        "meta_attributes",
        f"{tag}-meta_attributes",
        pairs,
        ids,
        name_length=PCS_NAME_LENGTH,
    )


def append_fencing_topology(
    configuration: etree._Element, levels: List[ir.FencingLevel], ids: IdProvider
) -> None:
    if not levels:
        return
    topology = etree.SubElement(configuration, "fencing-topology")
    # pcs keeps the levels in the order they were added; pm_pcsgen adds them by
    # node, then by level
    for level in sorted(levels, key=lambda lv: (lv.target, lv.index)):
        etree.SubElement(
            topology,
            "fencing-level",
            index=str(level.index),
            devices=",".join(level.devices),
            target=level.target,
            id=ids.allocate(f"fl-{level.target}-{level.index}"),
        )


def append_alerts(configuration: etree._Element, alerts: List[ir.Alert], ids: IdProvider) -> None:
    if not alerts:
        return
    section = etree.SubElement(configuration, "alerts")
    for alert in alerts:
        element = etree.SubElement(section, "alert", id=alert.id, path=alert.path)
        append_nvset(element, "meta_attributes", f"{alert.id}-meta_attributes", alert.meta, ids)
        append_nvset(
            element, "instance_attributes", f"{alert.id}-instance_attributes", alert.options, ids
        )
        for recipient in alert.recipients:
            rid = ids.allocate(f"{alert.id}-recipient")
            child = etree.SubElement(element, "recipient", id=rid, value=recipient.value)
            append_nvset(child, "meta_attributes", f"{rid}-meta_attributes", recipient.meta, ids)
            append_nvset(
                child, "instance_attributes", f"{rid}-instance_attributes", recipient.options, ids
            )
