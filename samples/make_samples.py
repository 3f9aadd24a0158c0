"""Regenerate the sample workbooks and CSV files from their data (pcsgen/workbook/examples/*.json).

    python samples/make_samples.py

A file whose content is unchanged is left as it is: a workbook's creation time, or the
way another openpyxl lays out its parts, is not content, so running this on an
unchanged tree changes nothing in it.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Tuple

from pcsgen.workbook.writer import document_to_sheet, grid_to_csv, sheets_to_xlsx

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "pcsgen" / "workbook" / "examples"
# the workbook's core properties: its creation and modification times
TIMES = "docProps/core.xml"


def _members(data: bytes) -> Dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != TIMES}


def _cells(data: bytes) -> List[Tuple[str, List[Tuple[Any, ...]]]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        (sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)])
        for sheet in book.worksheets
    ]


def _same(path: Path, data: bytes) -> bool:
    """The file holds DATA's content: the same bytes, or for a workbook the same parts
    but its times, or (written by another openpyxl, which lays the parts out its own
    way) the same sheets and cells."""
    if not path.exists():
        return False
    old = path.read_bytes()
    if path.suffix != ".xlsx":
        return old == data
    try:
        return _members(old) == _members(data) or _cells(old) == _cells(data)
    except zipfile.BadZipFile:
        return False


def _write(path: Path, data: bytes) -> None:
    if _same(path, data):
        print(f"{path.name}: unchanged", file=sys.stderr)
        return
    path.write_bytes(data)
    print(f"wrote {path.name}", file=sys.stderr)


def main() -> int:
    for source in sorted(EXAMPLES.glob("*.json")):
        document = json.loads(source.read_text("utf-8"))
        sheet = document_to_sheet(document)
        _write(HERE / f"{document['name']}.csv", grid_to_csv(sheet.rows))
        _write(HERE / f"{document['name']}.xlsx", sheets_to_xlsx([(document["name"], sheet)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
