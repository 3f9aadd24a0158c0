"""The pcs commands of the cluster's settings and the rest: properties and defaults,
fencing levels, alerts, and ADDITIONAL_CONFIG as written."""

from __future__ import annotations

from typing import List

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.script.words import END, PCS, Block, Command, command_line, pairs_words
from pcsgen.pcs.quoting import assignment, quote


def settings_blocks(cluster: ir.Cluster, dialect: Dialect) -> List[Block]:
    properties = Block(
        "### Cluster Option",
        [
            Command([command_line(PCS, "property set", END, assignment(p.name, p.value))])
            for p in cluster.properties
            if p.value
        ],
    )
    nodes = Block("### Cluster Node", [])
    for node in cluster.nodes:
        for pair in node.attributes:
            if not pair.value:
                continue
            nodes.commands.append(
                Command(
                    [
                        command_line(
                            PCS,
                            "node attribute",
                            END,
                            quote(node.uname),
                            assignment(pair.name, pair.value),
                        )
                    ]
                )
            )
        for pair in node.utilization:
            if not pair.value:
                continue
            nodes.commands.append(
                Command(
                    [
                        command_line(
                            PCS,
                            "node utilization",
                            END,
                            quote(node.uname),
                            assignment(pair.name, pair.value),
                        )
                    ]
                )
            )
    update = " update" if dialect.defaults_update else ""
    rsc_defaults = Block(
        "### Resource Defaults",
        [
            Command(
                [command_line(PCS, "resource defaults" + update, END, assignment(p.name, p.value))]
            )
            for p in cluster.rsc_defaults
            if p.value
        ],
    )
    op_defaults = Block(
        "### Operation Defaults",
        [
            Command(
                [
                    command_line(
                        PCS, "resource op defaults" + update, END, assignment(p.name, p.value)
                    )
                ]
            )
            for p in cluster.op_defaults
            if p.value
        ],
    )
    return [properties, nodes, rsc_defaults, op_defaults]


def levels_block(cluster: ir.Cluster) -> Block:
    block = Block("### STONITH Level", [])
    for level in sorted(cluster.fencing_levels, key=lambda lv: (lv.target, lv.index)):
        block.commands.append(
            Command(
                [
                    command_line(
                        PCS,
                        "stonith level add --force",
                        END,
                        str(level.index),
                        quote(level.target),
                        *(quote(d) for d in level.devices),
                    )
                ]
            )
        )
    return block


def alert_blocks(cluster: ir.Cluster) -> List[Block]:
    blocks: List[Block] = []
    recipient_ids: dict[str, int] = {}
    for alert in cluster.alerts:
        lines = [
            command_line(
                PCS, "alert create", END, assignment("path", alert.path), assignment("id", alert.id)
            )
        ]
        if alert.options:
            lines.append("options " + pairs_words(alert.options))
        if alert.meta:
            lines.append("meta " + pairs_words(alert.meta))
        block = Block("### Alert Configuration", [Command(lines)])
        for recipient in alert.recipients:
            count = recipient_ids.get(alert.id, 0)
            recipient_ids[alert.id] = count + 1
            rid = f"{alert.id}-recipient" + (f"-{count}" if count else "")
            lines = [
                command_line(
                    PCS,
                    "alert recipient add",
                    END,
                    quote(alert.id),
                    assignment("value", recipient.value),
                    assignment("id", rid),
                )
            ]
            if recipient.options:
                lines.append("options " + pairs_words(recipient.options))
            if recipient.meta:
                lines.append("meta " + pairs_words(recipient.meta))
            block.commands.append(Command(lines))
        blocks.append(block)
    return blocks


def _offline_force(words: List[str], dialect: Dialect) -> str:
    """`$force` for a command that reads agent metadata (given --force in the offline
    build), unless the user gave --force already."""
    if "--force" in words:
        return ""
    command = " ".join([w for w in words if not w.startswith("-")][:3])
    if any(command == c or command.startswith(c + " ") for c in dialect.offline_force):
        return "$force"
    return ""


def additional_block(cluster: ir.Cluster, dialect: Dialect) -> Block:
    if not cluster.additional_config:
        return Block("### Additional Config", [])
    commands: List[Command] = []
    for item in cluster.additional_config:
        parsed = item.accepted
        if parsed is None:  # refused: the checks stop a compile before its outputs
            from pcsgen.diagnostics import PcsgenError

            refusal = item.refusal
            assert refusal is not None
            raise PcsgenError(refusal.code, item.location, **refusal.args)
        head = [*parsed.command, *parsed.options]
        tail = [END, *(quote(w) for w in parsed.arguments)]
        name = item.file  # a command on another file runs there, as written
        if name is None:
            # options, --force included, must stand before the end of options
            line = command_line(
                PCS, *(quote(w) for w in head), _offline_force(head, dialect), *tail
            )
        else:
            line = command_line("pcs -f", quote(name), *(quote(w) for w in head), *tail)
        commands.append(Command([line]))
    return Block("### Additional Config", commands)
