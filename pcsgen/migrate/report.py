"""The migration report: every change with the old cell and why, as text, as JSON and
as a sheet of the written workbook."""

from __future__ import annotations

import json
from typing import Any, Dict, List

from pcsgen.migrate.changes import Change
from pcsgen.workbook.writer import SheetLayout

SHEET = "migration"
# the labels of the text report and of the sheet's columns, in the reader's language
LABELS = {
    "en": ("source", ["cell", "code", "severity", "change", "source"]),
    "ja": ("出典", ["セル", "コード", "重大度", "変更内容", "出典"]),
}


def _cell(change: Change) -> str:
    return str(change.location) if change.location is not None else ""


def report_text(changes: List[Change], lang: str = "en") -> str:
    lines = []
    for change in changes:
        where = _cell(change) or "-"
        lines.append(f"{where}: {change.severity.label} {change.code}: {change.message(lang)}")
        if change.source:
            lines.append(f"    {LABELS.get(lang, LABELS['en'])[0]}: {change.source}")
    return "\n".join(lines) + ("\n" if lines else "")


def report_json(changes: List[Change]) -> str:
    items: List[Dict[str, Any]] = []
    for change in changes:
        location = change.location
        items.append(
            {
                "code": change.code,
                "severity": change.severity.label,
                "cell": _cell(change),
                "file": location.source.file if location else None,
                "sheet": location.source.sheet if location else None,
                "row": location.row if location else None,
                "column": location.column_name if location else None,
                "message": change.message("en"),
                "message_ja": change.message("ja"),
                "source": change.source,
                "objects": list(change.objects),
                "args": {k: str(v) for k, v in change.args.items()},
            }
        )
    return json.dumps({"changes": items}, ensure_ascii=False, indent=1) + "\n"


def report_sheet(changes: List[Change], lang: str = "en") -> SheetLayout:
    """Column B stays empty, so that no reader takes the sheet for a definition."""
    layout = SheetLayout()
    layout.bold_rows.append(layout.add(["#", "", *LABELS.get(lang, LABELS["en"])[1]]))
    for change in changes:
        layout.add(
            [
                "",
                "",
                _cell(change),
                change.code,
                change.severity.label,
                change.message(lang),
                change.source,
            ]
        )
    return layout
