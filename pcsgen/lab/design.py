"""What the lab takes from a definition: the names of its nodes, and its compiled CIB
with the node ids of the lab's corosync.conf."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from pcsgen.compiler.pipeline import Options


def node_names(path: str, sheet: Optional[str], options: Options, count: int) -> List[str]:
    """The nodes of the NODE table, else those its constraints and fencing levels name,
    else COUNT nodes called node1, node2 ..."""
    from pcsgen.compiler.pipeline import analyse
    from pcsgen.diagnostics import PcsgenError

    analysis = analyse(path, sheet, options._replace(corosync_conf=None))
    cluster = analysis.cluster
    if cluster is None:
        raise PcsgenError.ending(analysis.diagnostics)
    names = [n.uname for n in cluster.nodes if not n.remote]
    if not names:
        names = sorted({c.node for c in cluster.locations_node if c.node} |
                       {level.target for level in cluster.fencing_levels if level.target})
    unique: List[str] = []
    for name in names:
        if name not in unique:
            unique.append(name)
    return unique or [f"node{i}" for i in range(1, count + 1)]


def cluster_name(path: str, sheet: Optional[str]) -> str:
    return (sheet or Path(path).stem)[:32] or "lab"
