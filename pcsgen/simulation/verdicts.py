"""What a failure scenario comes to for the primitive or node it is about, from
crm_simulate's outcome: restarts in place, moves, fences, stays stopped, blocked,
ignored, or goes unnoticed."""

from __future__ import annotations

from typing import List, Mapping, Tuple

from pcsgen.cib.resources import PROMOTED_ROLES, Primitive
from pcsgen.simulation.crm_simulate import Placements, State, node_of, role_of
from pcsgen.simulation.scenarios import (
    MONITOR_FAILURE,
    START_FAILURE,
    STEADY,
    STOP_FAILURE,
    Injection,
    ScenarioResult,
)


def _verdict(
    kind: str, subject: str, node: str, before: Placements, after: State
) -> Tuple[str, List[str]]:
    """The verdict for the scenario's subject, and where the subject goes."""
    if kind == STEADY:
        return "started", []
    was = before.get(subject, [])
    now = after.placements.get(subject, [])
    gone_to = sorted({node_of(label) for label in now} - {node_of(label) for label in was})
    if subject in after.blocked:
        return "block", []
    if subject in after.ignored and sorted(was) == sorted(now):
        return "ignore", []
    if node in after.fenced:
        return "fence", gone_to
    if kind in (MONITOR_FAILURE, START_FAILURE, STOP_FAILURE):
        if was and not now:
            return "stop", []
        stayed = [label for label in now if label in was and node_of(label) == node]
        touched = any(a.resource == subject for a in after.actions)
        if stayed and touched:
            return "restart", []
        promoted = [
            node_of(label) for label in now if role_of(label) in PROMOTED_ROLES and label not in was
        ]
        if gone_to or promoted:
            return "move", gone_to or promoted
        if node not in {node_of(label) for label in now}:
            return "stop", []  # this instance stops; the clone's others keep running
        return ("none", []) if not touched else ("restart", [])
    changes = {
        rid
        for rid, where in after.placements.items()
        if sorted(before.get(rid, [])) != sorted(where)
    }
    if not changes and not after.actions:
        return "none", []
    if any(before.get(rid) and not after.placements.get(rid) for rid in changes):
        return "stop", []
    return "move", []


def judge(
    kind: str,
    injections: List[Injection],
    before: Placements,
    after: State,
    subject: str,
    node: str,
    model: Mapping[str, Primitive] = {},
) -> ScenarioResult:
    verdict, destination = _verdict(kind, subject, node, before, after)
    result = ScenarioResult(kind, injections, before, after, verdict, subject, node, destination)
    primitive = model.get(subject)
    if primitive is not None and kind in (MONITOR_FAILURE, START_FAILURE, STOP_FAILURE):
        result.agent = primitive.agent
        if not injections:  # no recurring monitor: nothing was run, nothing would notice
            result.verdict = "undetected"
        elif kind == MONITOR_FAILURE:
            operation = next(
                (
                    op
                    for op in primitive.operations
                    if op.name == "monitor" and op.interval_ms == injections[0].interval_ms
                ),
                None,
            )
            result.on_fail = operation.on_fail if operation is not None else ""
        else:
            operation = primitive.operation(kind.split("-")[0])
            result.on_fail = operation.on_fail if operation is not None else ""
    return result
