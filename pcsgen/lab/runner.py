"""The failure test plan run on the lab's real cluster: each scenario `simulate
--scenarios` plans is injected for real (a node's power cut, a resource stopped behind
the cluster's back so its monitor fails, a node attribute changed or a ping target cut
off), the cluster is waited for until it settles, what it did is recorded (placements,
fencing, recovery time, crm_mon before and after) and compared with the simulated
expectation; then the lab is restored to the steady state before the next scenario."""

from __future__ import annotations

import json
import time
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

from lxml import etree

from pcsgen.diagnostics.messages import phrase_text
from pcsgen.diagnostics.phrase import Joined, Phrase
from pcsgen.lab import lifecycle, settle, switch
from pcsgen.lab.config import STANDIN_PROVIDER
from pcsgen.lab.ocf_lab import FAULTS, PROMOTED_SCORE
from pcsgen.lab.standins import LabDesign
from pcsgen.lab.state import PING_IP, Lab
from pcsgen.simulation.crm_simulate import ROLES, Placements, promoted_nodes
from pcsgen.simulation.scenarios import (
    ATTRIBUTE_CHANGE,
    ATTRIBUTE_UNSET,
    MONITOR_FAILURE,
    NODE_FAILURE,
    STEADY,
    STOP_FAILURE,
    ScenarioResult,
)

SCENARIO_TIMEOUT = 180.0
PROMOTION_PREFIX = "master-"  # a promotable instance's promotion score attribute
OK, NG, NOT_RUN = "OK", "NG", "not run"


class Outcome(NamedTuple):
    """One scenario as the lab ran it. Built with keywords only: most fields are
    lists of nodes or texts, and an argument in the wrong place would still type-check."""

    number: int
    kind: str
    subject: str
    node: str
    title: str
    status: str  # OK, NG or not run
    expected: Placements
    fenced_expected: List[str]
    before: str  # crm_mon -1 before the event
    observed: Optional[Placements] = None  # None: not run
    fenced_observed: Sequence[str] = ()
    recovery_seconds: Optional[float] = None
    differences: Sequence[Phrase] = ()  # each one in the reader's language when rendered
    after: str = ""  # crm_mon -1 once settled
    reason: Optional[Phrase] = None  # why the lab did not run it

    def difference_texts(self, lang: str) -> List[str]:
        return [phrase_text(difference, lang) for difference in self.differences]

    def as_dict(self, lang: str = "en") -> Dict[str, object]:
        return {
            "index": self.number,
            "kind": self.kind,
            "subject": self.subject,
            "node": self.node,
            "title": self.title,
            "result": self.status,
            "expected": {"placements": self.expected, "fenced": self.fenced_expected},
            "observed": None
            if self.observed is None
            else {"placements": self.observed, "fenced": self.fenced_observed},
            "recovery_seconds": None
            if self.recovery_seconds is None
            else round(self.recovery_seconds, 1),
            "differences": self.difference_texts(lang),
            "not_run_because": None if self.reason is None else phrase_text(self.reason, lang),
            "evidence": {"crm_mon_before": self.before, "crm_mon_after": self.after},
        }


