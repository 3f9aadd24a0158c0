"""pcsgen from Python: one function per command, typed arguments and results.

Every function reports problems as diagnostics. A problem that stops the work raises
`PcsgenError`, whose `diagnostics` hold everything the run found; warnings come back
with the result. Nothing here prints or exits: the command line (`pcsgen.cli`) does that.
The work itself is done by the modules each function calls; `Options`, how to compile,
lives in `pcsgen.api.options`, where the compiler reads it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, List, NamedTuple, Optional, Sequence

from pcsgen.api.design import Drawing, Report, graph, report
from pcsgen.api.options import Options
from pcsgen.compiler.variable_report import VariableReport
from pcsgen.diagnostics import Diagnostics, PcsgenError

if TYPE_CHECKING:
    from lxml import etree

    from pcsgen import ir
    from pcsgen.cib.diff import Change
    from pcsgen.live.apply import Applied, Plan
    from pcsgen.migrate.run import Migration
    from pcsgen.simulation.simulate import Simulation

__all__ = [
    "Options",
    "PcsgenError",
    "Diagnostics",
    "Compilation",
    "compile_definition",
    "write_compilation",
    "lint",
    "variables",
    "template",
    "import_cib",
    "load_configuration",
    "diff",
    "plan",
    "check_plan",
    "apply",
    "simulate",
    "render_simulation",
    "write_simulation",
    "VariableReport",
    "Drawing",
    "Report",
    "graph",
    "report",
    "migrate_crmgen",
    "looks_like_crmgen",
]


class Compilation(NamedTuple):
    """A definition compiled: the CIB (XML text), the pcs script and the warnings.
    HOLDS_SECRET: the CIB holds a secret value (None: not known, found when written)."""

    name: str
    cib: str
    script: str
    diagnostics: Diagnostics
    cluster: ir.Cluster
    holds_secret: Optional[bool] = None


def split_spec(spec: str, sheet: Optional[str] = None) -> tuple[str, Optional[str]]:
    """`BOOK.xlsx:SHEET` -> (path, sheet); an explicit sheet wins."""
    from pcsgen.compiler.read import split_sheet

    path, from_spec = split_sheet(spec)
    return path, sheet if sheet is not None else from_spec


def compile_definition(
    path: str, sheet: Optional[str] = None, options: Optional[Options] = None
) -> Compilation:
    """Compile a definition (`.xlsx`, `BOOK.xlsx:SHEET` or `.csv`) into a CIB and a script."""
    from pcsgen.compiler import pipeline

    path, sheet = split_spec(path, sheet)
    compiled = pipeline.compile_definition(path, sheet, options or Options())
    analysis = compiled.analysis
    if (
        compiled.cib is None
        or compiled.script is None
        or analysis.cluster is None
        or analysis.diagnostics.has_errors
    ):
        raise PcsgenError.ending(analysis.diagnostics)
    return Compilation(
        analysis.name,
        compiled.cib.decode("utf-8"),
        compiled.script,
        analysis.diagnostics,
        analysis.cluster,
        compiled.holds_secret,
    )


def write_compilation(
    compilation: Compilation,
    xml: Optional[str] = None,
    sh: Optional[str] = None,
    inputs: Sequence[str] = (),
) -> List[str]:
    """Write NAME.xml and NAME.sh (or the paths given), all or nothing; the paths. Files
    holding a secret value are for their owner alone."""
    from pcsgen.outputs import Output, default_output, file_mode, write_all

    cib = compilation.cib.encode("utf-8")
    secret = compilation.holds_secret
    if secret is None:
        from pcsgen.cib.canonical import parse_cib
        from pcsgen.cib.redact import holds_secret

        secret = holds_secret(parse_cib(cib), compilation.diagnostics.secrets)
    outputs = [
        Output(default_output(compilation.name, ".xml", xml), cib, file_mode(secret)),
        Output(
            default_output(compilation.name, ".sh", sh),
            compilation.script.encode("utf-8"),
            file_mode(secret, executable=True),
        ),
    ]
    write_all(outputs, inputs=list(inputs))
    return [output.path for output in outputs]


def lint(path: str, sheet: Optional[str] = None, options: Optional[Options] = None) -> Diagnostics:
    """Every problem of a definition, at its cell. Writes nothing, runs nothing."""
    from pcsgen.compiler.pipeline import analyse

    path, sheet = split_spec(path, sheet)
    return analyse(path, sheet, options or Options()).diagnostics


def variables(
    path: str, sheet: Optional[str] = None, options: Optional[Options] = None
) -> tuple[List[VariableReport], Diagnostics]:
    """The variables a definition uses or defines, their values (secrets masked), where."""
    from pcsgen.compiler.variable_report import report_variables

    options = options or Options()
    path, sheet = split_spec(path, sheet)
    return report_variables(path, sheet, options)


def template(
    output: str, lang: str = "en", example: Optional[str] = None, force: bool = False
) -> None:
    """Write an empty definition workbook, or one of the examples, to OUTPUT.xlsx. An
    existing file is replaced only when it is an unchanged template, or with FORCE."""
    from pcsgen.outputs import Output, file_mode, write_all
    from pcsgen.workbook.template import template_workbook
    from pcsgen.workbook.writer import example_names

    if example is not None and example not in example_names():
        raise PcsgenError("PG701", None, value=example, allowed=", ".join(example_names()))
    if not output.lower().endswith(".xlsx"):
        raise PcsgenError("PG702", None, path=output, hint="")
    write_all(
        [Output(output, template_workbook(lang, example), file_mode(), kind="template")],
        force=force,
    )


def import_cib(
    cib: str,
    output: str,
    target: str = "rhel9",
    lang: str = "en",
    system_agents: bool = True,
    force: bool = False,
) -> Diagnostics:
    """Turn a CIB file into a definition (OUTPUT.xlsx or OUTPUT.csv); the warnings.
    `system_agents=False` judges operations against the built-in catalogue only. An
    existing OUTPUT is replaced only when it is an unchanged import, or with FORCE."""
    from pcsgen.outputs import Output, file_mode, write_all
    from pcsgen.workbook.importer import import_cib as read_cib
    from pcsgen.workbook.writer import document_to_sheet, grid_to_csv, sheets_to_xlsx

    suffix = Path(output).suffix.lower()
    name = Path(output).stem or "cluster"
    if suffix not in (".xlsx", ".csv"):
        raise PcsgenError("PG702", None, path=output, hint=" or a .csv file")
    diagnostics = Diagnostics()
    try:
        document = read_cib(cib, name, diagnostics, target, system_agents)
        sheet = document_to_sheet(document, lang=lang)
        data = grid_to_csv(sheet.rows) if suffix == ".csv" else sheets_to_xlsx([(name[:31], sheet)])
        secret = _cib_file_holds_secret(document)
        write_all(
            [Output(output, data, file_mode(secret), kind="import")], inputs=[cib], force=force
        )
    except PcsgenError as exc:
        diagnostics.report(exc)
    if diagnostics.has_errors:
        raise PcsgenError.ending(diagnostics)
    return diagnostics


def migrate_crmgen(
    definition: str, output: str, target: str = "rhel9", lang: str = "en", force: bool = False
) -> Migration:
    """Turn a pm_crmgen definition (OLD.csv, OLD.xls, BOOK.xlsx[:SHEET]) into a pm_pcsgen
    workbook (OUTPUT.xlsx, with a migration sheet, or OUTPUT.csv) and write the migration
    report beside it (OUTPUT.migration.txt, OUTPUT.migration.json)."""
    from pcsgen.migrate.run import migrate

    return migrate(definition, output, target, lang, force)


def looks_like_crmgen(definition: str) -> bool:
    """The file is a pm_crmgen definition (it holds pm_crmgen's title or tables)."""
    from pcsgen.migrate.run import looks_like_crmgen as looks

    return looks(definition)


def _cib_file_holds_secret(document: Dict[str, Any]) -> bool:
    """The CIB the import read holds a secret value (its document says so)."""
    return bool(document.get("holds_secret", True))


def load_configuration(
    spec: str, options: Optional[Options] = None, diagnostics: Optional[Diagnostics] = None
) -> etree._Element:
    """A CIB file, or a definition compiled: its `<cib>` element. Warnings of the
    compile go to DIAGNOSTICS when given."""
    from pcsgen.cib.configuration import load

    found = Diagnostics() if diagnostics is None else diagnostics
    cib = load(spec, options or Options(), found)
    if cib is None:
        raise PcsgenError.ending(found)
    return cib


def _shown(
    changes: List[Change], diagnostics: Diagnostics, show_secrets: bool, *cibs: etree._Element
) -> List[Change]:
    """CHANGES as they may be shown: secrets masked unless SHOW_SECRETS."""
    if show_secrets:
        return changes
    from pcsgen.cib.redact import metadata_secret_names, redact_changes
    from pcsgen.secrets import Redactor

    return redact_changes(changes, Redactor(metadata_secret_names(*cibs), diagnostics.secrets))


def diff(
    first: str, second: str, options: Optional[Options] = None, show_secrets: bool = False
) -> List[Change]:
    """What differs between two configurations (definitions or CIB files), as Pacemaker
    reads them; an empty list when they are the same. A secret's change is reported
    without its values unless SHOW_SECRETS."""
    from pcsgen.cib.canonical import canonical
    from pcsgen.cib.diff import semantic_diff

    diagnostics = Diagnostics()
    a = load_configuration(first, options, diagnostics)
    b = load_configuration(second, options, diagnostics)
    return _shown(semantic_diff(canonical(a), canonical(b)), diagnostics, show_secrets, a, b)


def plan(
    file: str,
    options: Optional[Options] = None,
    diagnostics: Optional[Diagnostics] = None,
    show_secrets: bool = False,
) -> Plan:
    """What applying FILE would change on the live cluster; its changes show no secret
    unless SHOW_SECRETS (what it pushes keeps them, of course)."""
    from pcsgen.live.apply import make_plan

    found = Diagnostics() if diagnostics is None else diagnostics
    planned = make_plan(file, load_configuration(file, options, found))
    return planned._replace(
        changes=_shown(planned.changes, found, show_secrets, planned.live, planned.merged)
    )


def check_plan(
    planned: Plan, plan_epoch: Optional[str] = None, plan_digest: Optional[str] = None
) -> None:
    """Refuse (PcsgenError) a plan whose live CIB is no longer at PLAN_EPOCH, or whose
    configuration to push is not the one PLAN_DIGEST names: before asking anyone to
    confirm it (`apply` checks both again right before the push)."""
    from pcsgen.live.apply import check_digest, check_epoch

    check_epoch(planned, plan_epoch)
    check_digest(planned, plan_digest)


def apply(
    planned: Plan,
    plan_epoch: Optional[str] = None,
    backup: Optional[str] = None,
    plan_digest: Optional[str] = None,
) -> Applied:
    """Back the live CIB up and push a `plan`'s configuration. Refuses when the live CIB
    is no longer at PLAN_EPOCH, or the configuration to push is not the one whose digest
    (`Plan.digest`) is PLAN_DIGEST: what `plan` showed."""
    from pcsgen.live.apply import push

    return push(planned, plan_epoch, backup, plan_digest)


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
    path, sheet = split_spec(file)
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
