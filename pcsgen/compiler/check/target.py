"""What the chosen pcs version cannot build (see pcsgen.compiler.emit.dialects)."""

from __future__ import annotations

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.diagnostics import Diagnostics


def check_target(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    if dialect.stonith_in_resource_commands:
        return
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if isinstance(item, ir.Group) and any(m.is_stonith for m in item.members):
                diagnostics.warning("PG417", item.location, id=item.id, pcs=dialect.pcs_version)
            if isinstance(item, ir.Primitive) and item.is_stonith and item.utilization:
                diagnostics.warning("PG418", item.utilization[0].location, id=item.id,
                                    pcs=dialect.pcs_version)
