"""The commands on definitions: compile, lint, vars, template and import. Each takes its
options, makes one call to `pcsgen.api`, prints, and sets the exit status."""

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from pcsgen.cli.output import finish, print_diagnostics, reported_failure
from pcsgen.cli.parameters import (
    DebugOption,
    FileArgument,
    ForceOption,
    Format,
    HostOption,
    InventoryOption,
    LangOption,
    LimitOption,
    QuietOption,
    SecretVarOption,
    SheetOption,
    SystemAgentsOption,
    TargetOption,
    TextFormatOption,
    VarOption,
    VarsOption,
    chosen_language,
    compile_options,
)
from pcsgen.cli.registry import command, definition_command

if TYPE_CHECKING:
    from pcsgen.api.options import Options


@definition_command("compile")
def compile_command(
    file: FileArgument,
    sheet: SheetOption = None,
    xml: Annotated[
        Optional[str], typer.Option("--xml", metavar="PATH", help="CIB output path.")
    ] = None,
    sh: Annotated[
        Optional[str], typer.Option("--sh", metavar="PATH", help="Script output path.")
    ] = None,
    quiet: QuietOption = False,
    *,
    options: "Options",
    language: str,
) -> None:
    """Compile a definition into NAME.xml (CIB) and NAME.sh (pcs script)."""
    from pcsgen import api

    with reported_failure(language):
        compilation = api.compile_definition(file, sheet, options)
        written = api.write_compilation(
            compilation, xml, sh, inputs=[api.split_spec(file, sheet)[0]]
        )
    finish(compilation.diagnostics, language, written, quiet)


@definition_command("lint")
def lint_command(
    file: FileArgument,
    sheet: SheetOption = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="text, json or sarif.")
    ] = Format.text,
    *,
    options: "Options",
    language: str,
) -> None:
    """Check a definition and report every problem with its cell. Writes nothing."""
    from pcsgen import api

    diagnostics = api.lint(file, sheet, options)
    if output_format is Format.text:
        finish(diagnostics, language)
    from pcsgen.diagnostics.formats import format_json, format_sarif

    render = format_json if output_format is Format.json else format_sarif
    sys.stdout.write(render(diagnostics, language))
    raise typer.Exit(diagnostics.exit_status())


@command("vars")
def vars_command(
    file: FileArgument,
    sheet: SheetOption = None,
    var: VarOption = None,
    vars_file: VarsOption = None,
    secret_var: SecretVarOption = None,
    inventory: InventoryOption = None,
    limit: LimitOption = None,
    host: HostOption = None,
    output_format: TextFormatOption = Format.text,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """List the variables a definition uses, their values or defaults, and where."""
    from pcsgen import api

    chosen = chosen_language(lang)
    with reported_failure(chosen):
        report, diagnostics = api.variables(
            file,
            sheet,
            compile_options(
                "rhel9",
                None,
                var,
                vars_file,
                secret_var,
                inventory=inventory,
                limit=limit,
                host=host,
            ),
        )
    if output_format is Format.json:
        import json

        sys.stdout.write(
            json.dumps(
                {"variables": [item._asdict() for item in report]}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
    else:
        from pcsgen.diagnostics.formats import visible
        from pcsgen.diagnostics.messages import text

        for item in report:
            value = item.value if item.value is not None else text("var_undefined", chosen)
            origin = f" [{item.origin}]" if item.origin else ""
            sys.stdout.write(visible(f"{item.name} = {value}{origin}") + "\n")
            if item.description:
                sys.stdout.write(visible(f"    {item.description}") + "\n")
            for where in item.used_at:
                sys.stdout.write("    " + text("var_used_at", chosen, where=where) + "\n")
    print_diagnostics(diagnostics, chosen)
    undefined = any(item.value is None and item.used_at for item in report)
    raise typer.Exit(1 if diagnostics.has_errors or undefined else diagnostics.exit_status())


@command("template")
def template_command(
    output: Annotated[str, typer.Argument(help="The workbook to write (.xlsx).")],
    lang: LangOption = None,
    example_name: Annotated[
        Optional[str],
        typer.Option("--example", metavar="NAME", help="Fill it with one of pcsgen's examples."),
    ] = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write an empty definition workbook (or an example) to start from."""
    from pcsgen import api
    from pcsgen.diagnostics import Diagnostics

    chosen = chosen_language(lang)
    with reported_failure(chosen):
        api.template(output, chosen, example_name, force)
    finish(Diagnostics(), chosen, [output], quiet)


class ImportFrom(str, Enum):
    cib = "cib"
    pm_crmgen = "pm_crmgen"


@command("import")
def import_command(
    cib: Annotated[
        str,
        typer.Argument(
            help="A CIB file (pcs cluster cib > cib.xml), or a pm_crmgen definition (OLD.csv, "
            "OLD.xls, BOOK.xlsx[:SHEET])."
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="OUT.xlsx|OUT.csv", help="The definition to write."),
    ],
    target: TargetOption = "rhel9",
    from_format: Annotated[
        Optional[ImportFrom],
        typer.Option(
            "--from",
            help="What the input is (default: a pm_crmgen definition when it says so, else a CIB).",
        ),
    ] = None,
    system_agents: SystemAgentsOption = True,
    force: ForceOption = False,
    quiet: QuietOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Turn an existing CIB into a definition workbook (or CSV); a pm_crmgen definition
    too (--from pm_crmgen)."""
    from pcsgen import api

    chosen = chosen_language(lang)
    with reported_failure(chosen):
        if from_format is ImportFrom.pm_crmgen or (
            from_format is None and api.looks_like_crmgen(cib)
        ):
            migration = api.migrate_crmgen(cib, output, target, chosen, force)
            diagnostics, written = migration.diagnostics, migration.paths
        else:
            diagnostics = api.import_cib(cib, output, target, chosen, system_agents, force)
            written = [output]
    finish(diagnostics, chosen, written, quiet)
