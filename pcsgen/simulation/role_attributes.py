"""The transitions that node attributes an agent publishes by its instance's role bring
about (who publishes them: pcsgen.simulation.node_attributes.role_publishers).

PostgreSQL's agent (ocf:heartbeat:pgsql, and PG-REX's ocf:linuxhajp:pgsql) in
replication mode sets `pgsql-status` on
each node: `PRI` where its instance is promoted, `HS:sync` (`HS:async` with
rep_mode=async) where it runs as a standby of a running primary, `HS:alone` where it
runs with no primary, and `STOP` where it stopped. PG-REX designs place the standby's
address by it. The value follows the transition (the agent writes it as it promotes,
starts, is told of its standby, stops), and Pacemaker then runs one more transition for
the rules that test it. So does the simulation: after each crm_simulate run it writes
the attributes the new roles give, and runs again, until they no longer change.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from lxml import etree

from pcsgen.simulation.crm_simulate import (
    Placements,
    State,
    node_of,
    promoted_nodes,
    set_attribute,
)
from pcsgen.simulation.node_attributes import RolePublisher

# Transitions run one after another for the attributes at most (an agent and its rules
# that kept changing each other would otherwise run for ever).
MAX_ROUNDS = 4


def _current(root: etree._Element) -> Dict[str, Dict[str, str]]:
    """node -> the transient attributes its saved status holds."""
    found: Dict[str, Dict[str, str]] = {}
    for node_state in root.iterfind("status/node_state"):
        values = found.setdefault(node_state.get("uname", ""), {})
        for pair in node_state.iterfind("transient_attributes/instance_attributes/nvpair"):
            values[pair.get("name", "")] = pair.get("value", "")
    return found


def published(cib_path: str, publishers: Sequence[RolePublisher]) -> Dict[str, Dict[str, str]]:
    """node -> the role-published attributes the CIB at CIB_PATH holds."""
    names = {p.name for p in publishers}
    root = etree.parse(cib_path, etree.XMLParser(resolve_entities=False)).getroot()
    return {
        node: {k: v for k, v in values.items() if k in names}
        for node, values in _current(root).items()
    }


def wanted(
    publishers: Sequence[RolePublisher],
    placements: Placements,
    online: Sequence[str],
    current: Mapping[str, Mapping[str, str]],
) -> List[Tuple[str, str, str]]:
    """(node, attribute, value) for each attribute the roles change on an online node."""
    changes: List[Tuple[str, str, str]] = []
    for publisher in publishers:
        labels = placements.get(publisher.resource, [])
        promoted = set(promoted_nodes(placements, publisher.resource))
        running = {node_of(x) for x in labels}
        for node in online:
            had = current.get(node, {}).get(publisher.name)
            if node in promoted:
                value: Optional[str] = publisher.promoted
            elif node in running:
                value = publisher.standby if promoted else publisher.alone
            else:
                # it stopped there (a node where it never ran has no value)
                value = publisher.stopped if had is not None else None
            if value is not None and value != had:
                changes.append((node, publisher.name, value))
    return changes


Runner = Callable[[str, str], etree._Element]  # (CIB path, where to save) -> its output


def settle(
    publishers: Sequence[RolePublisher],
    saved: str,
    outcome: State,
    nodes: Sequence[str],
    run_again: Runner,
) -> State:
    """After a transition whose resulting CIB is at SAVED: write the attributes its
    roles give and run again, until they hold; the last state, with every round's
    actions. SAVED then holds the last CIB."""
    from pcsgen.simulation.crm_simulate import state

    actions = list(outcome.actions)
    current = outcome
    for _round in range(MAX_ROUNDS):
        root = etree.parse(saved, etree.XMLParser(resolve_entities=False)).getroot()
        online = [n for n in nodes if n not in current.offline]
        changes = wanted(publishers, current.placements, online, _current(root))
        if not changes:
            break
        for node, name, value in changes:
            set_attribute(root, node, name, value)
        etree.ElementTree(root).write(saved)
        following = saved + ".next"
        current = state(run_again(saved, following))
        os.replace(following, saved)
        actions += current.actions
    return replace(current, actions=actions)
