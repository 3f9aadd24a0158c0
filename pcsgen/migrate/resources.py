"""The RESOURCES tree and RSC_ATTRIBUTES of pm_crmgen -> pm_pcsgen's: groups, clones
and master/slave resources (promotable now), groups of fence devices dissolved, and the
clone meta attributes the target names otherwise."""

from __future__ import annotations

from typing import Any, Dict, List

from pcsgen.migrate import primitives, stonith
from pcsgen.migrate.state import Converter, Node


def resources(conv: Converter) -> None:
    stack: List[Node] = []
    for row in conv.table_rows("RESOURCES"):
        set_items = [(depth, cell) for depth, cell in enumerate(row.items) if cell.value]
        rid = row.value("id")
        if len(set_items) != 1 or not rid:
            conv.diagnostics.error(
                "PG975", row.location, table="RESOURCES", column="resourceItem, id"
            )
            continue
        depth, cell = set_items[0]
        kind = cell.value.lower()
        if kind not in ("primitive", "group", "clone", "ms", "master"):
            conv.diagnostics.error("PG978", cell.location, value=cell.value, column="resourceItem")
            continue
        if depth > len(stack) or (depth > 0 and stack[depth - 1].kind == "primitive"):
            conv.diagnostics.error("PG978", cell.location, value=cell.value, column="resourceItem")
            continue
        del stack[depth:]
        node = Node(kind, rid, depth, cell)
        if stack:
            conv.parents[rid] = stack[-1].id
        stack.append(node)
        conv.tree.append(node)
        if kind == "primitive" and rid not in conv.primitives:
            conv.diagnostics.error("PG977", row.cells["id"].location, id=rid)
    listed = {node.id for node in conv.tree}
    for rid, primitive in conv.primitives.items():
        if rid not in listed:
            conv.diagnostics.error("PG977", primitive.head.cells["id"].location, id=rid)


def is_stonith(conv: Converter, rid: str) -> bool:
    primitive = conv.primitives.get(rid)
    return primitive is not None and primitive.head.value("class").lower() == "stonith"


def write_resources(conv: Converter) -> None:
    members: Dict[str, List[str]] = {}
    for node in conv.tree:
        if node.id in conv.parents:
            members.setdefault(conv.parents[node.id], []).append(node.id)
    for node in conv.tree:
        if (
            node.kind == "group"
            and members.get(node.id)
            and all(is_stonith(conv, m) for m in members[node.id])
        ):
            conv.dissolved[node.id] = members[node.id]
    for node in conv.tree:
        if node.kind == "primitive" and is_stonith(conv, node.id):
            stonith.stonith(conv, node.id)
    rows: List[Dict[str, Any]] = []
    for node in conv.tree:
        if (
            node.id in conv.dissolved
            or node.id in conv.dropped
            or (node.kind == "primitive" and node.id not in conv.primitives)
        ):
            continue
        depth = node.depth
        parent = conv.parents.get(node.id)
        if parent in conv.dissolved:
            depth = 0
        kind = node.kind
        if kind in ("ms", "master"):
            entry = conv.data["resource_kinds"][kind]
            conv.changes.add(
                "PG982",
                node.cell.location,
                entry["source"],
                (node.id,),
                id=node.id,
                old=node.cell.value,
            )
            kind = "promotable"
        if kind == "primitive":
            kind = "stonith" if is_stonith(conv, node.id) else "primitive"
            if kind == "primitive":
                primitives.primitive(conv, node.id)
        rows.append({"depth": depth, "kind": kind.capitalize(), "id": node.id})
    for group, devices in conv.dissolved.items():
        kept = [d for d in devices if d not in conv.dropped]
        conv.changes.add(
            "PG983",
            next(n.cell.location for n in conv.tree if n.id == group),
            "pcs 0.11 refuses fence devices in groups; Pacemaker tries fence "
            "devices by fencing levels",
            (group, *devices),
            id=group,
            devices=", ".join(kept) or "-",
        )
    if rows:
        conv.add("RESOURCES", rows)


def resource_attributes(conv: Converter) -> None:
    rid = kind = ""
    kinds = {n.id: n.kind for n in conv.tree}
    for row in conv.table_rows("RSC_ATTRIBUTES"):
        rid = row.value("id") or rid
        kind = (row.value("type") or kind).lower()
        name = row.value("name")
        if not name or not rid:
            continue
        if kind != "meta":
            conv.changes.add(
                "PG997",
                row.cells["name"].location,
                "pm_pcsgen's "
                "RSC_ATTRIBUTES holds meta "
                "attributes only; pcs sets no instance attributes on a group "
                "or clone",
                (rid,),
                what=f"{kind} {name}",
            )
            continue
        entry = conv.data["clone_meta"].get(name)
        if entry is not None and kinds.get(rid) in ("ms", "master") and conv.target in entry:
            conv.changes.add(
                "PG992",
                row.cells["name"].location,
                entry["source"],
                (rid,),
                old=name,
                new=entry[conv.target],
                id=rid,
            )
            name = entry[conv.target]
        conv.add("RSC_ATTRIBUTES", {"id": rid, "name": name, "value": row.value("value")})
