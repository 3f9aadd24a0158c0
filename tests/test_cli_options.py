"""The command line's options and help texts, as users meet them, on every Python pcsgen
supports. typer reads both from the parameters' annotations; where those are strings
(postponed evaluation, `from __future__ import annotations`), typer 0.9 to 0.23 on
Python 3.9 loses the `Annotated` metadata: `-o`, `--example` and `--vars` were unknown
options there and every help text was empty."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.helpers import SAMPLES, run_pcsgen


def test_every_command_and_option_has_its_names_and_help() -> None:
    import typer

    from pcsgen.cli import command_app

    # click's objects, read by their attributes: typer 0.9 uses click itself, recent
    # releases a copy of it of their own
    group = typer.main.get_command(command_app())
    declared = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"{name}: no help text"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {'/'.join(param.opts)}: no help text"
                declared[name, param.name] = set(param.opts)
    # the options users type, under the names the README gives them
    assert {"--output", "-o"} <= declared["import", "output"]
    assert "--example" in declared["template", "example_name"]
    assert "--vars" in declared["vars", "vars_file"]
    assert {"--xml", "--sh", "--target", "--corosync-conf"} <= {
        opt for (command, _), opts in declared.items() if command == "compile" for opt in opts
    }


def test_help_shows_the_options_and_their_texts(tmp_path: Path) -> None:
    result = run_pcsgen(["import", "--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "-o" in result.stdout and "The definition to write." in result.stdout
    assert "Turn an existing CIB into a definition workbook" in result.stdout


def test_template_with_an_example(tmp_path: Path) -> None:
    result = run_pcsgen(["template", "t.xlsx", "--example", "haproxy-lb"], tmp_path)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    # the example's resources, not only the empty tables
    assert any(
        cell == "haproxy"
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    )


def test_import_to_a_named_output(tmp_path: Path) -> None:
    compiled = run_pcsgen(
        [
            str(SAMPLES / "dummy-lab.csv"),
            "--var",
            "node=node1",
            "--corosync-conf",
            "",
            "--xml",
            "lab.xml",
            "--sh",
            "lab.sh",
        ],
        tmp_path,
    )
    assert compiled.returncode in (0, 2), compiled.stderr
    result = run_pcsgen(["import", "lab.xml", "-o", "out.xlsx"], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert any(
        cell == "web-server"
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    )


def test_vars_from_a_file(tmp_path: Path) -> None:
    result = run_pcsgen(
        [
            "vars",
            str(SAMPLES / "haproxy-lb-vars.xlsx"),
            "--vars",
            str(SAMPLES / "vars" / "staging.json"),
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "vip = 192.0.2.110 [file " in result.stdout
