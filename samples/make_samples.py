"""Regenerate the sample workbooks and CSV files from their data (pcsgen/workbook/examples/*.json).

    python samples/make_samples.py

A file whose content is unchanged is left as it is: a workbook's creation time is
not content, so running this on an unchanged tree changes nothing in it.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Dict

from pcsgen.workbook.writer import document_to_sheet, grid_to_csv, sheets_to_xlsx

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "pcsgen" / "workbook" / "examples"
# the workbook's core properties: its creation and modification times
TIMES = "docProps/core.xml"


def _members(data: bytes) -> Dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != TIMES}


def _same(path: Path, data: bytes) -> bool:
    if not path.exists():
        return False
    old = path.read_bytes()
    if path.suffix != ".xlsx":
        return old == data
    try:
        return _members(old) == _members(data)
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
