"""The operations a resource ends up with, as `pcs resource create` / `pcs stonith
create` decide them: the user's, completed with default intervals, plus the actions
the agent's metadata declares that the user did not name."""

from __future__ import annotations

from typing import Dict, List, Optional, Set

from pcsgen import ir
from pcsgen.agents.metadata import AgentAction, AgentMetadata
from pcsgen.agents.provider import MetadataProvider
from pcsgen.diagnostics.location import Location
from pcsgen.values import ROLE_WORDS, duration_seconds

# Actions pcs never copies into the CIB (one-time or deprecated).
NOT_COPIED = frozenset({"meta-data", "status", "validate-all"})
DEFAULT_INTERVALS = {"monitor": "60s"}
CHECK_LEVEL = "OCF_CHECK_LEVEL"


def default_interval(name: str) -> str:
    return DEFAULT_INTERVALS.get(name, "0s")


def _copied(action: AgentAction, stonith: bool) -> bool:
    if stonith:
        return action.name == "monitor"
    return action.name not in NOT_COPIED


def _from_action(action: AgentAction, location: Location) -> ir.Operation:
    attributes: Dict[str, str] = {"interval": action.interval or default_interval(action.name)}
    if action.timeout:
        attributes["timeout"] = action.timeout
    if action.role:
        attributes["role"] = ROLE_WORDS.get(action.role.lower(), action.role)
    if action.start_delay:
        attributes["start-delay"] = action.start_delay
    if action.depth not in (None, "0"):
        attributes[CHECK_LEVEL] = str(action.depth)
    return ir.Operation(action.name, attributes, location, from_agent=True)


def _unique_interval(operation: ir.Operation, used: Dict[str, Set[float]]) -> None:
    """pcs bumps a default action's interval by whole seconds until it is free."""
    interval = operation.attributes.get("interval", "0s")
    seconds = duration_seconds(interval)
    if seconds is None:
        return
    taken = used.setdefault(operation.name, set())
    if seconds in taken:
        while seconds in taken:
            seconds += 1
        operation.attributes["interval"] = str(int(seconds))
    taken.add(seconds)


def complete_operations(primitive: ir.Primitive, metadata: Optional[AgentMetadata]) -> None:
    """Append the operations pcs would add to the user's (whose intervals the CIB
    emitter completes, as pcs does)."""
    user = [op for op in primitive.operations if not op.from_agent]
    named = {op.name for op in user}
    defaults: List[ir.Operation] = []
    location = primitive.definition or primitive.location
    if metadata is not None:
        for action in metadata.actions:
            if _copied(action, primitive.is_stonith) and action.name not in named:
                defaults.append(_from_action(action, location))
    if "monitor" not in named and not any(op.name == "monitor" for op in defaults):
        defaults.append(
            ir.Operation(
                "monitor", {"interval": default_interval("monitor")}, location, from_agent=True
            )
        )
    used: Dict[str, Set[float]] = {}
    for operation in defaults:
        _unique_interval(operation, used)
    primitive.operations = user + defaults


def complete_cluster(cluster: ir.Cluster, provider: MetadataProvider) -> None:
    for primitive in cluster.primitives():
        if primitive.agent.type:
            complete_operations(primitive, provider.get(primitive.agent))
