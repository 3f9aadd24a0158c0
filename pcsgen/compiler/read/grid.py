"""The grid: what a reader hands on, one list of cell texts per non-empty row."""

from __future__ import annotations

from typing import List, NamedTuple, Optional, Tuple

from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Source

# Excel's own limit on the characters of one cell; a larger CSV field is refused.
MAX_CELL_CHARS = 32767

Row = Tuple[int, List[str]]
"""(1-based row number, cell texts from column A on; '' where a cell is empty)."""


class Grid(NamedTuple):
    """A sheet's non-empty rows, and what reading it noticed (None: nothing)."""

    source: Source
    rows: List[Row]
    notes: Optional[Diagnostics] = None
