"""Grid -> raw tables: finds the markers, reads each column-header row once per distinct
header, and collects the data rows with their cells' locations."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from pcsgen.compiler.read.grid import Grid
from pcsgen.compiler.tables import FIRST_DATA_COLUMN, Cell, DataRow, RawTable, Section, clean
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location, Source, column_letter
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.schema import ColumnSpec, SectionSpec, TableSpec, load_schema


def _cell_value(cells: List[str], column: int) -> str:
    return cells[column - 1] if column - 1 < len(cells) else ""


class _Layout(NamedTuple):
    """What a column-header row means: computed once per distinct header (a definition
    repeats the same sub-table headers for every resource)."""

    columns: Dict[str, int]
    repeated: Dict[str, List[int]]
    extra: Dict[str, int]
    plan: List[Tuple[str, int, bool]]
    problems: List[Tuple[str, int, Dict[str, Any]]]  # code, column (0: the row), arguments
    usable: bool


@lru_cache(maxsize=256)
def _layout(marker: str, sub_marker: Optional[str], header: Tuple[str, ...]) -> _Layout:
    """The layout of a header row; the dicts it returns are shared and never modified."""
    spec = load_schema()[marker]
    section_spec = spec.section(sub_marker)
    assert section_spec is not None
    table = _table_name(spec, section_spec)
    by_key = {c.key: c for c in section_spec.columns}
    columns: Dict[str, int] = {}
    repeated: Dict[str, List[int]] = {}
    extra: Dict[str, int] = {}
    problems: List[Tuple[str, int, Dict[str, Any]]] = []
    for offset, raw in enumerate(header):
        column = FIRST_DATA_COLUMN + offset
        name = clean(raw)
        if not name:
            continue
        key = name.lower()
        column_spec = by_key.get(key)
        if column_spec is not None and column_spec.repeated:
            repeated.setdefault(key, []).append(column)
        elif column_spec is not None or section_spec.open:
            if key in columns or name in extra:
                first = columns.get(key, extra.get(name, column))
                problems.append(
                    (
                        "PG104",
                        column,
                        {"table": table, "column": name, "first": column_letter(first)},
                    )
                )
            elif column_spec is not None:
                columns[key] = column
            else:
                extra[name] = column
        else:
            problems.append(("PG105", column, {"table": table, "column": name}))
    plan = [
        (c.key, columns.get(c.key, 0), c.multiline) for c in section_spec.columns if not c.repeated
    ]
    if not columns and not repeated and not extra:
        return _Layout(
            columns, repeated, extra, plan, problems + [("PG112", 0, {"table": table})], False
        )
    usable = True
    for column_spec in section_spec.columns:
        present = (
            column_spec.key in repeated if column_spec.repeated else column_spec.key in columns
        )
        if column_spec.required and not present:
            problems.append(("PG103", 0, {"table": table, "column": column_spec.name}))
            usable = False
    if spec.marker == "RESOURCES" and usable:
        # pm_pcsgen takes the id column on either side of the resourceItem columns,
        # never between them (the columns' order is the nesting depth)
        items = repeated.get("resourceitem", [])
        if items and min(items) < columns.get("id", 0) < max(items):
            problems.append(("PG113", columns["id"], {}))
            usable = False
    return _Layout(columns, repeated, extra, plan, problems, usable)


def _parse_header(
    spec: TableSpec,
    section_spec: SectionSpec,
    cells: List[str],
    location: Location,
    diagnostics: Diagnostics,
) -> Section:
    layout = _layout(spec.marker, section_spec.marker, tuple(cells[FIRST_DATA_COLUMN - 1 :]))
    for code, column, args in layout.problems:
        diagnostics.add(code, location.at_column(column) if column else location, **args)
    return Section(
        section_spec,
        section_spec.marker,
        location,
        layout.columns,
        layout.repeated,
        layout.extra,
        [],
        layout.usable,
        layout.plan,
    )


def _table_name(spec: TableSpec, section_spec: SectionSpec) -> str:
    return spec.marker if section_spec.marker is None else f"{spec.marker}/{section_spec.marker}"


_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(cell: Cell, diagnostics: Diagnostics) -> Cell:
    """A value XML 1.0 cannot carry is an error at its cell (and is dropped here)."""
    match = _BAD_XML_CHARS.search(cell.value)
    if match is None:
        return cell
    diagnostics.error("PG217", cell.location, char=f"{ord(match.group()):04X}")
    return cell._replace(value="")


def _data_row(
    section: Section, number: int, cells: List[str], source: Source, diagnostics: Diagnostics
) -> Optional[DataRow]:
    width = len(cells)
    values: Dict[str, Cell] = {}
    any_value = False
    for key, column, multiline in section.plan:
        text = clean(cells[column - 1], multiline) if 0 < column <= width else ""
        if text:
            any_value = True
        values[key] = Cell(text, source, number, column)
    repeated: Dict[str, List[Cell]] = {}
    for key, columns in section.repeated_columns.items():
        items = [
            Cell(clean(cells[c - 1]) if c <= width else "", source, number, c) for c in columns
        ]
        repeated[key] = items
        any_value = any_value or any(items)
    extra: Dict[str, Cell] = {}
    for name, column in section.extra_columns.items():
        text = clean(cells[column - 1]) if column <= width else ""
        any_value = any_value or bool(text)
        extra[name] = Cell(text, source, number, column)
    if not any_value:
        return None
    # one search per row; the cells are looked at one by one only when it finds something
    joined = "".join(cells)
    if _BAD_XML_CHARS.search(joined) is not None:
        values = {k: _xml_safe(c, diagnostics) for k, c in values.items()}
        repeated = {k: [_xml_safe(c, diagnostics) for c in v] for k, v in repeated.items()}
        extra = {k: _xml_safe(c, diagnostics) for k, c in extra.items()}
    return DataRow(number, source, values, repeated, extra, "{" in joined)


def _inherit(rows: List[DataRow], columns: List[ColumnSpec]) -> None:
    """Fill empty inheriting cells from the row above; a value in an earlier
    inheriting column starts a new key and forgets the later ones."""
    keys = [c.key for c in columns if c.inherit]
    if not keys:
        return
    memory: Dict[str, Cell] = {}
    for row in rows:
        for index, key in enumerate(keys):
            cell = row.cells[key]
            if cell.value:
                memory[key] = cell
                for later in keys[index + 1 :]:
                    memory.pop(later, None)
            elif key in memory:
                row.cells[key] = memory[key]._replace(inherited=True)


def _append_row(
    table: Optional[RawTable], section: Section, data: DataRow, diagnostics: Diagnostics
) -> None:
    limit = section.spec.max_rows
    if limit is not None and len(section.rows) >= limit:
        diagnostics.error(
            "PG110",
            data.location.at_column(FIRST_DATA_COLUMN),
            table=table.marker if table else "",
            sub=section.marker,
        )
        return
    section.rows.append(data)


def _has_marker(grid: Grid, markers: Dict[str, TableSpec]) -> bool:
    for _number, cells in grid.rows:
        if (
            len(cells) > 1
            and cells[1].strip().upper() in markers
            and not cells[0].strip().startswith("#")
        ):
            return True
    return False


def _first_data_cell(grid: Grid) -> Location:
    """The first cell set from column B on, outside comment rows (the file when none)."""
    for number, cells in grid.rows:
        if cells and cells[0].lstrip().startswith("#"):
            continue
        for column in range(2, len(cells) + 1):
            if clean(cells[column - 1]):
                return Location(grid.source, number, column)
    return Location(grid.source)


def read_tables(grid: Grid, diagnostics: Diagnostics) -> List[RawTable]:
    schema = load_schema()
    if not _has_marker(grid, schema):
        # Not a definition at all: one message, not one per row, at the first data cell.
        diagnostics.error("PG009", _first_data_cell(grid))
        return []
    tables: List[RawTable] = []
    current: Optional[RawTable] = None
    section: Optional[Section] = None
    expecting_header = False
    skipping = False  # after an unknown marker, until the next good one
    reported_orphans = False
    source = grid.source
    for number, cells in grid.rows:
        first = cells[0] if cells else ""
        if first and first.lstrip().startswith("#"):
            continue
        marker_text = clean(cells[1]) if len(cells) > 1 else ""
        if not marker_text and not "".join(cells[2:]).strip():
            continue  # blank from column B on
        if not marker_text and section is not None and section.usable and not expecting_header:
            # the common case, a data row of a table being read
            data = _data_row(section, number, cells, source, diagnostics)
            if data is not None:
                _append_row(current, section, data, diagnostics)
            continue
        row_location = Location(source, number)
        if marker_text:
            upper = marker_text.upper()
            marker_location = row_location.at_column(2)
            if (
                current is not None
                and current.spec.compound
                and current.spec.section(upper) is not None
            ):
                section_spec = current.spec.section(upper)
                assert section_spec is not None
                if not _sub_table_order_ok(current, section_spec, marker_location, diagnostics):
                    section = None
                    continue
                section = _parse_header(
                    current.spec, section_spec, cells, row_location, diagnostics
                )
                current.sections.append(section)
                expecting_header = False
                continue
            if upper in schema:
                current = RawTable(schema[upper], marker_location, [])
                tables.append(current)
                section = None
                skipping = False
                expecting_header = not current.spec.compound
                if any(clean(c) for c in cells[FIRST_DATA_COLUMN - 1 :]):
                    diagnostics.warning("PG111", marker_location, table=upper)
                continue
            if current is not None and current.spec.compound and len(upper) == 1:
                allowed = ", ".join(s.marker or "" for s in current.spec.sections)
                diagnostics.error(
                    "PG108", marker_location, table=current.marker, sub=marker_text, allowed=allowed
                )
                section = None
                continue
            diagnostics.error(
                "PG101", marker_location, marker=marker_text, allowed=", ".join(schema)
            )
            current, section, skipping = None, None, True
            continue
        if current is None:
            if not skipping and not reported_orphans:
                first_data = next(
                    (c for c in range(FIRST_DATA_COLUMN, len(cells) + 1) if clean(cells[c - 1])), 0
                )
                diagnostics.error("PG102", row_location.at_column(first_data))
                reported_orphans = True
            continue
        if expecting_header:
            section = _parse_header(
                current.spec, current.spec.sections[0], cells, row_location, diagnostics
            )
            current.sections.append(section)
            expecting_header = False
            continue
        if section is None:
            if current.spec.compound and not current.sections:
                allowed = ", ".join(s.marker or "" for s in current.spec.sections)
                diagnostics.error(
                    "PG109", row_location.at_column(2), table=current.marker, allowed=allowed
                )
            continue
        if not section.usable:
            continue
        data = _data_row(section, number, cells, source, diagnostics)
        if data is not None:
            _append_row(current, section, data, diagnostics)
    for table in tables:
        for sec in table.sections:
            _inherit(sec.rows, list(sec.spec.columns))
        if not table.sections and not table.spec.compound:
            diagnostics.error("PG107", table.location, table=table.marker)
    return tables


def _sub_table_order_ok(
    table: RawTable, spec: SectionSpec, location: Location, diagnostics: Diagnostics
) -> bool:
    first = table.spec.sections[0]
    if not table.sections and not spec.first:
        diagnostics.error(
            "PG106",
            location,
            table=table.marker,
            sub=spec.marker,
            rule=Phrase("table_comes_first", {"sub": first.marker}),
        )
        return False
    if table.sections and spec.first:
        # a first sub-table opens a table once (ALERT: a second P starts nothing new;
        # each alert needs its own marker)
        diagnostics.error(
            "PG106",
            location,
            table=table.marker,
            sub=spec.marker,
            rule=Phrase("table_one_per_marker", {"sub": spec.marker, "table": table.marker}),
        )
        return False
    return True
