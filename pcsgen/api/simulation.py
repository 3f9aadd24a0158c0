"""pcsgen from Python, the simulation side: where Pacemaker's scheduler places every
resource and what it does on each failure, and the failure test plan it makes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from pcsgen.api.cluster import load_configuration
from pcsgen.api.options import Options
from pcsgen.diagnostics import Diagnostics

if TYPE_CHECKING:
    from pcsgen.simulation.simulate import Simulation


def simulate(
    file: str,
    nodes: Sequence[str] = (),
    attributes: Sequence[str] = (),
    failovers: bool = True,
    options: Optional[Options] = None,
    diagnostics: Optional[Diagnostics] = None,
    fail: Sequence[str] = (),
    attr_change: Sequence[str] = (),
    attr_unset: Sequence[str] = (),
    scenarios: bool = False,
    show_secrets: bool = False,
    max_simulations: Optional[int] = None,
    progress: Optional[Callable[[int, int], None]] = None,
) -> Simulation:
    """Where Pacemaker's scheduler places every resource, and what it does when something
    fails, each scenario from the steady state (all nodes up, rules satisfied).

    ATTRIBUTES: `NODE:NAME=VALUE` node attributes of the steady state (those the rules
    test are found, with their healthy values, from the agents that publish them).
    FAILOVERS: each node failing in turn. FAIL: `RSC[:ACTION][@NODE]`, an operation of a
    primitive failing (monitor by default, where it runs); ATTR_CHANGE `NODE:NAME=VALUE`
    and ATTR_UNSET `NODE:NAME`: node attributes changing. These together make one event,
    whose result becomes the `placements` and `actions`. SCENARIOS: every failure the
    definition anticipates (each node, each primitive's monitor and stop, each rule's
    attribute). MAX_SIMULATIONS: crm_simulate runs at most (default
    `simulation.simulate.MAX_SIMULATIONS`); the scenarios past it are left out, with a
    warning (PG831). Warnings about the steady state go to DIAGNOSTICS. Secrets (the
    values of secret variables, of secret-named node attributes) are masked unless
    SHOW_SECRETS, so every rendering of the result is safe to hand on. PROGRESS is
    told (runs done, runs in all) after each scenario's crm_simulate run."""
    import time

    from pcsgen.compiler.read import split_sheet
    from pcsgen.simulation.simulate import (
        MAX_SIMULATIONS,
        attribute_values,
        node_list,
        requested_events,
        steady_state_diagnostics,
    )
    from pcsgen.simulation.simulate import simulate as run

    started = time.monotonic()
    values = attribute_values(attributes)
    events = requested_events(fail, attr_change, attr_unset)
    found = Diagnostics() if diagnostics is None else diagnostics
    cib = load_configuration(file, options, found)
    path, sheet = split_sheet(file)
    simulation = run(
        cib,
        node_list(cib, nodes),
        values,
        failovers=failovers,
        events=events,
        scenarios=scenarios,
        name=sheet or Path(path).stem,
        max_runs=max_simulations or MAX_SIMULATIONS,
        started=started,
        progress=progress,
    )
    steady_state_diagnostics(simulation, found)
    if show_secrets:
        return simulation
    from pcsgen.secrets import Redactor
    from pcsgen.simulation.redact import redact_simulation

    return redact_simulation(simulation, Redactor(values=found.secrets))


SIMULATION_FORMATS = ("text", "json", "csv", "xlsx")


def render_simulation(
    simulation: Simulation, output_format: str = "text", lang: str = "en"
) -> bytes:
    """A simulation as text, JSON, or a failure test plan (CSV, xlsx workbook)."""
    from pcsgen.simulation import testplan, testplan_sheet

    if output_format == "json":
        return testplan.format_json(simulation).encode("utf-8")
    if output_format == "csv":
        return testplan_sheet.format_csv(simulation, lang)
    if output_format == "xlsx":
        return testplan_sheet.format_xlsx(simulation, lang)
    return testplan.format_text(simulation, lang).encode("utf-8")


def write_simulation(
    simulation: Simulation,
    output_format: str,
    lang: str = "en",
    output: Optional[str] = None,
    inputs: Sequence[str] = (),
    force: bool = False,
    secrets_shown: bool = False,
) -> str:
    """Write the rendered simulation to OUTPUT (an xlsx test plan defaults to
    NAME-test-plan.xlsx in the current directory); the path written. An existing file
    is replaced only when it is an unchanged test plan (csv, xlsx), or with FORCE.
    SECRETS_SHOWN: the simulation was made with show_secrets, so the file may hold
    secret values and is written for its owner alone."""
    from pcsgen.outputs import Output, default_output, file_mode, write_all

    # the name comes from the definition (its sheet): made safe as every default name is
    path = default_output(f"{simulation.name or 'cluster'}-test-plan", f".{output_format}", output)
    write_all(
        [
            Output(
                path,
                render_simulation(simulation, output_format, lang),
                file_mode(secret=secrets_shown),
                kind="test-plan",
            )
        ],
        inputs=list(inputs),
        force=force,
    )
    return path
