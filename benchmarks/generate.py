"""Generated definitions for the benchmark: N primitives in groups of five, each group
placed by a location constraint, colocated with and ordered after the group before it."""

from __future__ import annotations

from typing import Any, Dict, List

GROUP_SIZE = 5


def definition(primitives: int) -> Dict[str, Any]:
    groups = max(1, primitives // GROUP_SIZE)
    resources: List[Dict[str, Any]] = []
    tables: List[Dict[str, Any]] = [
        {
            "table": "PROPERTY",
            "rows": [
                {"name": "stonith-enabled", "value": "true"},
                {"name": "priority-fencing-delay", "value": "10s"},
            ],
        },
        {"table": "RSC_DEFAULTS", "rows": [{"name": "resource-stickiness", "value": "100"}]},
    ]
    primitive_tables: List[Dict[str, Any]] = []
    locations: List[Dict[str, Any]] = []
    colocations: List[Dict[str, Any]] = []
    orders: List[Dict[str, Any]] = []
    made = 0
    for g in range(groups):
        group = f"group{g:05d}"
        resources.append({"depth": 0, "kind": "Group", "id": group})
        size = GROUP_SIZE if g < groups - 1 else primitives - made
        for _member in range(size):
            rid = f"rsc{made:06d}"
            made += 1
            resources.append({"depth": 1, "kind": "Primitive", "id": rid})
            primitive_tables.append(
                {
                    "table": "PRIMITIVE",
                    "P": {"id": rid, "class": "ocf", "provider": "pacemaker", "type": "Dummy"},
                    "A": [
                        {"type": "options", "name": "state", "value": f"/run/{rid}.state"},
                        {"type": "meta", "name": "migration-threshold", "value": "3"},
                    ],
                    "O": [
                        {"type": "start", "timeout": "20s", "on-fail": "restart"},
                        {
                            "type": "monitor",
                            "timeout": "20s",
                            "interval": "10s",
                            "on-fail": "restart",
                        },
                        {"type": "stop", "timeout": "20s", "on-fail": "block"},
                    ],
                }
            )
        locations.append(
            {"rsc": group, "prefers/avoids": "prefers", "node": f"node{g % 2 + 1}", "score": "100"}
        )
        if g:
            previous = f"group{g - 1:05d}"
            colocations.append({"rsc": group, "with-rsc": previous, "score": "-100"})
            orders.append({"first-rsc": previous, "then-rsc": group, "kind": "Optional"})
    resources += [
        {"depth": 0, "kind": "Stonith", "id": "fence1"},
        {"depth": 0, "kind": "Stonith", "id": "fence2"},
    ]
    fences = [
        {
            "table": "STONITH",
            "P": {"id": f"fence{n}", "type": "fence_ipmilan"},
            "A": [
                {"type": "options", "name": "pcmk_host_list", "value": f"node{n}"},
                {"name": "ip", "value": f"192.0.2.{n}"},
                {"name": "username", "value": "admin"},
                {"name": "password_script", "value": "/usr/local/sbin/ipmi-password"},
            ],
            "O": [{"type": "monitor", "timeout": "60s", "interval": "3600s"}],
        }
        for n in (1, 2)
    ]
    locations += [
        {"rsc": "fence1", "prefers/avoids": "avoids", "node": "node1"},
        {"rsc": "fence2", "prefers/avoids": "avoids", "node": "node2"},
    ]
    tables.append({"table": "RESOURCES", "rows": resources})
    tables += primitive_tables + fences
    tables += [
        {"table": "LOCATION_NODE", "rows": locations},
        {"table": "COLOCATION", "rows": colocations},
        {"table": "ORDER", "rows": orders},
    ]
    return {"name": f"generated-{primitives}", "tables": tables}
