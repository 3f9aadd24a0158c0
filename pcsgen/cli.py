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

SUBCOMMANDS = ("compile", "lint", "vars", "template", "import", "diff", "plan", "apply",
               "simulate")


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
    from pcsgen.diagnostic_formats import format_text

    stream = sys.stderr
    colour = stream.isatty() and os.environ.get("NO_COLOR") is None
    stream.write(format_text(diagnostics, lang, colour))  # type: ignore[arg-type]


def _split(file: str, sheet: Optional[str]) -> tuple[str, Optional[str]]:
    from pcsgen.compiler.read import split_sheet

    path, from_spec = split_sheet(file)
    return path, sheet if sheet is not None else from_spec


def _corosync_option(value: Optional[str]) -> Optional[str]:
    from pcsgen.compiler.pipeline import AUTO

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
    from pcsgen.compiler.pipeline import compile_definition
    from pcsgen.diagnostics import PcsgenError
    from pcsgen.outputs import Output, default_output, write_all

    language = _lang(lang)
    path, sheet_name = _split(file, sheet)
    options = _definition_options(target, corosync_conf, var, vars_file, secret_var,
                                  system_agents)
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
            diagnostics.report(exc)
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
    from pcsgen.compiler.pipeline import analyse

    language = _lang(lang)
    path, sheet_name = _split(file, sheet)
    options = _definition_options(target, corosync_conf, var, vars_file, secret_var,
                                  system_agents)
    analysis = analyse(path, sheet_name, options)
    diagnostics = analysis.diagnostics
    if output_format is Format.text:
        _print_diagnostics(diagnostics, language)
    else:
        from pcsgen.diagnostic_formats import format_json, format_sarif

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
    from pcsgen.compiler.read import read_input
    from pcsgen.compiler.tables import read_tables
    from pcsgen.compiler.variables import collect, usages
    from pcsgen.diagnostics import Diagnostics, PcsgenError

    language = _lang(lang)
    path, sheet_name = _split(file, sheet)
    diagnostics = Diagnostics()
    try:
        tables = read_tables(read_input(path, sheet_name), diagnostics)
        found = collect(var or [], vars_file or [], secret_var or [], tables, diagnostics)
    except PcsgenError as exc:
        diagnostics.report(exc)
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
    from pcsgen.workbook.template import template_workbook
    from pcsgen.workbook.writer import example_names

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
            diagnostics.report(exc)
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
    from pcsgen.outputs import Output, write_all
    from pcsgen.workbook.importer import import_cib
    from pcsgen.workbook.writer import document_to_sheet, grid_to_csv, sheets_to_xlsx

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
            diagnostics.report(exc)
    _print_diagnostics(diagnostics, language)
    raise typer.Exit(diagnostics.exit_status())


def _configuration(path_spec: str, options: Any, diagnostics: Any) -> Any:
    """A CIB file, or a definition compiled: the CIB element, or None after an error."""
    from lxml import etree

    from pcsgen.cluster.canonical import parse_cib
    from pcsgen.compiler.pipeline import compile_definition
    from pcsgen.diagnostics import PcsgenError
    from pcsgen.location import Location, Source

    path, sheet = _split(path_spec, None)
    if path.lower().endswith(".xml"):
        try:
            with open(path, "rb") as handle:
                root = parse_cib(handle.read())
        except OSError as exc:
            diagnostics.error("PG001", Location(Source(path)), reason=exc.strerror or str(exc))
            return None
        except etree.XMLSyntaxError as exc:
            diagnostics.error("PG705", Location(Source(path)), path=path, reason=str(exc))
            return None
        if root.tag != "cib" or root.find("configuration") is None:
            diagnostics.error("PG705", Location(Source(path)), path=path,
                              reason="no <cib><configuration>")
            return None
        return root
    try:
        compiled = compile_definition(path, sheet, options)
    except PcsgenError as exc:
        diagnostics.report(exc)
        return None
    diagnostics.extend(compiled.analysis.diagnostics)
    if compiled.cib is None or compiled.analysis.diagnostics.has_errors:
        return None
    return parse_cib(compiled.cib)


def _definition_options(target: Target, corosync_conf: Optional[str], var: Optional[List[str]],
                        vars_file: Optional[List[str]], secret_var: Optional[List[str]],
                        system_agents: bool = True) -> Any:
    """The compile options every command that reads a definition shares."""
    from pcsgen.compiler.pipeline import Options

    return Options(target=target.value, corosync_conf=_corosync_option(corosync_conf),
                   system_agents=system_agents,
                   variables=var or [], vars_files=vars_file or [],
                   secret_variables=secret_var or [])


