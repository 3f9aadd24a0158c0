"""RESOURCES (the tree), PRIMITIVE and STONITH (the definitions) and RSC_ATTRIBUTES."""

from __future__ import annotations

from typing import Dict, List, NamedTuple, Optional, Tuple

from pcsgen import ir, values
from pcsgen.compiler.builders.common import (
    NvList,
    RowReader,
    attribute_rows,
    empty_value,
    row_readers,
)
from pcsgen.compiler.tables import Cell, DataRow, RawTable, Section
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location
from pcsgen.pcs.arguments import OPERATION_ATTRIBUTES

# What may hold what (RESOURCES kinds, lower-case).
CHILDREN = {
    "group": ("primitive", "stonith"),
    "clone": ("primitive", "stonith", "group"),
    "promotable": ("primitive", "stonith", "group"),
    "primitive": (),
    "stonith": (),
}
DEFINITION_TABLE = {"primitive": "PRIMITIVE", "stonith": "STONITH"}
ATTRIBUTE_KINDS = ("options", "meta", "utilization")
DURATION_COLUMNS = ("timeout", "interval", "start-delay")


class TreeEntry(NamedTuple):
    """A RESOURCES row: its kind and the resource it makes."""

    kind: str  # primitive, stonith, group, clone, promotable
    resource: ir.Resource
    location: Location


class Definition(NamedTuple):
    """One PRIMITIVE or STONITH table."""

    table: str
    id: str
    id_cell: Cell
    agent: ir.AgentName
    instance: List[ir.NvPair]
    meta: List[ir.NvPair]
    utilization: List[ir.NvPair]
    operations: List[ir.Operation]
    agent_cell: Cell


def resource_tree(
    tables: List[RawTable], diagnostics: Diagnostics
) -> Tuple[List[ir.Resource], Dict[str, TreeEntry]]:
    top: List[ir.Resource] = []
    index: Dict[str, TreeEntry] = {}
    for table in tables:
        for section in table.sections:
            stack: List[TreeEntry] = []
            for row in section.rows:
                entry = _tree_row(row, section, stack, index, diagnostics)
                if entry is None:
                    continue
                depth = len(stack) - 1
                if depth == 0:
                    top.append(entry.resource)
    for entry in index.values():
        resource = entry.resource
        if isinstance(resource, ir.Group) and not resource.members:
            diagnostics.error("PG219", entry.location, kind="Group", id=resource.id)
        if isinstance(resource, ir.Clone) and resource.child is None:
            diagnostics.error(
                "PG219",
                entry.location,
                kind="Promotable" if resource.promotable else "Clone",
                id=resource.id,
            )
    return top, index


def _tree_row(
    row: DataRow,
    section: Section,
    stack: List[TreeEntry],
    index: Dict[str, TreeEntry],
    diagnostics: Diagnostics,
) -> Optional[TreeEntry]:
    reader = RowReader(row, section.spec, diagnostics)
    items = row.repeated.get("resourceitem", [])
    given = [(depth, cell) for depth, cell in enumerate(items) if cell.value]
    if len(given) != 1:
        where = (
            given[1][1].location
            if len(given) > 1
            else row.location.at_column(items[0].location.column if items else 0)
        )
        diagnostics.error("PG206", where, count=len(given))
        return None
    depth, kind_cell = given[0]
    column_spec = section.spec.column("resourceitem")
    assert column_spec is not None
    kind = column_spec.canonical(kind_cell.value)
    if kind is None:
        diagnostics.error(
            "PG202",
            kind_cell.location,
            value=kind_cell.value,
            column="resourceItem",
            allowed=", ".join(column_spec.values),
        )
        return None
    kind = kind.lower()
    rid = reader.identifier("id")
    if not reader.ok:
        return None
    if depth > len(stack):
        diagnostics.error("PG207", kind_cell.location, id=rid)
        return None
    del stack[depth:]
    parent = stack[-1] if stack else None
    if parent is not None and kind not in CHILDREN[parent.kind]:
        diagnostics.error(
            "PG208",
            kind_cell.location,
            parent=parent.kind.capitalize(),
            child=kind.capitalize(),
            id=rid,
            parent_id=parent.resource.id,
        )
        return None
    first = index.get(rid)
    if first is not None:
        diagnostics.error("PG209", row["id"].location, id=rid, first_row=first.location.row)
        return None
    location = row["id"].location
    resource: ir.Resource
    if kind in ("primitive", "stonith"):
        placeholder = ir.AgentName("stonith" if kind == "stonith" else "", None, "")
        resource = ir.Primitive(rid, placeholder, location)
    elif kind == "group":
        resource = ir.Group(rid, location)
    else:
        resource = ir.Clone(rid, location, promotable=(kind == "promotable"))
    if parent is not None:
        holder = parent.resource
        if isinstance(holder, ir.Group):
            assert isinstance(resource, ir.Primitive)
            holder.members.append(resource)
        elif isinstance(holder, ir.Clone):
            if holder.child is not None:
                diagnostics.error(
                    "PG220",
                    kind_cell.location,
                    kind="Promotable" if holder.promotable else "Clone",
                    id=holder.id,
                )
                return None
            assert not isinstance(resource, ir.Clone)
            holder.child = resource
    entry = TreeEntry(kind, resource, location)
    index[rid] = entry
    stack.append(entry)
    return entry


