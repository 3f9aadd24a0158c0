"""The command line's options: declared once, shared by the commands that take them, and
turned into the `Options` the API takes.

No `from __future__ import annotations` here or in any command module: typer reads the
options from the annotations, and where those are strings typer 0.9 to 0.23 on Python 3.9
loses the `Annotated` metadata (names and help texts)."""

import functools
import inspect
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Callable, List, Optional

import typer

if TYPE_CHECKING:
    from pcsgen.api.options import Options


def target_names() -> List[str]:
    from pcsgen.generations import all_target_names

    return all_target_names()


def _valid_target(value: str) -> str:
    """--target takes every minor release (rhel8.4) and every generation's name (rhel8):
    names from the data, hence a string checked here rather than a fixed choice."""
    if value not in target_names():
        raise typer.BadParameter(value)
    return value


def _complete_target(incomplete: str) -> List[str]:
    return [name for name in target_names() if name.startswith(incomplete)]


# --target's help, made from the targets' data when the options are declared (its
# Japanese is help_texts.HELP_TARGET_JA); a plain template, so that declaring the
# options loads no catalogue
TARGET_HELP = (
    "RHEL release to write for: a minor release ({ranges}), or a major one for its "
    "newest minor ({newest})."
)


def _target_help() -> str:
    from pcsgen.generations import target_ranges

    ranges, newest = target_ranges()
    return TARGET_HELP.format(ranges=ranges, newest=newest)


class Lang(str, Enum):
    en = "en"
    ja = "ja"


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


def chosen_language(value: Optional[Lang]) -> str:
    """The language of messages: the one asked for, else the locale's."""
    if value is not None:
        return value.value
    from pcsgen.diagnostics.language import default_lang

    return default_lang()


