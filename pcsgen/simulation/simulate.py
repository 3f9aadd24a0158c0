"""Where everything runs, and what Pacemaker does when something fails: asked of
Pacemaker's own scheduler through crm_simulate, never worked out here.

Every scenario starts from the steady state (all nodes up, with quorum, every rule's node
attribute at its healthy value) and injects one event: a node failing, an operation of a
primitive failing (crm_simulate's op injection), or a node attribute changing in the
status section. One crm_simulate run per scenario; the runs go in parallel.

`simulate()` returns a `Simulation`: typed results (placements, `ScenarioResult`s with
their actions) for any renderer; `pcsgen.simulation.testplan` makes text, JSON, CSV and
xlsx of them.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from lxml import etree

from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.simulation import node_attributes, role_attributes
from pcsgen.simulation.crm_simulate import (
    TIMEOUT_SECONDS,
    Action,
    Placements,
    State,
    node_of,
    nowhere,
    placements,
    role_of,
    run,
    state,
    with_status,
)
from pcsgen.simulation.runs import Progress, run_jobs
from pcsgen.simulation.scenarios import (
    ATTRIBUTE_CHANGE,
    ATTRIBUTE_UNSET,
    EVENT,
    KINDS,
    MONITOR_FAILURE,
    NODE_FAILURE,
    START_FAILURE,
    STEADY,
    STOP_FAILURE,
    VERDICTS,
    AttributeChange,
    Event,
    Injection,
    Job,
    Planner,
    ResourceFailure,
    ScenarioResult,
    parse_attribute,
    parse_change,
    parse_failure,
    parse_unset,
)
from pcsgen.simulation.verdicts import judge

__all__ = [
    "Simulation",
    "simulate",
    "steady_state_diagnostics",
    "skipped_diagnostics",
    "node_list",
    "attribute_values",
    "requested_events",
    "named_nodes",
    "Placements",
    "Action",
    "State",
    "Injection",
    "ScenarioResult",
    "ResourceFailure",
    "AttributeChange",
    "Event",
    "parse_attribute",
    "parse_change",
    "parse_failure",
    "parse_unset",
    "placements",
    "with_status",
    "node_of",
    "role_of",
    "nowhere",
    "KINDS",
    "VERDICTS",
    "STEADY",
    "NODE_FAILURE",
    "MONITOR_FAILURE",
    "START_FAILURE",
    "STOP_FAILURE",
    "ATTRIBUTE_CHANGE",
    "ATTRIBUTE_UNSET",
    "EVENT",
]


@dataclass
class Simulation:
    nodes: List[str]
    initial: Placements
    failovers: Dict[str, Placements] = field(default_factory=dict)
    name: str = ""
    attributes: node_attributes.NodeValues = field(default_factory=dict)  # steady state's
    missing_attributes: Dict[str, List[str]] = field(default_factory=dict)  # name -> nodes
    unknown_healthy: List[str] = field(default_factory=list)  # published, value unknown
    rule_owners: Dict[str, List[str]] = field(default_factory=dict)  # attribute -> resources
    steady: Optional[ScenarioResult] = None
    failover_results: Dict[str, ScenarioResult] = field(default_factory=dict)
    event: Optional[ScenarioResult] = None  # --fail / --attr-change / --attr-unset
    scenarios: List[ScenarioResult] = field(default_factory=list)  # --scenarios
    runs: int = 0  # crm_simulate runs
    skipped: int = 0  # scenarios left out: more were asked than max_runs allows
    late: int = 0  # scenarios left out: not started within MAX_SIMULATION_SECONDS

    def nowhere(self, placements: Placements) -> List[str]:
        return nowhere(placements)

    @property
    def reached(self) -> bool:
        """Every resource runs somewhere with all nodes up and the attributes known."""
        return not nowhere(self.initial) and not self.missing_attributes

    @property
    def placements(self) -> Placements:
        """Where everything is: after the injected event when there is one."""
        return self.event.after.placements if self.event is not None else self.initial

    def as_dict(self) -> Dict[str, object]:
        found: Dict[str, object] = {
            "nodes": self.nodes,
            "placements": self.placements,
            "cannot_run": nowhere(self.placements),
            "failovers": {
                node: {
                    "placements": result.after.placements,
                    "cannot_run": result.stopped,
                    "actions": [a.as_dict() for a in result.after.actions],
                }
                for node, result in self.failover_results.items()
            },
            "steady_state": {
                "reached": self.reached,
                "placements": self.initial,
                "cannot_run": nowhere(self.initial),
                "attributes": self.attributes,
                "missing_attributes": self.missing_attributes,
            },
            "crm_simulate_runs": self.runs,
        }
        if self.event is not None:
            found["actions"] = [a.as_dict() for a in self.event.after.actions]
            found["event"] = self.event.as_dict()
        if self.scenarios:
            found["scenarios"] = [
                dict(number=n, **s.as_dict()) for n, s in enumerate(self.scenarios, 1)
            ]
        return found


# crm_simulate runs of one simulation at most, unless raised (--max-simulations): each
# run costs more the larger the cluster, and 400 nodes asked for 400 runs (162 s)
MAX_SIMULATIONS = 50
# and within this many seconds from the start: the runs not started by then are left
# out (the steady state and the events asked for always run)
MAX_SIMULATION_SECONDS = 20


def simulate(
    cib: etree._Element,
    nodes: Sequence[Tuple[str, str]],
    attributes: Mapping[str, Mapping[str, str]],
    failovers: bool = True,
    events: Sequence[Event] = (),
    scenarios: bool = False,
    name: str = "",
    max_runs: int = MAX_SIMULATIONS,
    started: Optional[float] = None,
    progress: Optional[Progress] = None,
) -> Simulation:
    """Ask Pacemaker's scheduler where everything runs with all nodes up, then what it does
    for each event asked for: each node failing (FAILOVERS), the EVENTS together (one
    scenario), and with SCENARIOS every failure the definition anticipates. At most
    MAX_RUNS crm_simulate runs (the steady state and the EVENTS always): the scenarios
    past it are left out, and `skipped` says how many. STARTED (time.monotonic()): when
    the command began, so that its time limits count what came before (a report's
    drawing); else now. PROGRESS is told after each scenario's run (runs done, runs in
    all; scenarios injecting the same event share one run)."""
    started = time.monotonic() if started is None else started
    deadline = started + MAX_SIMULATION_SECONDS
    ends = started + TIMEOUT_SECONDS  # no run goes on after this
    names = [n for n, _ in nodes]
    for node in attributes:
        if node not in names:
            raise PcsgenError("PG829", None, node=node, option="--attr", nodes=", ".join(names))
    attribute_plan = node_attributes.plan(cib, names, attributes)
    with tempfile.TemporaryDirectory(prefix="pcsgen-simulate-") as directory:
        base = os.path.join(directory, "base.xml")
        placed = os.path.join(directory, "placed.xml")
        etree.ElementTree(with_status(cib, nodes, attribute_plan.values)).write(base)
        first = state(run(base, ["--save-output", placed], max(1.0, ends - time.monotonic())))
        role_publishers = attribute_plan.role_publishers
        settle: Optional[Callable[[str, State], State]] = None
        steady_attributes = attribute_plan.values
        if role_publishers:

            def again(path: str, output: str) -> etree._Element:
                return run(path, ["--save-output", output], max(1.0, ends - time.monotonic()))

            def settle(saved: str, outcome: State) -> State:
                return role_attributes.settle(role_publishers, saved, outcome, names, again)

            first = settle(placed, first)
            published = role_attributes.published(placed, role_publishers)
            steady_attributes = {
                node: {**attribute_plan.values.get(node, {}), **published.get(node, {})}
                for node in names
            }
        steady = first.placements
        simulation = Simulation(
            names,
            steady,
            name=name,
            attributes=steady_attributes,
            missing_attributes=attribute_plan.missing,
            unknown_healthy=attribute_plan.unknown_healthy,
            rule_owners=attribute_plan.tested,
            runs=1,
            steady=ScenarioResult(STEADY, [], {}, first, "started"),
        )
        planner = Planner(cib, steady, etree.parse(placed).getroot(), names, attribute_plan)

        event_job: Optional[Job] = None
        if events:
            injections = [
                planner.failure(e) if isinstance(e, ResourceFailure) else planner.attribute(e)
                for e in events
            ]
            given = [i for i in injections if i is not None]
            kind = given[0].kind if len(given) == 1 else EVENT
            subject = (given[0].resource or given[0].attribute) if len(given) == 1 else ""
            event_job = planner.job(kind, given, subject, given[0].node)
        node_jobs = planner.node_failures() if failovers or scenarios else []
        other_jobs: List[Job] = []
        if scenarios:
            other_jobs = planner.resource_failures() + planner.attribute_changes()
        asked = [event_job] if event_job is not None else []
        room = max(0, max_runs - 1 - len(asked))  # the steady state is one run
        if len(node_jobs) + len(other_jobs) > room:
            simulation.skipped = len(node_jobs) + len(other_jobs) - room
            # the failovers first, then the other scenarios, as they are shown
            other_jobs = other_jobs[: max(0, room - len(node_jobs))]
            node_jobs = node_jobs[:room]
        every = asked + node_jobs + other_jobs
        simulation.runs += run_jobs(
            every, placed, directory, deadline, len(asked), ends, progress, settle
        )
        done = len(node_jobs) + len(other_jobs)
        node_jobs = [job for job in node_jobs if job.outcome is not None]
        other_jobs = [job for job in other_jobs if job.outcome is not None]
        simulation.late = done - len(node_jobs) - len(other_jobs)

    def result(job: Job) -> ScenarioResult:
        assert job.outcome is not None
        found = judge(
            job.kind, job.injections, steady, job.outcome, job.subject, job.node, planner.model
        )
        if job.kind in (ATTRIBUTE_CHANGE, ATTRIBUTE_UNSET):
            publisher = attribute_plan.publishers.get(job.subject)
            found.publisher = publisher.kind if publisher is not None else ""
        return found

    if event_job is not None:
        simulation.event = result(event_job)
    node_results = [result(job) for job in node_jobs]
    if failovers:
        for found in node_results:
            simulation.failover_results[found.node] = found
            simulation.failovers[found.node] = found.after.placements
    if scenarios and simulation.steady is not None:
        simulation.scenarios = (
            [simulation.steady] + node_results + [result(job) for job in other_jobs]
        )
    return simulation


def steady_state_diagnostics(simulation: Simulation, diagnostics: Diagnostics) -> None:
    """Warn, plainly, when the steady state the scenarios start from is not the one the
    design means: something runs nowhere, or a rule's attribute has no value; and when
    scenarios were left out (max_runs)."""
    skipped_diagnostics(simulation, diagnostics)
    for name, missing in simulation.missing_attributes.items():
        owners = ", ".join(simulation.rule_owners.get(name, [])) or "-"
        if name in simulation.unknown_healthy:
            diagnostics.warning("PG830", None, name=name, nodes=", ".join(missing))
        else:
            diagnostics.warning(
                "PG827", None, name=name, resources=owners, nodes=", ".join(missing)
            )
    stopped = nowhere(simulation.initial)
    if stopped:
        diagnostics.warning("PG826", None, resources=", ".join(stopped))


def skipped_diagnostics(simulation: Simulation, diagnostics: Diagnostics) -> None:
    """Warn when scenarios were left out to keep within max_runs or the time allowed."""
    wanted = simulation.runs + simulation.skipped + simulation.late
    if simulation.skipped:
        diagnostics.warning(
            "PG831",
            None,
            limit=wanted - simulation.skipped,
            skipped=simulation.skipped,
            wanted=wanted,
        )
    if simulation.late:
        diagnostics.warning(
            "PG832",
            None,
            runs=simulation.runs,
            wanted=wanted,
            skipped=simulation.late,
            seconds=MAX_SIMULATION_SECONDS,
        )


def attribute_values(items: Sequence[str]) -> Dict[str, Dict[str, str]]:
    """`NODE:NAME=VALUE` items as {node: {name: value}}, the last of a name winning."""
    values: Dict[str, Dict[str, str]] = {}
    for item in items:
        node, name, value = parse_attribute(item)
        values.setdefault(node, {})[name] = value
    return values


def requested_events(
    fail: Sequence[str], attr_change: Sequence[str], attr_unset: Sequence[str]
) -> List[Event]:
    """The one event asked for: `RSC[:ACTION][@NODE]` failures, `NODE:NAME=VALUE` node
    attributes changing and `NODE:NAME` ones disappearing, all at once."""
    return [
        *(parse_failure(item) for item in fail),
        *(parse_change(item) for item in attr_change),
        *(parse_unset(item) for item in attr_unset),
    ]


def named_nodes(cib: etree._Element) -> List[str]:
    """The nodes a configuration's location constraints and fencing levels name."""
    return sorted(
        {n.get("node", "") for n in cib.iter("rsc_location") if n.get("node")}
        | {lv.get("target", "") for lv in cib.iter("fencing-level") if lv.get("target")}
    )


def node_list(
    cib: etree._Element, names: Sequence[str], fallback: Optional[Sequence[str]] = None
) -> List[Tuple[str, str]]:
    """(name, id) of the nodes to simulate: those named, else those the CIB lists, else
    the ones the definition speaks of (FALLBACK, by default those the CIB's constraints
    and fencing levels name); ids from the CIB where it has them."""
    ids = {n.get("uname"): n.get("id") for n in cib.iterfind("configuration/nodes/node")}
    chosen = (
        list(names)
        or [n for n in ids if n]
        or list(named_nodes(cib) if fallback is None else fallback)
    )
    if not chosen:
        raise PcsgenError("PG807", None)
    taken = {i for i in ids.values() if i}
    result: List[Tuple[str, str]] = []
    counter = 1
    for name in chosen:
        node_id = ids.get(name)
        if not node_id:
            while str(counter) in taken:
                counter += 1
            node_id = str(counter)
            taken.add(node_id)
        result.append((name, node_id))
    return result
