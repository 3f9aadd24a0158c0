"""PRIMITIVE tables (P, A, O) of pm_crmgen -> pm_pcsgen's: the agent renamed or
replaced where the new generation asks, instance attributes kept or named as lost, and
operations with their roles in the target's spelling."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from pcsgen.compiler.tables import Cell
from pcsgen.diagnostics.location import Location
from pcsgen.migrate.state import Converter, Primitive
from pcsgen.secrets import mask


def read_primitives(conv: Converter) -> None:
    current: Optional[str] = None
    for table in conv.tables:
        if table.marker != "PRIMITIVE":
            continue
        if table.sub == "P":
            for row in table.rows:
                rid = row.value("id")
                if not rid:
                    conv.diagnostics.error("PG975", row.location, table="PRIMITIVE/P", column="id")
                    current = None
                    continue
                if rid in conv.primitives:
                    conv.diagnostics.error(
                        "PG978", row.cells["id"].location, value=rid, column="PRIMITIVE/P id"
                    )
                current = rid
                conv.primitives[rid] = Primitive(row, [], [])
        elif current is not None:
            target = conv.primitives[current]
            (target.attributes if table.sub == "A" else target.operations).extend(table.rows)


def attribute_rows(
    conv: Converter, rid: str, primitive: Primitive
) -> Tuple[List[Dict[str, str]], List[Cell]]:
    """A rows as (type, name, value) dicts, the per-node (rule) rows left out and
    named; and the cells of the kept rows, for the stonith parameter maps."""
    kind = rule = ""
    kept: List[Dict[str, str]] = []
    cells: List[Cell] = []
    lost: Dict[str, List[str]] = {}
    lost_at: Dict[str, Location] = {}
    values: Dict[str, List[str]] = {}
    for row in primitive.attributes:
        if row.value("type"):
            kind, rule = row.value("type").lower(), row.value("rule")
        if not row.value("name"):
            continue
        if rule:
            lost.setdefault(rule, []).append(row.value("name"))
            values.setdefault(rule, []).append(
                f"{row.value('name')}={mask(row.value('name'), row.value('value'))}"
            )
            lost_at.setdefault(rule, row.location)
            continue
        if kind == "operations":
            conv.changes.add(
                "PG997",
                row.location,
                "pm_pcsgen's format names no operations id; Pacemaker does not need one",
                (rid,),
                what=f"operations {row.value('name')}",
            )
            continue
        if kind not in ("params", "meta", "utilization"):
            conv.diagnostics.error("PG978", row.location, value=kind, column="PRIMITIVE/A type")
            continue
        kept.append(
            {
                "type": {"params": "options"}.get(kind, kind),
                "name": row.value("name"),
                "value": row.value("value"),
            }
        )
        cells.append(row.cells["name"])
    for rule_text, names in lost.items():
        conv.changes.add(
            "PG993",
            lost_at[rule_text],
            "pm_pcsgen's format and pcs have no "
            "per-node instance attributes (rules in instance_attributes)",
            (rid,),
            id=rid,
            rule=rule_text,
            names=", ".join(names),
            values=" ".join(values[rule_text]),
        )
    return kept, cells


def op_rows(conv: Converter, rid: str, primitive: Primitive) -> List[Dict[str, str]]:
    operations = []
    for row in primitive.operations:
        if not row.value("type"):
            continue
        item = {"type": row.value("type")}
        for key, cell in row.cells.items():
            if key == "type":
                continue
            item[key] = conv.role(cell, rid) if key == "role" else cell.value
        operations.append(item)
    return operations


def primitive(conv: Converter, rid: str) -> None:
    primitive = conv.primitives[rid]
    head = primitive.head
    agent = ":".join(
        x for x in (head.value("class"), head.value("provider"), head.value("type")) if x
    )
    entry = conv.data["agents"].get(agent)
    standard, provider, kind = head.value("class"), head.value("provider"), head.value("type")
    if entry is not None:
        where = head.cells["type"].location if "type" in head.cells else head.location
        if entry["agent"]:
            conv.changes.add(
                "PG984", where, entry["source"], (rid,), id=rid, old=agent, new=entry["agent"]
            )
            standard, provider, kind = entry["agent"].split(":")
        else:
            conv.changes.add(
                "PG985",
                where,
                entry["source"],
                (rid,),
                id=rid,
                old=agent,
                replacement=entry["replacement"],
            )
    attributes, _cells = attribute_rows(conv, rid, primitive)
    conv.add(
        "PRIMITIVE",
        {
            "table": "PRIMITIVE",
            "P": {"id": rid, "class": standard, "provider": provider, "type": kind},
            "A": attributes,
            "O": op_rows(conv, rid, primitive),
        },
    )
