"""A pm_crmgen grid -> its tables: markers, sub-tables, column headers and data rows,
each cell with where it stands. Nothing here knows what a table means.

pm_crmgen's grid is pm_pcsgen's (column A for `#` comments, markers in column B, a
header row after each marker), with its own tables; PRIMITIVE and ALERT hold
sub-tables (P, A, O; P, A, R) whose markers stand in column B too."""

from __future__ import annotations

from typing import Dict, List, NamedTuple, Optional

from pcsgen.compiler.read.grid import Grid
from pcsgen.compiler.tables import Cell, clean
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location
from pcsgen.diagnostics.phrase import Phrase

# marker -> required columns (None: the table has sub-tables)
TABLES: Dict[str, Optional[List[str]]] = {
    "NODE": ["uname", "ptype", "name", "value"],
    "PROPERTY": ["name", "value"],
    "RSC_DEFAULTS": ["name", "value"],
    "OP_DEFAULTS": ["name", "value"],
    "RESOURCES": ["resourceitem", "id"],
    "RSC_ATTRIBUTES": ["id", "type", "name", "value"],
    "PRIMITIVE": None,
    "LOCATION": ["rsc"],
    "LOCATION_EXPERT": ["rsc", "score", "bool_op", "attribute", "op", "value"],
    "COLOCATION": ["rsc", "with-rsc", "score"],
    "ORDER": ["first-rsc", "then-rsc", "score"],
    "FENCING_TOPOLOGY": ["node", "rsc", "index"],
    "RSC_TICKET": ["ticket", "rsc"],
    "ADDITIONAL_CONFIG": ["config"],
    "ALERT": None,
}
SUB_TABLES: Dict[str, Dict[str, List[str]]] = {
    "PRIMITIVE": {
        "P": ["id", "class", "provider", "type"],
        "A": ["type", "name", "value"],
        "O": ["type"],
    },
    "ALERT": {"P": ["path"], "A": ["type", "name", "value"], "R": ["recipient"]},
}
# Columns a table may have besides the required ones (others are warned about).
OPTIONAL: Dict[str, List[str]] = {
    "NODE": ["ntype"],
    "PRIMITIVE/A": ["rule"],
    "LOCATION_EXPERT": ["role", "id_spec"],
    "COLOCATION": ["rsc-role", "with-rsc-role"],
    "ORDER": ["first-action", "then-action", "symmetrical"],
    "RSC_TICKET": ["role", "loss-policy"],
}
TITLE = "pm_crmgen 環境定義書"
MAX_TABLES = 10_000


class Row(NamedTuple):
    location: Location
    cells: Dict[str, Cell]  # column key -> cell (only the cells set)
    items: List[Cell]  # RESOURCES: the resourceItem cells, by depth ('' where empty)

    def value(self, key: str) -> str:
        cell = self.cells.get(key)
        return cell.value if cell is not None else ""


class Table(NamedTuple):
    marker: str
    sub: Optional[str]  # P, A, O, R inside PRIMITIVE and ALERT
    location: Location  # the marker cell
    columns: Dict[str, int]
    rows: List[Row]


def is_crmgen(grid: Grid) -> bool:
    """The grid holds pm_crmgen's title, or a table only pm_crmgen has."""
    for _number, cells in grid.rows[:200]:
        if any(TITLE in cell for cell in cells[:2]):
            return True
        if len(cells) > 1 and cells[1].strip().upper() in (
            "LOCATION_EXPERT",
            "FENCING_TOPOLOGY",
            "RSC_TICKET",
            "LOCATION",
        ):
            return True
    return False


def _location_column(name: str) -> Optional[str]:
    """The LOCATION shorthand columns: score:N, ping:ATTR:VALUE, pingd:ATTR:VALUE,
    diskd:ATTR; their key keeps the name as written after the kind."""
    parts = name.split(":")
    kind = parts[0].lower()
    if kind == "score" and len(parts) == 2 and parts[1]:
        return f"score:{parts[1]}"
    if kind in ("ping", "pingd") and len(parts) == 3 and parts[1] and parts[2]:
        return f"{kind}:{parts[1]}:{parts[2]}"
    if kind == "diskd" and len(parts) == 2 and parts[1]:
        return f"diskd:{parts[1]}"
    return None


