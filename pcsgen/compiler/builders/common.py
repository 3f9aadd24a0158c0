"""Helpers shared by the table builders: value checks that report to the cell."""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple

from pcsgen import ir, values
from pcsgen.compiler.tables import Cell, DataRow, RawTable, Section
from pcsgen.diagnostics import Diagnostics
from pcsgen.pcs.arguments import is_integer
from pcsgen.schema import SectionSpec


class RowReader:
    """Reads the cells of one data row, reporting what is missing or malformed."""

    def __init__(self, row: DataRow, spec: SectionSpec, diagnostics: Diagnostics) -> None:
        self.row = row
        self.spec = spec
        self.diagnostics = diagnostics
        self.ok = True

    def cell(self, key: str) -> Cell:
        return self.row.cells[key]

    def get(self, key: str) -> str:
        return self.row.value(key)

    def required(self, key: str) -> str:
        cell = self.row.cells[key]
        if not cell.value:
            column = self.spec.column(key)
            self.error("PG201", cell, column=column.name if column else key)
        return cell.value

    def choice(self, key: str, required: bool = False) -> Optional[str]:
        """A value from the column's allowed list, in its canonical spelling."""
        cell = self.row.cells[key]
        if not cell.value:
            if required:
                self.required(key)
            return None
        column = self.spec.column(key)
        assert column is not None
        canonical = column.canonical(cell.value)
        if canonical is None:
            self.error(
                "PG202",
                cell,
                value=cell.value,
                column=column.name,
                allowed=", ".join(column.values),
            )
        return canonical

    def score(self, key: str) -> Optional[str]:
        cell = self.row.cells[key]
        if not cell.value:
            return None
        normal = values.score(cell.value)
        if normal is None:
            self.error("PG203", cell, value=cell.value)
        return normal

    def role(self, key: str) -> Optional[str]:
        cell = self.row.cells[key]
        if not cell.value:
            return None
        normal = values.role(cell.value)
        if normal is None:
            self.error("PG215", cell, value=cell.value)
        return normal

    def boolean(self, key: str) -> Optional[str]:
        cell = self.row.cells[key]
        if not cell.value:
            return None
        normal = values.boolean(cell.value)
        if normal is None:
            self.error("PG204", cell, value=cell.value)
        return normal

    def identifier(self, key: str) -> str:
        cell = self.row.cells[key]
        text = self.required(key)
        if text and not values.is_valid_id(text):
            self.error("PG205", cell, value=text)
        return text

    def error(self, code: str, cell: Cell, **args: object) -> None:
        self.diagnostics.error(code, cell.location, **args)
        self.ok = False


def row_readers(
    tables: List[RawTable], diagnostics: Diagnostics
) -> Iterator[Tuple[DataRow, RowReader]]:
    """Every data row of the tables, each with a reader that reports to its cells."""
    for table in tables:
        for section in table.sections:
            for row in section.rows:
                yield row, RowReader(row, section.spec, diagnostics)


def utilization_value(reader: RowReader, name: Cell, value: Cell) -> bool:
    """pcs refuses a utilization value that is not an integer."""
    if is_integer(value.value):
        return True
    reader.error("PG256", value, name=name.value, value=value.value)
    return False


def empty_value(reader: RowReader, row: DataRow) -> None:
    """A name with an empty value: Pacemaker keeps the empty string (which is not the
    same as no value), pcs cannot set it; accepted, with a warning."""
    if row["name"].value and not row["value"].value:
        reader.diagnostics.warning("PG262", row["value"].location, name=row["name"].value)


def attribute_rows(section: Section, lists: Dict[str, NvList], diagnostics: Diagnostics) -> None:
    """An A sub-table (type, name, value): each pair into the list of its type."""
    for row in section.rows:
        reader = RowReader(row, section.spec, diagnostics)
        kind = reader.choice("type", required=True)
        reader.required("name")
        empty_value(reader, row)
        if reader.ok and kind == "utilization" and row["value"].value:
            utilization_value(reader, row["name"], row["value"])
        if reader.ok and kind is not None:
            lists[kind].add(row["name"], row["value"])


class NvList:
    """Name/value pairs of one owner. Where pcs takes the pairs in one command (the
    options of `pcs resource create`, `pcs alert create` ...), a name given twice with
    the same value is kept once, and with different values is an error, as pcs refuses
    it. Elsewhere pcs sets each pair with its own command, so, as with pm_pcsgen, the
    last value wins and a warning says so."""

    def __init__(
        self, owner: str, diagnostics: Diagnostics, duplicate_is_error: bool = True
    ) -> None:
        self.owner = owner
        self.diagnostics = diagnostics
        self.duplicate_is_error = duplicate_is_error
        self.items: List[ir.NvPair] = []
        self._seen: Dict[str, ir.NvPair] = {}

    def add(self, name: Cell, value: Cell) -> None:
        first = self._seen.get(name.value)
        if first is not None:
            if self.duplicate_is_error:
                if first.value == value.value:
                    self.diagnostics.warning(
                        "PG240",
                        name.location,
                        name=name.value,
                        owner=self.owner,
                        first_row=first.location.row,
                    )
                else:
                    self.diagnostics.error(
                        "PG218",
                        name.location,
                        name=name.value,
                        owner=self.owner,
                        first_row=first.location.row,
                        first=first.value,
                        value=value.value,
                    )
                return
            self.diagnostics.warning(
                "PG223",
                name.location,
                name=name.value,
                owner=self.owner,
                first_row=first.location.row,
            )
        pair = ir.NvPair(name.value, value.value, name.location)
        self._seen[name.value] = pair
        if first is not None:
            # pcs sets the new value where the name already stands
            self.items[self.items.index(first)] = pair
        else:
            self.items.append(pair)
