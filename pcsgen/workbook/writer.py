"""Writing definitions: a document (plain data) -> a sheet layout -> .xlsx or .csv.

The samples, `pcsgen template` and `pcsgen import` all write through here, so what
they write follows the format as schemas/tables.json declares it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from pcsgen.schema import ColumnSpec, SectionSpec, load_schema
from pcsgen.values import ROLE_SPELLINGS

Document = Dict[str, Any]
GridRows = List[List[str]]
FIRST_COLUMN_PAD = ["", ""]  # columns A and B before the first table column
EXAMPLES = Path(__file__).resolve().parent / "examples"
LARGE_GRID = 5000  # rows beyond which the xlsx is streamed, without validation lists

ROLE_CHOICES = list(ROLE_SPELLINGS)
OPERATION_CHOICES = [
    "start",
    "stop",
    "monitor",
    "promote",
    "demote",
    "notify",
    "reload",
    "reload-agent",
    "migrate_to",
    "migrate_from",
    "methods",
]
BOOLEAN_CHOICES = ["true", "false"]

# The order the format's tables stand in a definition (pm_pcsgen's own sheets), in
# which the importer and the pm_crmgen migration write them.
TABLE_ORDER = [
    "NODE",
    "PROPERTY",
    "RSC_DEFAULTS",
    "OP_DEFAULTS",
    "RESOURCES",
    "RSC_ATTRIBUTES",
    "STONITH_LEVEL",
    "PRIMITIVE",
    "STONITH",
    "LOCATION_NODE",
    "LOCATION_RULE",
    "COLOCATION",
    "ORDER",
    "ALERT",
    "ADDITIONAL_CONFIG",
]


@dataclass
class SheetLayout:
    rows: GridRows = field(default_factory=list)
    # (allowed values, 1-based column, first row, last row)
    validations: List[Tuple[List[str], int, int, int]] = field(default_factory=list)
    bold_rows: List[int] = field(default_factory=list)
    caption_rows: List[int] = field(default_factory=list)

    def add(self, row: List[str]) -> int:
        self.rows.append(row)
        return len(self.rows)


def _choices(column: ColumnSpec) -> Optional[List[str]]:
    if column.values:
        return list(column.values)
    return {"role": ROLE_CHOICES, "op": OPERATION_CHOICES, "bool": BOOLEAN_CHOICES}.get(
        column.kind or ""
    )


def _caption(column: ColumnSpec, lang: str) -> str:
    return (column.caption_ja if lang == "ja" else column.caption_en) or column.name


class _Builder:
    def __init__(self, lang: str, captions: bool, blank_rows: int) -> None:
        self.lang = lang
        self.captions = captions
        self.blank_rows = blank_rows
        self.sheet = SheetLayout()

    def _header(
        self, section: SectionSpec, sub_marker: str, extra: Sequence[str] = (), repeat: int = 1
    ) -> List[ColumnSpec]:
        columns: List[ColumnSpec] = []
        for column in section.columns:
            columns.extend([column] * (repeat if column.repeated else 1))
        names = [c.name for c in columns] + list(extra)
        self.sheet.bold_rows.append(self.sheet.add(["", sub_marker] + names))
        if self.captions:
            captions = [_caption(c, self.lang) for c in columns] + list(extra)
            self.sheet.caption_rows.append(self.sheet.add(["#", ""] + captions))
        return columns

    def _data(
        self, columns: List[ColumnSpec], items: List[Dict[str, Any]], extra: Sequence[str] = ()
    ) -> None:
        first = len(self.sheet.rows) + 1
        names = [c.name for c in columns] + list(extra)
        for item in items:
            self.sheet.add(FIRST_COLUMN_PAD + [_text(item.get(name, "")) for name in names])
        for _ in range(self.blank_rows if not items else 0):
            self.sheet.add(list(FIRST_COLUMN_PAD))
        last = len(self.sheet.rows)
        if last < first:
            return
        for offset, column in enumerate(columns):
            allowed = _choices(column)
            if allowed:
                self.sheet.validations.append((allowed, 3 + offset, first, last))

    def simple(self, marker: str, table: Dict[str, Any]) -> None:
        section = load_schema()[marker].sections[0]
        self.sheet.bold_rows.append(self.sheet.add(["", marker]))
        rows = table.get("rows", [])
        if marker == "RESOURCES":
            depth = max([r.get("depth", 0) for r in rows] + [2]) + 1
            columns = self._header(section, "", repeat=depth)
            items = []
            for item in rows:
                cells = {f"#{i}": "" for i in range(depth)}
                cells[f"#{item.get('depth', 0)}"] = item["kind"]
                items.append(cells)
            first = len(self.sheet.rows) + 1
            for item, source in zip(items, rows):
                self.sheet.add(
                    FIRST_COLUMN_PAD + [item[f"#{i}"] for i in range(depth)] + [source["id"]]
                )
            for _ in range(self.blank_rows if not rows else 0):
                self.sheet.add(list(FIRST_COLUMN_PAD))
            last = len(self.sheet.rows)
            if last >= first:
                allowed = _choices(columns[0]) or []
                for offset in range(depth):
                    self.sheet.validations.append((allowed, 3 + offset, first, last))
            return
        columns = self._header(section, "")
        self._data(columns, rows)

    def compound(self, marker: str, table: Dict[str, Any]) -> None:
        spec = load_schema()[marker]
        self.sheet.bold_rows.append(self.sheet.add(["", marker]))
        head, attributes = spec.section("P"), spec.section("A")
        assert head is not None and attributes is not None
        self._data(self._header(head, "P"), [table["P"]] if table.get("P") else [])
        self._data(self._header(attributes, "A"), table.get("A", []))
        operations = spec.section("O")
        if operations is not None:
            known = {c.name for c in operations.columns}
            extra: List[str] = []
            for item in table.get("O", []):
                extra += [k for k in item if k not in known and k not in extra]
            self._data(self._header(operations, "O", extra), table.get("O", []), extra)
        recipients = spec.section("R")
        if recipients is not None:
            for recipient in table.get("R", []) or ([{}] if self.blank_rows else []):
                self._data(self._header(recipients, "R"), [recipient] if recipient else [])
                self._data(self._header(attributes, "A"), recipient.get("A", []))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def document_to_sheet(
    document: Document, lang: str = "en", captions: bool = True, blank_rows: int = 0
) -> SheetLayout:
    builder = _Builder(lang, captions, blank_rows)
    builder.sheet.add(
        [f"# {document.get('title', document['name'])} (pcsgen definition, pm_pcsgen format 1.1)"]
    )
    schema = load_schema()
    for table in document["tables"]:
        marker = table["table"]
        spec = schema[marker]
        builder.sheet.add([])
        title = table.get("comment") or spec.title.get(lang, spec.title.get("en", marker))
        builder.sheet.add([f"# {title}"])
        if spec.compound:
            builder.compound(marker, table)
        else:
            builder.simple(marker, table)
    return builder.sheet


def document_to_grid(document: Document) -> GridRows:
    return document_to_sheet(document).rows


def csv_guard(value: str, read_by_people: bool = False) -> str:
    """A CSV field a spreadsheet will not run as a formula.

    Excel and LibreOffice read a CSV field starting with '=', '+', '-' or '@' as a
    formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). A value starting with '=' or '@'
    gets a leading apostrophe, which the spreadsheet shows as text and pcsgen's CSV
    reader removes again (compiler.read.csv_reader.csv_unguard); a value that already
    starts with apostrophes and then '=' or '@' gets one more, so the mapping is
    undone exactly. '+' and '-' are left alone: scores (-INFINITY, -100) must stay as
    written; a spreadsheet may show such a field as a number or an error (#NAME?),
    so open an imported CSV as text, or import to .xlsx, where every value is a
    string cell.

    READ_BY_PEOPLE: the field is never read back by pcsgen (a test plan), so a sign
    before anything (`-1+cmd|...`, `+HYPERLINK(...)`), a leading tab or carriage return
    (which spreadsheets drop before reading what follows) are guarded too; a lone sign
    is no formula and stays as it is.
    """
    guarded = GUARDED_FOR_PEOPLE if read_by_people else GUARDED
    if value and guarded.match(value):
        return "'" + value
    return value


GUARDED = re.compile(r"'*[=@]")
GUARDED_FOR_PEOPLE = re.compile(r"'*(?:[=@\t\r]|[+-].)", re.DOTALL)


def grid_to_csv(rows: GridRows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        writer.writerow([csv_guard(v) for v in row] + [""] * (width - len(row)))
    return buffer.getvalue().encode("utf-8")


# What a sheet's name may not hold (Excel's rule), and its longest length.
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
MAX_SHEET_TITLE = 31


def sheet_title(name: str) -> str:
    """A valid sheet name from any text: forbidden characters become '_'."""
    title = _SHEET_TITLE_FORBIDDEN.sub("_", name)[:MAX_SHEET_TITLE].strip("'")
    return title or "Sheet1"


def _typed(value: str) -> Any:
    """Whole numbers are stored as numbers, as a user typing them in Excel gets."""
    if value.isdigit() and len(value) < 10 and not (len(value) > 1 and value.startswith("0")):
        return int(value)
    return value if value != "" else None


def _is_formula(value: Any) -> bool:
    """openpyxl stores a text starting with '=' as a formula; pcsgen never writes one."""
    return isinstance(value, str) and value.startswith("=")


def grid_to_xlsx(rows: GridRows, sheet: str) -> bytes:
    return sheets_to_xlsx([(sheet, SheetLayout(rows=rows))])


def sheets_to_xlsx(
    sheets: List[Tuple[str, SheetLayout]], cover: Optional[Tuple[str, List[str]]] = None
) -> bytes:
    """A workbook: an optional cover sheet of text lines, then the definition sheets,
    with bold markers and headers, grey captions, drop-down lists, frozen panes."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    large = any(len(layout.rows) > LARGE_GRID for _, layout in sheets)
    book = openpyxl.Workbook(write_only=large)
    if not large:
        default = book.active
        if default is not None:
            book.remove(default)
    bold = Font(bold=True)
    caption = Font(italic=True, color="666666")
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    if cover is not None and not large:
        title, lines = cover
        page = book.create_sheet(sheet_title(title))
        for line in lines:
            page.append([line])
            as_text(page, page.max_row, [line])
        page.column_dimensions["A"].width = 110
        page["A1"].font = Font(bold=True, size=14)
    for name, layout in sheets:
        if large:
            _write_streamed(book, name, layout, bold)
            continue
        page = book.create_sheet(sheet_title(name))
        for row in layout.rows:
            values = [_typed(v) for v in row]
            page.append(values)
            as_text(page, page.max_row, values)
        width = max((len(r) for r in layout.rows), default=3)
        from openpyxl.utils import get_column_letter

        page.column_dimensions["A"].width = 4
        page.column_dimensions["B"].width = 20
        for index in range(3, width + 1):
            page.column_dimensions[get_column_letter(index)].width = 22
        for number in layout.bold_rows:
            for cell in page[number]:
                if cell.value is not None:
                    cell.font = bold
                    if cell.column > 2:
                        cell.fill = header_fill
        for number in layout.caption_rows:
            for cell in page[number]:
                cell.font = caption
        _validations(page, layout)
        page.freeze_panes = "C2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_text(page: Any, number: int, values: List[Any]) -> None:
    """Make every text cell of row `number` a string cell: openpyxl (3.0 on) reads a
    text starting with '=' as a formula and '#N/A' and the like as errors."""
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            page.cell(row=number, column=column).data_type = "s"


def _write_streamed(book: Any, name: str, layout: SheetLayout, bold: Any) -> None:
    """Large definitions (generated ones): streamed, markers in bold, nothing else."""
    from openpyxl.cell import WriteOnlyCell

    page = book.create_sheet(sheet_title(name))
    for row in layout.rows:
        values: List[Any] = [_typed(v) for v in row]
        for column, value in enumerate(values):
            if _is_formula(value):
                text = WriteOnlyCell(page, value=value)
                text.data_type = "s"
                values[column] = text
        if len(values) > 1 and values[1] and isinstance(values[1], (str, int)):
            marker = WriteOnlyCell(page, value=values[1])
            marker.font = bold
            values[1] = marker
        page.append(values)


def _validations(page: Any, layout: SheetLayout) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    by_list: Dict[str, Any] = {}
    for allowed, column, first, last in layout.validations:
        formula = '"' + ",".join(allowed) + '"'
        validation = by_list.get(formula)
        if validation is None:
            # a warning, not a refusal: pcs knows values the list does not (custom
            # actions, other op attributes)
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                errorStyle="warning",
                showErrorMessage=True,
            )
            page.add_data_validation(validation)
            by_list[formula] = validation
        letter = get_column_letter(column)
        validation.add(f"{letter}{first}:{letter}{last}")


def example(name: str) -> Document:
    path = EXAMPLES / f"{name}.json"
    document: Document = json.loads(path.read_text("utf-8"))
    return document


def example_names() -> List[str]:
    return sorted(p.stem for p in EXAMPLES.glob("*.json"))
