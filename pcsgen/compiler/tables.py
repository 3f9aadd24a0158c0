"""Raw tables: markers, column headers and data rows, each cell with its location, as
the table reader (compiler.table_reader) finds them in a grid.

Nothing here knows what a table means; the layouts come from schemas/tables.json.
"""

from __future__ import annotations

import re
from typing import Dict, List, NamedTuple, Optional, Tuple

from pcsgen.diagnostics.location import Location, Source
from pcsgen.schema import SectionSpec, TableSpec

_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")
FIRST_DATA_COLUMN = 3  # column C; A is for comments, B for markers


def clean(text: str, multiline: bool = False) -> str:
    """Trim spaces (half- and full-width), tabs and newlines at both ends; inner
    newlines become one space unless the column keeps lines."""
    if not text:
        return text
    text = text.strip()
    if multiline:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text or "\r" in text:
        text = _NEWLINES.sub(" ", text)
    return text


class Cell(NamedTuple):
    """A cell's text and where it stands (kept flat: a definition has many cells)."""

    value: str
    source: Source
    row: int
    column: int
    inherited: bool = False

    def __bool__(self) -> bool:
        return bool(self.value)

    @property
    def location(self) -> Location:
        return Location(self.source, self.row, self.column)


class DataRow:
    """One data row of a table: its cells by column key. (A plain class with slots:
    defining a dataclass costs about a millisecond at every start, and a NamedTuple
    cannot be indexed by column name.)"""

    __slots__ = ("row", "source", "cells", "repeated", "extra", "braces")

    def __init__(
        self,
        row: int,
        source: Source,
        cells: Dict[str, Cell],
        repeated: Dict[str, List[Cell]],
        extra: Dict[str, Cell],
        braces: bool = False,
    ) -> None:
        self.row = row
        self.source = source
        self.cells = cells
        self.repeated = repeated
        self.extra = extra
        self.braces = braces  # a cell holds '{': maybe a {{ placeholder }}

    @property
    def location(self) -> Location:
        return Location(self.source, self.row)

    def __getitem__(self, key: str) -> Cell:
        return self.cells[key]

    def value(self, key: str) -> str:
        cell = self.cells.get(key)
        return cell.value if cell is not None else ""

    def where(self) -> Dict[str, Location]:
        return {key: cell.location for key, cell in self.cells.items()}


class Section(NamedTuple):
    """A table, or one sub-table, with its header and rows."""

    spec: SectionSpec
    marker: Optional[str]
    location: Location  # the header row
    columns: Dict[str, int]  # key -> 1-based column
    repeated_columns: Dict[str, List[int]]
    extra_columns: Dict[str, int]  # open sections: name -> column
    rows: List[DataRow]
    usable: bool
    # (key, column or 0, keeps lines) for each single column, worked out once per header
    plan: List[Tuple[str, int, bool]]


class RawTable(NamedTuple):
    """A table as written: the marker and its (sub-)tables."""

    spec: TableSpec
    location: Location  # the marker cell
    sections: List[Section]

    @property
    def marker(self) -> str:
        return self.spec.marker

    def section(self, marker: Optional[str]) -> Optional[Section]:
        for section in self.sections:
            if section.marker == marker:
                return section
        return None
