"""Reading an input file into a grid of cells, whatever its format."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional, Tuple

from pcsgen.compiler.read.grid import Grid
from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
FOREIGN_HINTS = {
    ".xls": " (.xls is the old Excel format: save it as .xlsx)",
    ".ods": " (save the LibreOffice sheet as .xlsx, or export it as CSV)",
    ".numbers": " (export the sheet as .xlsx or CSV)",
}


def split_sheet(spec: str) -> Tuple[str, Optional[str]]:
    """`BOOK.xlsx:SHEET` -> (BOOK.xlsx, SHEET). A path that exists is never split."""
    if os.path.exists(spec):
        return spec, None
    for suffix in WORKBOOK_SUFFIXES:
        marker = suffix + ":"
        index = spec.lower().rfind(marker)
        if index > 0:
            return spec[: index + len(suffix)], spec[index + len(marker) :]
    return spec, None


def input_kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    raise PcsgenError(
        "PG002", Location(Source(path)), suffix=suffix or path, hint=FOREIGN_HINTS.get(suffix, "")
    )


def choose_sheet(
    names: List[str],
    hidden: List[bool],
    definitions: List[bool],
    wanted: Optional[str],
    source: Source,
) -> str:
    """The sheet to compile: the one named, else the only definition sheet.

    Hidden sheets are compiled only when named: a hidden sheet is usually an
    old version or a helper table, not the definition the user means."""
    if wanted is not None:
        if wanted in names:
            return wanted
        folded = [n for n in names if n.casefold() == wanted.casefold()]
        if len(folded) == 1:
            return folded[0]
        raise PcsgenError("PG005", Location(source), sheet=wanted, sheets=", ".join(names))
    candidates = [n for n, h, d in zip(names, hidden, definitions) if d and not h]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise PcsgenError("PG007", Location(source))
    raise PcsgenError("PG006", Location(source), sheets=", ".join(candidates))


def read_input(path: str, sheet: Optional[str] = None) -> Grid:
    """Read `path` (a CSV file or a workbook, `sheet` chosen as choose_sheet says)."""
    from pcsgen.schema import markers

    kind = input_kind(path)
    if not os.path.exists(path):
        raise PcsgenError("PG001", Location(Source(path)), reason=Phrase("os_enoent"))
    if os.path.isdir(path):
        raise PcsgenError("PG001", Location(Source(path)), reason=Phrase("os_eisdir"))
    if not os.path.isfile(path):
        # opening a FIFO waits for a writer, forever; a device reads without end
        raise PcsgenError("PG001", Location(Source(path)), reason=Phrase("os_not_regular"))
    name = os.path.basename(path)
    if name.startswith("~$"):
        # Excel keeps `~$BOOK.xlsx` beside a book it has open: it holds the name of
        # who opened it, not the book
        raise PcsgenError(
            "PG018", Location(Source(path)), book=os.path.join(os.path.dirname(path), name[2:])
        )
    if kind == "csv":
        from pcsgen.compiler.read.csv_reader import read_csv

        return read_csv(path, path)
    from pcsgen.compiler.read.xlsx_reader import open_workbook

    with open_workbook(path) as book:
        names = book.sheet_names
        if sheet is None:
            hidden = [book.is_hidden(n) for n in names]
            known = markers()
            definitions = [book.looks_like_definition(n, known) for n in names]
        else:
            hidden = definitions = [False] * len(names)
        chosen = choose_sheet(names, hidden, definitions, sheet, Source(path))
        return book.read_sheet(chosen)
