"""The reference workbook's sheets as rows of text, and rows as CSV bytes, as Excel's
CSV export writes them."""

from __future__ import annotations

import csv
import io
from typing import List

from tests.helpers.paths import WORKBOOK


def sheet_rows(sheet: str) -> List[List[str]]:
    """The sheet as Excel's CSV export holds it."""
    import openpyxl

    from pcsgen.compiler.read.xlsx_cells import cell_text

    book = openpyxl.load_workbook(WORKBOOK, read_only=True, data_only=True)
    try:
        return [[cell_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def csv_bytes(rows: List[List[str]], encoding: str, newline: str = "\r\n") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding)
