"""PROPERTY, RSC_DEFAULTS, OP_DEFAULTS and NODE tables."""

from __future__ import annotations

from typing import Dict, List

from pcsgen import ir
from pcsgen.compiler.builders.common import NvList, empty_value, row_readers, utilization_value
from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics


def name_values(tables: List[RawTable], owner: str, diagnostics: Diagnostics) -> List[ir.NvPair]:
    pairs = NvList(owner, diagnostics, duplicate_is_error=False)
    for row, reader in row_readers(tables, diagnostics):
        reader.required("name")
        empty_value(reader, row)
        if reader.ok:
            pairs.add(row["name"], row["value"])
    return pairs.items


def nodes(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.Node]:
    by_name: Dict[str, ir.Node] = {}
    lists: Dict[str, Dict[str, NvList]] = {}
    for row, reader in row_readers(tables, diagnostics):
        uname = reader.required("uname")
        kind = reader.choice("type", required=True)
        reader.required("name")
        empty_value(reader, row)
        if reader.ok and kind == "utilization" and row["value"].value:
            utilization_value(reader, row["name"], row["value"])
        if not reader.ok or kind is None:
            continue
        node = by_name.get(uname)
        if node is None:
            node = by_name[uname] = ir.Node(uname, None, row["uname"].location)
            lists[uname] = {
                "attribute": NvList(f"node {uname}", diagnostics, False),
                "utilization": NvList(f"node {uname} (utilization)", diagnostics, False),
            }
        lists[uname][kind].add(row["name"], row["value"])
    for uname, node in by_name.items():
        node.attributes = lists[uname]["attribute"].items
        node.utilization = lists[uname]["utilization"].items
    return list(by_name.values())
