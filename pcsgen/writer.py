"""Writing definitions: a document (plain data) -> grid -> .xlsx or .csv.

The samples are made by this writer from data the project keeps, so they follow
the format as the schema declares it.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Dict, List, Sequence

from pcsgen.schema import SectionSpec, load_schema

Document = Dict[str, Any]
GridRows = List[List[str]]
FIRST_COLUMN_PAD = ["", ""]  # columns A and B before the first table column


def _header(section: SectionSpec, extra: Sequence[str] = (), repeat: int = 1) -> List[str]:
    names: List[str] = []
    for column in section.columns:
        names.extend([column.name] * (repeat if column.repeated else 1))
    return names + list(extra)


def _row(values: Dict[str, Any], header: List[str]) -> List[str]:
    return [str(values.get(name, "")) for name in header]


def _simple_table(marker: str, table: Dict[str, Any]) -> GridRows:
    spec = load_schema()[marker]
    section = spec.sections[0]
    rows: GridRows = [["", marker]]
    if marker == "RESOURCES":
        depth = max([r.get("depth", 0) for r in table["rows"]] + [2]) + 1
        header = _header(section, repeat=depth)
        rows.append(FIRST_COLUMN_PAD + header)
        for item in table["rows"]:
            items = [""] * depth
            items[item.get("depth", 0)] = item["kind"]
            rows.append(FIRST_COLUMN_PAD + items + [item["id"]])
        return rows
    header = _header(section)
    rows.append(FIRST_COLUMN_PAD + header)
    for item in table.get("rows", []):
        rows.append(FIRST_COLUMN_PAD + _row(item, header))
    return rows


def _sub_table(spec: SectionSpec, items: List[Dict[str, Any]], extra: Sequence[str] = ()) -> \
        GridRows:
    header = _header(spec, extra)
    rows: GridRows = [["", spec.marker or ""] + header]
    for item in items:
        rows.append(FIRST_COLUMN_PAD + _row(item, header))
    return rows


def _compound_table(marker: str, table: Dict[str, Any]) -> GridRows:
    spec = load_schema()[marker]
    rows: GridRows = [["", marker]]
    head = spec.section("P")
    assert head is not None
    rows += _sub_table(head, [table["P"]])
    attributes = spec.section("A")
    assert attributes is not None
    if table.get("A"):
        rows += _sub_table(attributes, table["A"])
    operations = spec.section("O")
    if operations is not None and table.get("O"):
        known = {c.name for c in operations.columns}
        extra: List[str] = []
        for item in table["O"]:
            extra += [k for k in item if k not in known and k not in extra]
        rows += _sub_table(operations, table["O"], extra)
    recipients = spec.section("R")
    if recipients is not None:
        for recipient in table.get("R", []):
            rows += _sub_table(recipients, [recipient])
            if recipient.get("A"):
                rows += _sub_table(attributes, recipient["A"])
    return rows


def document_to_grid(document: Document) -> GridRows:
    rows: GridRows = [[f"# {document.get('title', document['name'])} "
                       "(pcsgen definition, pm_pcsgen format 1.1)"]]
    schema = load_schema()
    for table in document["tables"]:
        marker = table["table"]
        spec = schema[marker]
        rows.append([])
        title = table.get("comment") or spec.title.get("en", marker)
        rows.append([f"# {title}"])
        rows += _compound_table(marker, table) if spec.compound else \
            _simple_table(marker, table)
    return rows


def grid_to_csv(rows: GridRows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    return buffer.getvalue().encode("utf-8")


def grid_to_xlsx(rows: GridRows, sheet: str) -> bytes:
    """Streamed (openpyxl write-only): a definition of ten thousand resources is written
    in seconds and little memory."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    worksheet = book.create_sheet(sheet)
    widths = {1: 4, 2: 20}
    for index in range(3, max((len(r) for r in rows), default=3) + 1):
        widths[index] = 22
    for index, width in widths.items():
        worksheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    for row in rows:
        values: List[Any] = [_typed(v) for v in row]
        if len(values) > 1 and values[1]:
            marker = WriteOnlyCell(worksheet, value=values[1])
            marker.font = bold
            values[1] = marker
        worksheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _typed(value: str) -> Any:
    """Whole numbers are stored as numbers, as a user typing them in Excel gets."""
    if value.isdigit() and len(value) < 10 and not (len(value) > 1 and value.startswith("0")):
        return int(value)
    return value if value != "" else None
