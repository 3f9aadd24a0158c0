"""Where a value came from: file, sheet, row and column of a cell.

Locations are created for every cell read, so they are NamedTuples: immutable,
hashable, and far cheaper to define and build than frozen dataclasses."""

from __future__ import annotations

from typing import NamedTuple, Optional


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Source(NamedTuple):
    """A file, and the sheet inside it when the file is a workbook."""

    file: str
    sheet: Optional[str] = None


class Location(NamedTuple):
    """A cell (column >= 1), a whole row (column 0) or a whole file (row 0)."""

    source: Source
    row: int = 0
    column: int = 0

    @property
    def column_name(self) -> str:
        return column_letter(self.column) if self.column else ""

    def at_column(self, column: int) -> Location:
        return Location(self.source, self.row, column)

    def __str__(self) -> str:
        where = self.source.file
        if self.source.sheet is not None:
            where += f":{self.source.sheet}"
        if self.row:
            where += f"!{self.column_name}{self.row}" if self.column else f"!{self.row}"
        return where
