"""pcsgen from Python: one function per command, typed arguments and results.

Every function reports problems as diagnostics. A problem that stops the work raises
`PcsgenError`, whose `diagnostics` hold everything the run found; warnings come back
with the result. Nothing here prints or exits: the command line (`pcsgen.cli`) does that.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Sequence

from pcsgen.compiler.pipeline import Options
from pcsgen.diagnostics import Diagnostics, PcsgenError

if TYPE_CHECKING:
    from lxml import etree

    from pcsgen import ir
    from pcsgen.cib.diff import Change
    from pcsgen.simulation.simulate import Simulation

__all__ = [
    "Options", "PcsgenError", "Diagnostics", "Compilation", "compile_definition",
    "write_compilation", "lint", "variables", "template", "import_cib", "load_configuration",
    "diff", "plan", "apply", "simulate", "render_simulation", "write_simulation",
]


class Compilation(NamedTuple):
    """A definition compiled: the CIB (XML text), the pcs script and the warnings."""

    name: str
    cib: str
    script: str
    diagnostics: Diagnostics
    cluster: ir.Cluster


def split_spec(spec: str, sheet: Optional[str] = None) -> tuple[str, Optional[str]]:
    """`BOOK.xlsx:SHEET` -> (path, sheet); an explicit sheet wins."""
    from pcsgen.compiler.read import split_sheet

    path, from_spec = split_sheet(spec)
    return path, sheet if sheet is not None else from_spec


def compile_definition(path: str, sheet: Optional[str] = None,
                       options: Optional[Options] = None) -> Compilation:
    """Compile a definition (`.xlsx`, `BOOK.xlsx:SHEET` or `.csv`) into a CIB and a script."""
    from pcsgen.compiler import pipeline

    path, sheet = split_spec(path, sheet)
    compiled = pipeline.compile_definition(path, sheet, options or Options())
    analysis = compiled.analysis
    if compiled.cib is None or compiled.script is None or analysis.cluster is None \
            or analysis.diagnostics.has_errors:
        raise PcsgenError.ending(analysis.diagnostics)
    return Compilation(analysis.name, compiled.cib.decode("utf-8"), compiled.script,
                       analysis.diagnostics, analysis.cluster)


def write_compilation(compilation: Compilation, xml: Optional[str] = None,
                      sh: Optional[str] = None, inputs: Sequence[str] = ()) -> List[str]:
    """Write NAME.xml and NAME.sh (or the paths given), all or nothing; the paths."""
    from pcsgen.cib.canonical import parse_cib
    from pcsgen.cib.redact import holds_secret
    from pcsgen.outputs import Output, default_output, file_mode, write_all

    cib = compilation.cib.encode("utf-8")
    secret = holds_secret(parse_cib(cib), compilation.diagnostics.secrets)
    outputs = [
        Output(default_output(compilation.name, ".xml", xml), cib, file_mode(secret)),
        Output(default_output(compilation.name, ".sh", sh),
               compilation.script.encode("utf-8"), file_mode(secret, executable=True)),
    ]
    write_all(outputs, inputs=list(inputs))
    return [output.path for output in outputs]


def lint(path: str, sheet: Optional[str] = None, options: Optional[Options] = None) -> \
        Diagnostics:
    """Every problem of a definition, at its cell. Writes nothing, runs nothing."""
    from pcsgen.compiler.pipeline import analyse

    path, sheet = split_spec(path, sheet)
    return analyse(path, sheet, options or Options()).diagnostics


class VariableReport(NamedTuple):
    name: str
    value: Optional[str]  # None when undefined; masked when secret
    origin: Optional[str]
    description: str
    secret: bool
    used_at: List[str]


def variables(path: str, sheet: Optional[str] = None, options: Optional[Options] = None) -> \
        tuple[List[VariableReport], Diagnostics]:
    """The variables a definition uses or defines, their values (secrets masked), where."""
    from pcsgen.compiler.read import read_input
    from pcsgen.compiler.tables import read_tables
    from pcsgen.compiler.variables import collect, secret_strings, usages
    from pcsgen.secrets import Redactor

    options = options or Options()
    path, sheet = split_spec(path, sheet)
    diagnostics = Diagnostics()
    try:
        tables = read_tables(read_input(path, sheet), diagnostics)
        found = collect(options.variables, options.vars_files, options.secret_variables,
                        tables, diagnostics)
    except PcsgenError as exc:
        diagnostics.report(exc)
        raise PcsgenError.ending(diagnostics) from None
    used = usages(tables)
    report: List[VariableReport] = []
    for name in sorted(set(used) | set(found.values)):
        variable = found.values.get(name)
        value = variable.value if variable is not None else None
        secret = variable.secret if variable is not None else found.is_secret(name)
        shown: Optional[str]
        if value is not None and secret:
            shown = "********"
        elif value is None or isinstance(value, str):
            shown = value
        else:  # a structure: as JSON, with what sits under secret-named keys masked
            shown = _as_text(Redactor(values=secret_strings(value, False)).redact(value))
        report.append(VariableReport(
            name, shown,
            variable.origin if variable is not None else None,
            variable.description if variable is not None else "", secret,
            [str(location) for location in used.get(name, [])]))
    return report, diagnostics


def _as_text(value: Any) -> str:
    """A structured variable's value as the vars command shows it: JSON."""
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def template(output: str, lang: str = "en", example: Optional[str] = None,
             force: bool = False) -> None:
    """Write an empty definition workbook, or one of the examples, to OUTPUT.xlsx. An
    existing file is replaced only when it is an unchanged template, or with FORCE."""
    from pcsgen.outputs import Output, file_mode, write_all
    from pcsgen.workbook.template import template_workbook
    from pcsgen.workbook.writer import example_names

    if example is not None and example not in example_names():
        raise PcsgenError("PG701", None, value=example, allowed=", ".join(example_names()))
    if not output.lower().endswith(".xlsx"):
        raise PcsgenError("PG702", None, path=output, hint="")
    write_all([Output(output, template_workbook(lang, example), file_mode(),
                      kind="template")], force=force)


