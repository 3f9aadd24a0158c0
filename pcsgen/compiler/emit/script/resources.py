"""The pcs commands that create one resource: a primitive, a group, a clone or a
bundle, with its meta attributes and operations."""

from __future__ import annotations

from typing import List, Optional, Set

from pcsgen import ir
from pcsgen.agents.operations import default_interval
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.script.words import (
    END,
    PCS,
    Block,
    Command,
    clone_meta,
    command_line,
    op_words,
    pairs_words,
)
from pcsgen.pcs.quoting import quote
from pcsgen.values import interval_msec


def primitive_command(
    primitive: ir.Primitive, dialect: Dialect, clone: Optional[ir.Clone] = None
) -> Command:
    """`pcs resource create` (or `stonith create`); with the clone that holds the
    primitive when the dialect creates both at once."""
    kind = "stonith" if primitive.is_stonith else "resource"
    # Every operation is listed below, those pcs would copy from the agent's
    # metadata included, so the result does not depend on the agents installed
    # where the script runs.
    lines = [
        command_line(
            PCS,
            kind,
            "create",
            "--no-default-ops",
            "$force",
            END,
            quote(primitive.id),
            quote(primitive.agent.pcs_spec),
        )
    ]
    if primitive.instance_attributes:
        lines.append(pairs_words(primitive.instance_attributes))
    if primitive.meta_attributes:
        lines.append("meta " + pairs_words(primitive.meta_attributes))
    zero_interval: Set[str] = set()
    operations = []
    for operation in primitive.operations:
        if interval_msec(operation.interval or default_interval(operation.name)) == 0:
            if operation.name in zero_interval:
                continue  # another role: pcs refuses a second one (the CIB has it)
            zero_interval.add(operation.name)
        operations.append(operation)
    for index, operation in enumerate(operations):
        lines.append(("op " if index == 0 else "") + op_words(operation, dialect))
    if clone is not None:
        lines.append(
            command_line(
                "promotable" if clone.promotable else "clone",
                quote(clone.id),
                pairs_words(clone_meta(clone)),
            )
        )
    return Command(lines)


def _meta(rid: str, pairs: List[ir.NvPair], dialect: Dialect) -> Optional[Command]:
    if not pairs:
        return None
    force = "$force" if "resource meta" in dialect.offline_force else ""
    return Command([command_line(PCS, "resource meta", force, END, quote(rid), pairs_words(pairs))])


def resource_blocks(
    resource: ir.Resource, dialect: Dialect, clone: Optional[ir.Clone] = None
) -> List[Block]:
    if isinstance(resource, ir.Primitive):
        block = Block(
            "### STONITH Configuration" if resource.is_stonith else "### Primitive Configuration",
            [primitive_command(resource, dialect, clone)],
        )
        if resource.utilization:
            block.commands.append(
                Command(
                    [
                        command_line(
                            PCS,
                            "resource utilization",
                            END,
                            quote(resource.id),
                            pairs_words(resource.utilization),
                        )
                    ]
                )
            )
        return [block]
    if isinstance(resource, ir.Group):
        blocks: List[Block] = []
        for member in resource.members:
            blocks.extend(resource_blocks(member, dialect))
        group = Block(
            "### Group Configuration",
            [
                Command(
                    [
                        command_line(
                            PCS,
                            "resource group add",
                            END,
                            quote(resource.id),
                            *(quote(m.id) for m in resource.members),
                        )
                    ]
                )
            ],
        )
        meta = _meta(resource.id, resource.meta_attributes, dialect)
        if meta:
            group.commands.append(meta)
        return blocks + [group]
    child = resource.child
    if dialect.clone_in_create and isinstance(child, ir.Primitive) and not child.is_stonith:
        return resource_blocks(child, dialect, clone=resource)
    blocks = resource_blocks(child, dialect) if child is not None else []
    verb = "promotable" if resource.promotable else "clone"
    title = (
        "### Promotable Clone Configuration" if resource.promotable else "### Clone Configuration"
    )
    words = [PCS, "resource", verb]
    if f"resource {verb}" in dialect.offline_force:
        words.append("$force")  # options end before the resource ids
    words += [END, quote(child.id if child else "")]
    if dialect.clone_id_argument:
        words.append(quote(resource.id))
    block = Block(title, [Command([command_line(*words)])])
    meta = _meta(resource.id, clone_meta(resource), dialect)
    if meta:
        block.commands.append(meta)
    return blocks + [block]
