"""`main`: the command line from argv to exit status."""

import gc
import sys
from typing import List, Optional

from pcsgen.cli.argv import completing, unknown_command, with_default_command
from pcsgen.cli.crash import run_app
from pcsgen.cli.registry import COMMAND_GROUPS, app_for, command_names
from pcsgen.cli.usage import did_you_mean, fail_usage
from pcsgen.diagnostics import Diagnostics


def main(argv: Optional[List[str]] = None) -> None:
    """Run the command line (ARGV, else the process's) and exit with its status."""
    gc.disable()  # as the entry point does (pcsgen.__main__), for callers of main()
    given = list(sys.argv[1:] if argv is None else argv)
    if not given and not completing():
        given = ["--help"]  # as every click version shows it: on stdout, status 0
    names = command_names()
    unknown = unknown_command(given, names)
    if unknown is not None and not completing():
        import difflib

        diagnostics = Diagnostics()
        close = difflib.get_close_matches(unknown, list(names), n=1)
        diagnostics.error("PG544", None, command=unknown, hint=did_you_mean(close))
        fail_usage(diagnostics, given)
    args = with_default_command(given, names, tuple(COMMAND_GROUPS))
    sys.exit(run_app(app_for(args), args))
