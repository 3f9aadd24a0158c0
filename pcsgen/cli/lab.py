"""The lab's commands: `pcsgen lab up|status|exec|power|apply|down` and `pcsgen test run`,
registered on pcsgen's command line by `pcsgen.cli`. Options in, one call to
`pcsgen.lab`, messages and exit status out. (No postponed annotations: typer on Python
3.9 loses `Annotated` metadata given as strings.)"""

import signal
import sys
from typing import Annotated, Any, List, Optional

import typer

from pcsgen.cli.output import print_diagnostics, reported_failure
from pcsgen.cli.parameters import (
    FileArgument,
    LangOption,
    ShowSecretsOption,
    VarOption,
    VarsOption,
    chosen_language,
)

lab_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="A real corosync + Pacemaker cluster on this machine (root, Linux).",
)
test_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Run a design's failure test plan on the lab's real cluster.",
)

NameOption = Annotated[
    str, typer.Option("--name", metavar="LAB", help="Which lab (several may run side by side).")
]


def _say(code: str, language: str, **args: Any) -> None:
    from pcsgen.diagnostics import Diagnostics

    diagnostics = Diagnostics()
    diagnostics.add(code, None, **args)
    print_diagnostics(diagnostics, language)
    sys.stderr.flush()


def _interrupt_on_term() -> None:
    """SIGTERM as Ctrl-C: whatever runs restores and tears down before leaving."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _compile_options(
    var: Optional[List[str]], vars_file: Optional[List[str]], corosync_conf: Optional[str] = None
) -> Any:
    from pcsgen.api.options import Options

    return Options(corosync_conf=corosync_conf, variables=var or [], vars_files=vars_file or [])


@lab_app.command("up")
def up_command(
    definition: FileArgument,
    nodes: Annotated[
        int, typer.Option("--nodes", "-n", min=1, help="Nodes, when the definition names none.")
    ] = 2,
    name: NameOption = "lab",
    var: VarOption = None,
    vars_file: VarsOption = None,
    lang: LangOption = None,
) -> None:
    """Start a lab cluster with the nodes of DEFINITION; list the stand-ins it will use."""
    from pcsgen.api import split_spec
    from pcsgen.diagnostics import PcsgenError
    from pcsgen.lab import design, lifecycle

    language = chosen_language(lang)
    _interrupt_on_term()
    with reported_failure(language):
        path, sheet = split_spec(definition)
        names = design.node_names(path, sheet, _compile_options(var, vars_file), nodes)
        started = lifecycle.up(name, names, design.cluster_name(path, sheet), definition)
    _say(
        "PG913",
        language,
        name=name,
        nodes=", ".join(names),
        quorate=f"{started.quorate_after:.1f}",
        dc=f"{started.dc_after:.1f}",
    )
    try:
        from pcsgen.lab.push import lab_design

        found, _ = lab_design(started.lab, path, sheet, _compile_options(var, vars_file))
        _report_design(found, language)
    except PcsgenError as exc:  # the lab runs; the design is for `lab apply` to judge
        print_diagnostics(exc.diagnostics, language)
    raise typer.Exit(0)


def _report_design(design: Any, language: str) -> None:
    """Every stand-in and every address moved, each with its reason."""
    from pcsgen.diagnostics.messages import render

    for item in design.standins:
        reasons = [render(item.reason, language, item.reason_args)]
        if "name" in item.reason_args:
            reasons.append(render("PG935", language, item.reason_args))
        _say(
            "PG911",
            language,
            id=item.id,
            agent=item.agent,
            standin=item.standin,
            reason=" / ".join(reasons),
        )
    for rewrite in design.rewrites:
        _say("PG912", language, id=rewrite.id, old=rewrite.old, new=rewrite.new)


def apply_in_lab(definition: str, name: str, options: Any, language: str) -> None:
    """Push DEFINITION into the running lab NAME; exit 0, or 1 when refused or unsettled."""
    from pcsgen.api import split_spec
    from pcsgen.lab import push, state

    _interrupt_on_term()
    with reported_failure(language):
        lab = state.load(name)
        path, sheet = split_spec(definition)
        pushed = push.push(lab, path, sheet, options)
    print_diagnostics(pushed.diagnostics, language)
    _report_design(pushed.design, language)
    if pushed.settled_after is None:
        _say("PG921", language, seconds=push.SETTLE_TIMEOUT)
        raise typer.Exit(1)
    _say("PG919", language, name=name, epoch=pushed.epoch, seconds=f"{pushed.settled_after:.1f}")
    raise typer.Exit(0)


@lab_app.command("apply")
def lab_apply_command(
    definition: FileArgument,
    name: NameOption = "lab",
    var: VarOption = None,
    vars_file: VarsOption = None,
    lang: LangOption = None,
) -> None:
    """Push a definition (pcsgen's compile, with stand-ins) into the running lab."""
    apply_in_lab(definition, name, _compile_options(var, vars_file), chosen_language(lang))


@lab_app.command("status")
def status_command(
    name: NameOption = "lab",
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="text|json", help="text or json.")
    ] = "text",
    lang: LangOption = None,
) -> None:
    """Each node's power and address, and the cluster as a running node sees it."""
    import json

    from pcsgen.lab import lifecycle, state

    language = chosen_language(lang)
    with reported_failure(language):
        lab = state.load(name)
        pids = lifecycle.pids(lab)
        running = [n for n, pid in pids.items() if pid is not None]
        monitor = lifecycle.run_in(lab, running[0], ["crm_mon", "-1"]).stdout if running else ""
    if output_format == "json":
        sys.stdout.write(
            json.dumps(
                {
                    "name": lab.name,
                    "nodes": [
                        {
                            "name": n.name,
                            "ip": n.ip,
                            "power": "on" if pids.get(n.name) else "off",
                            "pid": pids.get(n.name),
                        }
                        for n in lab.nodes
                    ],
                    "crm_mon": monitor,
                },
                indent=2,
            )
            + "\n"
        )
    else:
        for lab_node in lab.nodes:
            power = "on" if pids.get(lab_node.name) else "off"
            sys.stdout.write(f"{lab_node.name}\t{lab_node.ip}\t{power}\n")
        from pcsgen.diagnostics.formats import visible

        sys.stdout.write(visible(monitor))
    raise typer.Exit(0)


