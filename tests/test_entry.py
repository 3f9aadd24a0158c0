"""The process entry point ends the process without the interpreter's teardown: the
status and every byte of output must be what `sys.exit` would have given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _environment() -> dict:
    """Python as users start it: its standard output buffered."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    environment.pop("PYTHONUNBUFFERED", None)
    return environment


def _run(code: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=False,
        env=_environment(),
        timeout=60,
    )


@pytest.mark.parametrize(
    ("code", "status", "stderr"),
    [
        ("None", 0, b""),
        ("0", 0, b""),
        ("2", 2, b""),
        ("130", 130, b""),
        ("-1", 255, b""),
        ("'pcsgen: stopped'", 1, b"pcsgen: stopped\n"),
    ],
)
def test_status_is_what_sys_exit_gives(code: str, status: int, stderr: bytes) -> None:
    result = _run(f"from pcsgen.__main__ import end\nend({code})\nraise SystemExit(99)")
    assert (result.returncode, result.stderr) == (status, stderr)


def test_buffered_output_is_written_in_full() -> None:
    # far more than a pipe holds, written through both buffered streams
    result = _run(
        "import sys\nfrom pcsgen.__main__ import end\n"
        "sys.stdout.write('x' * 300000)\nsys.stderr.write('y' * 5000)\nend(2)"
    )
    assert result.returncode == 2
    assert result.stdout == b"x" * 300000 and result.stderr == b"y" * 5000


@pytest.mark.parametrize("ending", ["end(0)", "sys.exit(0)"])
def test_a_reader_gone_before_the_output_is_flushed(ending: str) -> None:
    """`pcsgen ... | head -c 10`: the output still in the buffer has nowhere to go. A
    plain exit then reports the broken pipe and exits 120; the entry point exits as
    the command meant, without a word."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom pcsgen.__main__ import end\n"
            "sys.stdout.write('x' * 100)\nsys.stdin.readline()\n" + ending,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdout.close()  # before the child flushes its 100 bytes
    _out, stderr = process.communicate(b"go\n", timeout=60)
    if ending == "sys.exit(0)":  # what the entry point spares its users
        assert process.returncode == 120 and b"BrokenPipeError" in stderr
    else:
        assert process.returncode == 0 and stderr == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_an_error() -> None:
    """A full disk is not a reader gone away: the output is lost, and the status says so."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys\nfrom pcsgen.__main__ import end\nsys.stdout.write('x' * 100)\nend(0)",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            env=_environment(),
            timeout=60,
        )
    assert result.returncode == 120
    assert result.stderr == b"pcsgen: cannot write the output: No space left on device\n"


def test_the_command_line_through_the_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pcsgen", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=60,
    )
    assert result.returncode == 0
    assert "Commands:" in result.stdout and "report" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "pcsgen", "--no-such-option"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=60,
    )
    assert result.returncode == 1 and "PG540" in result.stderr, result.stderr


def test_the_whole_command_line_is_a_typer_app() -> None:
    import typer

    from pcsgen.cli import SUBCOMMANDS, command_app

    group = typer.main.get_command(command_app())
    assert set(SUBCOMMANDS) <= set(group.commands)  # type: ignore[attr-defined]
    compile_options = {p.name for p in group.commands["compile"].params}  # type: ignore[attr-defined]
    assert {"target", "corosync_conf", "xml", "sh"} <= compile_options
