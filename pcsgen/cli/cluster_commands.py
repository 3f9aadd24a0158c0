"""The commands on configurations and the cluster: diff, plan, apply and simulate. Each
takes its options, calls `pcsgen.api`, prints, and sets the exit status."""

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, List, Optional

import typer

from pcsgen.cli.output import finish, print_diagnostics, reported_failure
from pcsgen.cli.parameters import (
    AttrOption,
    ConfigurationArgument,
    FileArgument,
    ForceOption,
    Format,
    MaxSimulationsOption,
    NodeOption,
    QuietOption,
    ShowSecretsOption,
    TextFormatOption,
)
from pcsgen.cli.registry import definition_command
from pcsgen.diagnostics import Diagnostics

if TYPE_CHECKING:
    from pcsgen.api.options import Options
    from pcsgen.live.apply import Plan


@definition_command("diff")
def diff_command(
    first: ConfigurationArgument,
    second: ConfigurationArgument,
    output_format: TextFormatOption = Format.text,
    show_secrets: ShowSecretsOption = False,
    *,
    options: "Options",
    language: str,
) -> None:
    """Semantic diff of two configurations. Exit 0 equal, 1 different, 2 trouble."""
    from pcsgen import api
    from pcsgen.cib.diff import format_json, format_text

    with reported_failure(language, status=2):
        changes = api.diff(first, second, options, show_secrets)
    if output_format is Format.json:
        sys.stdout.write(format_json(changes))
    else:
        from pcsgen.diagnostics.messages import text

        sys.stdout.write(format_text(changes) if changes else text("equal", language) + "\n")
    raise typer.Exit(1 if changes else 0)


