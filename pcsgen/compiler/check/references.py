"""References between objects: every name a constraint or level uses must exist."""

from __future__ import annotations

from typing import Dict, Optional

from pcsgen import ir
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location


def _parents(cluster: ir.Cluster) -> Dict[str, ir.Resource]:
    parents: Dict[str, ir.Resource] = {}
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if isinstance(item, ir.Group):
                for member in item.members:
                    parents[member.id] = item
            elif isinstance(item, ir.Clone) and item.child is not None:
                parents[item.child.id] = item
    return parents


def check_references(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    index = cluster.all_resources()
    parents = _parents(cluster)
    # tags and bundles ADDITIONAL_CONFIG makes: constraints may name them too
    tags, resources = cluster.made_by_commands()
    later = set(tags) | resources

    def clone_of(rid: str) -> Optional[ir.Clone]:
        parent = parents.get(rid)
        while parent is not None:
            if isinstance(parent, ir.Clone):
                return parent
            parent = parents.get(parent.id)
        return None

    def resource(rid: str, location: Location) -> None:
        if rid in later and rid not in index:
            return
        if rid not in index:
            diagnostics.error("PG301", location, id=rid)
            return
        clone = clone_of(rid)
        if clone is not None:
            diagnostics.error("PG310", location, id=rid, parent=clone.id)

    for loc_node in cluster.locations_node:
        resource(loc_node.rsc, loc_node.at("rsc"))
    for rule in cluster.locations_rule:
        resource(rule.rsc, rule.at("rsc"))
    for colocation in cluster.colocations:
        resource(colocation.rsc, colocation.at("rsc"))
        resource(colocation.with_rsc, colocation.at("with-rsc"))
    for order in cluster.orders:
        resource(order.first, order.at("first-rsc"))
        resource(order.then, order.at("then-rsc"))
    for level in cluster.fencing_levels:
        for device in level.devices:
            found = index.get(device)
            if found is None:
                diagnostics.error("PG301", level.at("id"), id=device)
            elif not (isinstance(found, ir.Primitive) and found.is_stonith):
                diagnostics.error("PG305", level.at("id"), id=device)
