"""What the chosen pcs version cannot build (see pcsgen.compiler.emit.dialects)."""

from __future__ import annotations

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.diagnostics import Diagnostics
from pcsgen.values import msec

DURATION_ATTRIBUTES = ("interval", "timeout", "start-delay")


def check_target(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    if not dialect.iso_durations:
        _durations(cluster, dialect, diagnostics)
    if dialect.stonith_in_resource_commands:
        return
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if isinstance(item, ir.Group) and any(m.is_stonith for m in item.members):
                diagnostics.warning("PG417", item.location, id=item.id, pcs=dialect.pcs_version)
            if isinstance(item, ir.Primitive) and item.is_stonith and item.utilization:
                diagnostics.warning("PG418", item.utilization[0].location, id=item.id,
                                    pcs=dialect.pcs_version)
            if isinstance(item, ir.Clone) and isinstance(item.child, ir.Primitive) and \
                    item.child.is_stonith:
                diagnostics.warning("PG264", item.location, id=item.child.id, clone=item.id,
                                    pcs=dialect.pcs_version)


def _durations(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    """pcs 0.12 takes a number with an optional unit only (no ISO 8601, no INFINITY)."""
    for primitive in cluster.primitives():
        for operation in primitive.operations:
            if operation.from_agent:
                continue
            for key in DURATION_ATTRIBUTES:
                value = operation.attributes.get(key)
                if value is not None and msec(value) is None:
                    diagnostics.warning("PG261", operation.location, value=value, column=key,
                                        pcs=dialect.pcs_version)
