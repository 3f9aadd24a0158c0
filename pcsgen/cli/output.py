"""What a command tells its user besides its own output: diagnostics on stderr, the files
it wrote, and its exit status (0 done, 1 error, 2 done with warnings).

`reported_failure` is the one way a `PcsgenError` becomes output and an exit status."""

import os
import sys
from contextlib import contextmanager
from typing import Iterator, NoReturn, Optional, Sequence

import typer

from pcsgen.diagnostics import Diagnostics, PcsgenError


def print_diagnostics(diagnostics: Diagnostics, lang: str) -> None:
    from pcsgen.diagnostics.formats import format_text

    stream = sys.stderr
    colour = stream.isatty() and os.environ.get("NO_COLOR") is None
    stream.write(format_text(diagnostics, lang, colour))


def say_written(paths: Sequence[str], lang: str, quiet: bool) -> None:
    if not quiet:
        from pcsgen.diagnostics.messages import text

        sys.stderr.write(text("wrote", lang, paths=", ".join(paths)) + "\n")


def finish(
    diagnostics: Diagnostics, lang: str, written: Sequence[str] = (), quiet: bool = False
) -> NoReturn:
    """End a command that did its work: its diagnostics, the files it wrote, and the
    status its diagnostics give."""
    print_diagnostics(diagnostics, lang)
    if written:
        say_written(written, lang, quiet)
    raise typer.Exit(diagnostics.exit_status())


@contextmanager
def reported_failure(
    lang: str, status: int = 1, run: Optional[Diagnostics] = None
) -> Iterator[None]:
    """A `PcsgenError` raised inside ends the command: its diagnostics on stderr (after
    those RUN gathered before it, when given), then exit STATUS."""
    try:
        yield
    except PcsgenError as exc:
        found = exc.diagnostics
        if run is not None:
            run.extend(found)
            found = run
        print_diagnostics(found, lang)
        raise typer.Exit(status) from None
