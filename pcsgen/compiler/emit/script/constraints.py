"""The pcs commands of the constraints: location (by node or by rule), colocation
and order, with those naming what ADDITIONAL_CONFIG makes kept apart to run after it."""

from __future__ import annotations

from typing import Dict, List, NamedTuple, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.script.words import END, PCS, Block, Command, command_line
from pcsgen.pcs.quoting import assignment, quote


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
                                command_line(
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
                        [
                            command_line(
                                PCS, "constraint location", END, quote(rsc), side, _node_side(item)
                            )
                        ]
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
            found.append((rsc, Command([command_line(*words)])))
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
                command_line(
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
    return Command([command_line(*words)])


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
                command_line(
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
    return Command([command_line(*words)])


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
