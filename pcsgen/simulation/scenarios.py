"""Failure scenarios: what the user or the test plan asks for (a primitive's operation
failing, a node attribute changing, a node failing), turned into injections against the
steady state. `pcsgen.simulation.runs` runs them through crm_simulate in parallel;
`pcsgen.simulation.verdicts` judges what comes out."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

from lxml import etree

from pcsgen.cib.resources import PROMOTED_ROLES, Primitive, kind_of, members, primitives
from pcsgen.diagnostics import PcsgenError
from pcsgen.simulation import node_attributes
from pcsgen.simulation.crm_simulate import (
    Placements,
    State,
    node_of,
    nowhere,
    role_of,
    set_attribute,
    status_ids,
)

MONITOR_RC = 7  # OCF_NOT_RUNNING: what a monitor finds after a crash
ACTION_RC = 1  # OCF_ERR_GENERIC: a start or stop that fails
FAILABLE = ("monitor", "start", "stop")

# Scenario kinds, in the order a test plan lists them.
STEADY = "steady-state"
NODE_FAILURE = "node-failure"
MONITOR_FAILURE = "monitor-failure"
START_FAILURE = "start-failure"
STOP_FAILURE = "stop-failure"
ATTRIBUTE_CHANGE = "attribute-change"
ATTRIBUTE_UNSET = "attribute-unset"
EVENT = "event"  # several injections at once (--fail and --attr-change together)
KINDS = (
    STEADY,
    NODE_FAILURE,
    MONITOR_FAILURE,
    START_FAILURE,
    STOP_FAILURE,
    ATTRIBUTE_CHANGE,
    ATTRIBUTE_UNSET,
    EVENT,
)

# What a scenario comes to, for the primitive or node it is about.
VERDICTS = ("started", "restart", "move", "fence", "stop", "block", "ignore", "none", "undetected")


# --- what the user asks for -------------------------------------------------------


@dataclass(frozen=True)
class ResourceFailure:
    """`--fail RSC[:ACTION][@NODE]`: an operation of a primitive fails."""

    resource: str
    node: Optional[str] = None  # None: where it runs
    action: str = "monitor"


@dataclass(frozen=True)
class AttributeChange:
    """`--attr-change NODE:NAME=VALUE` or `--attr-unset NODE:NAME` (value None)."""

    node: str
    name: str
    value: Optional[str]


Event = Union[ResourceFailure, AttributeChange]


def parse_attribute(text: str) -> Tuple[str, str, str]:
    node, _, rest = text.partition(":")
    name, sep, value = rest.partition("=")
    if not node or not name or not sep:
        raise PcsgenError("PG806", None, value=text)
    return node, name, value


def parse_unset(text: str) -> AttributeChange:
    node, sep, name = text.partition(":")
    if not node or not sep or not name or "=" in name:
        raise PcsgenError("PG821", None, value=text)
    return AttributeChange(node, name, None)


def parse_change(text: str) -> AttributeChange:
    node, name, value = parse_attribute(text)
    return AttributeChange(node, name, value)


def parse_failure(text: str) -> ResourceFailure:
    """RSC, RSC@NODE, RSC:stop, RSC:start@NODE. (':' cannot be part of an id.)"""
    match = re.fullmatch(r"([^:@\s]+)(?::([a-z]+))?(?:@([^@\s]+))?", text.strip())
    if match is None or (match.group(2) or "monitor") not in FAILABLE:
        raise PcsgenError("PG820", None, value=text)
    return ResourceFailure(match.group(1), match.group(3), match.group(2) or "monitor")


# --- what is injected, and what comes out --------------------------------------------


@dataclass(frozen=True)
class Injection:
    """One event given to crm_simulate."""

    kind: str  # node-failure | monitor-failure | start-failure | stop-failure | attribute-*
    node: str
    resource: str = ""  # the primitive (operation failures)
    interval: str = ""  # the failing monitor's interval, as written
    interval_ms: int = 0
    rc: int = 0
    status_id: str = ""  # the resource's id in the status section (a clone's instance)
    attribute: str = ""
    value: Optional[str] = None  # the attribute's new value; None: it disappears

    @property
    def action(self) -> str:
        return self.kind.split("-")[0] if self.resource else ""

    def arguments(self) -> List[str]:
        if self.kind == NODE_FAILURE:
            return [f"--node-fail={self.node}"]
        if self.resource:
            return [
                "--op-inject",
                f"{self.status_id}_{self.action}_{self.interval_ms}@{self.node}={self.rc}",
            ]
        return []  # attributes are written into the status section

    def as_dict(self) -> Dict[str, object]:
        found: Dict[str, object] = {"kind": self.kind, "node": self.node}
        if self.resource:
            found.update(resource=self.resource, action=self.action, rc=self.rc)
            if self.interval:
                found["interval"] = self.interval
        if self.attribute:
            found.update(attribute=self.attribute, value=self.value)
        return found


@dataclass
class ScenarioResult:
    """One row of the test plan: what is injected, what Pacemaker does, where everything
    is afterwards."""

    kind: str
    injections: List[Injection]
    before: Placements
    after: State
    verdict: str  # see VERDICTS
    subject: str = ""  # the primitive, node or attribute the scenario is about
    node: str = ""  # where the event happens
    destination: List[str] = field(default_factory=list)  # where the subject goes
    on_fail: str = ""  # on-fail of the failing operation as configured ('' for the default)
    agent: str = ""  # the failing primitive's agent (class:provider:type)
    publisher: str = ""  # kind of agent publishing the attribute (ping, health ...)

    @property
    def stopped(self) -> List[str]:
        """Resources that end up running nowhere."""
        return nowhere(self.after.placements)

    @property
    def newly_stopped(self) -> List[str]:
        return [r for r in self.stopped if self.before.get(r)]

    @property
    def changes(self) -> Dict[str, Tuple[List[str], List[str]]]:
        """Resources whose placement changes: before, after."""
        return {
            rid: (self.before.get(rid, []), where)
            for rid, where in self.after.placements.items()
            if sorted(self.before.get(rid, [])) != sorted(where)
        }

    def as_dict(self) -> Dict[str, object]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "node": self.node,
            "inject": [i.as_dict() for i in self.injections],
            "verdict": self.verdict,
            "destination": self.destination,
            "actions": [a.as_dict() for a in self.after.actions],
            "fenced": self.after.fenced,
            "placements": self.after.placements,
            "stopped": self.stopped,
            "blocked": self.after.blocked,
            "offline": self.after.offline,
            "standby": self.after.standby,
        }


# --- the scenarios -------------------------------------------------------------------------


@dataclass
class Job:
    kind: str
    injections: List[Injection]
    subject: str
    node: str
    status: Optional[bytes] = None  # a changed copy of the steady state, or None
    outcome: Optional[State] = None


class Planner:
    """Turns requests (a primitive failing, an attribute changing) into injections against
    the steady state."""

    def __init__(
        self,
        cib: etree._Element,
        steady: Placements,
        placed: etree._Element,
        nodes: Sequence[str],
        attribute_plan: node_attributes.AttributePlan,
    ) -> None:
        self.cib = cib
        self.steady = steady
        self.placed = placed
        self.nodes = list(nodes)
        self.plan = attribute_plan
        self.model = primitives(cib)
        self.status_ids = status_ids(placed)

    def _check_node(self, node: str, option: str) -> None:
        if node not in self.nodes:
            raise PcsgenError("PG829", None, node=node, option=option, nodes=", ".join(self.nodes))

    def primitive(self, rid: str) -> Primitive:
        found = self.model.get(rid)
        if found is not None:
            return found
        kind = kind_of(self.cib, rid)
        inner = members(self.cib, rid)
        if kind in ("clone", "master") and len(inner) == 1:
            return self.model[inner[0]]
        if kind is not None:
            raise PcsgenError("PG823", None, id=rid, members=", ".join(inner))
        raise PcsgenError("PG822", None, id=rid)

    def failure(self, request: ResourceFailure, strict: bool = True) -> Optional[Injection]:
        """The injection for a primitive's operation failing; None when its monitor
        would not notice (no recurring monitor) and not STRICT."""
        primitive = self.primitive(request.resource)
        where = self.steady.get(primitive.id, [])
        if not where:
            raise PcsgenError("PG825", None, id=primitive.id)
        if request.node is not None:
            self._check_node(request.node, "--fail")
            label = next((w for w in where if node_of(w) == request.node), None)
            if label is None:
                raise PcsgenError(
                    "PG824", None, id=primitive.id, node=request.node, where=", ".join(where)
                )
        else:
            label = next((w for w in where if role_of(w) in PROMOTED_ROLES), where[0])
        node = node_of(label)
        status_id = self.status_ids.get((node, primitive.id), primitive.id)
        kind = f"{request.action}-failure"
        if request.action != "monitor":
            return Injection(kind, node, primitive.id, rc=ACTION_RC, status_id=status_id)
        monitor = primitive.monitor(role_of(label))
        if monitor is None:
            if strict:
                raise PcsgenError("PG828", None, id=primitive.id, node=node)
            return None
        return Injection(
            kind, node, primitive.id, monitor.interval, monitor.interval_ms, MONITOR_RC, status_id
        )

    def attribute(self, change: AttributeChange) -> Injection:
        self._check_node(
            change.node, "--attr-change" if change.value is not None else "--attr-unset"
        )
        kind = ATTRIBUTE_CHANGE if change.value is not None else ATTRIBUTE_UNSET
        return Injection(kind, change.node, attribute=change.name, value=change.value)

    def status_with(self, injections: Sequence[Injection]) -> Optional[bytes]:
        changes = [i for i in injections if i.attribute]
        if not changes:
            return None
        root = deepcopy(self.placed)
        for change in changes:
            set_attribute(root, change.node, change.attribute, change.value)
        return bytes(etree.tostring(root))

    def job(self, kind: str, injections: List[Injection], subject: str, node: str) -> Job:
        return Job(kind, injections, subject, node, self.status_with(injections))

    def node_failures(self) -> List[Job]:
        return [
            self.job(NODE_FAILURE, [Injection(NODE_FAILURE, node)], node, node)
            for node in self.nodes
        ]

    def resource_failures(self) -> List[Job]:
        """Every running primitive's monitor failing (each role of a promotable), then
        every running primitive (fencing devices aside) failing to stop. A primitive
        without a recurring monitor gets its row too, with nothing to run: its failure
        would go unnoticed."""
        jobs: List[Job] = []
        stops: List[Job] = []
        for primitive in self.model.values():
            where = self.steady.get(primitive.id, [])
            if not where:
                continue
            labels = [next((w for w in where if role_of(w) in PROMOTED_ROLES), where[0])]
            if primitive.promotable:
                other = next((w for w in where if role_of(w) not in PROMOTED_ROLES), None)
                if other is not None and other not in labels:
                    labels.append(other)
            for label in labels:
                injection = self.failure(
                    ResourceFailure(primitive.id, node_of(label)), strict=False
                )
                if injection is None:
                    jobs.append(
                        Job(
                            MONITOR_FAILURE,
                            [],
                            primitive.id,
                            node_of(label),
                            outcome=State(self.steady),
                        )
                    )
                    continue
                jobs.append(self.job(MONITOR_FAILURE, [injection], primitive.id, injection.node))
            if not primitive.stonith:
                injection = self.failure(ResourceFailure(primitive.id, node_of(labels[0]), "stop"))
                if injection is not None:
                    stops.append(self.job(STOP_FAILURE, [injection], primitive.id, injection.node))
        return jobs + stops

    def _busiest(self) -> List[str]:
        counts = {node: 0 for node in self.nodes}
        for where in self.steady.values():
            for label in where:
                if node_of(label) in counts:
                    counts[node_of(label)] += 1
        best = max(counts.values(), default=0)
        return [n for n in self.nodes if counts[n] == best][:1]

    def attribute_changes(self) -> List[Job]:
        """Every rule attribute failing on the node where its constrained resources run:
        its failure value (0, red ...), then disappearing."""
        jobs: List[Job] = []
        names = list(self.plan.tested) + [
            n
            for n in self.plan.publishers
            if n.startswith("#health")
            and n not in self.plan.tested
            and any(n in v for v in self.plan.values.values())
        ]
        for name in names:
            if name in self.plan.role_published:
                continue  # it follows its publisher's role: that resource's own failures
            where: List[str] = []
            for owner in self.plan.tested.get(name, []):
                for rid in members(self.cib, owner):
                    for label in self.steady.get(rid, []):
                        if node_of(label) not in where:
                            where.append(node_of(label))
            for node in sorted(where, key=self.nodes.index) if where else self._busiest():
                if node not in self.nodes:
                    continue
                for value in node_attributes.failing_values(name, self.plan):
                    injection = self.attribute(AttributeChange(node, name, value))
                    jobs.append(self.job(injection.kind, [injection], name, node))
        return jobs