def import_cib(cib: str, output: str, target: str = "rhel9", lang: str = "en",
               system_agents: bool = True, force: bool = False) -> Diagnostics:
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
        data = grid_to_csv(sheet.rows) if suffix == ".csv" else \
            sheets_to_xlsx([(name[:31], sheet)])
        secret = _cib_file_holds_secret(document)
        write_all([Output(output, data, file_mode(secret), kind="import")],
                  inputs=[cib], force=force)
    except PcsgenError as exc:
        diagnostics.report(exc)
    if diagnostics.has_errors:
        raise PcsgenError.ending(diagnostics)
    return diagnostics


def _cib_file_holds_secret(document: Dict[str, Any]) -> bool:
    """The CIB the import read holds a secret value (its document says so)."""
    return bool(document.get("holds_secret", True))


def load_configuration(spec: str, options: Optional[Options] = None,
                       diagnostics: Optional[Diagnostics] = None) -> etree._Element:
    """A CIB file, or a definition compiled: its `<cib>` element. Warnings of the
    compile go to DIAGNOSTICS when given."""
    from pcsgen.cib.configuration import load

    found = Diagnostics() if diagnostics is None else diagnostics
    cib = load(spec, options or Options(), found)
    if cib is None:
        raise PcsgenError.ending(found)
    return cib


def _shown(changes: List[Change], diagnostics: Diagnostics, show_secrets: bool,
           *cibs: etree._Element) -> List[Change]:
    """CHANGES as they may be shown: secrets masked unless SHOW_SECRETS."""
    if show_secrets:
        return changes
    from pcsgen.cib.redact import metadata_secret_names, redact_changes
    from pcsgen.secrets import Redactor

    return redact_changes(changes, Redactor(metadata_secret_names(*cibs), diagnostics.secrets))


def diff(first: str, second: str, options: Optional[Options] = None,
         show_secrets: bool = False) -> List[Change]:
    """What differs between two configurations (definitions or CIB files), as Pacemaker
    reads them; an empty list when they are the same. A secret's change is reported
    without its values unless SHOW_SECRETS."""
    from pcsgen.cib.canonical import canonical
    from pcsgen.cib.diff import semantic_diff

    diagnostics = Diagnostics()
    a = load_configuration(first, options, diagnostics)
    b = load_configuration(second, options, diagnostics)
    return _shown(semantic_diff(canonical(a), canonical(b)), diagnostics, show_secrets, a, b)


