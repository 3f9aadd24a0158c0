"""The pcs commands that build a cluster, in pm_pcsgen's order, as shell words.

Every command ends pcs's options with `--` before the first word that comes from the
definition: pcs 0.10, 0.11 and 0.12 alike then take each later word as an argument,
whatever it starts with (`-f/x`, `--force`, `-INFINITY`), where without it a value
starting with '-' could be read as an option. The words pcs still reads in its own way
(a name holding '=', a node holding '=', a rule value that is a rule keyword ...) are
refused at compile time (compiler.check.pcs_words), so the script builds the CIB
pcsgen writes, or the compile fails.
"""

from __future__ import annotations

from typing import List, NamedTuple, Optional

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.order import placement_order
from pcsgen.compiler.emit.script.quoting import assignment, quote

PCS = 'pcs -f "${xmlfile}"'
END = "--"  # the end of pcs's options


class Command(NamedTuple):
    """One pcs command; each line after the first is a continuation."""

    lines: List[str]


class Block(NamedTuple):
    """A commented group of commands."""

    comment: str
    commands: List[Command]


def _line(*words: str) -> str:
    return " ".join(w for w in words if w)


def _pairs(pairs: List[ir.NvPair]) -> str:
    return " ".join(assignment(p.name, p.value) for p in pairs)


def _op_words(operation: ir.Operation, dialect: Dialect) -> str:
    words = [quote(operation.name)]
    for key, value in operation.attributes.items():
        if key == "role":
            value = dialect.role(value) or value
        words.append(assignment(key, value))
    return " ".join(words)


def _clone_meta(clone: ir.Clone) -> List[ir.NvPair]:
    # `promotable` writes promotable=true itself
    return [p for p in clone.meta_attributes if not (clone.promotable and p.name == "promotable")]


def primitive_command(primitive: ir.Primitive, dialect: Dialect,
                      clone: Optional[ir.Clone] = None) -> Command:
    """`pcs resource create` (or `stonith create`); with the clone that holds the
    primitive when the dialect creates both at once."""
    kind = "stonith" if primitive.is_stonith else "resource"
    # Every operation is listed below, those pcs would copy from the agent's
    # metadata included, so the result does not depend on the agents installed
    # where the script runs.
    lines = [_line(PCS, kind, "create", "--no-default-ops", "$force", END, quote(primitive.id),
                   quote(primitive.agent.pcs_spec))]
    if primitive.instance_attributes:
        lines.append(_pairs(primitive.instance_attributes))
    if primitive.meta_attributes:
        lines.append("meta " + _pairs(primitive.meta_attributes))
    for index, operation in enumerate(primitive.operations):
        lines.append(("op " if index == 0 else "") + _op_words(operation, dialect))
    if clone is not None:
        lines.append(_line("promotable" if clone.promotable else "clone", quote(clone.id),
                           _pairs(_clone_meta(clone))))
    return Command(lines)


def _meta(rid: str, pairs: List[ir.NvPair], dialect: Dialect) -> Optional[Command]:
    if not pairs:
        return None
    force = "$force" if "resource meta" in dialect.offline_force else ""
    return Command([_line(PCS, "resource meta", force, END, quote(rid), _pairs(pairs))])


