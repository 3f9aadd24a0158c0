"""Hostile and broken workbooks and CSV files: a located message, never a traceback."""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any, List

import openpyxl
import pytest

from tests.definitions import minimal, write_csv, write_xlsx
from tests.helpers import run_compile, run_pcsgen

# a table of free names and values to carry cells through (a cluster property must be one
# the target knows, PG450; a resource default may be any meta attribute)
PROPERTY_ROWS: List[List[Any]] = [[None, "RSC_DEFAULTS"], [None, None, "name", "value"]]


def _book(path: Path, rows: List[List[Any]], title: str = "def") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("junk.xlsx", b"hello, I am not a workbook", "PG004"),
        ("cut.xlsx", b"PK\x03\x04" + b"\x00" * 40, "PG004"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "PG011"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "PG002"),
        ("calc.ods", b"PK\x03\x04", "PG002"),
        ("empty.csv", b"", "PG016"),
        ("blank.csv", b"\r\n\r\n  \n", "PG016"),
        ("nul.csv", b",PROPERTY\n,,name,value\n,,a\x00,b\n", "PG015"),
        ("binary.csv", b",PROPERTY\n,,name,value\n,,\xff\xfe\xff,b\n", "PG003"),
    ],
)
def test_unreadable_files(name: str, data: bytes, code: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(data)
    result = run_compile(tmp_path, name)
    assert result.returncode == 1
    assert f"{name}: error {code}:" in result.stderr


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = _book(tmp_path / "bomb.xlsx", PROPERTY_ROWS + [[None, None, "a", "b"]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\x00" * (12 * 1024 * 1024))
    result = run_compile(tmp_path, "bomb.xlsx")
    assert result.returncode == 1 and "bomb.xlsx: error PG012:" in result.stderr


def test_declared_million_rows_read_only_what_is_there(tmp_path: Path) -> None:
    path = _book(tmp_path / "wide.xlsx", PROPERTY_ROWS + [[None, None, "a", "b"]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    result = run_compile(tmp_path, "wide.xlsx", "--xml", "w.xml", "--sh", "w.sh")
    assert result.returncode in (0, 2), result.stderr
    assert 'name="a" value="b"' in (tmp_path / "w.xml").read_text()


def test_cell_values_as_a_user_typed_them(tmp_path: Path) -> None:
    rows = PROPERTY_ROWS + [
        [None, None, "whole", 24.0],
        [None, None, "fraction", 0.1],
        [None, None, "large", 12345678901234567890.0],
        [None, None, "flag", True],
        [None, None, "\u3000spaced\u3000", " \u3000 value \t"],
        [None, None, "day", datetime.datetime(2026, 1, 2)],
    ]
    _book(tmp_path / "typed.xlsx", rows)
    result = run_compile(tmp_path, "typed.xlsx", "--xml", "t.xml", "--sh", "t.sh")
    assert result.returncode == 2, result.stderr
    text = (tmp_path / "t.xml").read_text()
    for name, value in [
        ("whole", "24"),
        ("fraction", "0.1"),
        ("large", "1.23456789012346e+19"),
        ("flag", "true"),
        ("spaced", "value"),
        ("day", "2026-01-02"),
    ]:
        assert f'name="{name}" value="{value}"' in text
    assert "typed.xlsx:def!D8: warning PG017:" in result.stderr


def test_error_cells_and_formulas_without_values(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "calc.xlsx", PROPERTY_ROWS + [[None, None, "a", "=1+1"], [None, None, "b", "x"]]
    )
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["D4"].value = "#N/A"
    sheet["D4"].data_type = "e"
    book.save(path)
    result = run_compile(tmp_path, "calc.xlsx")
    assert result.returncode == 1
    assert "calc.xlsx:def!D3: warning PG014:" in result.stderr
    assert "calc.xlsx:def!D4: error PG013:" in result.stderr


def test_merged_marker_cells(tmp_path: Path) -> None:
    path = _book(tmp_path / "merged.xlsx", PROPERTY_ROWS + [[None, None, "a", "b"]])
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("B1:D1")
    book.save(path)
    result = run_compile(tmp_path, "merged.xlsx", "--xml", "m.xml", "--sh", "m.sh")
    assert result.returncode in (0, 2), result.stderr
    assert 'name="a" value="b"' in (tmp_path / "m.xml").read_text()


def test_hidden_sheets_are_compiled_only_when_named(tmp_path: Path) -> None:
    path = write_xlsx(minimal(), tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path)
    hidden = book.copy_worksheet(book["minimal"])
    hidden.title = "old"
    hidden.sheet_state = "hidden"
    book.save(path)
    chosen = run_compile(tmp_path, "book.xlsx")
    assert chosen.returncode in (0, 2), chosen.stderr
    assert (tmp_path / "minimal.xml").exists()
    named = run_compile(tmp_path, "book.xlsx:old")
    assert named.returncode in (0, 2), named.stderr
    assert (tmp_path / "old.xml").exists()


@pytest.mark.parametrize("value,char", [("a\x07b", "0007"), ("x\x1by", "001B"), ("\x00", "0000")])
def test_control_characters_are_refused_at_their_cell(
    value: str, char: str, tmp_path: Path
) -> None:
    (tmp_path / "ctl.csv").write_text(f',PROPERTY\n,,name,value\n,,a,"{value}"\n', encoding="utf-8")
    result = run_compile(tmp_path, "ctl.csv")
    assert result.returncode == 1
    code = "PG015" if char == "0000" else "PG217"
    where = "ctl.csv" if code == "PG015" else "ctl.csv!D3"
    assert f"{where}: error {code}:" in result.stderr
    if code == "PG217":
        assert f"U+{char}" in result.stderr


def test_oversized_csv_cell(tmp_path: Path) -> None:
    (tmp_path / "big.csv").write_text(",PROPERTY\n,,name,value\n,,a," + "x" * 40000 + "\n")
    result = run_compile(tmp_path, "big.csv")
    assert result.returncode == 1 and "big.csv!D3: error PG010:" in result.stderr


def test_mixed_line_endings(tmp_path: Path) -> None:
    (tmp_path / "mixed.csv").write_bytes(b",RSC_DEFAULTS\r\n,,name,value\n,,a,b\r,,c,d\r\n")
    result = run_compile(tmp_path, "mixed.csv")
    assert result.returncode in (0, 2), result.stderr
    text = (tmp_path / "mixed.xml").read_text()
    assert 'name="a" value="b"' in text and 'name="c" value="d"' in text


def test_output_into_a_missing_directory(tmp_path: Path) -> None:
    write_csv(minimal(), tmp_path / "minimal.csv")
    result = run_compile(tmp_path, "minimal.csv", "--xml", "no/such/dir/x.xml")
    assert result.returncode == 1 and "PG501" in result.stderr
    assert not (tmp_path / "minimal.sh").exists()


@pytest.mark.parametrize("name", ["fifo.csv", "fifo.xlsx"])
def test_a_definition_that_is_a_fifo_is_refused_not_waited_on(name: str, tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer: without the check, compiling one never ends."""
    os.mkfifo(tmp_path / name)
    result = run_compile(tmp_path, name)
    assert result.returncode == 1, result.stderr
    assert f"{name}: error PG001:" in result.stderr and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_refusals_of_hostile_files_speak_japanese_whole(tmp_path: Path) -> None:
    """The reasons of these refusals were English text inside the Japanese message."""
    (tmp_path / "huge.csv").write_text(',PROPERTY\n,,name,value\n,,a,"' + "x" * 200_000 + '"\n')
    result = run_compile(tmp_path, "huge.csv", "--lang", "ja")
    assert result.returncode == 1 and "huge.csv!3: エラー PG008:" in result.stderr, result.stderr
    assert "131072 文字を超えるフィールド" in result.stderr
    write_csv(minimal(), tmp_path / "minimal.csv")
    result = run_compile(tmp_path, "minimal.csv", "--xml", "/dev/null", "--lang", "ja")
    assert result.returncode == 1 and "(キャラクタデバイス)" in result.stderr, result.stderr
    for result in (
        run_compile(tmp_path, "huge.csv", "--lang", "ja"),
        run_compile(tmp_path, "minimal.csv", "--xml", "/dev/null", "--lang", "ja"),
    ):
        message = result.stderr.split(": ", 2)[-1]
        assert not re.search(r"[A-Za-z]{4,}", message.replace("/dev/null", "")), message


def test_what_a_terminal_would_act_on_is_shown_escaped(tmp_path: Path) -> None:
    """A value quoted in a message or listed by `vars` reached the terminal as written:
    an ESC sequence retitled the window or cleared the screen, a right-to-left mark
    turned the line around."""
    write_csv(
        minimal(),
        tmp_path / "book.csv",
    )
    text = (tmp_path / "book.csv").read_text(encoding="utf-8")
    (tmp_path / "book.csv").write_text(text.replace("d1", "d\u202e1", 1), encoding="utf-8")
    result = run_compile(tmp_path, "book.csv")
    assert result.returncode == 1 and "'d\\u202e1'" in result.stderr, result.stderr
    assert "\u202e" not in result.stderr
    (tmp_path / "v.csv").write_text(",PROPERTY\n,,name,value\n,,a,{{ x }}\n", encoding="utf-8")
    (tmp_path / "v.json").write_text('{"x": "\\u001b]0;owned\\u0007\\u001b[2J"}', encoding="utf-8")
    result = run_pcsgen(["vars", "v.csv", "--vars", "v.json"], tmp_path)
    assert "x = \\x1b]0;owned\\x07\\x1b[2J [file v.json]" in result.stdout, result.stdout
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