def plan(file: str, options: Optional[Options] = None,
         diagnostics: Optional[Diagnostics] = None, show_secrets: bool = False) -> Any:
    """What applying FILE would change on the live cluster (a `live.apply.Plan`); its
    changes show no secret unless SHOW_SECRETS (what it pushes keeps them, of course)."""
    from pcsgen.live.apply import make_plan

    found = Diagnostics() if diagnostics is None else diagnostics
    planned = make_plan(file, load_configuration(file, options, found))
    return planned._replace(changes=_shown(planned.changes, found, show_secrets,
                                           planned.live, planned.merged))


def apply(planned: Any, plan_epoch: Optional[str] = None, backup: Optional[str] = None,
          plan_digest: Optional[str] = None) -> Any:
    """Back the live CIB up and push a `plan`'s configuration (a `live.apply.Applied`).
    Refuses when the live CIB is no longer at PLAN_EPOCH, or the configuration to push is
    not the one whose digest (`Plan.digest`) is PLAN_DIGEST: what `plan` showed."""
    from pcsgen.live.apply import push

    return push(planned, plan_epoch, backup, plan_digest)


def simulate(file: str, nodes: Sequence[str] = (), attributes: Sequence[str] = (),
             failovers: bool = True, options: Optional[Options] = None,
             diagnostics: Optional[Diagnostics] = None, fail: Sequence[str] = (),
             attr_change: Sequence[str] = (), attr_unset: Sequence[str] = (),
             scenarios: bool = False, show_secrets: bool = False,
             max_simulations: Optional[int] = None) -> Simulation:
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
    SHOW_SECRETS, so every rendering of the result is safe to hand on."""
    import time

    from pcsgen.simulation.simulate import (
        MAX_SIMULATIONS,
        Event,
        node_list,
        parse_attribute,
        parse_change,
        parse_failure,
        parse_unset,
        steady_state_diagnostics,
    )
    from pcsgen.simulation.simulate import simulate as run

    started = time.monotonic()
    values: Dict[str, Dict[str, str]] = {}
    for item in attributes:
        name, key, value = parse_attribute(item)
        values.setdefault(name, {})[key] = value
    events: List[Event] = [*(parse_failure(item) for item in fail),
              *(parse_change(item) for item in attr_change),
              *(parse_unset(item) for item in attr_unset)]
    found = Diagnostics() if diagnostics is None else diagnostics
    cib = load_configuration(file, options, found)
    fallback = sorted({n.get("node", "") for n in cib.iter("rsc_location") if n.get("node")} |
                      {lv.get("target", "") for lv in cib.iter("fencing-level")
                       if lv.get("target")})
    path, sheet = split_spec(file)
    simulation = run(cib, node_list(cib, nodes, fallback), values, failovers=failovers,
                     events=events, scenarios=scenarios, name=sheet or Path(path).stem,
                     max_runs=max_simulations or MAX_SIMULATIONS, started=started)
    steady_state_diagnostics(simulation, found)
    if show_secrets:
        return simulation
    from pcsgen.secrets import Redactor
    from pcsgen.simulation.redact import redact_simulation

    return redact_simulation(simulation, Redactor(values=found.secrets))


SIMULATION_FORMATS = ("text", "json", "csv", "xlsx")


def render_simulation(simulation: Simulation, output_format: str = "text",
                      lang: str = "en") -> bytes:
    """A simulation as text, JSON, or a failure test plan (CSV, xlsx workbook)."""
    from pcsgen.simulation import testplan

    if output_format == "json":
        return testplan.format_json(simulation).encode("utf-8")
    if output_format == "csv":
        return testplan.format_csv(simulation, lang)
    if output_format == "xlsx":
        return testplan.format_xlsx(simulation, lang)
    return testplan.format_text(simulation, lang).encode("utf-8")


def write_simulation(simulation: Simulation, output_format: str, lang: str = "en",
                     output: Optional[str] = None, inputs: Sequence[str] = (),
                     force: bool = False, secrets_shown: bool = False) -> str:
    """Write the rendered simulation to OUTPUT (an xlsx test plan defaults to
    NAME-test-plan.xlsx in the current directory); the path written. An existing file
    is replaced only when it is an unchanged test plan (csv, xlsx), or with FORCE.
    SECRETS_SHOWN: the simulation was made with show_secrets, so the file may hold
    secret values and is written for its owner alone."""
    from pcsgen.outputs import Output, default_output, file_mode, write_all

    # the name comes from the definition (its sheet): made safe as every default name is
    path = default_output(f"{simulation.name or 'cluster'}-test-plan", f".{output_format}",
                          output)
    write_all([Output(path, render_simulation(simulation, output_format, lang),
                      file_mode(secret=secrets_shown), kind="test-plan")],
              inputs=list(inputs), force=force)
    return path


# -- design: the configuration as a diagram and as a report ---------------------------------
__all__ += ["Drawing", "Report", "graph", "report"]

GRAPH_SUFFIXES = (".svg", ".png", ".dot")
REPORT_SUFFIXES = (".html", ".htm")


class Drawing(NamedTuple):
    """A diagram written: its path, and whether Graphviz drew it (False: the DOT text was
    written instead, dot being absent)."""

    path: str
    rendered: bool
    diagnostics: Diagnostics


class Report(NamedTuple):
    """A report written, and what reading the configuration found."""

    path: str
    diagnostics: Diagnostics


def graph(file: str, output: Optional[str] = None, sheet: Optional[str] = None,
          options: Optional[Options] = None, lang: str = "en") -> Drawing:
    """Draw a definition or a CIB file: OUTPUT.svg, .png or .dot (default NAME.svg).
    Without Graphviz's dot, the DOT text goes to OUTPUT with the suffix .dot (PG740)."""
    from pcsgen.design import load
    from pcsgen.design.graph import to_dot
    from pcsgen.design.render import find_dot, render
    from pcsgen.outputs import Output, default_output, file_mode, write_all

    if output is not None and Path(output).suffix.lower() not in GRAPH_SUFFIXES:
        raise PcsgenError("PG741", None, path=output, allowed="an .svg, .png or .dot file")
    design = load(file, options, sheet)
    diagnostics = design.diagnostics
    path = default_output(design.name, ".svg", output)
    suffix = Path(path).suffix.lower()
    dot_text = to_dot(design.cluster, lang)
    rendered = suffix != ".dot"
    if rendered and find_dot() is None:
        dot_path = str(Path(path).with_suffix(".dot"))
        diagnostics.warning("PG740", None, path=dot_path, format=suffix[1:], output=path)
        path, rendered = dot_path, False
    data = render(dot_text, suffix[1:]) if rendered else dot_text.encode("utf-8")
    write_all([Output(path, data, file_mode())], inputs=[split_spec(file, sheet)[0]])
    return Drawing(path, rendered, diagnostics)


