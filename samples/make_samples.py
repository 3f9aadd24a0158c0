"""Regenerate the sample workbooks and CSV files from their data (pcsgen/workbook/examples/*.json).

    python samples/make_samples.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pcsgen.workbook.writer import document_to_sheet, grid_to_csv, sheets_to_xlsx

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "pcsgen" / "workbook" / "examples"


def main() -> int:
    for source in sorted(EXAMPLES.glob("*.json")):
        document = json.loads(source.read_text("utf-8"))
        sheet = document_to_sheet(document)
        (HERE / f"{document['name']}.csv").write_bytes(grid_to_csv(sheet.rows))
        (HERE / f"{document['name']}.xlsx").write_bytes(
            sheets_to_xlsx([(document["name"], sheet)]))
        print(f"wrote {document['name']}.csv and .xlsx", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
