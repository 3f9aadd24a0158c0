"""The pcsgen command. Exit status: 0 done, 1 error (nothing written), 2 done with warnings."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from enum import Enum
from typing import Any, Dict, List, Optional

import typer

from pcsgen import __version__

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="Compile Pacemaker cluster-definition workbooks (pm_pcsgen format) into a CIB and a "
         "pcs script.\n\nRun `pcsgen FILE` to compile, `pcsgen lint FILE` to check.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

SUBCOMMANDS = ("compile", "lint", "vars", "template", "import")


class Target(str, Enum):
    rhel8 = "rhel8"
    rhel9 = "rhel9"
    rhel10 = "rhel10"


class Lang(str, Enum):
    en = "en"
    ja = "ja"


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


def _lang(value: Optional[Lang]) -> str:
    if value is not None:
        return value.value
    from pcsgen.messages import default_lang

    return default_lang()


def _print_diagnostics(diagnostics: object, lang: str) -> None:
    from pcsgen.report import format_text

    stream = sys.stderr
    colour = stream.isatty() and os.environ.get("NO_COLOR") is None
    stream.write(format_text(diagnostics, lang, colour))  # type: ignore[arg-type]


def _split(file: str, sheet: Optional[str]) -> tuple[str, Optional[str]]:
    from pcsgen.read import split_sheet

    path, from_spec = split_sheet(file)
    return path, sheet if sheet is not None else from_spec


def _corosync_option(value: Optional[str]) -> Optional[str]:
    from pcsgen.pipeline import AUTO

    if value is None:
        return AUTO
    return value or None


FILE_ARGUMENT = typer.Argument(..., help="Definition: BOOK.xlsx, BOOK.xlsx:SHEET or FILE.csv")
SHEET_OPTION = typer.Option(None, "--sheet", "-s", help="Sheet of the workbook to read.")
TARGET_OPTION = typer.Option(Target.rhel9, "--target", "-t",
                             help="RHEL release (pcs version) to write for.")
COROSYNC_OPTION = typer.Option(
    None, "--corosync-conf", metavar="PATH",
    help="corosync.conf giving node names and ids (default: /etc/corosync/corosync.conf when "
         "the NODE table needs ids or for rhel10; '' for none).")
LANG_OPTION = typer.Option(None, "--lang", help="Language of messages (default: the locale).")
DEBUG_OPTION = typer.Option(False, "--debug", help="Show a traceback on internal errors.")
VAR_OPTION = typer.Option(None, "--var", metavar="NAME=VALUE",
                          help="Value of a {{ placeholder }} (repeatable; wins over --vars).")
VARS_OPTION = typer.Option(None, "--vars", metavar="FILE",
                           help="Variables from a JSON, TOML or YAML file (repeatable).")
SECRET_VAR_OPTION = typer.Option(None, "--secret-var", metavar="NAME",
                                 help="A variable never shown in messages (names ending in "
                                      "_password or _secret are secret anyway).")
SYSTEM_AGENTS_OPTION = typer.Option(
    True, "--system-agents/--no-system-agents",
    help="Read agent metadata from agents installed here (else only the built-in catalogue).")


@app.command("compile")
def compile_command(
    file: str = FILE_ARGUMENT,
    sheet: Optional[str] = SHEET_OPTION,
    xml: Optional[str] = typer.Option(None, "--xml", metavar="PATH", help="CIB output path."),
    sh: Optional[str] = typer.Option(None, "--sh", metavar="PATH", help="Script output path."),
    target: Target = TARGET_OPTION,
    corosync_conf: Optional[str] = COROSYNC_OPTION,
    var: Optional[List[str]] = VAR_OPTION,
    vars_file: Optional[List[str]] = VARS_OPTION,
    secret_var: Optional[List[str]] = SECRET_VAR_OPTION,
    system_agents: bool = SYSTEM_AGENTS_OPTION,
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Compile a definition into NAME.xml (CIB) and NAME.sh (pcs script)."""
    from pcsgen.diagnostics import PcsgenError
    from pcsgen.outputs import Output, default_output, write_all
    from pcsgen.pipeline import Options, compile_definition

    language = _lang(lang)
    path, sheet_name = _split(file, sheet)
    options = Options(target=target.value, corosync_conf=_corosync_option(corosync_conf),
                      system_agents=system_agents, variables=var or [],
                      vars_files=vars_file or [], secret_variables=secret_var or [])
    compiled = compile_definition(path, sheet_name, options)
    diagnostics = compiled.analysis.diagnostics
    if compiled.cib is not None and compiled.script is not None and \
            not diagnostics.has_errors:
        stem = compiled.analysis.name
        outputs = [
            Output(default_output(stem, ".xml", xml), compiled.cib, 0o644),
            Output(default_output(stem, ".sh", sh), compiled.script.encode("utf-8"), 0o755),
        ]
        try:
            write_all(outputs, inputs=[path])
        except PcsgenError as exc:
            diagnostics.add(exc.diagnostic.code, exc.diagnostic.location, **exc.diagnostic.args)
    _print_diagnostics(diagnostics, language)
    raise typer.Exit(diagnostics.exit_status())


