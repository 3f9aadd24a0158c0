"""`python -m pcsgen` and the `pcsgen` command: the process's entry point."""

import gc
import os
import sys
from typing import Union


def run() -> None:
    """Run the command line as a process of its own, and end that process."""
    # One short process that frees little: the cycle collector would scan, again and
    # again, the objects each import makes (typer's, lxml's, jinja2's and pcsgen's)
    # and later every cell and element of a large definition (more than half the
    # time), for garbage that reference counting frees anyway. So it is off before
    # the first import.
    gc.disable()
    from pcsgen.cli import main

    try:
        main()
    except SystemExit as exc:
        end(exc.code)
    end(0)


def end(code: Union[int, str, None]) -> None:
    """Exit with what `sys.exit(code)` would, without the interpreter's teardown: it
    frees every module and object one by one (20 ms and more, longer than a small
    compile's own work) for memory the system takes back at once. Every file pcsgen
    writes is closed by then; only the standard streams may hold output."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        _write_error(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            pass  # the reader is gone (`pcsgen ... | head`): nothing is owed to it
        except ValueError:
            pass  # a stream closed by the program
        except OSError as exc:  # a full disk, a quota: the output is lost, say so
            _write_error(f"pcsgen: cannot write the output: {exc.strerror or exc}\n")
            status = 120  # as Python's own exit does
    os._exit(status & 0xFF)  # as the system reads sys.exit's status


def _write_error(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    run()