def definitions(tables: List[RawTable], diagnostics: Diagnostics) -> Dict[str, Definition]:
    found: Dict[str, Definition] = {}
    for table in tables:
        definition = _definition(table, diagnostics)
        if definition is None:
            continue
        first = found.get(definition.id)
        if first is not None:
            diagnostics.error(
                "PG209",
                definition.id_cell.location,
                id=definition.id,
                first_row=first.id_cell.location.row,
            )
            continue
        found[definition.id] = definition
    return found


def _definition(table: RawTable, diagnostics: Diagnostics) -> Optional[Definition]:
    head = table.section("P")
    if head is None or not head.rows:
        for section in table.sections:
            if section.marker != "P" and section.rows:
                where = (
                    head.location.at_column(head.columns.get("id", 0))
                    if head
                    else section.rows[0].location
                )
                diagnostics.error(
                    "PG226", where, table=table.marker, sub=section.marker, owner="P", column="id"
                )
                break
        return None
    row = head.rows[0]
    reader = RowReader(row, head.spec, diagnostics)
    rid = reader.identifier("id")
    agent_type = reader.required("type")
    if table.marker == "STONITH":
        agent = ir.AgentName("stonith", None, agent_type)
    else:
        standard = reader.required("class").lower()
        provider = reader.get("provider") or None
        if standard == "ocf" and provider is None:
            reader.required("provider")
        agent = ir.AgentName(standard, provider, agent_type)
    if reader.ok and not _agent_name_ok(agent, reader):
        # reported; the table still defines the resource (no second, misleading error)
        agent = ir.AgentName(agent.standard, None, "")
    if not reader.ok:
        return None
    operations: List[ir.Operation] = []
    # options and meta go into one `pcs resource create`; pm_pcsgen sets each utilization
    # with its own `pcs resource utilization`, so there the last value wins
    attribute_lists = {
        kind: NvList(f"{rid} ({kind})", diagnostics, duplicate_is_error=kind != "utilization")
        for kind in ATTRIBUTE_KINDS
    }
    for section in table.sections:
        if section.marker == "A":
            attribute_rows(section, attribute_lists, diagnostics)
        elif section.marker == "O":
            for op_row in section.rows:
                operation = _operation(op_row, section, diagnostics)
                if operation is not None:
                    operations.append(operation)
    return Definition(
        table.marker,
        rid,
        row["id"],
        agent,
        attribute_lists["options"].items,
        attribute_lists["meta"].items,
        attribute_lists["utilization"].items,
        operations,
        row["type"],
    )


def _agent_name_ok(agent: ir.AgentName, reader: RowReader) -> bool:
    """Pacemaker runs the program an agent name leads to: no path may hide in one."""
    from pcsgen.agents.names import part_problem

    parts = [("type", agent.type)]
    if agent.standard != "stonith":
        parts = [("class", agent.standard), ("provider", agent.provider or "")] + parts
    ok = True
    for part, value in parts:
        if part == "provider" and not value:
            continue
        problem = part_problem(part, value, agent.standard)
        if problem is not None:
            cell = reader.cell(part)
            reader.diagnostics.error(
                "PG230", cell.location, value=cell.value, part=part, reason=problem
            )
            ok = False
    return ok