FileArgument = Annotated[
    str, typer.Argument(help="Definition: BOOK.xlsx, BOOK.xlsx:SHEET or FILE.csv")
]
ConfigurationArgument = Annotated[str, typer.Argument(help="A definition or a CIB file.")]
SheetOption = Annotated[
    Optional[str], typer.Option("--sheet", "-s", help="Sheet of the workbook to read.")
]
TargetOption = Annotated[
    str,
    typer.Option(
        "--target",
        "-t",
        metavar="RELEASE",
        callback=_valid_target,
        autocompletion=_complete_target,
        help=_target_help(),
    ),
]
CorosyncOption = Annotated[
    Optional[str],
    typer.Option(
        "--corosync-conf",
        metavar="PATH",
        help="A corosync.conf, or a CIB whose <nodes> give the node ids (default: "
        "/etc/corosync/corosync.conf when the NODE table needs ids or for rhel10; '' for "
        "none).",
    ),
]
LangOption = Annotated[
    Optional[Lang], typer.Option("--lang", help="Language of messages (default: the locale).")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
VarOption = Annotated[
    Optional[List[str]],
    typer.Option(
        "--var",
        metavar="NAME=VALUE",
        help="Value of a {{ placeholder }} (repeatable; wins over --vars).",
    ),
]
VarsOption = Annotated[
    Optional[List[str]],
    typer.Option(
        "--vars", metavar="FILE", help="Variables from a JSON, TOML or YAML file (repeatable)."
    ),
]
SecretVarOption = Annotated[
    Optional[List[str]],
    typer.Option(
        "--secret-var",
        metavar="NAME",
        help="A variable never shown in messages or diffs (names such as *_password, "
        "*_secret, *_token or *_key are secret anyway).",
    ),
]
InventoryOption = Annotated[
    Optional[str],
    typer.Option(
        "--inventory",
        "-i",
        metavar="PATH",
        help="An Ansible inventory (file or folder, with group_vars/ and host_vars/ beside it): "
        "the definition sees a host's variables, groups and hostvars, as a play does "
        "(needs ansible-core: pip install 'pcsgen[ansible]').",
    ),
]
LimitOption = Annotated[
    Optional[str],
    typer.Option(
        "--limit",
        metavar="GROUP",
        help="With --inventory: the host is the first of GROUP (default: of the group holding "
        "the NODE table's nodes).",
    ),
]
HostOption = Annotated[
    Optional[str],
    typer.Option(
        "--host", metavar="NAME", help="With --inventory: the host whose variables are used."
    ),
]
SystemAgentsOption = Annotated[
    bool,
    typer.Option(
        "--system-agents/--no-system-agents",
        help="Read agent metadata from agents installed here (else only the built-in catalogue).",
    ),
]
AdditionalConfigOption = Annotated[
    bool,
    typer.Option(
        "--additional-config/--no-additional-config",
        help="Apply the ADDITIONAL_CONFIG commands to the CIB with this machine's pcs (only "
        "commands that edit a CIB run); --no-additional-config runs nothing and leaves them "
        "to the script.",
    ),
]
TextFormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace the output even when it is not a document pcsgen wrote and "
        "nobody changed since (a filled definition, a test plan with results).",
    ),
]
# The simulation's options, shared by `simulate` and `report`.
NodeOption = Annotated[
    Optional[List[str]],
    typer.Option("--node", metavar="NAME", help="A cluster node to simulate on (repeatable)."),
]
AttrOption = Annotated[
    Optional[List[str]],
    typer.Option(
        "--attr",
        metavar="NODE:NAME=VALUE",
        help="A node attribute of the steady state (repeatable), e.g. node01:ping-status=1; "
        "those published by ping, health and attribute agents are found without it.",
    ),
]
MaxSimulationsOption = Annotated[
    Optional[int],
    typer.Option(
        "--max-simulations",
        metavar="N",
        min=1,
        help="crm_simulate runs at most (default 50); the scenarios or failovers past it "
        "are left out.",
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Do not say which files were written.")
]
ShowSecretsOption = Annotated[
    bool,
    typer.Option(
        "--show-secrets",
        help="Show the values of secrets (passwords, keys, secret variables), "
        "which are otherwise reported as changed without them.",
    ),
]


def compile_options(
    target: str,
    corosync_conf: Optional[str],
    var: Optional[List[str]],
    vars_file: Optional[List[str]],
    secret_var: Optional[List[str]],
    system_agents: bool = True,
    additional_config: bool = True,
    inventory: Optional[str] = None,
    limit: Optional[str] = None,
    host: Optional[str] = None,
) -> "Options":
    """The compile options every command that reads a definition shares."""
    from pcsgen.api.options import AUTO, Options

    corosync = AUTO if corosync_conf is None else (corosync_conf or None)
    return Options(
        target=target,
        corosync_conf=corosync,
        system_agents=system_agents,
        apply_additional_config=additional_config,
        variables=var or [],
        vars_files=vars_file or [],
        secret_variables=secret_var or [],
        inventory=inventory,
        limit=limit,
        host=host,
    )


# The options of every command that reads a definition: `with_definition_options` adds
# them to the command's signature (typer reads it) and hands the command one Options and
# the language instead.
DEFINITION_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
    for name, kind, default in (
        ("target", TargetOption, "rhel9"),
        ("corosync_conf", CorosyncOption, None),
        ("var", VarOption, None),
        ("vars_file", VarsOption, None),
        ("secret_var", SecretVarOption, None),
        ("inventory", InventoryOption, None),
        ("limit", LimitOption, None),
        ("host", HostOption, None),
        ("system_agents", SystemAgentsOption, True),
        ("additional_config", AdditionalConfigOption, True),
        ("lang", LangOption, None),
        ("debug", DebugOption, False),
    )
]


def with_definition_options(command: Callable[..., None]) -> Callable[..., None]:
    """COMMAND, whose last two parameters are `options: Options` and `language: str`, as
    typer must see it: taking the shared options in their place."""
    # a string annotation is the command module's own source text (postponed evaluation)
    namespace = getattr(command, "__globals__", {})
    own = [
        p.replace(annotation=eval(p.annotation, namespace))  # noqa: S307
        if isinstance(p.annotation, str)
        else p
        for p in list(inspect.signature(command).parameters.values())[:-2]
    ]
    parameters = own + DEFINITION_PARAMETERS

    @functools.wraps(command)
    def run(**values: Any) -> None:
        shared = {p.name: values.pop(p.name) for p in DEFINITION_PARAMETERS}
        chosen = compile_options(
            shared["target"],
            shared["corosync_conf"],
            shared["var"],
            shared["vars_file"],
            shared["secret_var"],
            shared["system_agents"],
            shared["additional_config"],
            shared["inventory"],
            shared["limit"],
            shared["host"],
        )
        command(**values, options=chosen, language=chosen_language(shared["lang"]))

    del run.__wrapped__  # typer must read the signature below, not the command's
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run