def resource_blocks(resource: ir.Resource, dialect: Dialect,
                    clone: Optional[ir.Clone] = None) -> List[Block]:
    if isinstance(resource, ir.Primitive):
        block = Block("### STONITH Configuration" if resource.is_stonith
                      else "### Primitive Configuration",
                      [primitive_command(resource, dialect, clone)])
        if resource.utilization:
            block.commands.append(Command([_line(PCS, "resource utilization", END,
                                                 quote(resource.id),
                                                 _pairs(resource.utilization))]))
        return [block]
    if isinstance(resource, ir.Group):
        blocks: List[Block] = []
        for member in resource.members:
            blocks.extend(resource_blocks(member, dialect))
        group = Block("### Group Configuration", [Command([_line(
            PCS, "resource group add", END, quote(resource.id),
            *(quote(m.id) for m in resource.members))])])
        meta = _meta(resource.id, resource.meta_attributes, dialect)
        if meta:
            group.commands.append(meta)
        return blocks + [group]
    child = resource.child
    if dialect.clone_in_create and isinstance(child, ir.Primitive) and not child.is_stonith:
        return resource_blocks(child, dialect, clone=resource)
    blocks = resource_blocks(child, dialect) if child is not None else []
    verb = "promotable" if resource.promotable else "clone"
    title = "### Promotable Clone Configuration" if resource.promotable else \
        "### Clone Configuration"
    words = [PCS, "resource", verb]
    if f"resource {verb}" in dialect.offline_force:
        words.append("$force")  # options end before the resource ids
    words += [END, quote(child.id if child else "")]
    if dialect.clone_id_argument:
        words.append(quote(resource.id))
    block = Block(title, [Command([_line(*words)])])
    meta = _meta(resource.id, _clone_meta(resource), dialect)
    if meta:
        block.commands.append(meta)
    return blocks + [block]


def _node_side(item: ir.LocationNode) -> str:
    node = quote(item.node)
    return node if item.written_score is None else f"{node}={quote(item.written_score)}"


def _rule_words(rule: ir.LocationRule, dialect: Dialect) -> List[str]:
    parts: List[List[str]] = []
    for expression in rule.expressions:
        if expression.value is None:
            parts.append([expression.operation, expression.attribute])
        else:
            parts.append([expression.attribute, expression.operation, expression.value])
    joiner = rule.bool_op or "and"
    if dialect.rule_as_one_argument:
        # pcs 0.12 parses the rule as one text, with no quoting: a name or a value
        # holding a space or a parenthesis is refused at compile time
        return [quote(f" {joiner} ".join(" ".join(words) for words in parts))]
    flat: List[str] = []
    for index, words in enumerate(parts):
        if index:
            flat.append(joiner)
        flat.extend(quote(w) for w in words)
    return flat


def constraint_blocks(cluster: ir.Cluster, dialect: Dialect) -> List[Block]:
    blocks: List[Block] = []
    location = Block("### Resource Location", [])
    for item in cluster.locations_node:
        side = "prefers" if item.prefers else "avoids"
        location.commands.append(Command([_line(PCS, "constraint location", END,
                                                quote(item.rsc),
                                                side, _node_side(item))]))
    for rule in cluster.locations_rule:
        words = [PCS, "constraint location", END, quote(rule.rsc), "rule"]
        if rule.role:
            role = dialect.role(rule.role) or rule.role
            words.append(assignment("role", role.lower() if dialect.rule_role_lowercase
                                    else role))
        words.append(assignment("score", rule.score))
        words.extend(_rule_words(rule, dialect))
        location.commands.append(Command([_line(*words)]))
    blocks.append(location)
    colocation = Block("### Resource Colocation", [])
    for colocated in cluster.colocations:
        words = [PCS, "constraint colocation add", END]
        if colocated.rsc_role:
            words.append(dialect.role(colocated.rsc_role) or "")
        words += [quote(colocated.rsc), "with"]
        if colocated.with_rsc_role:
            words.append(dialect.role(colocated.with_rsc_role) or "")
        words += [quote(colocated.with_rsc), assignment("score", colocated.score)]
        colocation.commands.append(Command([_line(*words)]))
    blocks.append(colocation)
    order = Block("### Resource Order", [])
    for order_item in cluster.orders:
        words = [PCS, "constraint order", END]
        if order_item.first_action:
            words.append(order_item.first_action)
        words += [quote(order_item.first), "then"]
        if order_item.then_action:
            words.append(order_item.then_action)
        words.append(quote(order_item.then))
        if order_item.kind:
            words.append(assignment("kind", order_item.kind))
        if order_item.symmetrical is not None:
            words.append(assignment("symmetrical", order_item.symmetrical))
        order.commands.append(Command([_line(*words)]))
    blocks.append(order)
    return blocks