def _operation(row: DataRow, section: Section, diagnostics: Diagnostics) -> Optional[ir.Operation]:
    reader = RowReader(row, section.spec, diagnostics)
    name = reader.required("type")
    attributes: Dict[str, str] = {}
    cells = [(key, cell) for key, cell in row.cells.items() if key != "type"]
    cells += list(row.extra.items())
    for key, cell in cells:
        if not cell.value:
            continue
        if key in row.extra:
            if not values.is_valid_id(key):
                reader.error("PG227", cell, name=key)
                continue
            if key not in OPERATION_ATTRIBUTES:
                reader.error("PG228", cell, name=key, known=", ".join(OPERATION_ATTRIBUTES))
                continue
        text = cell.value
        if key == "id" and not values.is_valid_id(text):
            reader.error("PG205", cell, value=text)
            continue
        if key == "role":
            role = reader.role("role")
            if role is None:
                continue
            text = role
        elif key == "on-fail":
            choice = reader.choice("on-fail")
            if choice is None:
                continue
            text = choice
        elif key in DURATION_COLUMNS and not _duration_ok(key, text, cell, reader):
            continue
        attributes[key] = text
    if not reader.ok:
        return None
    return ir.Operation(name, attributes, row["type"].location)


def _duration_ok(key: str, text: str, cell: Cell, reader: RowReader) -> bool:
    """An interval as Pacemaker reads it (ISO 8601 too); a timeout or start-delay it
    cannot read (ISO 8601, INFINITY, which pcs 0.10 and 0.11 accept) is kept, with a
    warning that Pacemaker uses its default instead."""
    if key == "interval":
        if values.interval_msec(text) is None:
            reader.error("PG216", cell, value=text)
            return False
        return True
    if values.msec(text) is not None:
        return True
    if values.iso_msec(text) is not None or text.strip().upper() in ("INFINITY", "+INFINITY"):
        reader.diagnostics.warning("PG260", cell.location, value=text, column=key)
        return True
    reader.error("PG216", cell, value=text)
    return False


def attach(
    index: Dict[str, TreeEntry], found: Dict[str, Definition], diagnostics: Diagnostics
) -> None:
    """Give every primitive of the tree its definition; report the ones missing either way."""
    for rid, entry in index.items():
        if entry.kind not in DEFINITION_TABLE:
            continue
        wanted = DEFINITION_TABLE[entry.kind]
        definition = found.get(rid)
        if definition is None:
            diagnostics.error(
                "PG302", entry.location, kind=entry.kind.capitalize(), id=rid, table=wanted
            )
            continue
        if definition.table != wanted:
            diagnostics.error(
                "PG304",
                definition.id_cell.location,
                id=rid,
                kind=entry.kind.capitalize(),
                table=definition.table,
            )
            continue
        primitive = entry.resource
        assert isinstance(primitive, ir.Primitive)
        primitive.agent = definition.agent
        primitive.definition = definition.id_cell.location
        primitive.agent_location = definition.agent_cell.location
        primitive.instance_attributes = definition.instance
        primitive.meta_attributes = definition.meta
        primitive.utilization = definition.utilization
        primitive.operations = definition.operations
    for rid, definition in found.items():
        if rid not in index:
            diagnostics.error("PG303", definition.id_cell.location, id=rid, table=definition.table)


def resource_meta(
    tables: List[RawTable], index: Dict[str, TreeEntry], diagnostics: Diagnostics
) -> None:
    """RSC_ATTRIBUTES: meta attributes of groups, clones (and any other resource)."""
    lists: Dict[str, NvList] = {}
    for row, reader in row_readers(tables, diagnostics):
        rid = reader.required("id")
        reader.required("name")
        empty_value(reader, row)
        if not reader.ok:
            continue
        entry = index.get(rid)
        if entry is None:
            diagnostics.error("PG301", row["id"].location, id=rid)
            continue
        resource = entry.resource
        if rid not in lists:
            lists[rid] = NvList(f"{rid} (meta)", diagnostics, duplicate_is_error=False)
            for pair in resource.meta_attributes:
                lists[rid]._seen[pair.name] = pair
                lists[rid].items.append(pair)
        lists[rid].add(row["name"], row["value"])
    for rid, pairs in lists.items():
        index[rid].resource.meta_attributes = pairs.items