def report(file: str, output: str, lang: str = "en", sheet: Optional[str] = None,
           options: Optional[Options] = None, nodes: Sequence[str] = (),
           attributes: Sequence[str] = (), simulation: bool = True,
           max_simulations: Optional[int] = None) -> Report:
    """Write the design report of a definition or a CIB file: one self-contained HTML
    page (summary, diagram, tables, lint findings, and crm_simulate's placements when it
    is installed and SIMULATION is on). NODES, ATTRIBUTES and MAX_SIMULATIONS as for
    `simulate`."""
    import time

    from pcsgen.design import load
    from pcsgen.design.report import build_report
    from pcsgen.outputs import Output, file_mode, write_all
    from pcsgen.simulation.simulate import parse_attribute

    started = time.monotonic()
    if Path(output).suffix.lower() not in REPORT_SUFFIXES:
        raise PcsgenError("PG741", None, path=output, allowed="an .html file")
    for item in attributes:
        parse_attribute(item)
    options = options or Options()
    design = load(file, options, sheet)
    html = build_report(design, lang, options, nodes, attributes, simulation,
                        max_simulations, started)
    write_all([Output(output, html.encode("utf-8"), file_mode())],
              inputs=[split_spec(file, sheet)[0]])
    return Report(output, design.diagnostics)
