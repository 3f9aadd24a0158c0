"""Node ids: the NODE table names nodes, the CIB needs their ids. Cluster nodes get
theirs from corosync.conf; Pacemaker Remote, guest and bundle nodes are named by the
definition itself, and their id is their name."""

from __future__ import annotations

import re
from typing import List, Optional, Set

from pcsgen import ir
from pcsgen.compiler.corosync import CorosyncNode
from pcsgen.diagnostics import Diagnostics

REMOTE_AGENT = ir.AgentName("ocf", "pacemaker", "remote")


def remote_node_names(cluster: ir.Cluster) -> Set[str]:
    """Remote nodes (ocf:pacemaker:remote resources), guest nodes (remote-node meta)."""
    names: Set[str] = set()
    for primitive in cluster.primitives():
        if primitive.agent == REMOTE_AGENT:
            names.add(primitive.id)
        names |= {p.value for p in primitive.meta_attributes if p.name == "remote-node"}
    return names


def _bundles(cluster: ir.Cluster) -> Set[str]:
    """Bundles ADDITIONAL_CONFIG creates: their replicas are nodes named BUNDLE-N."""
    found: Set[str] = set()
    for item in cluster.additional_config:
        command = item.accepted
        if (
            command is not None
            and command.kind == "resource bundle create"
            and command.made is not None
        ):
            found.add(command.made)
    return found


def _is_remote(name: str, remote: Set[str], bundles: Set[str]) -> bool:
    if name in remote:
        return True
    match = re.fullmatch(r"(.+)-\d+", name)
    return match is not None and match.group(1) in bundles


def assign_node_ids(
    cluster: ir.Cluster,
    corosync: Optional[List[CorosyncNode]],
    corosync_path: Optional[str],
    diagnostics: Diagnostics,
) -> None:
    """With corosync nodes, <nodes> lists every one of them (as pm_pcsgen does on RHEL 10),
    carrying the NODE table's attributes; without, a NODE table is an error (except for
    remote nodes)."""
    remote = remote_node_names(cluster) | {n.name for n in corosync or [] if n.remote}
    corosync = [n for n in corosync if not n.remote] if corosync is not None else None
    bundles = _bundles(cluster) if cluster.additional_config else set()
    for node in cluster.nodes:
        if _is_remote(node.uname, remote, bundles):
            node.id = node.uname
            node.remote = True
    if corosync is None:
        for node in cluster.nodes:
            if (node.attributes or node.utilization) and not node.remote:
                diagnostics.error("PG306", node.location)
                break
        cluster.nodes = [n for n in cluster.nodes if n.remote] + [
            n for n in cluster.nodes if not n.remote
        ]
        return
    by_name = {n.uname: n for n in cluster.nodes}
    known = {n.name for n in corosync}
    for node in cluster.nodes:
        if node.uname not in known and not node.remote:
            diagnostics.error(
                "PG307",
                node.location,
                node=node.uname,
                path=corosync_path,
                nodes=", ".join(n.name for n in corosync),
            )
    nodes: List[ir.Node] = []
    for member in corosync:
        table_node = by_name.get(member.name)
        if table_node is not None:
            table_node.id = member.nodeid
            table_node.remote = False
            nodes.append(table_node)
        else:
            nodes.append(ir.Node(member.name, member.nodeid, None))
    nodes += [n for n in cluster.nodes if n.remote and n.uname not in known]
    cluster.nodes = nodes
