"""What a definition means for the cluster: loops, self-references, fencing safety."""

from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.cib.values import BOOLEAN_FALSE
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location

DELAY_PARAMETERS = ("pcmk_delay_base", "pcmk_delay_max")


def _host_list(primitive: ir.Primitive) -> List[str]:
    """The nodes a fence device fences: pcmk_host_list, else the nodes of pcmk_host_map;
    only without either, the device's own plug (or port), often named after the node."""
    given = {pair.name: pair.value for pair in primitive.instance_attributes if pair.value}
    if "pcmk_host_list" in given:
        return [h for h in re.split(r"[\s,;]+", given["pcmk_host_list"]) if h]
    if "pcmk_host_map" in given:
        return [
            entry.split(":", 1)[0]
            for entry in re.split(r"[\s,;]+", given["pcmk_host_map"])
            if ":" in entry
        ]
    for name in ("plug", "port"):
        if name in given:
            return [h for h in re.split(r"[\s,;]+", given[name]) if h]
    return []


def cluster_node_names(cluster: ir.Cluster) -> Set[str]:
    """The nodes a definition speaks of, where no corosync.conf says."""
    names = {n.uname for n in cluster.nodes}
    names |= {loc.node for loc in cluster.locations_node}
    names |= {level.target for level in cluster.fencing_levels}
    for primitive in cluster.primitives():
        if primitive.is_stonith:
            names |= set(_host_list(primitive))
    return names


