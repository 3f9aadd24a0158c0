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

from typing import Dict, List, NamedTuple, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.agents.operations import default_interval
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.order import placement_order
from pcsgen.pcs.quoting import assignment, quote
from pcsgen.values import interval_msec

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
    # pcs cannot set an empty value (to pcs, `name=` removes the name)
    return " ".join(assignment(p.name, p.value) for p in pairs if p.value)


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
        _line(
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
        lines.append(_pairs(primitive.instance_attributes))
    if primitive.meta_attributes:
        lines.append("meta " + _pairs(primitive.meta_attributes))
    zero_interval: Set[str] = set()
    operations = []
    for operation in primitive.operations:
        if interval_msec(operation.interval or default_interval(operation.name)) == 0:
            if operation.name in zero_interval:
                continue  # another role: pcs refuses a second one (the CIB has it)
            zero_interval.add(operation.name)
        operations.append(operation)
    for index, operation in enumerate(operations):
        lines.append(("op " if index == 0 else "") + _op_words(operation, dialect))
    if clone is not None:
        lines.append(
            _line(
                "promotable" if clone.promotable else "clone",
                quote(clone.id),
                _pairs(_clone_meta(clone)),
            )
        )
    return Command(lines)


def _meta(rid: str, pairs: List[ir.NvPair], dialect: Dialect) -> Optional[Command]:
    if not pairs:
        return None
    force = "$force" if "resource meta" in dialect.offline_force else ""
    return Command([_line(PCS, "resource meta", force, END, quote(rid), _pairs(pairs))])


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
                        _line(
                            PCS,
                            "resource utilization",
                            END,
                            quote(resource.id),
                            _pairs(resource.utilization),
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
                        _line(
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
    block = Block(title, [Command([_line(*words)])])
    meta = _meta(resource.id, _clone_meta(resource), dialect)
    if meta:
        block.commands.append(meta)
    return blocks + [block]


def _as_rule(item: ir.LocationNode) -> ir.LocationRule:
    """A node location as the rule `#uname eq NODE` (what it is to Pacemaker)."""
    return ir.LocationRule(
        item.rsc,
        item.score,
        item.location,
        expressions=[ir.RuleExpression("#uname", "eq", item.node, item.location)],
    )


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


class _Made(NamedTuple):
    """What ADDITIONAL_CONFIG makes: tags (pcs takes none in a constraint; Pacemaker
    reads one as a set of its members, which the script writes instead) and resources
    (a constraint naming one runs after ADDITIONAL_CONFIG)."""

    tags: Dict[str, List[str]]
    resources: Set[str]

    def late(self, *ids: str) -> bool:
        return any(rid in self.resources for rid in ids)


def _made(cluster: ir.Cluster) -> _Made:
    if not cluster.additional_config:
        return _Made({}, set())
    return _Made(*cluster.made_by_commands())


def _set_words(rid: str, made: _Made, option: Optional[str]) -> List[str]:
    """One side of a constraint as a resource set (a tag: its members, in any order)."""
    words = [quote(m) for m in made.tags.get(rid, [rid])]
    if rid in made.tags:
        words.append("sequential=false")
    if option:
        words.append(option)
    return words


def _location_commands(
    cluster: ir.Cluster, dialect: Dialect, made: _Made
) -> List[Tuple[str, Command]]:
    found: List[Tuple[str, Command]] = []
    placed: Dict[Tuple[str, str], int] = {}
    for item in cluster.locations_node:
        side = "prefers" if item.prefers else "avoids"
        for rsc in made.tags.get(item.rsc, [item.rsc]):
            count = placed.get((rsc, item.node), 0)
            placed[(rsc, item.node)] = count + 1
            if count:
                # pcs would replace the first; a rule on #uname is the same location
                # to Pacemaker, and both apply, as in the CIB
                rule = _as_rule(item)
                found.append(
                    (
                        rsc,
                        Command(
                            [
                                _line(
                                    PCS,
                                    "constraint location",
                                    END,
                                    quote(rsc),
                                    "rule",
                                    assignment("score", item.score),
                                    *_rule_words(rule, dialect),
                                )
                            ]
                        ),
                    )
                )
                continue
            found.append(
                (
                    rsc,
                    Command(
                        [_line(PCS, "constraint location", END, quote(rsc), side, _node_side(item))]
                    ),
                )
            )
    for rule in cluster.locations_rule:
        for rsc in made.tags.get(rule.rsc, [rule.rsc]):
            words = [PCS, "constraint location", END, quote(rsc), "rule"]
            if rule.role:
                role = dialect.role(rule.role) or rule.role
                words.append(
                    assignment("role", role.lower() if dialect.rule_role_lowercase else role)
                )
            words.append(assignment("score", rule.score))
            words.extend(_rule_words(rule, dialect))
            found.append((rsc, Command([_line(*words)])))
    return found


def _colocation_command(
    colocated: ir.Colocation, dialect: Dialect, made: _Made, force: bool
) -> Command:
    if colocated.rsc in made.tags or colocated.with_rsc in made.tags:
        roles = [
            dialect.role(r) if r else None for r in (colocated.rsc_role, colocated.with_rsc_role)
        ]
        return Command(
            [
                _line(
                    PCS,
                    "constraint colocation set",
                    END,
                    *_set_words(colocated.rsc, made, f"role={roles[0]}" if roles[0] else None),
                    "set",
                    *_set_words(colocated.with_rsc, made, f"role={roles[1]}" if roles[1] else None),
                    "setoptions",
                    assignment("score", colocated.score),
                )
            ]
        )
    # options, --force included, stand before the end of options
    words = [PCS, "constraint colocation add", "--force" if force else "", END]
    if colocated.rsc_role:
        words.append(dialect.role(colocated.rsc_role) or "")
    words += [quote(colocated.rsc), "with"]
    if colocated.with_rsc_role:
        words.append(dialect.role(colocated.with_rsc_role) or "")
    words += [quote(colocated.with_rsc), assignment("score", colocated.score)]
    return Command([_line(*words)])


def _order_command(order_item: ir.Order, made: _Made, force: bool) -> Command:
    options = []
    if order_item.kind:
        options.append(assignment("kind", order_item.kind))
    if order_item.symmetrical is not None:
        options.append(assignment("symmetrical", order_item.symmetrical))
    if order_item.first in made.tags or order_item.then in made.tags:
        first_action = order_item.first_action or "start"
        return Command(
            [
                _line(
                    PCS,
                    "constraint order set",
                    END,
                    *_set_words(order_item.first, made, f"action={first_action}"),
                    "set",
                    *_set_words(
                        order_item.then, made, f"action={order_item.then_action or 'start'}"
                    ),
                    *(["setoptions", *options] if options else []),
                )
            ]
        )
    words = [PCS, "constraint order", "--force" if force else "", END]
    if order_item.first_action:
        words.append(order_item.first_action)
    words += [quote(order_item.first), "then"]
    if order_item.then_action:
        words.append(order_item.then_action)
    words.append(quote(order_item.then))
    words += options
    return Command([_line(*words)])


def constraint_blocks(cluster: ir.Cluster, dialect: Dialect) -> Tuple[List[Block], Block]:
    """The constraint blocks, and those naming what ADDITIONAL_CONFIG makes (to run
    after it)."""
    made = _made(cluster)
    late = Block("### Constraints on what the additional config makes", [])
    location = Block("### Resource Location", [])
    for rsc, command in _location_commands(cluster, dialect, made):
        (late if made.late(rsc) else location).commands.append(command)
    colocation = Block("### Resource Colocation", [])
    # pcs refuses a second constraint on the same resources unless forced (both apply)
    pairs: Set[Tuple[str, ...]] = set()
    for colocated in cluster.colocations:
        pair: Tuple[str, ...] = (colocated.rsc, colocated.with_rsc)
        command = _colocation_command(colocated, dialect, made, pair in pairs)
        pairs.add(pair)
        (late if made.late(*pair) else colocation).commands.append(command)
    order = Block("### Resource Order", [])
    for order_item in cluster.orders:
        pair = ("order", order_item.first, order_item.then)
        command = _order_command(order_item, made, pair in pairs)
        pairs.add(pair)
        (late if made.late(*pair[1:]) else order).commands.append(command)
    return [location, colocation, order], late


def _settings_blocks(cluster: ir.Cluster, dialect: Dialect) -> List[Block]:
    properties = Block(
        "### Cluster Option",
        [
            Command([_line(PCS, "property set", END, assignment(p.name, p.value))])
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
                        _line(
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
                        _line(
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
            Command([_line(PCS, "resource defaults" + update, END, assignment(p.name, p.value))])
            for p in cluster.rsc_defaults
            if p.value
        ],
    )
    op_defaults = Block(
        "### Operation Defaults",
        [
            Command([_line(PCS, "resource op defaults" + update, END, assignment(p.name, p.value))])
            for p in cluster.op_defaults
            if p.value
        ],
    )
    return [properties, nodes, rsc_defaults, op_defaults]


def _levels_block(cluster: ir.Cluster) -> Block:
    block = Block("### STONITH Level", [])
    for level in sorted(cluster.fencing_levels, key=lambda lv: (lv.target, lv.index)):
        block.commands.append(
            Command(
                [
                    _line(
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


def _alert_blocks(cluster: ir.Cluster) -> List[Block]:
    blocks: List[Block] = []
    recipient_ids: dict[str, int] = {}
    for alert in cluster.alerts:
        lines = [
            _line(
                PCS, "alert create", END, assignment("path", alert.path), assignment("id", alert.id)
            )
        ]
        if alert.options:
            lines.append("options " + _pairs(alert.options))
        if alert.meta:
            lines.append("meta " + _pairs(alert.meta))
        block = Block("### Alert Configuration", [Command(lines)])
        for recipient in alert.recipients:
            count = recipient_ids.get(alert.id, 0)
            recipient_ids[alert.id] = count + 1
            rid = f"{alert.id}-recipient" + (f"-{count}" if count else "")
            lines = [
                _line(
                    PCS,
                    "alert recipient add",
                    END,
                    quote(alert.id),
                    assignment("value", recipient.value),
                    assignment("id", rid),
                )
            ]
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
    constraints, late = constraint_blocks(cluster, dialect)
    blocks.extend(constraints)
    blocks.extend(_alert_blocks(cluster))
    blocks.append(_additional_block(cluster, dialect))
    blocks.append(late)
    return [b for b in blocks if b.commands]
