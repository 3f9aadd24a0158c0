"""Regenerate the sample workbooks and CSV files from their data (samples/*.json).

    python samples/make_samples.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pcsgen.writer import document_to_grid, grid_to_csv, grid_to_xlsx

HERE = Path(__file__).resolve().parent


def main() -> int:
    for source in sorted(HERE.glob("*.json")):
        document = json.loads(source.read_text("utf-8"))
        grid = document_to_grid(document)
        (HERE / f"{document['name']}.csv").write_bytes(grid_to_csv(grid))
        (HERE / f"{document['name']}.xlsx").write_bytes(grid_to_xlsx(grid, document["name"]))
        print(f"wrote {document['name']}.csv and .xlsx", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
