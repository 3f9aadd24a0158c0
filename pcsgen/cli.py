"""The pcsgen command: options in, one call to `pcsgen.api`, output and exit status out.

Exit status: 0 done, 1 error (nothing written), 2 done with warnings."""

import functools
import gc
import inspect
import os
import re
import sys
import traceback
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Callable, Dict, List, Optional, Set

import typer
from typer.models import CommandInfo

from pcsgen import __version__
from pcsgen.diagnostics import Diagnostics, PcsgenError

if TYPE_CHECKING:
    from pcsgen.compiler.pipeline import Options

app = typer.Typer(
    add_completion=True, no_args_is_help=True, rich_markup_mode=None,
    help="Compile Pacemaker cluster-definition workbooks (pm_pcsgen format) into a CIB and a "
         "pcs script.\n\nRun `pcsgen FILE` to compile, `pcsgen lint FILE` to check.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

SUBCOMMANDS = ("compile", "lint", "vars", "template", "import", "diff", "plan", "apply",
               "simulate", "graph", "report")


def _target_names() -> List[str]:
    from pcsgen.generations import all_target_names

    return all_target_names()


def _valid_target(value: str) -> str:
    """--target takes every minor release (rhel8.4) and every generation's name (rhel8):
    names from the data, hence a string checked here rather than a fixed choice."""
    if value not in _target_names():
        raise typer.BadParameter(value)
    return value


def _complete_target(incomplete: str) -> List[str]:
    return [name for name in _target_names() if name.startswith(incomplete)]


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


def _print_diagnostics(diagnostics: Diagnostics, lang: str) -> None:
    from pcsgen.diagnostic_formats import format_text

    stream = sys.stderr
    colour = stream.isatty() and os.environ.get("NO_COLOR") is None
    stream.write(format_text(diagnostics, lang, colour))


def _fail(exc: PcsgenError, lang: str, status: int = 1) -> typer.Exit:
    _print_diagnostics(exc.diagnostics, lang)
    return typer.Exit(status)


def _say_written(paths: List[str], lang: str, quiet: bool) -> None:
    if not quiet:
        from pcsgen.messages import text

        sys.stderr.write(text("wrote", lang, paths=", ".join(paths)) + "\n")


def _finish(diagnostics: Diagnostics, lang: str) -> typer.Exit:
    _print_diagnostics(diagnostics, lang)
    return typer.Exit(diagnostics.exit_status())


# Options several commands share, declared once.
FileArgument = Annotated[str, typer.Argument(
    help="Definition: BOOK.xlsx, BOOK.xlsx:SHEET or FILE.csv")]
ConfigurationArgument = Annotated[str, typer.Argument(help="A definition or a CIB file.")]
SheetOption = Annotated[Optional[str], typer.Option(
    "--sheet", "-s", help="Sheet of the workbook to read.")]
def _target_help() -> str:
    from pcsgen.generations import target_ranges

    ranges, newest = target_ranges()
    return (f"RHEL release to write for: a minor release ({ranges}), or a major one for its "
            f"newest minor ({newest}).")


TargetOption = Annotated[str, typer.Option(
    "--target", "-t", metavar="RELEASE", callback=_valid_target,
    autocompletion=_complete_target, help=_target_help())]
CorosyncOption = Annotated[Optional[str], typer.Option(
    "--corosync-conf", metavar="PATH",
    help="A corosync.conf, or a CIB whose <nodes> give the node ids (default: "
         "/etc/corosync/corosync.conf when the NODE table needs ids or for rhel10; '' for "
         "none).")]
LangOption = Annotated[Optional[Lang], typer.Option(
    "--lang", help="Language of messages (default: the locale).")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
VarOption = Annotated[Optional[List[str]], typer.Option(
    "--var", metavar="NAME=VALUE",
    help="Value of a {{ placeholder }} (repeatable; wins over --vars).")]
VarsOption = Annotated[Optional[List[str]], typer.Option(
    "--vars", metavar="FILE", help="Variables from a JSON, TOML or YAML file (repeatable).")]
SecretVarOption = Annotated[Optional[List[str]], typer.Option(
    "--secret-var", metavar="NAME",
    help="A variable never shown in messages or diffs (names such as *_password, "
         "*_secret, *_token or *_key are secret anyway).")]
SystemAgentsOption = Annotated[bool, typer.Option(
    "--system-agents/--no-system-agents",
    help="Read agent metadata from agents installed here (else only the built-in catalogue).")]
AdditionalConfigOption = Annotated[bool, typer.Option(
    "--additional-config/--no-additional-config",
    help="Apply the ADDITIONAL_CONFIG commands to the CIB with this machine's pcs (only "
         "commands that edit a CIB run); --no-additional-config runs nothing and leaves them "
         "to the script.")]
TextFormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace the output even when it is not a document pcsgen wrote and "
                    "nobody changed since (a filled definition, a test plan with results).")]
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Do not say which files were written.")]
ShowSecretsOption = Annotated[bool, typer.Option(
    "--show-secrets", help="Show the values of secrets (passwords, keys, secret variables), "
                           "which are otherwise reported as changed without them.")]


