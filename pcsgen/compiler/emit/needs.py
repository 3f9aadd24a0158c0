"""Which CIB schema a definition's content needs (schemas/generations.json says what
needs which), found from the IR without building the CIB, so that lint and compile
share it. The attribute functions are the ones the CIB emitter writes with."""

from __future__ import annotations

from typing import Dict, Iterator, List, NamedTuple, Optional

from pcsgen import ir
from pcsgen.agents.operations import CHECK_LEVEL, default_interval
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.diagnostics.location import Location
from pcsgen.generations import SchemaNeed, highest, needs_of


def operation_attributes(operation: ir.Operation, dialect: Dialect) -> Dict[str, str]:
    """The attributes of an op element, but its id (OCF_CHECK_LEVEL is no attribute)."""
    attributes = {"name": operation.name}
    attributes.update(operation.attributes)
    attributes.pop(CHECK_LEVEL, None)
    if "role" in attributes:
        attributes["role"] = dialect.role(attributes["role"]) or attributes["role"]
    attributes["interval"] = attributes.get("interval") or default_interval(operation.name)
    return attributes


def colocation_roles(item: ir.Colocation, dialect: Dialect) -> Dict[str, str]:
    """rsc-role and with-rsc-role, as pcs writes them."""
    rsc_role, with_role = item.rsc_role, item.with_rsc_role
    if not (rsc_role or with_role):
        return {}
    # pcs completes a lone role with Started on the other side
    return {
        "rsc-role": dialect.role(rsc_role or ir.ROLE_STARTED) or "",
        "with-rsc-role": dialect.role(with_role or ir.ROLE_STARTED) or "",
    }


class Found(NamedTuple):
    need: SchemaNeed
    what: str  # as the CIB writes it: `role=Promoted`
    location: Location


def _elements(
    cluster: ir.Cluster, dialect: Dialect
) -> Iterator[tuple[str, Dict[str, str], Location]]:
    """The elements that may carry a need, with their attributes, as the CIB will hold them."""
    for primitive in cluster.primitives():
        for operation in primitive.operations:
            yield "op", operation_attributes(operation, dialect), operation.location
    for rule in cluster.locations_rule:
        if rule.role:
            yield "rule", {"role": dialect.role(rule.role) or rule.role}, rule.at("role")
        for expression in rule.expressions:
            attributes = {"operation": expression.operation, "attribute": expression.attribute}
            if expression.value is not None:
                attributes["value"] = expression.value
            yield "expression", attributes, expression.location
    for colocation in cluster.colocations:
        roles = colocation_roles(colocation, dialect)
        # each role on its own, so that a need points at the cell that holds it
        for key, given in (
            ("rsc-role", colocation.rsc_role),
            ("with-rsc-role", colocation.with_rsc_role),
        ):
            if given and key in roles:
                yield "rsc_colocation", {key: roles[key]}, colocation.at(key)
        yield (
            "rsc_colocation",
            {"rsc": colocation.rsc, "with-rsc": colocation.with_rsc, "score": colocation.score},
            colocation.location,
        )


def content_needs(cluster: ir.Cluster, dialect: Dialect) -> List[Found]:
    """Every need of the content, with the cell that causes it."""
    found: List[Found] = []
    for tag, attributes, location in _elements(cluster, dialect):
        found.extend(Found(need, what, location) for need, what in needs_of(tag, attributes))
    return found


def needed_schema(found: List[Found]) -> Optional[str]:
    return highest(item.need.schema for item in found)
