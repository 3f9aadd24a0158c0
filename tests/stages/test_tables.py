"""The tables stage alone: a grid of cells -> raw tables, each cell with its location."""

from __future__ import annotations

from tests.stages.helpers import codes, table, tables_of


def test_rows_keep_their_cells_and_locations() -> None:
    tables, diagnostics = tables_of(
        table("PROPERTY", "name,value", "stonith-enabled,true", "no-quorum-policy,stop")
    )
    assert codes(diagnostics) == []
    [found] = tables
    assert found.marker == "PROPERTY"
    rows = [row for section in found.sections for row in section.rows]
    assert [(r["name"].value, r["value"].value) for r in rows] == [
        ("stonith-enabled", "true"),
        ("no-quorum-policy", "stop"),
    ]
    # the marker is row 1, the header row 2: data starts on row 3, in column C
    assert (rows[0]["name"].location.row, rows[0]["name"].location.column) == (3, 3)
    assert rows[1]["value"].location.column == 4


def test_tables_come_in_the_order_written() -> None:
    text = table("OP_DEFAULTS", "name,value", "timeout,30s") + table(
        "PROPERTY", "name,value", "stonith-enabled,true"
    )
    tables, _ = tables_of(text)
    assert [t.marker for t in tables] == ["OP_DEFAULTS", "PROPERTY"]


def test_an_unknown_column_is_reported_at_its_cell() -> None:
    _, diagnostics = tables_of(table("PROPERTY", "name,value,colour", "a,b,c"))
    [found] = list(diagnostics)
    assert found.code == "PG105"
    assert found.location is not None
    assert (found.location.row, found.location.column) == (2, 5)
