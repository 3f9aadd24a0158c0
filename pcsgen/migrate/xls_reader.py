"""Reading a legacy Excel 97-2003 workbook (.xls) into a grid, as the CSV and xlsx
readers do. xlrd reads the format; it is needed only for .xls files."""

from __future__ import annotations

import os
from typing import Any, List

from pcsgen.compiler.read.grid import MAX_CELL_CHARS, Grid, Row
from pcsgen.compiler.read.xlsx_cells import cell_text
from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason

# Bounds, so that a hostile file fails fast instead of filling the memory.
MAX_XLS_BYTES = 64 * 1024 * 1024
MAX_XLS_ROWS = 100_000
MAX_XLS_COLUMNS = 256  # the format's own limit


def _open(path: str, source: Source) -> Any:
    try:
        import xlrd
    except ImportError:
        raise PcsgenError("PG970", Location(source)) from None
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise PcsgenError("PG971", Location(source), reason=os_reason(exc)) from None
    if size > MAX_XLS_BYTES:
        raise PcsgenError(
            "PG971", Location(source), reason=Phrase("limit_bytes", {"limit": MAX_XLS_BYTES})
        )
    try:
        return xlrd.open_workbook(path, on_demand=True)
    except Exception as exc:  # xlrd raises many kinds on a damaged file
        raise PcsgenError(
            "PG971", Location(source), reason=f"{type(exc).__name__}: {exc}"
        ) from None


def sheet_names(path: str) -> List[str]:
    book = _open(path, Source(path))
    try:
        return list(book.sheet_names())
    finally:
        book.release_resources()


def read_xls(path: str, sheet: str) -> Grid:
    """The grid of SHEET: one list of cell texts per non-empty row."""
    import xlrd

    source = Source(path, sheet)
    book = _open(path, source)
    try:
        try:
            page = book.sheet_by_name(sheet)
        except xlrd.XLRDError:
            raise PcsgenError(
                "PG005", Location(Source(path)), sheet=sheet, sheets=", ".join(book.sheet_names())
            ) from None
        if page.nrows > MAX_XLS_ROWS:
            raise PcsgenError(
                "PG971", Location(source), reason=Phrase("limit_rows", {"limit": MAX_XLS_ROWS})
            )
        rows: List[Row] = []
        for index in range(page.nrows):
            texts: List[str] = []
            for column, cell in enumerate(page.row(index)[:MAX_XLS_COLUMNS], start=1):
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if cell.ctype == xlrd.XL_CELL_ERROR:
                    raise PcsgenError(
                        "PG013",
                        Location(source, index + 1, column),
                        value=xlrd.error_text_from_code.get(cell.value, "#ERR"),
                    )
                value = bool(cell.value) if cell.ctype == xlrd.XL_CELL_BOOLEAN else cell.value
                text = cell_text(value)
                if len(text) > MAX_CELL_CHARS:
                    raise PcsgenError(
                        "PG010",
                        Location(source, index + 1, column),
                        size=len(text),
                        limit=MAX_CELL_CHARS,
                    )
                if not text:
                    continue
                texts.extend([""] * (column - len(texts)))
                texts[column - 1] = text
            if texts:
                rows.append((index + 1, texts))
        return Grid(source, rows)
    finally:
        book.release_resources()