def _options(target: str, corosync_conf: Optional[str], var: Optional[List[str]],
             vars_file: Optional[List[str]], secret_var: Optional[List[str]],
             system_agents: bool = True, additional_config: bool = True) -> "Options":
    """The compile options every command that reads a definition shares."""
    from pcsgen.compiler.pipeline import AUTO, Options

    corosync = AUTO if corosync_conf is None else (corosync_conf or None)
    return Options(target=target, corosync_conf=corosync, system_agents=system_agents,
                   apply_additional_config=additional_config,
                   variables=var or [], vars_files=vars_file or [],
                   secret_variables=secret_var or [])


# The options of every command that reads a definition, declared once: the decorator
# adds them to the command's signature (typer reads it) and hands the command one
# Options and the language instead.
_DEFINITION_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
    for name, kind, default in (
        ("target", TargetOption, "rhel9"),
        ("corosync_conf", CorosyncOption, None),
        ("var", VarOption, None),
        ("vars_file", VarsOption, None),
        ("secret_var", SecretVarOption, None),
        ("system_agents", SystemAgentsOption, True),
        ("additional_config", AdditionalConfigOption, True),
        ("lang", LangOption, None),
        ("debug", DebugOption, False),
    )
]


def definition_command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command taking `options: Options` and `language: str` as its last two
    parameters; its users see the shared options instead. The signature typer reads is
    made when the command is about to run (`_ready`), so that a run pays for its own
    command only."""
    def register(command: Callable[..., None]) -> Callable[..., None]:
        app.command(name)(command)
        _awaiting_options[name] = command
        return command
    return register


_awaiting_options: Dict[str, Callable[..., None]] = {}


def _with_definition_options(command: Callable[..., None]) -> Callable[..., None]:
    # The annotations are this module's own source text (postponed evaluation).
    own = [p.replace(annotation=eval(p.annotation, globals()))  # noqa: S307
           if isinstance(p.annotation, str) else p
           for p in list(inspect.signature(command).parameters.values())[:-2]]
    parameters = own + _DEFINITION_PARAMETERS

    @functools.wraps(command)
    def run(**values: Any) -> None:
        shared = {p.name: values.pop(p.name) for p in _DEFINITION_PARAMETERS}
        options = _options(shared["target"], shared["corosync_conf"], shared["var"],
                           shared["vars_file"], shared["secret_var"],
                           shared["system_agents"], shared["additional_config"])
        command(**values, options=options, language=_lang(shared["lang"]))

    del run.__wrapped__  # typer must read the signature below, not the command's
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run


def _ready(info: CommandInfo) -> CommandInfo:
    """The command as typer must see it: a definition command with the shared options."""
    command = _awaiting_options.pop(info.name or "", None)
    if command is not None:
        info.callback = _with_definition_options(command)
    return info


@definition_command("compile")
def compile_command(
    file: FileArgument,
    sheet: SheetOption = None,
    xml: Annotated[Optional[str], typer.Option(
        "--xml", metavar="PATH", help="CIB output path.")] = None,
    sh: Annotated[Optional[str], typer.Option(
        "--sh", metavar="PATH", help="Script output path.")] = None,
    quiet: QuietOption = False,
    *, options: "Options", language: str,
) -> None:
    """Compile a definition into NAME.xml (CIB) and NAME.sh (pcs script)."""
    from pcsgen import api

    try:
        compilation = api.compile_definition(file, sheet, options)
        written = api.write_compilation(compilation, xml, sh,
                                        inputs=[api.split_spec(file, sheet)[0]])
    except PcsgenError as exc:
        raise _fail(exc, language) from None
    _print_diagnostics(compilation.diagnostics, language)
    _say_written(written, language, quiet)
    raise typer.Exit(compilation.diagnostics.exit_status())


@definition_command("lint")
def lint_command(
    file: FileArgument,
    sheet: SheetOption = None,
    output_format: Annotated[Format, typer.Option(
        "--format", "-f", help="text, json or sarif.")] = Format.text,
    *, options: "Options", language: str,
) -> None:
    """Check a definition and report every problem with its cell. Writes nothing."""
    from pcsgen import api

    diagnostics = api.lint(file, sheet, options)
    if output_format is Format.text:
        raise _finish(diagnostics, language)
    from pcsgen.diagnostic_formats import format_json, format_sarif

    render = format_json if output_format is Format.json else format_sarif
    sys.stdout.write(render(diagnostics, language))
    raise typer.Exit(diagnostics.exit_status())


@app.command("vars")
def vars_command(
    file: FileArgument,
    sheet: SheetOption = None,
    var: VarOption = None,
    vars_file: VarsOption = None,
    secret_var: SecretVarOption = None,
    output_format: TextFormatOption = Format.text,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """List the variables a definition uses, their values or defaults, and where."""
    from pcsgen import api

    language = _lang(lang)
    options = _options("rhel9", None, var, vars_file, secret_var)
    try:
        report, diagnostics = api.variables(file, sheet, options)
    except PcsgenError as exc:
        raise _fail(exc, language) from None
    if output_format is Format.json:
        import json

        sys.stdout.write(json.dumps({"variables": [item._asdict() for item in report]},
                                    ensure_ascii=False, indent=2) + "\n")
    else:
        for item in report:
            value = item.value if item.value is not None else "(undefined)"
            origin = f" [{item.origin}]" if item.origin else ""
            sys.stdout.write(f"{item.name} = {value}{origin}\n")
            if item.description:
                sys.stdout.write(f"    {item.description}\n")
            for where in item.used_at:
                sys.stdout.write(f"    used at {where}\n")
    _print_diagnostics(diagnostics, language)
    undefined = any(item.value is None and item.used_at for item in report)
    raise typer.Exit(1 if diagnostics.has_errors or undefined else diagnostics.exit_status())


@app.command("template")
def template_command(
    output: Annotated[str, typer.Argument(help="The workbook to write (.xlsx).")],
    lang: LangOption = None,
    example_name: Annotated[Optional[str], typer.Option(
        "--example", metavar="NAME", help="Fill it with one of pcsgen's examples.")] = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write an empty definition workbook (or an example) to start from."""
    from pcsgen import api

    language = _lang(lang)
    try:
        api.template(output, language, example_name, force)
    except PcsgenError as exc:
        raise _fail(exc, language) from None
    _say_written([output], language, quiet)
    raise typer.Exit(0)


