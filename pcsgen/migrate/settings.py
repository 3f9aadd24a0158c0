"""The cluster-wide tables of pm_crmgen -> pm_pcsgen's: NODE (attributes and
utilization), PROPERTY and the defaults (a property Pacemaker moved goes where it went),
ALERT with its recipients."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from pcsgen.migrate.state import Converter


def nodes(conv: Converter) -> None:
    uname = ptype = ""
    for row in conv.table_rows("NODE"):
        if row.value("uname"):
            uname, ptype = row.value("uname"), ""
            ntype = row.cells.get("ntype")
            if ntype is not None:
                conv.changes.add(
                    "PG997",
                    ntype.location,
                    "the pacemaker-3.x CIB schema "
                    "knows node types member, ping and remote only; pcs adds "
                    "the nodes itself",
                    (uname,),
                    what=f"ntype {ntype.value}",
                )
        ptype = (row.value("ptype") or ptype).lower()
        if not row.value("name"):
            continue
        kind = {"attributes": "attribute", "utilization": "utilization"}.get(ptype)
        if kind is None:
            conv.diagnostics.error(
                "PG978",
                row.location.at_column(row.cells["ptype"].column if "ptype" in row.cells else 0),
                value=ptype,
                column="NODE/ptype",
            )
            continue
        conv.add(
            "NODE",
            {"uname": uname, "type": kind, "name": row.value("name"), "value": row.value("value")},
        )


def options(conv: Converter) -> None:
    moved: Dict[str, List[Dict[str, str]]] = {}
    for marker in ("PROPERTY", "RSC_DEFAULTS", "OP_DEFAULTS"):
        for row in conv.table_rows(marker):
            name, value = row.value("name"), row.value("value")
            if not name:
                continue
            entry = conv.data["properties"].get(name) if marker == "PROPERTY" else None
            if entry is not None:
                conv.changes.add(
                    "PG990",
                    row.cells["name"].location,
                    entry["source"],
                    (name, entry["name"]),
                    name=name,
                    table=entry["table"],
                    new=entry["name"],
                )
                moved.setdefault(entry["table"], []).append({"name": entry["name"], "value": value})
                continue
            conv.add(marker, {"name": name, "value": value})
    for marker, rows in moved.items():
        have = {r["name"] for r in conv.out.get(marker, [])}
        for item in rows:
            if item["name"] not in have:
                conv.add(marker, item)


def alerts(conv: Converter) -> None:
    alert: Optional[Dict[str, Any]] = None
    owner: Optional[Dict[str, Any]] = None
    for table in conv.tables:
        if table.marker != "ALERT":
            continue
        for row in table.rows:
            if table.sub == "P" and row.value("path"):
                alert = {"table": "ALERT", "P": {"path": row.value("path")}, "A": [], "R": []}
                owner = alert
                conv.add("ALERT", alert)
            elif table.sub == "R" and row.value("recipient") and alert is not None:
                owner = {"recipient": row.value("recipient"), "A": []}
                alert["R"].append(owner)
            elif table.sub == "A" and owner is not None and row.value("name"):
                kind = row.value("type").lower() or (owner["A"][-1]["type"] if owner["A"] else "")
                kind = {"attributes": "options"}.get(kind, kind)
                if kind not in ("options", "meta"):
                    conv.diagnostics.error("PG978", row.location, value=kind, column="ALERT/A type")
                    continue
                owner["A"].append(
                    {"type": kind, "name": row.value("name"), "value": row.value("value")}
                )