@lab_app.command("exec", context_settings={"ignore_unknown_options": True})
def exec_command(
    node: Annotated[str, typer.Argument(help="The lab node to run in.")],
    command: Annotated[
        Optional[List[str]], typer.Argument(help="The command and its arguments, after --.")
    ] = None,
    name: NameOption = "lab",
    lang: LangOption = None,
) -> None:
    """Run a command inside a lab node (crm_mon, cibadmin, crm_resource ...)."""
    import subprocess

    from pcsgen.diagnostics import PcsgenError
    from pcsgen.lab import lifecycle, state

    language = chosen_language(lang)
    words = [w for w in (command or [])]
    if words and words[0] == "--":
        words = words[1:]
    with reported_failure(language):
        if not words:
            raise PcsgenError("PG918", None)
        lab = state.load(name)
        argv = lifecycle.node_command(lab, node, words)
    raise typer.Exit(subprocess.call(argv))


@lab_app.command("power")
def power_command(
    node: Annotated[str, typer.Argument(help="The lab node.")],
    action: Annotated[str, typer.Argument(metavar="on|off|reboot|status")],
    name: NameOption = "lab",
    lang: LangOption = None,
) -> None:
    """Use the lab's power switch by hand, as one would pull a plug."""
    from pcsgen.diagnostics import PcsgenError
    from pcsgen.lab import state, switch

    language = chosen_language(lang)
    with reported_failure(language):
        lab = state.load(name)
        lab.node(node)
        if action not in ("on", "off", "reboot", "status"):
            raise PcsgenError(
                "PG541", None, option="ACTION", value=action, allowed="on, off, reboot, status"
            )
        try:
            answer = switch.ask(lab, f"{action} {node}")
        except OSError as exc:
            raise PcsgenError("PG910", None, reason=str(exc)) from None
    if answer:
        sys.stdout.write(answer + "\n")
    raise typer.Exit(0)


@lab_app.command("down")
def down_command(
    name: NameOption = "lab",
    lang: LangOption = None,
) -> None:
    """Stop the lab: no process, namespace, mount or file of it is left."""
    from pcsgen.lab import lifecycle

    language = chosen_language(lang)
    with reported_failure(language):
        lifecycle.down(name)
    _say("PG914", language, name=name)
    raise typer.Exit(0)


@test_app.command("run")
def test_run_command(
    definition: FileArgument,
    lab: Annotated[
        bool,
        typer.Option("--lab", help="Run on the lab's real cluster (the only place it runs today)."),
    ] = False,
    name: NameOption = "lab",
    kind: Annotated[
        Optional[List[str]],
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only scenarios of this kind (repeatable): node-failure, monitor-failure, "
            "attribute-change ...",
        ),
    ] = None,
    subject: Annotated[
        Optional[List[str]],
        typer.Option(
            "--subject",
            metavar="NAME",
            help="Only scenarios about this node, resource or attribute (repeatable).",
        ),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option(
            "--output",
            "-o",
            metavar="RESULT.json|RESULT.xlsx",
            help="Write the results there: JSON, or the test-plan workbook with its result "
            "columns filled when the name ends in .xlsx (the JSON then goes to standard "
            "output). Default: JSON on standard output.",
        ),
    ] = None,
    keep: Annotated[
        bool, typer.Option("--keep", help="Leave a lab this run started running afterwards.")
    ] = False,
    var: VarOption = None,
    vars_file: VarsOption = None,
    show_secrets: ShowSecretsOption = False,
    lang: LangOption = None,
) -> None:
    """Run every scenario of `simulate --scenarios` for real and compare each outcome with
    the simulated one. Exit 1 when a scenario differs."""
    import json

    from pcsgen.diagnostics import PcsgenError
    from pcsgen.lab import testrun

    language = chosen_language(lang)
    if not lab:
        with reported_failure(language):
            raise PcsgenError("PG542", None, name="--lab")
    _interrupt_on_term()

    def progress(code: str, args: Any) -> None:
        _say(code, language, **args)

    try:
        with reported_failure(language):
            result = testrun.run(
                definition,
                name,
                _compile_options(var, vars_file),
                kind or [],
                subject or [],
                keep,
                language,
                progress,
                show_secrets,
            )
    except KeyboardInterrupt:
        _say("PG925", language)
        raise typer.Exit(130) from None
    report = json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if output is not None and output.lower().endswith(".xlsx") and result.simulation is not None:
        from pcsgen.lab.workbook import workbook

        with open(output, "wb") as book:
            book.write(workbook(result.simulation, result.outcomes, language))
        output = None
    if output is None:
        from pcsgen.diagnostics.formats import visible_json

        sys.stdout.write(visible_json(report))
    else:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(report)
    summary = result.as_dict()["summary"]
    assert isinstance(summary, dict)
    _say(
        "PG926",
        language,
        passed=summary["OK"],
        failed=summary["NG"],
        skipped=summary["not run"],
        run=summary["OK"] + summary["NG"],
    )
    raise typer.Exit(1 if result.failed else 0)