@app.command("lint")
def lint_command(
    file: str = FILE_ARGUMENT,
    sheet: Optional[str] = SHEET_OPTION,
    output_format: Format = typer.Option(Format.text, "--format", "-f",
                                         help="text, json or sarif."),
    target: Target = TARGET_OPTION,
    corosync_conf: Optional[str] = COROSYNC_OPTION,
    var: Optional[List[str]] = VAR_OPTION,
    vars_file: Optional[List[str]] = VARS_OPTION,
    secret_var: Optional[List[str]] = SECRET_VAR_OPTION,
    system_agents: bool = SYSTEM_AGENTS_OPTION,
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Check a definition and report every problem with its cell. Writes nothing."""
    from pcsgen.pipeline import Options, analyse

    language = _lang(lang)
    path, sheet_name = _split(file, sheet)
    options = Options(target=target.value, corosync_conf=_corosync_option(corosync_conf),
                      system_agents=system_agents, variables=var or [],
                      vars_files=vars_file or [], secret_variables=secret_var or [])
    analysis = analyse(path, sheet_name, options)
    diagnostics = analysis.diagnostics
    if output_format is Format.text:
        _print_diagnostics(diagnostics, language)
    else:
        from pcsgen.report import format_json, format_sarif

        render = format_json if output_format is Format.json else format_sarif
        sys.stdout.write(render(diagnostics, language))
    raise typer.Exit(diagnostics.exit_status())


@app.command("vars")
def vars_command(
    file: str = FILE_ARGUMENT,
    sheet: Optional[str] = SHEET_OPTION,
    var: Optional[List[str]] = VAR_OPTION,
    vars_file: Optional[List[str]] = VARS_OPTION,
    secret_var: Optional[List[str]] = SECRET_VAR_OPTION,
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """List the variables a definition uses, their values or defaults, and where."""
    from pcsgen.diagnostics import Diagnostics, PcsgenError
    from pcsgen.read import read_input
    from pcsgen.tables import read_tables
    from pcsgen.variables import collect, usages

    language = _lang(lang)
    path, sheet_name = _split(file, sheet)
    diagnostics = Diagnostics()
    try:
        tables = read_tables(read_input(path, sheet_name), diagnostics)
        found = collect(var or [], vars_file or [], secret_var or [], tables, diagnostics)
    except PcsgenError as exc:
        diagnostics.add(exc.diagnostic.code, exc.diagnostic.location, **exc.diagnostic.args)
        _print_diagnostics(diagnostics, language)
        raise typer.Exit(1) from None
    used = usages(tables)
    names = sorted(set(used) | set(found.values))
    report: List[Dict[str, Any]] = []
    for name in names:
        variable = found.values.get(name)
        value = variable.value if variable is not None else None
        secret = variable.secret if variable is not None else found.is_secret(name)
        report.append({
            "name": name,
            "value": ("********" if secret and value is not None else value),
            "origin": variable.origin if variable is not None else None,
            "description": variable.description if variable is not None else "",
            "secret": secret,
            "used_at": [str(location) for location in used.get(name, [])],
        })
    if output_format is Format.json:
        import json

        sys.stdout.write(json.dumps({"variables": report}, ensure_ascii=False, indent=2) + "\n")
    else:
        for item in report:
            value = item["value"] if item["value"] is not None else "(undefined)"
            origin = f" [{item['origin']}]" if item["origin"] else ""
            sys.stdout.write(f"{item['name']} = {value}{origin}\n")
            if item["description"]:
                sys.stdout.write(f"    {item['description']}\n")
            for where in item["used_at"]:
                sys.stdout.write(f"    used at {where}\n")
    _print_diagnostics(diagnostics, language)
    undefined = any(item["value"] is None and item["used_at"] for item in report)
    raise typer.Exit(1 if diagnostics.has_errors or undefined else diagnostics.exit_status())


@app.command("template")
def template_command(
    output: str = typer.Argument(..., help="The workbook to write (.xlsx)."),
    lang: Optional[Lang] = LANG_OPTION,
    example_name: Optional[str] = typer.Option(
        None, "--example", metavar="NAME", help="Fill it with one of pcsgen's examples."),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Write an empty definition workbook (or an example) to start from."""
    from pcsgen.diagnostics import Diagnostics, PcsgenError
    from pcsgen.outputs import Output, write_all
    from pcsgen.template import template_workbook
    from pcsgen.writer import example_names

    language = _lang(lang)
    diagnostics = Diagnostics()
    if example_name is not None and example_name not in example_names():
        diagnostics.error("PG701", None, value=example_name, allowed=", ".join(example_names()))
    elif not output.lower().endswith(".xlsx"):
        diagnostics.error("PG702", None, path=output, hint="")
    else:
        try:
            write_all([Output(output, template_workbook(language, example_name), 0o644)])
        except PcsgenError as exc:
            diagnostics.add(exc.diagnostic.code, exc.diagnostic.location, **exc.diagnostic.args)
    _print_diagnostics(diagnostics, language)
    raise typer.Exit(diagnostics.exit_status())


@app.command("import")
def import_command(
    cib: str = typer.Argument(..., help="A CIB file (pcs cluster cib > cib.xml)."),
    output: str = typer.Option(..., "--output", "-o", metavar="OUT.xlsx|OUT.csv",
                               help="The definition to write."),
    target: Target = TARGET_OPTION,
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Turn an existing CIB into a definition workbook (or CSV)."""
    from pathlib import Path

    from pcsgen.diagnostics import Diagnostics, PcsgenError
    from pcsgen.importer import import_cib
    from pcsgen.outputs import Output, write_all
    from pcsgen.writer import document_to_sheet, grid_to_csv, sheets_to_xlsx

    language = _lang(lang)
    diagnostics = Diagnostics()
    suffix = Path(output).suffix.lower()
    name = Path(output).stem or "cluster"
    if suffix not in (".xlsx", ".csv"):
        diagnostics.error("PG702", None, path=output, hint=" or a .csv file")
    else:
        try:
            document = import_cib(cib, name, diagnostics, target.value)
            sheet = document_to_sheet(document, lang=language)
            data = grid_to_csv(sheet.rows) if suffix == ".csv" else \
                sheets_to_xlsx([(name[:31], sheet)])
            write_all([Output(output, data, 0o644)], inputs=[cib])
        except PcsgenError as exc:
            diagnostics.add(exc.diagnostic.code, exc.diagnostic.location, **exc.diagnostic.args)
    _print_diagnostics(diagnostics, language)
    raise typer.Exit(diagnostics.exit_status())


@app.command("version")
def version_command() -> None:
    """Print pcsgen's version."""
    typer.echo(__version__)


def _argv_with_default_command(argv: List[str]) -> List[str]:
    """`pcsgen FILE ...` means `pcsgen compile FILE ...`."""
    for index, word in enumerate(argv):
        if word in ("-h", "--help"):
            return argv
        if word.startswith("-"):
            continue
        if word in SUBCOMMANDS or word == "version":
            return argv
        return argv[:index] + ["compile"] + argv[index:]
    return argv


def main(argv: Optional[List[str]] = None) -> None:
    # One short run that frees little: the cycle collector would rescan every cell
    # and element again and again (more than half the time on large definitions)
    # for garbage that reference counting already frees.
    gc.disable()
    args = _argv_with_default_command(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in args
    try:
        app(args=args, prog_name="pcsgen", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("pcsgen: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the one place an unexpected failure becomes a message
        if debug:
            traceback.print_exc()
        from pcsgen.messages import default_lang, render

        reason = f"{type(exc).__name__}: {exc}"
        text = render("PG507", default_lang(), {"reason": reason})
        sys.stderr.write(f"pcsgen: error PG507: {text}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
