"""What the lab takes from a definition: the names of its nodes, and its compiled CIB
with the node ids of the lab's corosync.conf."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from pcsgen.api.options import Options


def node_names(path: str, sheet: Optional[str], options: Options, count: int) -> List[str]:
    """The nodes of the NODE table; without one, those its constraints and fencing levels
    name, completed up to COUNT nodes with node1, node2 ..."""
    from pcsgen.compiler.pipeline import analyse
    from pcsgen.diagnostics import PcsgenError

    analysis = analyse(path, sheet, options._replace(corosync_conf=None))
    cluster = analysis.cluster
    if cluster is None:
        raise PcsgenError.ending(analysis.diagnostics)
    names = [n.uname for n in cluster.nodes if not n.remote]
    if not names:
        names = sorted(
            {c.node for c in cluster.locations_node if c.node}
            | {level.target for level in cluster.fencing_levels if level.target}
        )
    unique: List[str] = []
    for name in names:
        if name not in unique:
            unique.append(name)
    if cluster.nodes:
        return unique
    number = 1
    while len(unique) < count:
        if f"node{number}" not in unique:
            unique.append(f"node{number}")
        number += 1
    return unique


def cluster_name(path: str, sheet: Optional[str]) -> str:
    return (sheet or Path(path).stem)[:32] or "lab"
