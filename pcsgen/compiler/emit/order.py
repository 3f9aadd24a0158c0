"""The order pm_pcsgen builds resources in, which decides their order in <resources>.

pm_pcsgen creates every primitive before any fence device, each kind in RESOURCES
order, and runs the command that wraps a resource (group add, clone, promotable) right
after creating the last primitive inside it. pcs appends each new primitive, group and
clone at the end of <resources>, so a top-level resource stands where its last command
put it."""

from __future__ import annotations

from typing import Dict, List

from pcsgen import ir


def creation_order(resources: List[ir.Resource]) -> List[ir.Primitive]:
    """Every primitive, in the order pm_pcsgen creates them."""
    primitives = [p for resource in resources for p in ir.primitives_of(resource)]
    return [p for p in primitives if not p.is_stonith] + [p for p in primitives if p.is_stonith]


def placement_order(resources: List[ir.Resource]) -> List[ir.Resource]:
    """The top-level resources in the order they end up in <resources>. (A group whose
    fence device comes before a primitive is placed once all its members exist: pm_pcsgen
    would add it to the group before creating it, and fail.)"""
    created: Dict[int, int] = {id(p): index for index, p in enumerate(creation_order(resources))}

    def placed(resource: ir.Resource) -> int:
        return max((created[id(p)] for p in ir.primitives_of(resource)), default=-1)

    return sorted(resources, key=placed)
