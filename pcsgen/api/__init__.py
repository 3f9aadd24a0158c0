"""pcsgen from Python: one function per command, typed arguments and results.

Every function reports problems as diagnostics. A problem that stops the work raises
`PcsgenError`, whose `diagnostics` hold everything the run found; warnings come back
with the result. Nothing here prints or exits: the command line (`pcsgen.cli`) does that.
The work itself is done by the modules each function calls; `Options`, how to compile,
lives in `pcsgen.api.options`, where the compiler reads it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Sequence

from pcsgen.api.cluster import apply, check_plan, diff, load_configuration, plan
from pcsgen.api.design import Drawing, Report, graph, report
from pcsgen.api.options import Options
from pcsgen.api.simulation import (
    SIMULATION_FORMATS,
    render_simulation,
    simulate,
    write_simulation,
)
from pcsgen.compiler.variable_report import VariableReport
from pcsgen.diagnostics import Diagnostics, PcsgenError

if TYPE_CHECKING:
    from pcsgen import ir
    from pcsgen.migrate.run import Migration

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
    "SIMULATION_FORMATS",
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
