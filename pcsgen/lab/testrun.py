"""`pcsgen test run --lab`: the lab up (or the one running), the design pushed, the
scenarios of `simulate --scenarios` planned with the lab's nodes, run one by one with
progress, and the lab restored between them and torn down at the end (also on Ctrl-C)."""

from __future__ import annotations

import time
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence

from pcsgen.api.options import Options
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.lab import design as lab_design_names
from pcsgen.lab import lifecycle, push, runner, state
from pcsgen.lab.runner import NOT_RUN, Outcome
from pcsgen.simulation.scenarios import STEADY
from pcsgen.simulation.simulate import Simulation

Progress = Callable[[str, Dict[str, object]], None]  # a message code and its fields


class TestRun(NamedTuple):
    lab: str
    outcomes: List[Outcome]
    diagnostics: Diagnostics
    seconds: float
    simulation: Optional[Simulation] = None  # the plan the outcomes are compared with
    language: str = "en"  # of the differences each outcome names

    def as_dict(self) -> Dict[str, object]:
        counts = {
            status: sum(1 for o in self.outcomes if o.status == status)
            for status in (runner.OK, runner.NG, NOT_RUN)
        }
        return {
            "lab": self.lab,
            "seconds": round(self.seconds, 1),
            "summary": counts,
            "scenarios": [o.as_dict(self.language) for o in self.outcomes],
        }

    @property
    def failed(self) -> bool:
        return any(o.status == runner.NG for o in self.outcomes)


def run(
    definition: str,
    name: str,
    options: Options,
    kinds: Sequence[str],
    subjects: Sequence[str],
    keep: bool,
    language: str,
    progress: Progress,
    show_secrets: bool = False,
) -> TestRun:
    """Run the chosen scenarios in the lab (started here when none runs) and compare each
    with the simulation. What it returns shows no secret unless SHOW_SECRETS: the lab
    runs the real values, the results are documents people hand on."""
    from pcsgen import api
    from pcsgen.simulation import testplan

    began = time.monotonic()
    path, sheet = api.split_spec(definition)
    started_here = False
    try:
        lab = state.load(name)
    except PcsgenError:
        names = lab_design_names.node_names(path, sheet, options, 2)
        lab = lifecycle.up(name, names, lab_design_names.cluster_name(path, sheet), definition).lab
        started_here = True
    try:
        pushed = push.push(lab, path, sheet, options, wait=False, if_changed=True)
        diagnostics = pushed.diagnostics
        corosync = lab.path("nodes", lab.nodes[0].name, "etc-corosync", "corosync.conf")
        simulation = api.simulate(
            definition,
            [n.name for n in lab.nodes],
            (),
            False,
            options._replace(corosync_conf=corosync),
            diagnostics,
            scenarios=True,
            show_secrets=True,
        )
        results = testplan.results(simulation)
        chosen = runner.select(results, kinds, subjects)
        lab_runner = runner.Runner(
            lab,
            pushed.design,
            simulation.initial,
            simulation.attributes,
            push.quiet_period(pushed.design.configuration),
        )
        lab_runner.to_steady_state()
        outcomes: List[Outcome] = []
        names = [n.name for n in lab.nodes]
        for position, (number, result) in enumerate(chosen, 1):
            title = testplan.scenario(result, names, language)
            progress(
                "PG922",
                {
                    "index": position,
                    "count": len(chosen),
                    "title": title,
                    "elapsed": f"{time.monotonic() - began:.0f}",
                },
            )
            outcome = lab_runner.run(number, result, title)
            outcomes.append(outcome)
            if outcome.status == NOT_RUN:
                progress(
                    "PG924",
                    {
                        "index": position,
                        "count": len(chosen),
                        "title": title,
                        "reason": outcome.reason or Phrase("lab_why_not_yet"),
                    },
                )
                continue
            seconds = outcome.recovery_seconds
            progress(
                "PG923",
                {
                    "index": position,
                    "count": len(chosen),
                    "title": title,
                    "verdict": outcome.status,
                    "seconds": "-" if seconds is None else f"{seconds:.1f}",
                },
            )
            if position < len(chosen) and outcome.kind != STEADY:
                reason = lab_runner.to_steady_state()
                if reason is not None:
                    raise PcsgenError("PG927", None, title=title, reason=reason)
        if not show_secrets:
            from pcsgen.secrets import Redactor
            from pcsgen.simulation.redact import redact_simulation, redact_value

            redactor = Redactor(values=diagnostics.secrets)
            simulation = redact_simulation(simulation, redactor)
            outcomes = [redact_value(outcome, redactor) for outcome in outcomes]
        return TestRun(name, outcomes, diagnostics, time.monotonic() - began, simulation, language)
    finally:
        if started_here and not keep:
            lifecycle.down(name)
        elif started_here:
            progress("PG928", {"name": name})
