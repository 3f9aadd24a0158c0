"""The pcsgen command line: options in, one call to `pcsgen.api`, output and exit status
out (0 done, 1 error, nothing written; 2 done with warnings).

    registry.py       the typer app (`app`), where commands and command groups are
                      registered, and the app one run builds
    parameters.py     the options, declared once, and the `Options` they make
    commands.py, cluster_commands.py, design_commands.py
                      the commands: options in, one API call, output and exit status
    output.py         diagnostics, files written, and how a failure ends a command
    argv.py           the command line as typed: default command, mistyped command
    usage.py          usage errors as pcsgen's own messages
    crash.py          typer's failures, interrupts, and the crash handler
    command_line.py   `main`, which runs it all
"""

from pcsgen.cli.command_line import main
from pcsgen.cli.registry import COMMAND_GROUPS, app, command_app, command_names

# The commands (not `version`, pcsgen's own), as the default command reads them.
SUBCOMMANDS = tuple(name for name in command_names() if name != "version")

__all__ = ["COMMAND_GROUPS", "SUBCOMMANDS", "app", "command_app", "main"]