@app.command("import")
def import_command(
    cib: Annotated[str, typer.Argument(help="A CIB file (pcs cluster cib > cib.xml).")],
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="OUT.xlsx|OUT.csv", help="The definition to write.")],
    target: TargetOption = "rhel9",
    system_agents: SystemAgentsOption = True,
    force: ForceOption = False,
    quiet: QuietOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Turn an existing CIB into a definition workbook (or CSV)."""
    from pcsgen import api

    language = _lang(lang)
    try:
        diagnostics = api.import_cib(cib, output, target, language, system_agents,
                                     force)
    except PcsgenError as exc:
        raise _fail(exc, language) from None
    _print_diagnostics(diagnostics, language)
    _say_written([output], language, quiet)
    raise typer.Exit(diagnostics.exit_status())


@definition_command("diff")
def diff_command(
    first: ConfigurationArgument,
    second: ConfigurationArgument,
    output_format: TextFormatOption = Format.text,
    show_secrets: ShowSecretsOption = False,
    *, options: "Options", language: str,
) -> None:
    """Semantic diff of two configurations. Exit 0 equal, 1 different, 2 trouble."""
    from pcsgen import api
    from pcsgen.cluster.diff import format_json, format_text

    try:
        changes = api.diff(first, second, options, show_secrets)
    except PcsgenError as exc:
        raise _fail(exc, language, status=2) from None
    if output_format is Format.json:
        sys.stdout.write(format_json(changes))
    else:
        from pcsgen.messages import text

        sys.stdout.write(format_text(changes) if changes else text("equal", language) + "\n")
    raise typer.Exit(1 if changes else 0)


def _print_plan(planned: Any, output_format: Format, lang: str) -> None:
    from pcsgen.cluster.diff import format_text
    from pcsgen.messages import text

    stream = sys.stdout
    epoch, digest = planned.epoch, planned.digest
    if output_format is Format.json:
        import json

        stream.write(json.dumps({"epoch": epoch, "digest": digest,
                                 "changes": [c.as_dict() for c in planned.changes]},
                                ensure_ascii=False, indent=2) + "\n")
        return
    if not planned.changes:
        stream.write(text("plan_none", lang, epoch=epoch) + "\n")
        return
    stream.write(text("plan_some", lang, count=len(planned.changes), epoch=epoch) + "\n")
    stream.write(format_text(planned.changes))
    stream.write(text("plan_apply", lang, file=planned.file, epoch=epoch, digest=digest)
                 + "\n")


@definition_command("plan")
def plan_command(
    file: FileArgument,
    output_format: TextFormatOption = Format.text,
    show_secrets: ShowSecretsOption = False,
    *, options: "Options", language: str,
) -> None:
    """What applying a definition (or a CIB file) would change on the live cluster."""
    from pcsgen import api

    diagnostics = Diagnostics()
    try:
        planned = api.plan(file, options, diagnostics, show_secrets)
    except PcsgenError as exc:
        raise _fail(exc, language) from None
    _print_diagnostics(diagnostics, language)
    _print_plan(planned, output_format, language)
    raise typer.Exit(0)


@definition_command("apply")
def apply_command(
    file: FileArgument,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Do not ask for confirmation.")] = False,
    plan_epoch: Annotated[Optional[str], typer.Option(
        "--plan-epoch", metavar="ADMIN:EPOCH",
        help="Refuse unless the live CIB is still at the epoch `pcsgen plan` showed.")] = None,
    plan_digest: Annotated[Optional[str], typer.Option(
        "--plan-digest", metavar="DIGEST",
        help="Refuse unless the configuration to push is the one `pcsgen plan` showed (its "
             "digest).")] = None,
    backup: Annotated[Optional[str], typer.Option(
        "--backup", metavar="PATH", help="Where to save the live CIB first.")] = None,
    show_secrets: ShowSecretsOption = False,
    *, options: "Options", language: str,
) -> None:
    """Show the plan, ask, back the live CIB up, and push the configuration section."""
    from pcsgen import api
    from pcsgen.cluster.apply import check_digest, check_epoch
    from pcsgen.messages import text

    diagnostics = Diagnostics()
    try:
        planned = api.plan(file, options, diagnostics, show_secrets)
        check_epoch(planned, plan_epoch)
        check_digest(planned, plan_digest)
    except PcsgenError as exc:
        diagnostics.extend(exc.diagnostics)
        raise _fail(PcsgenError.ending(diagnostics), language) from None
    _print_diagnostics(diagnostics, language)
    _print_plan(planned, Format.text, language)
    if not planned.changes:
        raise typer.Exit(0)
    if not yes and (not sys.stdin.isatty() or
                    not typer.confirm(text("confirm", language), default=False)):
        sys.stdout.write(text("not_confirmed", language) + "\n")
        raise typer.Exit(1)
    try:
        applied = api.apply(planned, plan_epoch, backup, plan_digest)
    except PcsgenError as exc:
        raise _fail(exc, language) from None
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
    node: Annotated[Optional[List[str]], typer.Option(
        "--node", metavar="NAME", help="A cluster node (repeatable).")] = None,
    attr: Annotated[Optional[List[str]], typer.Option(
        "--attr", metavar="NODE:NAME=VALUE",
        help="A node attribute of the steady state (repeatable), e.g. node01:ping-status=1; "
             "those published by ping, health and attribute agents are found without it.")
    ] = None,
    fail: Annotated[Optional[List[str]], typer.Option(
        "--fail", metavar="RSC[:ACTION][@NODE]",
        help="A primitive's monitor (or :start, :stop) fails, where it runs or on NODE "
             "(repeatable).")] = None,
    attr_change: Annotated[Optional[List[str]], typer.Option(
        "--attr-change", metavar="NODE:NAME=VALUE",
        help="A node attribute changes after the steady state (repeatable).")] = None,
    attr_unset: Annotated[Optional[List[str]], typer.Option(
        "--attr-unset", metavar="NODE:NAME",
        help="A node attribute disappears after the steady state (repeatable).")] = None,
    failover: Annotated[bool, typer.Option(
        "--failover/--no-failover", help="Also fail each node in turn.")] = True,
    scenarios: Annotated[bool, typer.Option(
        "--scenarios", help="Every failure the definition anticipates: each node, each "
                            "primitive's monitor and stop, each rule's node attribute.")
    ] = False,
    max_simulations: Annotated[Optional[int], typer.Option(
        "--max-simulations", metavar="N", min=1,
        help="crm_simulate runs at most (default 50); the scenarios past it are left out.")
    ] = None,
    output_format: Annotated[SimulateFormat, typer.Option(
        "--format", "-f", help="text, json, or a test plan: csv or xlsx.")
    ] = SimulateFormat.text,
    output: Annotated[Optional[str], typer.Option(
        "--output", "-o", metavar="PATH",
        help="Write to PATH (xlsx default: NAME-test-plan.xlsx).")] = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    show_secrets: Annotated[bool, typer.Option(
        "--show-secrets", help="Show the values of secrets (secret variables, node "
                               "attributes named like secrets), which are otherwise masked.")
    ] = False,
    *, options: "Options", language: str,
) -> None:
    """Where every resource runs, and what Pacemaker does when a node, a resource or a node
    attribute fails: as text, JSON, or a failure test plan (csv, xlsx)."""
    from pcsgen import api

    diagnostics = Diagnostics()
    try:
        result = api.simulate(file, node or [], attr or [], failover, options, diagnostics,
                              fail=fail or [], attr_change=attr_change or [],
                              attr_unset=attr_unset or [], scenarios=scenarios,
                              show_secrets=show_secrets, max_simulations=max_simulations)
        written = None
        if output is not None or output_format is SimulateFormat.xlsx:
            written = api.write_simulation(result, output_format.value, language, output,
                                           inputs=[api.split_spec(file)[0]], force=force,
                                           secrets_shown=show_secrets)
    except PcsgenError as exc:
        diagnostics.extend(exc.diagnostics)
        raise _fail(PcsgenError.ending(diagnostics), language) from None
    _print_diagnostics(diagnostics, language)
    if written is None:
        sys.stdout.buffer.write(api.render_simulation(result, output_format.value, language))
        sys.stdout.flush()
    else:
        _say_written([written], language, quiet)
    raise typer.Exit(diagnostics.exit_status())


@definition_command("graph")
def graph_command(
    file: ConfigurationArgument,
    sheet: SheetOption = None,
    output: Annotated[Optional[str], typer.Option(
        "--output", "-o", metavar="OUT.svg|OUT.png|OUT.dot",
        help="The diagram to write (default NAME.svg). Without Graphviz's dot, the .dot "
             "is written instead.")] = None,
    quiet: QuietOption = False,
    *, options: "Options", language: str,
) -> None:
    """Draw a definition or a CIB file: groups, clones, constraints, fencing (Graphviz)."""
    from pcsgen import api

    try:
        drawing = api.graph(file, output, sheet, options, language)
    except PcsgenError as exc:
        raise _fail(exc, language) from None
    _print_diagnostics(drawing.diagnostics, language)
    _say_written([drawing.path], language, quiet)
    raise typer.Exit(drawing.diagnostics.exit_status())


@definition_command("report")
def report_command(
    file: ConfigurationArgument,
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="DESIGN.html",
        help="The report to write: one self-contained HTML file.")],
    sheet: SheetOption = None,
    node: Annotated[Optional[List[str]], typer.Option(
        "--node", metavar="NAME", help="A cluster node to simulate on (repeatable).")] = None,
    attr: Annotated[Optional[List[str]], typer.Option(
        "--attr", metavar="NODE:NAME=VALUE",
        help="A node attribute the rules need in the simulation (repeatable).")] = None,
    simulation: Annotated[bool, typer.Option(
        "--simulate/--no-simulate",
        help="Add crm_simulate's placement and failover tables (when it is installed).")]
    = True,
    max_simulations: Annotated[Optional[int], typer.Option(
        "--max-simulations", metavar="N", min=1,
        help="crm_simulate runs at most (default 50); the failovers past it are left out.")
    ] = None,
    quiet: QuietOption = False,
    *, options: "Options", language: str,
) -> None:
    """Write a design report (HTML): summary, diagram, tables, lint findings, placements."""
    from pcsgen import api

    try:
        written = api.report(file, output, language, sheet, options, node or [], attr or [],
                             simulation, max_simulations)
    except PcsgenError as exc:
        raise _fail(exc, language) from None
    _print_diagnostics(written.diagnostics, language)
    _say_written([written.path], language, quiet)
    raise typer.Exit(written.diagnostics.exit_status())


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"pcsgen {__version__}")
        raise typer.Exit(0)


@app.callback()
def _pcsgen(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version,
        help="Print pcsgen's version and exit.")] = False,
) -> None:
    """The options of pcsgen itself (the help text is the app's)."""


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
            single.registered_commands.append(_ready(info))

            @single.callback()
            def _group() -> None:
                """pcsgen"""  # a group, so that argv keeps the command's name

            return single
    for info in app.registered_commands:
        _ready(info)
    return app


def command_app() -> typer.Typer:
    """The whole command line as a typer app, every command ready to run (for typer's
    test runner, documentation and completion tools; `main` builds only what it runs)."""
    return _app_for([])


def _argv_with_default_command(argv: List[str]) -> List[str]:
    """`pcsgen FILE ...` and `pcsgen --target rhel8 FILE` mean `pcsgen compile ...`;
    `pcsgen --lang ja lint FILE` means `pcsgen lint --lang ja FILE`. Only help, version
    and completion are options of pcsgen itself."""
    if not argv or any(word in _OWN_OPTIONS for word in argv):
        return argv
    for index, word in enumerate(argv):
        if word.startswith("-"):
            continue
        previous = argv[index - 1] if index else ""
        if previous.startswith("-") and "=" not in previous:
            continue  # an option's value, or a flag's neighbour: look further
        if word in SUBCOMMANDS or word == "version":
            return [word, *argv[:index], *argv[index + 1:]]
        break
    return ["compile", *argv]


# The options of pcsgen itself, before a command (typer's completion options included).
_OWN_OPTIONS = ("-h", "--help", "--version", "--install-completion", "--show-completion")


def _unknown_command(argv: List[str]) -> Optional[str]:
    """The mistyped command that starts ARGV (`pcsgen complie book.xlsx`), if any: a
    first word that names no command and no file, and could not be a file's name."""
    if not argv or argv[0].startswith("-") or argv[0] in SUBCOMMANDS or argv[0] == "version":
        return None
    word = argv[0]
    if os.path.lexists(word) or any(c in word for c in "./:\\"):
        return None
    return word


def _kinds(exc: BaseException) -> Set[str]:
    """The names of EXC's classes. typer raises click's exceptions, or since 0.25 those
    of the copy of click it carries: they are told apart by name, as both name them."""
    return {kind.__name__ for kind in type(exc).__mro__}


def _usage_diagnostic(exc: Any, argv: List[str]) -> Diagnostics:
    """A usage error as pcsgen's own message, in the user's language."""
    diagnostics = Diagnostics()
    kinds = _kinds(exc)
    param = getattr(exc, "param", None)
    name = _param_name(param)
    choices = getattr(getattr(param, "type", None), "choices", None)
    if "NoSuchOption" in kinds:
        diagnostics.error("PG540", None, option=exc.option_name,
                          hint=_did_you_mean(list(exc.possibilities or [])[:1]))
    elif "MissingParameter" in kinds:
        diagnostics.error("PG542", None, name=name or getattr(exc, "param_type", "") or "")
    elif "BadParameter" in kinds and param is not None and param.name == "target":
        diagnostics.error("PG509", None, value=_given_value(param, argv),
                          allowed=", ".join(_target_names()))
    elif "BadParameter" in kinds and param is not None and choices:
        value = _given_value(param, argv)
        allowed = ", ".join(str(getattr(choice, "value", choice)) for choice in choices)
        diagnostics.error("PG541", None, option=name, value=value, allowed=allowed)
    elif _EXTRA.match(exc.format_message()) is not None:
        extra = _EXTRA.match(exc.format_message())
        diagnostics.error("PG545", None, words=extra.group(1) if extra else "")
    else:
        diagnostics.error("PG543", None, reason=exc.format_message())
    return diagnostics


# click's words for arguments left over (7.x and 8.x)
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$")


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")] or \
        list(getattr(param, "opts", []))
    if getattr(param, "param_type_name", "") == "argument":
        return (param.human_readable_name or param.name or "").upper()
    return opts[0] if opts else (param.name or "")


def _given_value(param: Any, argv: List[str]) -> str:
    """The value the user gave PARAM, as typed."""
    for index, word in enumerate(argv):
        for opt in param.opts:
            if word == opt and index + 1 < len(argv):
                return argv[index + 1]
            if word.startswith(opt + "="):
                return word[len(opt) + 1:]
            if len(opt) == 2 and not opt.startswith("--") and word.startswith(opt) and \
                    len(word) > 2:
                return word[2:]
    return ""


def _did_you_mean(candidates: List[str]) -> Any:
    from pcsgen.phrase import Phrase

    return Phrase("did_you_mean", {"name": " / ".join(candidates)}) if candidates else ""


def _fail_usage(diagnostics: Diagnostics, argv: List[str]) -> None:
    lang = _lang_from_argv(argv)
    _print_diagnostics(diagnostics, lang)
    sys.exit(1)


def _lang_from_argv(argv: List[str]) -> str:
    for index, word in enumerate(argv):
        value = word[len("--lang="):] if word.startswith("--lang=") else (
            argv[index + 1] if word == "--lang" and index + 1 < len(argv) else None)
        if value in ("en", "ja"):
            return value
    return _lang(None)


def main(argv: Optional[List[str]] = None) -> None:
    """Run the command line. Usage errors exit 1, as every other error: 2 means done
    with warnings, and a CI step that accepts warnings must not pass a typo."""
    gc.disable()  # as the entry point does (pcsgen.__main__), for callers of main()
    given = list(sys.argv[1:] if argv is None else argv)
    if not given and not _completing():
        given = ["--help"]  # as every click version shows it: on stdout, status 0
    unknown = _unknown_command(given)
    if unknown is not None and not _completing():
        import difflib

        diagnostics = Diagnostics()
        close = difflib.get_close_matches(unknown, [*SUBCOMMANDS, "version"], n=1)
        diagnostics.error("PG544", None, command=unknown, hint=_did_you_mean(close))
        _fail_usage(diagnostics, given)
    args = _argv_with_default_command(given)
    debug = "--debug" in args
    try:
        status = _app_for(args)(args=args, prog_name="pcsgen", standalone_mode=False)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("pcsgen: interrupted\n")
        sys.exit(130)
    except Exception as exc:
        kinds = _kinds(exc)
        if "UsageError" in kinds:
            _fail_usage(_usage_diagnostic(exc, args), args)
        if "ClickException" in kinds or "TyperException" in kinds:
            exc.show()  # type: ignore[attr-defined]
            sys.exit(1)
        if "Abort" in kinds:  # a question answered with ^C or ^D
            sys.stderr.write("\n")
            sys.exit(1)
        _internal_error(exc, debug)
    sys.exit(status if isinstance(status, int) else 0)


def _internal_error(exc: Exception, debug: bool) -> None:
    """The one place an unexpected failure becomes a message."""
    if debug:
        traceback.print_exc()
    from pcsgen.messages import default_lang, render

    reason = f"{type(exc).__name__}: {exc}"
    text = render("PG507", default_lang(), {"reason": reason})
    sys.stderr.write(f"pcsgen: error PG507: {text}\n")
    sys.exit(1)


def _completing() -> bool:
    """The shell asks for completions (typer's completion protocol)."""
    return any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ)


if __name__ == "__main__":
    main()