def read_crmgen_tables(grid: Grid, diagnostics: Diagnostics) -> List[Table]:
    tables: List[Table] = []
    marker: Optional[str] = None
    current: Optional[Table] = None
    for number, raw in grid.rows:
        if raw and raw[0].strip().startswith("#"):
            continue
        texts = [clean(t) for t in raw]
        if not any(texts[1:]):
            continue
        where = Location(grid.source, number, 2)
        head = texts[1].upper() if len(texts) > 1 else ""
        if head:
            subs = SUB_TABLES.get(marker or "", {})
            if head in subs:
                current = Table(marker or "", head, where, {}, [])
                tables.append(current)
                _header(current, texts, number, grid, diagnostics, in_row=True)
                continue
            if head not in TABLES:
                diagnostics.error("PG972", where, marker=texts[1], allowed=", ".join(TABLES))
                marker, current = None, None
                continue
            if len(tables) >= MAX_TABLES:
                diagnostics.error(
                    "PG971", where, reason=Phrase("limit_tables", {"limit": MAX_TABLES})
                )
                break
            marker = head
            current = None if TABLES[head] is None else Table(head, None, where, {}, [])
            if current is not None:
                tables.append(current)
            continue
        if current is None:
            if marker is None:
                diagnostics.error("PG974", Location(grid.source, number), table="-")
            elif TABLES[marker] is None:
                diagnostics.error("PG974", Location(grid.source, number), table=marker)
            continue
        if not current.columns:
            _header(current, texts, number, grid, diagnostics, in_row=False)
            continue
        current.rows.append(_row(current, texts, raw, number, grid))
    return tables


def _header(
    table: Table, texts: List[str], number: int, grid: Grid, diagnostics: Diagnostics, in_row: bool
) -> None:
    name = table.marker + (f"/{table.sub}" if table.sub else "")
    if table.sub is not None:
        required = SUB_TABLES[table.marker][table.sub]
    else:
        required = TABLES[table.marker] or []
    optional = OPTIONAL.get(name, [])
    for column, text in enumerate(texts[2:], start=3):
        if not text:
            continue
        key = text.lower()
        if table.marker == "LOCATION" and key != "rsc":
            shorthand = _location_column(text)
            if shorthand is None:
                diagnostics.error(
                    "PG978", Location(grid.source, number, column), value=text, column=name
                )
                continue
            key = shorthand
        elif table.marker == "RESOURCES" and key == "resourceitem":
            key = f"resourceitem#{sum(1 for k in table.columns if k.startswith('resourceitem'))}"
        elif table.sub == "O" and key != "type":
            key = text  # operation attributes go through as written
        elif key not in required and key not in optional:
            diagnostics.warning(
                "PG979", Location(grid.source, number, column), column=text, table=name
            )
            continue
        if key in table.columns:
            diagnostics.error(
                "PG973", Location(grid.source, number, column), table=name, column=text
            )
            continue
        table.columns[key] = column
    present = {k.split("#")[0] for k in table.columns}
    for key in required:
        if key not in present:
            diagnostics.error("PG973", Location(grid.source, number), table=name, column=key)
    if not table.columns:
        table.columns["#none"] = 0


def _row(table: Table, texts: List[str], raw_texts: List[str], number: int, grid: Grid) -> Row:
    cells: Dict[str, Cell] = {}
    items: List[Cell] = []
    keep_lines = table.marker == "ADDITIONAL_CONFIG"
    for key, column in table.columns.items():
        if column == 0:
            continue
        raw = texts[column - 1] if column - 1 < len(texts) else ""
        if keep_lines:
            raw = clean(
                raw_texts[column - 1] if column - 1 < len(raw_texts) else "", multiline=True
            )
        cell = Cell(raw, grid.source, number, column)
        if key.startswith("resourceitem#"):
            items.append(cell)
        elif raw:
            cells[key] = cell
    return Row(Location(grid.source, number), cells, items)
