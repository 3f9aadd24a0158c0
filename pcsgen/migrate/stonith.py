"""Fence devices from cluster-glue stonith plugins -> fence agents with their parameters
renamed (generations.json), or left out with what replaces them; FENCING_TOPOLOGY and
dissolved groups of fence devices -> fencing levels."""

from __future__ import annotations

import re
from typing import Any, Dict, List

from pcsgen.compiler.tables import Cell
from pcsgen.migrate import primitives
from pcsgen.migrate.state import Converter
from pcsgen.secrets import mask


def stonith(conv: Converter, rid: str) -> None:
    primitive = conv.primitives[rid]
    plugin = primitive.head.value("type")
    where = (
        primitive.head.cells["type"].location
        if "type" in primitive.head.cells
        else primitive.head.location
    )
    entry = conv.data["stonith"].get(plugin)
    attributes, cells = primitives.attribute_rows(conv, rid, primitive)
    if plugin.startswith("fence_"):
        agent = plugin
    elif entry is None or not entry["agent"]:
        conv.dropped.add(rid)
        conv.changes.add(
            "PG986",
            where,
            entry["source"] if entry else "not in pcsgen's table of cluster-glue plugins",
            (rid,),
            id=rid,
            old=plugin,
            replacement=entry["replacement"] if entry else "-",
        )
        return
    else:
        agent = entry["agent"]
        conv.changes.add("PG987", where, entry["source"], (rid,), id=rid, old=plugin, new=agent)
        attributes = map_parameters(conv, rid, entry, attributes, cells)
    operations = primitives.op_rows(conv, rid, primitive)
    conv.add(
        "STONITH",
        {"table": "STONITH", "P": {"id": rid, "type": agent}, "A": attributes, "O": operations},
    )


def map_parameters(
    conv: Converter,
    rid: str,
    entry: Dict[str, Any],
    attributes: List[Dict[str, str]],
    cells: List[Cell],
) -> List[Dict[str, str]]:
    keep = set(conv.data["stonith_keep"])
    mapped: List[Dict[str, str]] = []

    def renamed(cell: Cell, old: str, new: str, source: Any = entry["source"]) -> None:
        conv.changes.add("PG988", cell.location, source, (rid,), id=rid, old=old, new=new)

    def lost(cell: Cell, name: str, value: str) -> None:
        # the report names the parameter, never a password's value
        conv.changes.add(
            "PG989",
            cell.location,
            entry["source"],
            (rid,),
            id=rid,
            name=f"{name}={mask(name, value)}",
            agent=entry["agent"],
        )

    for item, cell in zip(attributes, cells):
        name, value = item["name"], item["value"]
        if item["type"] != "options" or name in keep:
            mapped.append(item)
            continue
        if name in entry["params"]:
            new = entry["params"][name]
            if new == "pcmk_host_list" and ":" in value:
                new = "pcmk_host_map"
            # the report names the parameters, never a password's value
            renamed(cell, f"{name}={mask(name, value)}", f"{new}={mask(new, value)}")
            mapped.append({"type": "options", "name": new, "value": value})
        elif name in entry["values"]:
            rule = entry["values"][name]
            new_value = rule["map"].get(value.lower())
            if new_value is None:
                lost(cell, name, value)
                continue
            renamed(cell, f"{name}={value}", f"{rule['name']}={new_value}")
            mapped.append({"type": "options", "name": rule["name"], "value": new_value})
        elif name == entry.get("uri"):
            match = re.match(r"^[a-z+]+://(?:([^@/]+)@)?([^:/]+)(?::(\d+))?/", value)
            if match is None:
                lost(cell, name, value)
                continue
            user = match.group(1)
            if not user and entry.get("uri_user"):
                user = entry["uri_user"]
                renamed(cell, f"{name}={value}", f"username={user}", entry["uri_user_source"])
                mapped.append({"type": "options", "name": "username", "value": user})
                user = None
            for new, part in (
                ("username", user),
                ("ip", match.group(2)),
                ("ipport", match.group(3)),
            ):
                if part:
                    renamed(cell, f"{name}={value}", f"{new}={part}")
                    mapped.append({"type": "options", "name": new, "value": part})
        else:
            lost(cell, name, value)
    if entry.get("review"):
        conv.changes.add(
            "PG991",
            None,
            entry["source"],
            (rid,),
            id=rid,
            agent=entry["agent"],
            names=", ".join(entry["review"]),
        )
    return mapped


def fencing(conv: Converter) -> None:
    levels: Dict[str, Dict[int, List[str]]] = {}
    node = ""
    for row in conv.table_rows("FENCING_TOPOLOGY"):
        node = row.value("node") or node
        device, index = row.value("rsc"), row.value("index")
        if not node or not device or not index.isdigit() or int(index) < 1:
            conv.diagnostics.error(
                "PG975", row.location, table="FENCING_TOPOLOGY", column="node, rsc, index"
            )
            continue
        if device in conv.dropped:
            conv.changes.add(
                "PG997",
                row.cells["rsc"].location,
                "it names a fence device left out (PG986)",
                (device, node),
                what=f"{node}: {device}",
            )
            continue
        levels.setdefault(node, {}).setdefault(int(index), []).append(device)
    for group, devices in conv.dissolved.items():
        kept = [d for d in devices if d not in conv.dropped]
        targets = {host_of(conv, d) for d in kept} - {""}
        for target in targets:
            if target in levels:
                continue
            levels[target] = {i: [d] for i, d in enumerate(kept, start=1)}
            conv.changes.add(
                "PG994",
                None,
                "a group of fence devices was tried member by "
                "member; fencing levels say the same to Pacemaker 2",
                (group, target, *kept),
                node=target,
                devices=", ".join(kept),
            )
    for target, by_index in levels.items():
        # levels are renumbered from 1 when a dropped device left a gap
        for level, number in enumerate(sorted(by_index), start=1):
            conv.add(
                "STONITH_LEVEL",
                {"node": target, "id": ",".join(by_index[number]), "level": str(level)},
            )


def host_of(conv: Converter, device: str) -> str:
    for table in conv.out.get("STONITH", []):
        if table["P"]["id"] == device:
            for item in table["A"]:
                if item["name"] in ("pcmk_host_list", "pcmk_host_map"):
                    hosts = re.split(r"[\s,;]+", str(item["value"]).strip())
                    return hosts[0].split(":")[0] if hosts else ""
    return ""