class Runner:
    """Runs scenarios one after the other on LAB, whose design is DESIGN."""

    def __init__(
        self,
        lab: Lab,
        design: LabDesign,
        steady: Placements,
        attributes: Dict[str, Dict[str, str]],
        quiet: float,
    ) -> None:
        self.lab = lab
        self.design = design
        self.steady = steady
        self.attributes = attributes
        self.quiet = quiet
        root = etree.fromstring(design.configuration)
        self.stonith = {
            p.get("id", "") for p in root.iter("primitive") if p.get("class") == "stonith"
        }
        self.real_ping = {
            p.get("id", "") for p in root.iter("primitive") if p.get("type") == "ping"
        }
        self.faultable = {
            p.get("id", "") for p in root.iter("primitive") if p.get("provider") == STANDIN_PROVIDER
        }
        # health attribute -> the stand-in publishing it (storage-mon's)
        self.health = {
            nv.get("value", ""): p.get("id", "")
            for p in root.iter("primitive")
            for nv in p.iterfind("instance_attributes/nvpair")
            if nv.get("name") == "health_attribute"
        }

    # --- what the cluster looks like ------------------------------------------------
    def placements(self) -> Tuple[Placements, str]:
        for node in lifecycle.running_nodes(self.lab):
            done = lifecycle.run_in(self.lab, node, ["crm_mon", "-1", "--output-as=xml"])
            if done.returncode == 0:
                return placements_of(etree.fromstring(done.stdout.encode("utf-8"))), node
        return {}, ""

    def monitor_text(self) -> str:
        for node in lifecycle.running_nodes(self.lab):
            done = lifecycle.run_in(self.lab, node, ["crm_mon", "-1", "-Af"])
            if done.returncode == 0:
                return done.stdout
        return ""

    def fenced_since(self, since: float) -> List[str]:
        try:
            with open(self.lab.path("power.log"), encoding="utf-8") as stream:
                events = [json.loads(line) for line in stream if line.strip()]
        except OSError:
            return []
        return sorted(
            {
                e["node"]
                for e in events
                if e["time"] >= since and e["origin"] != "host" and e["action"] in ("reboot", "off")
            }
        )

    # --- injections and restores ---------------------------------------------------
    def _node_run(self, node: str, command: List[str]) -> None:
        lifecycle.run_in(self.lab, node, command, check=True)

    def inject(self, result: ScenarioResult) -> Union[Callable[[], None], Phrase]:
        """Make RESULT's event happen; the way back, or why the lab cannot."""
        kind, subject, node = result.kind, result.subject, result.node
        if kind == NODE_FAILURE:
            switch.ask(self.lab, f"hold {node}")
            switch.ask(self.lab, f"off {node}")
            return lambda: self._power_on(node)
        if kind == MONITOR_FAILURE and subject not in self.stonith and result.injections:
            if f"{node} (Promoted)" in result.before.get(subject, []):
                # an agent refuses to stop a promoted instance (Stateful answers
                # "running promoted"): demoted first, behind the cluster's back too
                self._node_run(node, ["crm_resource", "--force-demote", "--resource", subject])
            self._node_run(node, ["crm_resource", "--force-stop", "--resource", subject])
            return lambda: self._cleanup(subject)
        if kind == STOP_FAILURE and subject in self.faultable and result.injections:
            # stopped behind the cluster's back, its monitor fails; the stop the cluster
            # then asks for fails too. A node fenced for it stays off, as for a power cut.
            switch.ask(self.lab, f"hold {node}")
            self._node_run(node, ["crm_resource", "--force-stop", "--resource", subject])
            self._node_run(node, ["sh", "-c", f"mkdir -p {FAULTS} && : > {FAULTS}/{subject}.stop"])
            return lambda: self._clear_stop_fault(node, subject)
        if kind in (ATTRIBUTE_CHANGE, ATTRIBUTE_UNSET) and result.injections:
            injection = result.injections[0]
            name, value = injection.attribute, injection.value
            healthy = self.attributes.get(node, {}).get(name)
            if name in self.health:
                # as with the real agent, the attribute follows its drives at each monitor
                if value != "red":  # removed or set otherwise, the next monitor sets it again
                    return Phrase("lab_why_republished", {"attribute": name})
                fault = f"{FAULTS}/{self.health[name]}.drives"
                self._node_run(node, ["sh", "-c", f"mkdir -p {FAULTS} && : > {fault}"])
                # the node's instance stops once the node is red, and nothing sets the
                # attribute again: the drives repaired, it is set back by hand
                return lambda: self._node_run(
                    node, ["sh", "-c", f"rm -f {fault} && attrd_updater -n '{name}' -U green"]
                )
            if self.real_ping and result.publisher == "ping":
                if kind == ATTRIBUTE_UNSET or value not in ("0", None):
                    return Phrase("lab_why_republished", {"attribute": name})
                self._node_run(node, ["ip", "route", "add", "blackhole", f"{PING_IP}/32"])
                return lambda: self._node_run(
                    node, ["ip", "route", "del", "blackhole", f"{PING_IP}/32"]
                )
            update = ["-D"] if value is None else ["-U", value]
            self._node_run(node, ["attrd_updater", "-n", name, *update, "-N", node])
            back = ["-D"] if healthy is None else ["-U", healthy]
            return lambda: self._node_run(node, ["attrd_updater", "-n", name, *back, "-N", node])
        return self._why_not(result)

    def _why_not(self, result: ScenarioResult) -> Phrase:
        """Why the lab does not inject RESULT's event."""
        if result.kind == MONITOR_FAILURE and result.subject in self.stonith:
            return Phrase("lab_why_fence_monitor")
        if result.kind == STOP_FAILURE and result.subject not in self.faultable:
            return Phrase("lab_why_real_stop", {"agent": result.agent or result.subject})
        return Phrase("lab_why_not_yet")

    def _power_on(self, node: str) -> None:
        switch.ask(self.lab, f"on {node}")
        deadline = time.monotonic() + SCENARIO_TIMEOUT
        while time.monotonic() < deadline:
            current = settle.snapshot(self.lab)
            if current is not None and len(current.online) == len(self.lab.nodes):
                return
            time.sleep(1)

    def _clear_stop_fault(self, node: str, resource: str) -> None:
        if node in lifecycle.running_nodes(self.lab):
            self._node_run(node, ["rm", "-f", f"{FAULTS}/{resource}.stop"])
            switch.ask(self.lab, f"on {node}")  # no longer held
            self._cleanup(resource)
        else:
            self._power_on(node)  # a fresh boot has no fault left

    def _cleanup(self, resource: Optional[str] = None) -> None:
        nodes = lifecycle.running_nodes(self.lab)
        if nodes:
            which = ["--resource", resource] if resource else []
            lifecycle.run_in(self.lab, nodes[0], ["crm_resource", "--cleanup", *which])

    def wait_for_change(self, before: Placements, timeout: float) -> None:
        """Wait until the cluster notices the event: a placement or a failure changes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for node in lifecycle.running_nodes(self.lab):
                done = lifecycle.run_in(self.lab, node, ["crm_mon", "-1", "--output-as=xml"])
                if done.returncode != 0:
                    continue
                status = etree.fromstring(done.stdout.encode("utf-8"))
                if status.find("failures/failure") is not None or placements_of(status) != before:
                    return
                break
            time.sleep(1)

    def to_steady_state(self) -> Optional[Joined]:
        """Back to the steady state: failures cleaned up, every node on, and when
        stickiness keeps resources where a failure moved them, every resource stopped
        and started again. The reason when it cannot, else None."""
        for lab_node in self.lab.nodes:
            if lab_node.name not in lifecycle.running_nodes(self.lab):
                self._power_on(lab_node.name)
        self._cleanup()
        settle.wait_settled(self.lab, SCENARIO_TIMEOUT, self.quiet)
        current, _ = self.placements()
        if same(current, self.steady):
            return None
        node = lifecycle.running_nodes(self.lab)[0]
        self._node_run(
            node,
            [
                "crm_attribute",
                "--type",
                "crm_config",
                "--name",
                "stop-all-resources",
                "--update",
                "true",
            ],
        )
        settle.wait_idle(self.lab, node, SCENARIO_TIMEOUT)
        self._seed_promotion_scores(node)
        self._node_run(
            node,
            ["crm_attribute", "--type", "crm_config", "--name", "stop-all-resources", "--delete"],
        )
        self._cleanup()
        settle.wait_settled(self.lab, SCENARIO_TIMEOUT, self.quiet)
        current, _ = self.placements()
        if same(current, self.steady):
            return None
        return Joined(tuple(differences(self.steady, current)))

    def _seed_promotion_scores(self, node: str) -> None:
        """Every node's promotion scores as the simulation assumed them, before the
        promotable instances start: their stops removed them, and the instance whose
        start sets its score first would otherwise be promoted before the others have
        one (a race the simulation, seeing every score at once, does not run). Where
        the simulation's equal scores left the choice to Pacemaker's order, the node it
        promoted is seeded above the others, as the node with the newest data would
        be: a real cluster's tie is broken by which start reported first."""
        for where, values in sorted(self.attributes.items()):
            for name, value in sorted(values.items()):
                if name.startswith(PROMOTION_PREFIX):
                    if where in promoted_nodes(self.steady, name[len(PROMOTION_PREFIX) :]):
                        value = PROMOTED_SCORE
                    self._node_run(node, ["attrd_updater", "-n", name, "-U", value, "-N", where])

    # --- one scenario ---------------------------------------------------------------
    def run(self, index: int, result: ScenarioResult, title: str) -> Outcome:
        planned = Outcome(
            number=index,
            kind=result.kind,
            subject=result.subject,
            node=result.node,
            title=title,
            status=NOT_RUN,
            expected=result.after.placements,
            fenced_expected=sorted(set(result.after.fenced)),
            before=self.monitor_text(),
        )
        if result.kind == STEADY:
            observed, _ = self.placements()
            found = differences(planned.expected, observed)
            return planned._replace(
                status=NG if found else OK,
                observed=observed,
                differences=found,
                after=planned.before,
            )
        before, _ = self.placements()
        started = time.time()
        clock = time.monotonic()
        restore = self.inject(result)
        if isinstance(restore, Phrase):
            return planned._replace(reason=restore)
        try:
            self.wait_for_change(before, self._detection(result))
            after_seconds, _ = settle.wait_settled(self.lab, SCENARIO_TIMEOUT, self.quiet, clock)
            observed, _ = self.placements()
            fenced = self.fenced_since(started)
            after_text = self.monitor_text()
        finally:
            restore()
        found = differences(planned.expected, observed)
        if fenced != planned.fenced_expected:
            found.append(
                Phrase(
                    "lab_diff_fenced",
                    {
                        "expected": nodes_phrase(planned.fenced_expected),
                        "observed": nodes_phrase(fenced),
                    },
                )
            )
        if after_seconds is None:
            found.append(Phrase("lab_not_settled", {"seconds": int(SCENARIO_TIMEOUT)}))
        return planned._replace(
            status=NG if found else OK,
            observed=observed,
            fenced_observed=fenced,
            recovery_seconds=after_seconds,
            differences=found,
            after=after_text,
        )

    def _detection(self, result: ScenarioResult) -> float:
        """How long the cluster may take to notice RESULT's event."""
        if result.injections and result.injections[0].interval_ms:
            return result.injections[0].interval_ms / 1000 + 15
        return 30.0