def _settings_blocks(cluster: ir.Cluster, dialect: Dialect) -> List[Block]:
    properties = Block("### Cluster Option", [
        Command([_line(PCS, "property set", END, assignment(p.name, p.value))])
        for p in cluster.properties])
    nodes = Block("### Cluster Node", [])
    for node in cluster.nodes:
        for pair in node.attributes:
            nodes.commands.append(Command([_line(PCS, "node attribute", END, quote(node.uname),
                                                 assignment(pair.name, pair.value))]))
        for pair in node.utilization:
            nodes.commands.append(Command([_line(PCS, "node utilization", END,
                                                 quote(node.uname),
                                                 assignment(pair.name, pair.value))]))
    update = " update" if dialect.defaults_update else ""
    rsc_defaults = Block("### Resource Defaults", [
        Command([_line(PCS, "resource defaults" + update, END, assignment(p.name, p.value))])
        for p in cluster.rsc_defaults])
    op_defaults = Block("### Operation Defaults", [
        Command([_line(PCS, "resource op defaults" + update, END,
                       assignment(p.name, p.value))])
        for p in cluster.op_defaults])
    return [properties, nodes, rsc_defaults, op_defaults]


def _levels_block(cluster: ir.Cluster) -> Block:
    block = Block("### STONITH Level", [])
    for level in sorted(cluster.fencing_levels, key=lambda lv: (lv.target, lv.index)):
        block.commands.append(Command([_line(PCS, "stonith level add --force", END,
                                             str(level.index), quote(level.target),
                                             *(quote(d) for d in level.devices))]))
    return block


def _alert_blocks(cluster: ir.Cluster) -> List[Block]:
    blocks: List[Block] = []
    recipient_ids: dict[str, int] = {}
    for alert in cluster.alerts:
        lines = [_line(PCS, "alert create", END, assignment("path", alert.path),
                       assignment("id", alert.id))]
        if alert.options:
            lines.append("options " + _pairs(alert.options))
        if alert.meta:
            lines.append("meta " + _pairs(alert.meta))
        block = Block("### Alert Configuration", [Command(lines)])
        for recipient in alert.recipients:
            count = recipient_ids.get(alert.id, 0)
            recipient_ids[alert.id] = count + 1
            rid = f"{alert.id}-recipient" + (f"-{count}" if count else "")
            lines = [_line(PCS, "alert recipient add", END, quote(alert.id),
                           assignment("value", recipient.value), assignment("id", rid))]
            if recipient.options:
                lines.append("options " + _pairs(recipient.options))
            if recipient.meta:
                lines.append("meta " + _pairs(recipient.meta))
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


def _additional_block(cluster: ir.Cluster, dialect: Dialect) -> Block:
    if not cluster.additional_config:
        return Block("### Additional Config", [])
    from pcsgen.compiler.additional import other_file, parse_command

    commands: List[Command] = []
    for item in cluster.additional_config:
        parsed = parse_command(item)
        head = [*parsed.command, *parsed.options]
        tail = [END, *(quote(w) for w in parsed.arguments)]
        name = other_file(item)  # a command on another file runs there, as written
        if name is None:
            # options, --force included, must stand before the end of options
            line = _line(PCS, *(quote(w) for w in head), _offline_force(head, dialect), *tail)
        else:
            line = _line("pcs -f", quote(name), *(quote(w) for w in head), *tail)
        commands.append(Command([line]))
    return Block("### Additional Config", commands)


def script_blocks(cluster: ir.Cluster, dialect: Dialect) -> List[Block]:
    blocks = _settings_blocks(cluster, dialect)
    for resource in placement_order(cluster.resources):  # so <resources> ends as in the CIB
        blocks.extend(resource_blocks(resource, dialect))
    blocks.append(_levels_block(cluster))
    blocks.extend(constraint_blocks(cluster, dialect))
    blocks.extend(_alert_blocks(cluster))
    blocks.append(_additional_block(cluster, dialect))
    return [b for b in blocks if b.commands]
