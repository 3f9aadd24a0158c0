"""Pacemaker 1.x property names, put where Pacemaker's schema upgrade puts them (renamed,
moved to rsc_defaults / op_defaults, or dropped): the 3.x schemas refuse them, and the
CIB and the script must agree on what is set. Each move is reported at its cell."""

from __future__ import annotations

from typing import List

from pcsgen import ir
from pcsgen.cluster_options import legacy, target_options
from pcsgen.diagnostics import Diagnostics


def complete_properties(cluster: ir.Cluster, target: str, diagnostics: Diagnostics) -> None:
    options = target_options(target)["options"]
    kept: List[ir.NvPair] = []
    given = {p.name for p in cluster.properties}
    for pair in cluster.properties:
        moved = legacy(pair.name, pair.value) if pair.name not in options else None
        if moved is None:
            kept.append(pair)  # known, or unknown: check.properties judges it
            continue
        if moved.section is None or moved.name is None:
            diagnostics.warning("PG454", pair.location, name=pair.name)
            continue
        diagnostics.warning(
            "PG453", pair.location, name=pair.name, section=moved.section, replacement=moved.name
        )
        new = ir.NvPair(moved.name, moved.value, pair.location, written_as=pair.name)
        if moved.section == "crm_config":
            if moved.name not in given:
                kept.append(new)
        elif moved.section == "rsc_defaults":
            if not any(p.name == moved.name for p in cluster.rsc_defaults):
                cluster.rsc_defaults.append(new)
        elif not any(p.name == moved.name for p in cluster.op_defaults):
            cluster.op_defaults.append(new)
    cluster.properties = kept