def _print_plan(planned: "Plan", output_format: Format, lang: str) -> None:
    from pcsgen.cib.diff import format_text
    from pcsgen.diagnostics.messages import text

    stream = sys.stdout
    epoch, digest = planned.epoch, planned.digest
    if output_format is Format.json:
        import json

        from pcsgen.diagnostics.formats import visible_json

        stream.write(
            visible_json(
                json.dumps(
                    {
                        "epoch": epoch,
                        "digest": digest,
                        "changes": [c.as_dict() for c in planned.changes],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            + "\n"
        )
        return
    if not planned.changes:
        stream.write(text("plan_none", lang, epoch=epoch) + "\n")
        return
    stream.write(text("plan_some", lang, count=len(planned.changes), epoch=epoch) + "\n")
    stream.write(format_text(planned.changes))
    stream.write(text("plan_apply", lang, file=planned.file, epoch=epoch, digest=digest) + "\n")


@definition_command("plan")
def plan_command(
    file: FileArgument,
    output_format: TextFormatOption = Format.text,
    show_secrets: ShowSecretsOption = False,
    *,
    options: "Options",
    language: str,
) -> None:
    """What applying a definition (or a CIB file) would change on the live cluster."""
    from pcsgen import api

    diagnostics = Diagnostics()
    with reported_failure(language):
        planned = api.plan(file, options, diagnostics, show_secrets)
    print_diagnostics(diagnostics, language)
    _print_plan(planned, output_format, language)
    raise typer.Exit(0)


@definition_command("apply")
def apply_command(
    file: FileArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    plan_epoch: Annotated[
        Optional[str],
        typer.Option(
            "--plan-epoch",
            metavar="ADMIN:EPOCH",
            help="Refuse unless the live CIB is still at the epoch `pcsgen plan` showed.",
        ),
    ] = None,
    plan_digest: Annotated[
        Optional[str],
        typer.Option(
            "--plan-digest",
            metavar="DIGEST",
            help="Refuse unless the configuration to push is the one `pcsgen plan` showed (its "
            "digest).",
        ),
    ] = None,
    backup: Annotated[
        Optional[str],
        typer.Option("--backup", metavar="PATH", help="Where to save the live CIB first."),
    ] = None,
    show_secrets: ShowSecretsOption = False,
    lab: Annotated[
        bool,
        typer.Option("--lab", help="Push into the lab (pcsgen lab up) instead, with stand-ins."),
    ] = False,
    lab_name: Annotated[
        str, typer.Option("--lab-name", metavar="LAB", help="Which lab, with --lab.")
    ] = "lab",
    *,
    options: "Options",
    language: str,
) -> None:
    """Show the plan, ask, back the live CIB up, and push the configuration section."""
    from pcsgen import api
    from pcsgen.diagnostics.messages import text

    if lab:
        from pcsgen.cli.lab import apply_in_lab

        apply_in_lab(file, lab_name, options, language)

    diagnostics = Diagnostics()
    with reported_failure(language, run=diagnostics):
        planned = api.plan(file, options, diagnostics, show_secrets)
        api.check_plan(planned, plan_epoch, plan_digest)
    print_diagnostics(diagnostics, language)
    _print_plan(planned, Format.text, language)
    if not planned.changes:
        raise typer.Exit(0)
    if not yes and (
        not sys.stdin.isatty() or not typer.confirm(text("confirm", language), default=False)
    ):
        sys.stdout.write(text("not_confirmed", language) + "\n")
        raise typer.Exit(1)
    with reported_failure(language):
        applied = api.apply(planned, plan_epoch, backup, plan_digest)
    sys.stdout.write(text("backup", language, path=applied.backup) + "\n")
    sys.stdout.write(text("pushed", language, epoch=applied.epoch) + "\n")
    sys.stdout.write(text("rollback", language, path=applied.backup) + "\n")
    raise typer.Exit(0)


class SimulateFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@definition_command("simulate")
def simulate_command(
    file: FileArgument,
    node: NodeOption = None,
    attr: AttrOption = None,
    fail: Annotated[
        Optional[List[str]],
        typer.Option(
            "--fail",
            metavar="RSC[:ACTION][@NODE]",
            help="A primitive's monitor (or :start, :stop) fails, where it runs or on NODE "
            "(repeatable).",
        ),
    ] = None,
    attr_change: Annotated[
        Optional[List[str]],
        typer.Option(
            "--attr-change",
            metavar="NODE:NAME=VALUE",
            help="A node attribute changes after the steady state (repeatable).",
        ),
    ] = None,
    attr_unset: Annotated[
        Optional[List[str]],
        typer.Option(
            "--attr-unset",
            metavar="NODE:NAME",
            help="A node attribute disappears after the steady state (repeatable).",
        ),
    ] = None,
    failover: Annotated[
        bool, typer.Option("--failover/--no-failover", help="Also fail each node in turn.")
    ] = True,
    scenarios: Annotated[
        bool,
        typer.Option(
            "--scenarios",
            help="Every failure the definition anticipates: each node, each "
            "primitive's monitor and stop, each rule's node attribute.",
        ),
    ] = False,
    max_simulations: MaxSimulationsOption = None,
    output_format: Annotated[
        SimulateFormat,
        typer.Option("--format", "-f", help="text, json, or a test plan: csv or xlsx."),
    ] = SimulateFormat.text,
    output: Annotated[
        Optional[str],
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to PATH (xlsx default: NAME-test-plan.xlsx).",
        ),
    ] = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    show_secrets: Annotated[
        bool,
        typer.Option(
            "--show-secrets",
            help="Show the values of secrets (secret variables, node "
            "attributes named like secrets), which are otherwise masked.",
        ),
    ] = False,
    progress: Annotated[
        Optional[bool],
        typer.Option(
            "--progress/--no-progress",
            help="Show on stderr how many scenarios are simulated (default: when stderr is a "
            "terminal).",
        ),
    ] = None,
    *,
    options: "Options",
    language: str,
) -> None:
    """Where every resource runs, and what Pacemaker does when a node, a resource or a node
    attribute fails: as text, JSON, or a failure test plan (csv, xlsx)."""
    import time

    from pcsgen import api
    from pcsgen.simulation.progress import reporter

    terminal = sys.stderr.isatty()
    told = (
        reporter(sys.stderr, language, time.monotonic(), terminal)
        if (terminal if progress is None else progress)
        else None
    )

    diagnostics = Diagnostics()
    with reported_failure(language, run=diagnostics):
        result = api.simulate(
            file,
            node or [],
            attr or [],
            failover,
            options,
            diagnostics,
            fail=fail or [],
            attr_change=attr_change or [],
            attr_unset=attr_unset or [],
            scenarios=scenarios,
            show_secrets=show_secrets,
            max_simulations=max_simulations,
            progress=told,
        )
        written = None
        if output is not None or output_format is SimulateFormat.xlsx:
            written = api.write_simulation(
                result,
                output_format.value,
                language,
                output,
                inputs=[api.split_spec(file)[0]],
                force=force,
                secrets_shown=show_secrets,
            )
    if written is not None:
        finish(diagnostics, language, [written], quiet)
    print_diagnostics(diagnostics, language)
    sys.stdout.buffer.write(api.render_simulation(result, output_format.value, language))
    sys.stdout.flush()
    raise typer.Exit(diagnostics.exit_status())
