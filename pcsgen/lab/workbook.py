"""A lab run's outcomes as the test-plan workbook `simulate --scenarios -o` writes, with
its result columns filled: OK/NG, the observed outcome, the recovery time, and crm_mon
before and after as evidence."""

from __future__ import annotations

from typing import Dict, Sequence

from pcsgen.diagnostics.messages import phrase_text, text
from pcsgen.lab.runner import Outcome
from pcsgen.simulation.simulate import Simulation
from pcsgen.simulation.testplan import placements_text
from pcsgen.simulation.testplan_sheet import Observed, format_xlsx


def observed(outcomes: Sequence[Outcome], lang: str) -> Dict[int, Observed]:
    """Each outcome by its number in the plan, worded for its row."""
    found: Dict[int, Observed] = {}
    for outcome in outcomes:
        if outcome.reason is not None:
            lines = [phrase_text(outcome.reason, lang)]
        elif outcome.differences:
            lines = outcome.difference_texts(lang)
        else:
            lines = [text("lab_as_expected", lang)]
        if outcome.observed is not None:
            lines.append(f"{text('sim_label_after', lang)}: {placements_text(outcome.observed)}")
        if outcome.fenced_observed:
            lines.append(text("lab_fenced", lang, nodes=", ".join(outcome.fenced_observed)))
        found[outcome.number] = Observed(
            outcome.status,
            "\n".join(lines),
            outcome.recovery_seconds,
            outcome.before,
            outcome.after,
        )
    return found


def workbook(simulation: Simulation, outcomes: Sequence[Outcome], lang: str) -> bytes:
    return format_xlsx(simulation, lang, observed(outcomes, lang))
