"""The last word on a run: typer's and click's own failures, an interrupt, and the crash
handler, the one place an unexpected failure becomes a message instead of a traceback."""

import sys
import traceback
from typing import List, NoReturn

import typer

from pcsgen.cli.usage import fail_usage, kinds, usage_diagnostic


def run_app(app: typer.Typer, args: List[str]) -> int:
    """Run APP on ARGS; its exit status. Usage errors exit 1, as every other error: 2
    means done with warnings, and a CI step that accepts warnings must not pass a typo."""
    try:
        import typer.main

        from pcsgen.cli.localise import help_language, localised

        command = typer.main.get_command(app)
        with localised(command, help_language(args)):
            status = command(args=args, prog_name="pcsgen", standalone_mode=False)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        from pcsgen.diagnostics.messages import default_lang, text

        sys.stderr.write(f"pcsgen: {text('interrupted', default_lang())}\n")
        sys.exit(130)
    except Exception as exc:
        found = kinds(exc)
        if "UsageError" in found:
            fail_usage(usage_diagnostic(exc, args), args)
        if "ClickException" in found or "TyperException" in found:
            exc.show()  # type: ignore[attr-defined]
            sys.exit(1)
        if "Abort" in found:  # a question answered with ^C or ^D
            sys.stderr.write("\n")
            sys.exit(1)
        internal_error(exc, "--debug" in args)
    return status if isinstance(status, int) else 0


def internal_error(exc: Exception, debug: bool) -> NoReturn:
    """An unexpected failure as PG507, with the traceback only when DEBUG."""
    if debug:
        traceback.print_exc()
    from pcsgen.diagnostics.messages import default_lang, render

    reason = f"{type(exc).__name__}: {exc}"
    text = render("PG507", default_lang(), {"reason": reason})
    sys.stderr.write(f"pcsgen: error PG507: {text}\n")
    sys.exit(1)
