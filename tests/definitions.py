"""Small definitions the tests build, as writer documents."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Dict, List

from pcsgen.workbook.writer import document_to_grid, grid_to_csv, grid_to_xlsx

Document = Dict[str, Any]


def primitive(
    rid: str, agent: str, options: List[List[str]], ops: List[Dict[str, str]] | None = None
) -> Dict[str, Any]:
    standard, provider, kind = (
        (agent.split(":") + [""])[:3]
        if agent.count(":") == 2
        else (agent.split(":")[0], "", agent.split(":")[1])
    )
    return {
        "table": "PRIMITIVE",
        "P": {"id": rid, "class": standard, "provider": provider, "type": kind},
        "A": [{"type": "options", "name": n, "value": v} for n, v in options],
        "O": ops
        if ops is not None
        else [
            {"type": "start", "timeout": "20s"},
            {"type": "monitor", "timeout": "20s", "interval": "10s"},
            {"type": "stop", "timeout": "20s"},
        ],
    }


def stonith(rid: str, agent: str, options: List[List[str]]) -> Dict[str, Any]:
    return {
        "table": "STONITH",
        "P": {"id": rid, "type": agent},
        "A": [{"type": "options", "name": n, "value": v} for n, v in options],
        "O": [{"type": "monitor", "timeout": "60s", "interval": "3600s"}],
    }


def minimal() -> Document:
    """Two dummies in a group, fencing, and one constraint of each kind."""
    return {
        "name": "minimal",
        "tables": [
            {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "true"}]},
            {
                "table": "RESOURCES",
                "rows": [
                    {"depth": 0, "kind": "Group", "id": "grp"},
                    {"depth": 1, "kind": "Primitive", "id": "d1"},
                    {"depth": 1, "kind": "Primitive", "id": "d2"},
                    {"depth": 0, "kind": "Promotable", "id": "st-clone"},
                    {"depth": 1, "kind": "Primitive", "id": "st"},
                    {"depth": 0, "kind": "Stonith", "id": "fence1"},
                ],
            },
            primitive("d1", "ocf:pacemaker:Dummy", [["fake", "1"]]),
            primitive("d2", "ocf:pacemaker:Dummy", [["fake", "2"]]),
            primitive(
                "st",
                "ocf:pacemaker:Stateful",
                [],
                [
                    {"type": "monitor", "timeout": "20s", "interval": "10s", "role": "Promoted"},
                    {"type": "monitor", "timeout": "20s", "interval": "11s", "role": "Unpromoted"},
                ],
            ),
            stonith(
                "fence1",
                "fence_ipmilan",
                [["ip", "192.0.2.1"], ["username", "admin"], ["password_script", "/bin/true"]],
            ),
            {
                "table": "LOCATION_NODE",
                "rows": [
                    {"rsc": "grp", "prefers/avoids": "prefers", "node": "node1", "score": "100"},
                    {"rsc": "fence1", "prefers/avoids": "avoids", "node": "node1"},
                ],
            },
            {
                "table": "LOCATION_RULE",
                "rows": [
                    {
                        "rsc": "st-clone",
                        "score": "50",
                        "attribute": "#uname",
                        "op": "eq",
                        "value": "node1",
                        "role": "Promoted",
                    }
                ],
            },
            {
                "table": "COLOCATION",
                "rows": [
                    {
                        "rsc": "grp",
                        "with-rsc": "st-clone",
                        "score": "INFINITY",
                        "with-rsc-role": "Promoted",
                    }
                ],
            },
            {
                "table": "ORDER",
                "rows": [
                    {
                        "first-rsc": "st-clone",
                        "then-rsc": "grp",
                        "first-action": "promote",
                        "then-action": "start",
                        "symmetrical": "no",
                    }
                ],
            },
        ],
    }


def with_table(document: Document, marker: str, **changes: Any) -> Document:
    result = copy.deepcopy(document)
    for table in result["tables"]:
        if table["table"] == marker:
            table.update(changes)
    return result


def write_csv(document: Document, path: Path) -> Path:
    path.write_bytes(grid_to_csv(document_to_grid(document)))
    return path


def write_xlsx(document: Document, path: Path) -> Path:
    path.write_bytes(grid_to_xlsx(document_to_grid(document), document["name"]))
    return path
