"""The grid: what a reader hands on, one list of cell texts per non-empty row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple

from pcsgen.diagnostics import Diagnostics
from pcsgen.location import Source

# Excel's own limit on the characters of one cell; a larger CSV field is refused.
MAX_CELL_CHARS = 32767

Row = Tuple[int, List[str]]
"""(1-based row number, cell texts from column A on; '' where a cell is empty)."""


@dataclass
class Grid:
    source: Source
    rows: List[Row]
    notes: Diagnostics = field(default_factory=Diagnostics)
