"""Excel workbooks (.xlsx, .xlsm) read into a grid, one sheet at a time: the rows streamed
with lxml, each cell's value turned into its text, the cells no definition holds reported
at their place."""

from __future__ import annotations

import datetime
from typing import Any, Iterator, List, Optional, Tuple

from pcsgen.compiler.read.grid import MAX_CELL_CHARS, Grid, Row
from pcsgen.compiler.read.xlsx_cells import (
    CELL_TAG,
    ErrorValue,
    Malformed,
    NoValueFormula,
    cell_text,
    cell_value,
    column_index,
)
from pcsgen.compiler.read.xlsx_package import (
    MAIN_NS,
    check_container,
    load_values_only,
    refuse_dtd,
)
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase

# Definition tables use about fifteen columns; reading far beyond is pointless
# and a declared dimension of XFD1048576 must not make us walk 16,384 columns.
MAX_COLUMNS = 128
MAX_ROWS = 1048576  # Excel's own limit


class Workbook:
    """An open workbook; sheets are read one at a time, on demand."""

    def __init__(self, path: str, display_name: str) -> None:
        self.path = path
        self.display_name = display_name
        source = Source(display_name)
        check_container(path, source)
        try:
            self._book, self._strings, self._dates = load_values_only(path, source)
        except PcsgenError:
            raise
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise PcsgenError(
                "PG004", Location(source), reason=f"{type(exc).__name__}: {exc}"
            ) from None

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def sheet_names(self) -> List[str]:
        return self._book.sheetnames

    def is_hidden(self, name: str) -> bool:
        return any(n == name and state != "visible" for n, state, _ in self._book.sheets)

    def _sheet_part(self, name: str) -> str:
        return next(part for n, _state, part in self._book.sheets if n == name)

    def _rows(self, name: str) -> Iterator[Tuple[int, List[Tuple[int, Any]]]]:
        """(row number, [(column, value)]) for every row the sheet's XML holds.

        openpyxl found the sheet, its shared strings and its date styles; the cells
        are streamed here with lxml, which is several times faster than openpyxl's
        cell-by-cell parser, and reads only the rows and cells present whatever
        dimension the file declares."""
        from lxml import etree

        archive = self._book._archive
        strings = self._strings
        dates = self._dates
        epoch = self._book.epoch
        row_tag = f"{{{MAIN_NS}}}row"
        source = Source(self.display_name, name)
        with archive.open(self._sheet_part(name)) as stream:
            context = etree.iterparse(
                stream,
                events=("end",),
                tag=row_tag,
                resolve_entities=False,
                no_network=True,
                huge_tree=True,
            )
            expected_row = 0
            for _event, row in context:
                if expected_row == 0:
                    refuse_dtd(row, source)
                number = _row_number(row.get("r"), expected_row + 1, source)
                expected_row = number
                cells: List[Tuple[int, Any]] = []
                next_column = 1
                for cell in row:
                    column = column_index(cell.get("r"), next_column)
                    if column < 1:
                        raise PcsgenError(
                            "PG020",
                            Location(source, number),
                            reason=f"bad cell reference {cell.get('r')!r}",
                        )
                    next_column = column + 1
                    # most cells of a styled sheet are empty: <c r="E7" s="3"/>
                    if len(cell) == 0 or column > MAX_COLUMNS or cell.tag != CELL_TAG:
                        continue
                    try:
                        value = cell_value(cell, strings, dates, epoch)
                    except Malformed as exc:
                        raise PcsgenError(
                            "PG020", Location(source, number, column), reason=str(exc)
                        ) from None
                    cells.append((column, value))
                # keep memory flat on large sheets
                row.clear()
                parent = row.getparent()
                if parent is not None:
                    while row.getprevious() is not None:
                        del parent[0]
                yield number, cells

    def looks_like_definition(self, name: str, markers: frozenset[str]) -> bool:
        """True when column B holds a table marker; stops at the first one."""
        try:
            for _number, cells in self._rows(name):
                for column, value in cells:
                    if column == 2 and isinstance(value, str) and value.strip().upper() in markers:
                        return True
        except PcsgenError:
            raise
        except Exception as exc:  # a damaged sheet: lxml and zipfile raise many kinds
            raise PcsgenError(
                "PG004",
                Location(Source(self.display_name, name)),
                reason=f"{type(exc).__name__}: {exc}",
            ) from None
        return False

    def read_sheet(self, name: str) -> Grid:
        source = Source(self.display_name, name)
        notes = Diagnostics()
        rows: List[Row] = []
        try:
            for number, cells in self._rows(name):
                if number > MAX_ROWS:
                    raise PcsgenError(
                        "PG012",
                        Location(source, number),
                        reason=Phrase("too_many_rows", {"count": MAX_ROWS}),
                    )
                texts: List[str] = []
                for column, value in cells:
                    if value is None or value == "":
                        continue
                    if isinstance(value, NoValueFormula):
                        notes.warning("PG014", Location(source, number, column))
                        continue
                    text = cell_text(value)
                    if len(text) > MAX_CELL_CHARS:
                        raise PcsgenError(
                            "PG010",
                            Location(source, number, column),
                            size=len(text),
                            limit=MAX_CELL_CHARS,
                        )
                    if isinstance(value, (datetime.date, datetime.time)):
                        notes.warning("PG017", Location(source, number, column), value=text)
                    elif isinstance(value, ErrorValue):
                        notes.error("PG013", Location(source, number, column), value=text)
                        continue
                    if len(texts) < column:
                        texts.extend([""] * (column - len(texts)))
                    texts[column - 1] = text
                if texts:
                    rows.append((number, texts))
        except PcsgenError:
            raise
        except Exception as exc:
            raise PcsgenError(
                "PG004", Location(source), reason=f"{type(exc).__name__}: {exc}"
            ) from None
        return Grid(source, rows, notes)


def _row_number(text: Optional[str], default: int, source: Source) -> int:
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= MAX_ROWS:
        if text.isdigit():
            raise PcsgenError(
                "PG012", Location(source), reason=Phrase("too_many_rows", {"count": MAX_ROWS})
            )
        raise PcsgenError("PG020", Location(source, default), reason=f"bad row number {text!r}")
    return int(text)


def open_workbook(path: str, display_name: Optional[str] = None) -> Workbook:
    return Workbook(path, display_name or path)