@app.command("diff")
def diff_command(
    first: str = typer.Argument(..., help="A definition or a CIB file."),
    second: str = typer.Argument(..., help="A definition or a CIB file."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
    target: Target = TARGET_OPTION,
    corosync_conf: Optional[str] = COROSYNC_OPTION,
    var: Optional[List[str]] = VAR_OPTION,
    vars_file: Optional[List[str]] = VARS_OPTION,
    secret_var: Optional[List[str]] = SECRET_VAR_OPTION,
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Semantic diff of two configurations. Exit 0 equal, 1 different, 2 trouble."""
    from pcsgen.cluster.canonical import canonical
    from pcsgen.cluster.diff import format_json as diff_json
    from pcsgen.cluster.diff import format_text as diff_text
    from pcsgen.cluster.diff import semantic_diff
    from pcsgen.diagnostics import Diagnostics

    language = _lang(lang)
    options = _definition_options(target, corosync_conf, var, vars_file, secret_var)
    diagnostics = Diagnostics()
    a = _configuration(first, options, diagnostics)
    b = _configuration(second, options, diagnostics)
    if a is None or b is None:
        _print_diagnostics(diagnostics, language)
        raise typer.Exit(2)
    changes = semantic_diff(canonical(a), canonical(b))
    if output_format is Format.json:
        sys.stdout.write(diff_json(changes))
    else:
        from pcsgen.messages import text

        sys.stdout.write(diff_text(changes) if changes else text("equal", language) + "\n")
    raise typer.Exit(1 if changes else 0)


def _plan(file: str, options: Any, diagnostics: Any) -> Any:
    """(live CIB, merged CIB, changes), or None after an error."""
    from lxml import etree

    from pcsgen.cluster.canonical import canonical
    from pcsgen.cluster.diff import semantic_diff
    from pcsgen.cluster.live import merged_configuration, query_cib
    from pcsgen.diagnostics import PcsgenError

    ours = _configuration(file, options, diagnostics)
    if ours is None:
        return None
    try:
        live = etree.fromstring(query_cib())
    except PcsgenError as exc:
        diagnostics.report(exc)
        return None
    merged = merged_configuration(ours, live)
    return live, merged, semantic_diff(canonical(live), canonical(merged))


def _print_plan(file: str, live: Any, changes: Any, output_format: Format, lang: str,
                stream: Any) -> None:
    from pcsgen.cluster.diff import format_text as diff_text
    from pcsgen.cluster.live import epoch_text
    from pcsgen.messages import text

    epoch = epoch_text(live)
    if output_format is Format.json:
        import json

        stream.write(json.dumps({"epoch": epoch, "changes": [c.as_dict() for c in changes]},
                                ensure_ascii=False, indent=2) + "\n")
        return
    if not changes:
        stream.write(text("plan_none", lang, epoch=epoch) + "\n")
        return
    stream.write(text("plan_some", lang, count=len(changes), epoch=epoch) + "\n")
    stream.write(diff_text(changes))
    stream.write(text("plan_apply", lang, file=file, epoch=epoch) + "\n")


@app.command("plan")
def plan_command(
    file: str = FILE_ARGUMENT,
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
    target: Target = TARGET_OPTION,
    corosync_conf: Optional[str] = COROSYNC_OPTION,
    var: Optional[List[str]] = VAR_OPTION,
    vars_file: Optional[List[str]] = VARS_OPTION,
    secret_var: Optional[List[str]] = SECRET_VAR_OPTION,
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """What applying a definition (or a CIB file) would change on the live cluster."""
    from pcsgen.diagnostics import Diagnostics

    language = _lang(lang)
    diagnostics = Diagnostics()
    options = _definition_options(target, corosync_conf, var, vars_file, secret_var)
    planned = _plan(file, options, diagnostics)
    _print_diagnostics(diagnostics, language)
    if planned is None:
        raise typer.Exit(1)
    live, _merged, changes = planned
    _print_plan(file, live, changes, output_format, language, sys.stdout)
    raise typer.Exit(0)


@app.command("apply")
def apply_command(
    file: str = FILE_ARGUMENT,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    plan_epoch: Optional[str] = typer.Option(
        None, "--plan-epoch", metavar="ADMIN:EPOCH",
        help="Refuse unless the live CIB is still at the epoch `pcsgen plan` showed."),
    backup: Optional[str] = typer.Option(None, "--backup", metavar="PATH",
                                         help="Where to save the live CIB first."),
    target: Target = TARGET_OPTION,
    corosync_conf: Optional[str] = COROSYNC_OPTION,
    var: Optional[List[str]] = VAR_OPTION,
    vars_file: Optional[List[str]] = VARS_OPTION,
    secret_var: Optional[List[str]] = SECRET_VAR_OPTION,
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Show the plan, ask, back the live CIB up, and push the configuration section."""
    from pathlib import Path

    from lxml import etree

    from pcsgen.cluster.live import epoch_text, push_configuration
    from pcsgen.diagnostics import Diagnostics, PcsgenError
    from pcsgen.messages import text
    from pcsgen.outputs import Output, write_all

    language = _lang(lang)
    diagnostics = Diagnostics()
    options = _definition_options(target, corosync_conf, var, vars_file, secret_var)
    planned = _plan(file, options, diagnostics)
    if planned is None:
        _print_diagnostics(diagnostics, language)
        raise typer.Exit(1)
    live, merged, changes = planned
    epoch = epoch_text(live)
    if plan_epoch is not None and plan_epoch != epoch:
        diagnostics.error("PG803", None, expected=plan_epoch, found=epoch)
        _print_diagnostics(diagnostics, language)
        raise typer.Exit(1)
    _print_diagnostics(diagnostics, language)
    _print_plan(file, live, changes, Format.text, language, sys.stdout)
    if not changes:
        raise typer.Exit(0)
    if not yes:
        interactive = sys.stdin.isatty()
        if not interactive or not typer.confirm(text("confirm", language), default=False):
            sys.stdout.write(text("not_confirmed", language) + "\n")
            raise typer.Exit(1)
    source = _split(file, None)[0]
    backup_path = backup or f"{Path(source).stem}.live-{epoch.replace(':', '-')}.xml"
    try:
        write_all([Output(backup_path, etree.tostring(live, encoding="UTF-8"), 0o600)],
                  inputs=[source])
        sys.stdout.write(text("backup", language, path=backup_path) + "\n")
        new_epoch = push_configuration(merged, expected_epoch=epoch)
    except PcsgenError as exc:
        diagnostics.report(exc)
        _print_diagnostics(diagnostics, language)
        raise typer.Exit(1) from None
    sys.stdout.write(text("pushed", language, epoch=new_epoch) + "\n")
    sys.stdout.write(text("rollback", language, path=backup_path) + "\n")
    raise typer.Exit(0)


@app.command("simulate")
def simulate_command(
    file: str = FILE_ARGUMENT,
    node: Optional[List[str]] = typer.Option(None, "--node", metavar="NAME",
                                             help="A cluster node (repeatable)."),
    attr: Optional[List[str]] = typer.Option(
        None, "--attr", metavar="NODE:NAME=VALUE",
        help="A node attribute the rules need (repeatable), e.g. node01:ping-status=1."),
    failover: bool = typer.Option(True, "--failover/--no-failover",
                                  help="Also fail each node in turn."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
    target: Target = TARGET_OPTION,
    corosync_conf: Optional[str] = COROSYNC_OPTION,
    var: Optional[List[str]] = VAR_OPTION,
    vars_file: Optional[List[str]] = VARS_OPTION,
    secret_var: Optional[List[str]] = SECRET_VAR_OPTION,
    lang: Optional[Lang] = LANG_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Where every resource runs with all nodes up, and where it goes when each fails."""
    from pcsgen.cluster.simulate import format_json as sim_json
    from pcsgen.cluster.simulate import format_text as sim_text
    from pcsgen.cluster.simulate import node_list, parse_attribute, simulate
    from pcsgen.diagnostics import Diagnostics, PcsgenError

    language = _lang(lang)
    diagnostics = Diagnostics()
    options = _definition_options(target, corosync_conf, var, vars_file, secret_var)
    cib = _configuration(file, options, diagnostics)
    if cib is None:
        _print_diagnostics(diagnostics, language)
        raise typer.Exit(1)
    try:
        attributes: Dict[str, Dict[str, str]] = {}
        for item in attr or []:
            name, key, value = parse_attribute(item)
            attributes.setdefault(name, {})[key] = value
        fallback = sorted({n.get("node", "") for n in cib.iter("rsc_location")
                           if n.get("node")} |
                          {lv.get("target", "") for lv in cib.iter("fencing-level")
                           if lv.get("target")})
        nodes = node_list(cib, node or [], fallback)
        result = simulate(cib, nodes, attributes, failovers=failover)
    except PcsgenError as exc:
        diagnostics.report(exc)
        _print_diagnostics(diagnostics, language)
        raise typer.Exit(1) from None
    _print_diagnostics(diagnostics, language)
    sys.stdout.write(sim_json(result) if output_format is Format.json else sim_text(result))
    raise typer.Exit(0)


@app.command("version")
def version_command() -> None:
    """Print pcsgen's version."""
    typer.echo(__version__)


def _app_for(argv: List[str]) -> typer.Typer:
    """The app to run: only the command asked for, when one is. typer inspects every
    registered command on each run (about 1 ms apiece), a cost a compile need not pay."""
    name = next((word for word in argv if not word.startswith("-")), None)
    for info in app.registered_commands:
        if info.name == name:
            single = typer.Typer(add_completion=False, rich_markup_mode=None,
                                 context_settings={"help_option_names": ["-h", "--help"]})
            single.registered_commands.append(info)

            @single.callback()
            def _group() -> None:
                """pcsgen"""  # a group, so that argv keeps the command's name

            return single
    return app


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
        _app_for(args)(args=args, prog_name="pcsgen", standalone_mode=True)
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
