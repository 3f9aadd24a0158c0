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


def test_sub_tables_out_of_order_say_why_in_the_reader_s_language() -> None:
    first = ",PRIMITIVE\n,A,type,name,value\n,,options,a,b\n"
    twice = ",PRIMITIVE\n,P,id,class,provider,type\n,,d1,ocf,pacemaker,Dummy\n"
    twice += ",P,id,class,provider,type\n"
    for text, english, japanese in (
        (first, "(P comes first)", "(P が先です)"),
        (twice, "(one P per PRIMITIVE marker)", "(PRIMITIVE マーカー 1 つにつき P は 1 つです)"),
    ):
        _, diagnostics = tables_of(text)
        [found] = [d for d in diagnostics if d.code == "PG106"]
        assert english in found.message("en"), found.message("en")
        assert japanese in found.message("ja"), found.message("ja")
