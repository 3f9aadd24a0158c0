"""Node ids: the NODE table names nodes, the CIB needs their corosync ids."""

from __future__ import annotations

from typing import List, Optional

from pcsgen import ir
from pcsgen.compiler.corosync import CorosyncNode
from pcsgen.diagnostics import Diagnostics


def assign_node_ids(cluster: ir.Cluster, corosync: Optional[List[CorosyncNode]],
                    corosync_path: Optional[str], diagnostics: Diagnostics) -> None:
    """With corosync nodes, <nodes> lists every one of them (as pm_pcsgen does on RHEL 10),
    carrying the NODE table's attributes; without, a NODE table is an error."""
    if corosync is None:
        for node in cluster.nodes:
            if node.attributes or node.utilization:
                diagnostics.error("PG306", node.location)
                break
        return
    by_name = {n.uname: n for n in cluster.nodes}
    known = {n.name for n in corosync}
    for node in cluster.nodes:
        if node.uname not in known:
            diagnostics.error("PG307", node.location, node=node.uname, path=corosync_path,
                              nodes=", ".join(n.name for n in corosync))
    nodes: List[ir.Node] = []
    for member in corosync:
        table_node = by_name.get(member.name)
        if table_node is not None:
            table_node.id = member.nodeid
            nodes.append(table_node)
        else:
            nodes.append(ir.Node(member.name, member.nodeid, None))
    cluster.nodes = nodes