def placements_of(status: etree._Element) -> Placements:
    """crm_mon's XML as simulate's placements: resource -> sorted node labels."""
    found: Placements = {}
    for resource in status.iter("resource"):
        where = found.setdefault(resource.get("id", ""), [])
        if resource.get("active") != "true":
            continue
        role = resource.get("role", "")
        for node in resource.iterfind("node"):
            label = f"{node.get('name', '')} ({role})" if role in ROLES else node.get("name", "")
            if label not in where:
                where.append(label)
    return {rid: sorted(where) for rid, where in found.items()}


def same(observed: Placements, expected: Placements) -> bool:
    return not differences(expected, observed)


def differences(expected: Placements, observed: Placements) -> List[Phrase]:
    """Each resource placed otherwise than expected, as a catalogue phrase."""
    found = []
    for rid in sorted(set(expected)):
        want, got = sorted(expected.get(rid, [])), sorted(observed.get(rid, []))
        if want != got:
            found.append(
                Phrase(
                    "lab_diff_placement",
                    {
                        "resource": rid,
                        "expected": where_phrase(want),
                        "observed": where_phrase(got),
                    },
                )
            )
    return found


def where_phrase(labels: List[str]) -> object:
    """Where a resource runs, or that it is stopped, in the reader's language."""
    return Joined(tuple(labels)) if labels else Phrase("lab_stopped")


def nodes_phrase(nodes: List[str]) -> object:
    return Joined(tuple(nodes)) if nodes else "-"


def select(
    results: Sequence[ScenarioResult], kinds: Sequence[str], subjects: Sequence[str]
) -> List[Tuple[int, ScenarioResult]]:
    """The scenarios asked for (all when KINDS and SUBJECTS are empty), numbered as in the
    plan; the steady state always comes first."""
    chosen: List[Tuple[int, ScenarioResult]] = []
    wanted_kinds: Set[str] = set(kinds)
    for index, result in enumerate(results, 1):
        if result.kind != STEADY and (
            (wanted_kinds and result.kind not in wanted_kinds)
            or (subjects and result.subject not in subjects)
        ):
            continue
        chosen.append((index, result))
    return chosen
