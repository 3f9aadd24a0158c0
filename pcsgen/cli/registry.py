"""The typer app: where commands and command groups are registered, and the app a run
builds, holding only the command it runs.

A command module registers its commands with `command` or `definition_command`; the
modules are listed in `COMMAND_MODULES`. A command group (a command with commands of its
own) is one line in `COMMAND_GROUPS`."""

from importlib import import_module
from typing import Annotated, Callable, Dict, List, Set, Tuple

import typer
from typer.models import CommandInfo

from pcsgen import __version__
from pcsgen.cli.parameters import with_definition_options

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Compile Pacemaker cluster-definition workbooks (pm_pcsgen format) into a CIB and a "
    "pcs script.\n\nRun `pcsgen FILE` to compile, `pcsgen lint FILE` to check.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The modules that declare the commands, in the order help lists them.
COMMAND_MODULES = (
    "pcsgen.cli.commands",
    "pcsgen.cli.cluster_commands",
    "pcsgen.cli.design_commands",
)

# Command groups: name -> "module:attribute" of its typer app. A group's module is
# imported only when the group runs, or when the whole app is wanted (help, completion).
COMMAND_GROUPS: Dict[str, str] = {
    "lab": "pcsgen.cli.lab:lab_app",
    "test": "pcsgen.cli.lab:test_app",
}

Command = Callable[..., None]


def command(name: str) -> Callable[[Command], Command]:
    """Register a command whose parameters are all its own."""

    def register(function: Command) -> Command:
        app.command(name)(function)
        return function

    return register


def definition_command(name: str) -> Callable[[Command], Command]:
    """Register a command taking `options: Options` and `language: str` as its last two
    parameters; its users see the shared options instead. The signature typer reads is
    made when the command is about to run (`_ready`), so that a run pays for its own
    command only."""

    def register(function: Command) -> Command:
        app.command(name)(function)
        _awaiting_options[name] = function
        return function

    return register


_awaiting_options: Dict[str, Command] = {}
_groups_added: Set[str] = set()
_loaded: List[bool] = []


def _ready(info: CommandInfo) -> CommandInfo:
    """The command as typer must see it: a definition command with the shared options."""
    function = _awaiting_options.pop(info.name or "", None)
    if function is not None:
        info.callback = with_definition_options(function)
    return info


def _group(name: str) -> typer.Typer:
    module, _, attribute = COMMAND_GROUPS[name].partition(":")
    group: typer.Typer = getattr(import_module(module), attribute)
    return group


def load_commands() -> None:
    """Register every command: those of the command modules, then `version`."""
    if _loaded:
        return
    _loaded.append(True)
    for module in COMMAND_MODULES:
        import_module(module)
    app.command("version")(version_command)


def command_names() -> Tuple[str, ...]:
    """Every name a command line may start with: commands and command groups."""
    load_commands()
    return (*(info.name for info in app.registered_commands if info.name), *COMMAND_GROUPS)


def app_for(argv: List[str]) -> typer.Typer:
    """The app to run: only the command asked for, when one is. typer inspects every
    registered command on each run (about 1 ms apiece), a cost a compile need not pay."""
    load_commands()
    name = next((word for word in argv if not word.startswith("-")), None)
    for info in app.registered_commands:
        if info.name == name:
            single = _single_app()
            single.registered_commands.append(_ready(info))
            return single
    if name is not None and name in COMMAND_GROUPS:
        single = _single_app()
        single.add_typer(_group(name), name=name)
        return single
    for info in app.registered_commands:
        _ready(info)
    for group in COMMAND_GROUPS:
        if group not in _groups_added:
            _groups_added.add(group)
            app.add_typer(_group(group), name=group)
    return app


def _single_app() -> typer.Typer:
    single = typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @single.callback()
    def _group() -> None:
        """pcsgen"""  # a group, so that argv keeps the command's name

    return single


def command_app() -> typer.Typer:
    """The whole command line as a typer app, every command ready to run (for typer's
    test runner, documentation and completion tools; `main` builds only what it runs)."""
    return app_for([])


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"pcsgen {__version__}")
        raise typer.Exit(0)


@app.callback()
def _pcsgen(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_show_version,
            help="Print pcsgen's version and exit.",
        ),
    ] = False,
) -> None:
    """The options of pcsgen itself (the help text is the app's)."""


def version_command() -> None:
    """Print pcsgen's version."""
    typer.echo(__version__)
