"""The completion step, between build and check: everything the compiler adds to or
changes in the IR the builders made, in one place, so that every check only reads.

- nodes get their ids (from corosync.conf, or their name for remote nodes), and
  <nodes> lists the cluster's members;
- primitives get the operations pcs would add (from the agent's metadata);
- Pacemaker 1.x property names are moved where Pacemaker's schema upgrade puts them.

What cannot be completed (a node corosync.conf does not know, a NODE table without
corosync.conf) is reported here, at its cell."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, List, NamedTuple, Optional

from pcsgen import ir
from pcsgen.api.options import AUTO
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source

if TYPE_CHECKING:
    from pcsgen.agents.provider import MetadataProvider


class Completion(NamedTuple):
    """What the completion learned that the checks need besides the IR."""

    provider: MetadataProvider  # agents' metadata, asked once per agent
    cluster_nodes: Optional[List[str]]  # the members corosync.conf names, when read


def complete(
    cluster: ir.Cluster,
    target: str,
    corosync_conf: Optional[str],
    system_agents: bool,
    diagnostics: Diagnostics,
) -> Completion:
    """Complete the IR in place (`corosync_conf`: a path, AUTO, or None for none)."""
    from pcsgen.agents.operations import complete_cluster
    from pcsgen.agents.provider import MetadataProvider
    from pcsgen.compiler.complete.properties import complete_properties

    cluster_nodes = complete_nodes(cluster, target, corosync_conf, diagnostics)
    provider = MetadataProvider(use_system=system_agents, target_name=target)
    complete_cluster(cluster, provider)
    complete_properties(cluster, target, diagnostics)
    return Completion(provider, cluster_nodes)


def complete_nodes(
    cluster: ir.Cluster, target: str, corosync_conf: Optional[str], diagnostics: Diagnostics
) -> Optional[List[str]]:
    """Give the nodes their ids; return the cluster's node names when corosync.conf says."""
    path = corosync_conf
    if path == AUTO:
        from pcsgen.compiler.corosync import DEFAULT_PATH

        # The live cluster's file is read when the definition needs node ids, or
        # for RHEL 10, where pm_pcsgen lists the nodes in every CIB.
        needs_ids = any(n.attributes or n.utilization for n in cluster.nodes)
        from pcsgen.generations import target as target_info

        wanted = needs_ids or target_info(target).generation == "rhel10"
        path = DEFAULT_PATH if wanted and os.path.exists(DEFAULT_PATH) else None
        if path:
            # Another machine's cluster can give a definition its node ids: say where
            # they came from, and how to choose.
            diagnostics.info("PG318", Location(Source(path)), path=path)
    if not path and not any(n.attributes or n.utilization for n in cluster.nodes):
        return None  # nothing to give ids to, nowhere to take them from
    from pcsgen.compiler.complete.nodes import assign_node_ids
    from pcsgen.compiler.corosync import read_corosync_conf

    nodes = None
    if path:
        try:
            path, nodes = read_corosync_conf(path)
        except PcsgenError as exc:
            diagnostics.report(exc)
            return None
    assign_node_ids(cluster, nodes, path, diagnostics)
    return [n.name for n in nodes] if nodes is not None else None
