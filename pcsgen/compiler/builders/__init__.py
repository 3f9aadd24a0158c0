"""Raw tables -> the typed IR (pcsgen.ir)."""

from __future__ import annotations

from typing import Dict, List, Optional

from pcsgen import ir
from pcsgen.compiler.builders import cluster_parts, commands, constraints, resources, settings
from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Source


def build(
    tables: List[RawTable], name: str, diagnostics: Diagnostics, source: Optional[Source] = None
) -> ir.Cluster:
    by_marker: Dict[str, List[RawTable]] = {}
    for table in tables:
        by_marker.setdefault(table.marker, []).append(table)

    def of(marker: str) -> List[RawTable]:
        return by_marker.get(marker, [])

    cluster = ir.Cluster(name, source)
    cluster.properties = settings.name_values(of("PROPERTY"), "PROPERTY", diagnostics)
    cluster.rsc_defaults = settings.name_values(of("RSC_DEFAULTS"), "RSC_DEFAULTS", diagnostics)
    cluster.op_defaults = settings.name_values(of("OP_DEFAULTS"), "OP_DEFAULTS", diagnostics)
    cluster.nodes = settings.nodes(of("NODE"), diagnostics)
    top, index = resources.resource_tree(of("RESOURCES"), diagnostics)
    found = resources.definitions(of("PRIMITIVE") + of("STONITH"), diagnostics)
    resources.attach(index, found, diagnostics)
    resources.resource_meta(of("RSC_ATTRIBUTES"), index, diagnostics)
    cluster.resources = top
    cluster.fencing_levels = cluster_parts.fencing_levels(of("STONITH_LEVEL"), diagnostics)
    cluster.locations_node = constraints.location_nodes(of("LOCATION_NODE"), diagnostics)
    cluster.locations_rule = constraints.location_rules(of("LOCATION_RULE"), diagnostics)
    cluster.colocations = constraints.colocations(of("COLOCATION"), diagnostics)
    cluster.orders = constraints.orders(of("ORDER"), diagnostics)
    cluster.alerts = cluster_parts.alerts(of("ALERT"), diagnostics)
    cluster.additional_config = commands.additional_config(of("ADDITIONAL_CONFIG"), diagnostics)
    return cluster