def _order_cycles(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    """Cycles among mandatory orders, action by action (as Pacemaker orders actions:
    'A stop then B start' and 'B stop then A start' are no cycle)."""
    Node = Tuple[str, str]
    edges: Dict[Node, List[ir.Order]] = {}

    def ends(order: ir.Order) -> Tuple[Node, Node]:
        first_action = order.first_action or "start"
        return (order.first, first_action), (order.then, order.then_action or "start")

    for order in cluster.orders:
        first, then = ends(order)
        if first == then:
            diagnostics.error("PG402", order.at("then-rsc"), id=order.first)
            continue
        if order.kind in (None, "Mandatory"):
            edges.setdefault(first, []).append(order)
    _report_cycles(edges, ends, diagnostics)


# the order cycles reported at most: each is an error, and a definition with more has
# these to fix first (a long chain with many ways back would otherwise make
# messages of its whole length for each)
MAX_CYCLES_REPORTED = 100


def _report_cycles(
    edges: Dict[Tuple[str, str], List[ir.Order]],
    ends: Callable[[ir.Order], Tuple[Tuple[str, str], Tuple[str, str]]],
    diagnostics: Diagnostics,
) -> None:
    """A depth-first walk without recursion (a chain of orders can be as long as the
    definition): each edge back to an action on the current path closes a cycle."""
    Node = Tuple[str, str]
    state: Dict[Node, int] = {}  # 1 on the path, 2 done
    entered: Dict[Node, int] = {}  # where on the path the walk entered each node
    reported: Set[FrozenSet[Node]] = set()
    for root in list(edges):
        if state.get(root) is not None:
            continue
        path: List[ir.Order] = []
        state[root] = 1
        entered[root] = 0
        stack = [(root, iter(edges.get(root, [])))]
        while stack:
            node, pending = stack[-1]
            order = next(pending, None)
            if order is None:
                stack.pop()
                state[node] = 2
                if path:
                    path.pop()
                continue
            target = ends(order)[1]
            if state.get(target) == 1:
                if len(reported) < MAX_CYCLES_REPORTED:
                    cycle = path[entered[target] :] + [order]
                    key = frozenset(ends(o)[0] for o in cycle)
                    if key not in reported:
                        reported.add(key)
                        names = " -> ".join([o.first for o in cycle] + [target[0]])
                        diagnostics.error("PG404", cycle[-1].at("then-rsc"), cycle=names)
            elif state.get(target) is None:
                path.append(order)
                state[target] = 1
                entered[target] = len(path)
                stack.append((target, iter(edges.get(target, []))))


def _promotable_ids(cluster: ir.Cluster) -> Set[str]:
    found: Set[str] = set()
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if isinstance(item, ir.Clone) and (
                item.promotable
                or any(
                    p.name == "promotable" and p.value.lower() in ("true", "yes", "1")
                    for p in item.meta_attributes
                )
            ):
                found.add(item.id)
    return found


def _roles(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    promotable = _promotable_ids(cluster)
    index = cluster.all_resources()
    promoted_roles = (ir.ROLE_PROMOTED, ir.ROLE_UNPROMOTED)

    def check(rid: str, role: Optional[str], where: Location) -> None:
        if role in promoted_roles and rid in index and rid not in promotable:
            diagnostics.warning("PG415", where, role=role, id=rid)

    for colocation in cluster.colocations:
        check(colocation.rsc, colocation.rsc_role, colocation.at("rsc-role"))
        check(colocation.with_rsc, colocation.with_rsc_role, colocation.at("with-rsc-role"))
    for rule in cluster.locations_rule:
        check(rule.rsc, rule.role, rule.at("role"))
    for order in cluster.orders:
        for rid, action, key in (
            (order.first, order.first_action, "first-action"),
            (order.then, order.then_action, "then-action"),
        ):
            if action in ("promote", "demote"):
                check(rid, ir.ROLE_PROMOTED, order.at(key))


def _fencing(
    cluster: ir.Cluster, diagnostics: Diagnostics, cluster_nodes: Optional[List[str]]
) -> None:
    properties = {p.name: p for p in cluster.properties}
    enabled = properties.get("stonith-enabled")
    if enabled is not None and enabled.value.lower() in BOOLEAN_FALSE:
        diagnostics.warning("PG406", enabled.location)
    devices = [p for p in cluster.primitives() if p.is_stonith]
    if (
        not devices
        and (enabled is None or enabled.value.lower() not in BOOLEAN_FALSE)
        and _defines_anything(cluster)
    ):
        diagnostics.warning("PG407", Location(cluster.source) if cluster.source else None)
    avoided = {(loc.rsc, loc.node) for loc in cluster.locations_node if loc.score == "-INFINITY"}
    # once, not per host: a device may fence thousands
    several_nodes = len(cluster_node_names(cluster)) > 1
    for device in devices:
        for host in _host_list(device):
            if (device.id, host) not in avoided and several_nodes:
                diagnostics.warning(
                    "PG405", device.definition or device.location, id=device.id, node=host
                )
    nodes = cluster_nodes if cluster_nodes is not None else sorted(cluster_node_names(cluster))
    delayed = any(pair.name in DELAY_PARAMETERS for d in devices for pair in d.instance_attributes)
    if len(nodes) == 2 and devices and "priority-fencing-delay" not in properties and not delayed:
        diagnostics.warning("PG409", devices[0].definition or devices[0].location)


def _defines_anything(cluster: ir.Cluster) -> bool:
    """False for an input that held no table at all (it was told it is not a definition)."""
    return any(
        (
            cluster.properties,
            cluster.rsc_defaults,
            cluster.op_defaults,
            cluster.nodes,
            cluster.resources,
            cluster.fencing_levels,
            cluster.locations_node,
            cluster.locations_rule,
            cluster.colocations,
            cluster.orders,
            cluster.alerts,
            cluster.additional_config,
        )
    )


def _recurring(operation: ir.Operation) -> bool:
    from pcsgen.agents.operations import default_interval
    from pcsgen.values import duration_seconds

    if operation.attributes.get("enabled", "").lower() in BOOLEAN_FALSE:
        return False
    interval = operation.attributes.get("interval") or default_interval(operation.name)
    seconds = duration_seconds(interval)
    return seconds is None or seconds > 0


def _monitors(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    """A resource whose operations (the user's, and those pcs adds from the agent's
    metadata or by default) hold no recurring monitor is never checked."""
    for primitive in cluster.primitives():
        if not primitive.agent.type:
            continue
        monitors = [op for op in primitive.operations if op.name == "monitor"]
        if any(_recurring(op) for op in monitors):
            continue
        users = [op for op in monitors if not op.from_agent]
        where = users[0].location if users else primitive.definition or primitive.location
        diagnostics.warning("PG408", where, id=primitive.id)


def _cloned_fence_devices(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    """`pcs resource clone` (and promotable) refuses a fence device; a group holding one
    it takes."""
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if (
                isinstance(item, ir.Clone)
                and isinstance(item.child, ir.Primitive)
                and item.child.is_stonith
            ):
                diagnostics.error("PG245", item.location, clone=item.id, id=item.child.id)


def _role_or_started(role: Optional[str]) -> str:
    return role or ir.ROLE_STARTED


def _rule_key(rule: ir.LocationRule) -> Tuple[str, str]:
    """What pcs compares to find a duplicate location rule: the resource and the
    expressions (sorted) with their boolean operator; not the score, not the role."""
    parts = sorted(
        f"{e.operation} {e.attribute}"
        if e.value is None
        else f"{e.attribute} {e.operation} string {e.value}"
        for e in rule.expressions
    )
    joiner = rule.bool_op if rule.bool_op and len(rule.expressions) > 1 else "or"
    return rule.rsc, f" {joiner} ".join(parts)


def _duplicate_constraints(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    """pcs refuses (without --force) a colocation, an order or a location rule when one
    between the same resources already exists, whatever their scores or kinds."""
    colocations: Dict[Tuple[str, ...], ir.Colocation] = {}
    for colocation in cluster.colocations:
        key = (
            colocation.rsc,
            colocation.with_rsc,
            _role_or_started(colocation.rsc_role),
            _role_or_started(colocation.with_rsc_role),
        )
        first = colocations.setdefault(key, colocation)
        if first is not colocation:
            diagnostics.error(
                "PG246",
                colocation.at("rsc"),
                rsc=colocation.rsc,
                with_rsc=colocation.with_rsc,
                first_row=first.location.row,
            )
    orders: Dict[Tuple[str, ...], ir.Order] = {}
    for order in cluster.orders:
        key = (order.first, order.then, order.first_action or "start", order.then_action or "start")
        earlier = orders.setdefault(key, order)
        if earlier is not order:
            diagnostics.error(
                "PG247",
                order.at("first-rsc"),
                first=order.first,
                then=order.then,
                first_action=key[2],
                then_action=key[3],
                first_row=earlier.location.row,
            )
    rules: Dict[Tuple[str, str], ir.LocationRule] = {}
    for rule in cluster.locations_rule:
        if not rule.expressions:
            continue
        found = rules.setdefault(_rule_key(rule), rule)
        if found is not rule:
            diagnostics.error("PG248", rule.at("rsc"), rsc=rule.rsc, first_row=found.at("rsc").row)


def _orders_within_a_group(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    """pcs refuses an order between two members of one group (the group orders them)."""
    group_of: Dict[str, str] = {}
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if isinstance(item, ir.Group):
                group_of.update((member.id, item.id) for member in item.members)
    for order in cluster.orders:
        group = group_of.get(order.first)
        if group is not None and group_of.get(order.then) == group and order.first != order.then:
            diagnostics.error(
                "PG254", order.at("then-rsc"), first=order.first, then=order.then, group=group
            )


def _duplicate_operations(cluster: ir.Cluster, diagnostics: Diagnostics) -> None:
    """Pacemaker refuses two recurring operations of one name and interval, whatever
    their roles; it accepts a second one with interval 0 (and ignores it), which pcs
    refuses: the script leaves it out."""
    from pcsgen.agents.operations import default_interval
    from pcsgen.values import interval_msec

    for primitive in cluster.primitives():
        seen: Set[Tuple[str, object, Optional[str]]] = set()
        zero: Set[str] = set()
        for op in primitive.operations:
            if op.from_agent:
                continue
            interval = op.attributes.get("interval") or default_interval(op.name)
            milliseconds = interval_msec(interval)
            key = (op.name, interval if milliseconds is None else milliseconds, None)
            if milliseconds == 0 and op.name in zero:
                diagnostics.warning("PG263", op.location, op=op.name, id=primitive.id)
            elif key in seen:
                diagnostics.error(
                    "PG221", op.location, op=op.name, interval=interval, id=primitive.id
                )
            seen.add(key)
            if milliseconds == 0:
                zero.add(op.name)


def _node_names(
    cluster: ir.Cluster, diagnostics: Diagnostics, cluster_nodes: Optional[List[str]]
) -> None:
    if not cluster_nodes:
        return
    known = set(cluster_nodes)
    listed = ", ".join(cluster_nodes)
    for loc in cluster.locations_node:
        if loc.node not in known:
            diagnostics.warning("PG416", loc.at("node"), node=loc.node, nodes=listed)
    for level in cluster.fencing_levels:
        if level.target not in known:
            diagnostics.warning("PG416", level.at("node"), node=level.target, nodes=listed)


def check_semantics(
    cluster: ir.Cluster, diagnostics: Diagnostics, cluster_nodes: Optional[List[str]] = None
) -> None:
    for colocation in cluster.colocations:
        if colocation.rsc == colocation.with_rsc:
            diagnostics.error("PG403", colocation.at("with-rsc"), id=colocation.rsc)
    _order_cycles(cluster, diagnostics)
    _roles(cluster, diagnostics)
    _fencing(cluster, diagnostics, cluster_nodes)
    _monitors(cluster, diagnostics)
    _duplicate_operations(cluster, diagnostics)
    _cloned_fence_devices(cluster, diagnostics)
    _duplicate_constraints(cluster, diagnostics)
    _orders_within_a_group(cluster, diagnostics)
    _node_names(cluster, diagnostics, cluster_nodes)
