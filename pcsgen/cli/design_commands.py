"""The commands that draw a configuration: graph (a diagram) and report (an HTML design
report). Each takes its options, makes one call to `pcsgen.api`, prints, and sets the
exit status."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from pcsgen.cli.output import finish, reported_failure
from pcsgen.cli.parameters import (
    AttrOption,
    ConfigurationArgument,
    MaxSimulationsOption,
    NodeOption,
    QuietOption,
    SheetOption,
)
from pcsgen.cli.registry import definition_command

if TYPE_CHECKING:
    from pcsgen.api.options import Options


@definition_command("graph")
def graph_command(
    file: ConfigurationArgument,
    sheet: SheetOption = None,
    output: Annotated[
        Optional[str],
        typer.Option(
            "--output",
            "-o",
            metavar="OUT.svg|OUT.png|OUT.dot",
            help="The diagram to write (default NAME.svg). Without Graphviz's dot, the .dot "
            "is written instead.",
        ),
    ] = None,
    quiet: QuietOption = False,
    *,
    options: "Options",
    language: str,
) -> None:
    """Draw a definition or a CIB file: groups, clones, constraints, fencing (Graphviz)."""
    from pcsgen import api

    with reported_failure(language):
        drawing = api.graph(file, output, sheet, options, language)
    finish(drawing.diagnostics, language, [drawing.path], quiet)


@definition_command("report")
def report_command(
    file: ConfigurationArgument,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="DESIGN.html",
            help="The report to write: one self-contained HTML file.",
        ),
    ],
    sheet: SheetOption = None,
    node: NodeOption = None,
    attr: AttrOption = None,
    simulation: Annotated[
        bool,
        typer.Option(
            "--simulate/--no-simulate",
            help="Add crm_simulate's placement and failover tables (when it is installed).",
        ),
    ] = True,
    max_simulations: MaxSimulationsOption = None,
    quiet: QuietOption = False,
    *,
    options: "Options",
    language: str,
) -> None:
    """Write a design report (HTML): summary, diagram, tables, lint findings, placements."""
    from pcsgen import api

    with reported_failure(language):
        written = api.report(
            file,
            output,
            language,
            sheet,
            options,
            node or [],
            attr or [],
            simulation,
            max_simulations,
        )
    finish(written.diagnostics, language, [written.path], quiet)
