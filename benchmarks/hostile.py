"""Small inputs that Pacemaker accepts and that once made pcsgen hang or exhaust memory
(issue 24): each a few KB, each of one class the budgets (30 s, 1 GB) must hold for.
The tests (tests/test_hostile_cibs.py) and the benchmark (benchmarks/run.py) both build
them here, so that what is measured is what is tested."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

from pcsgen.workbook.writer import document_to_grid, grid_to_csv

CIB_HEAD = (
    '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" '
    'crm_feature_set="3.19.0">\n<configuration>\n<crm_config/>\n'
)
CIB_TAIL = "</configuration>\n<status/>\n</cib>\n"


def _cib(nodes: str = "", resources: str = "", constraints: str = "", extra: str = "") -> bytes:
    return (
        CIB_HEAD + f"<nodes>{nodes}</nodes>\n<resources>{resources}</resources>\n"
        f"<constraints>{constraints}</constraints>\n{extra}" + CIB_TAIL
    ).encode()


def _dummy(rid: str, extra: str = "") -> str:
    return f'<primitive id="{rid}" class="ocf" provider="pacemaker" type="Dummy"{extra}/>\n'


def nested_rules(levels: int = 30, refs: int = 1) -> bytes:
    """A location whose rule holds the next rule inline and REFS more times by id-ref,
    so that reading it naively follows (REFS + 1) ** LEVELS expressions."""
    rules = '<expression id="e" attribute="a" operation="eq" value="1"/>'
    for level in range(levels, 0, -1):
        again = "".join(f'<rule id-ref="r{level + 1}"/>' for _ in range(refs))
        inner = rules if level == levels else rules + again
        rules = f'<rule id="r{level}" boolean-op="or" score="1">{inner}</rule>'
    return _cib(
        resources=_dummy("d1"), constraints=f'<rsc_location id="l1" rsc="d1">{rules}</rsc_location>'
    )


def shared_block(owners: int = 5000, pairs: int = 2000) -> bytes:
    """Many primitives sharing one large block of meta attributes by id-ref."""
    block = "".join(f'<nvpair id="n{n}" name="x{n}" value="1"/>' for n in range(pairs))
    first = _dummy("p0", "").replace(
        "/>", f'><meta_attributes id="big">{block}</meta_attributes></primitive>'
    )
    others = "".join(
        f'<primitive id="p{n}" class="ocf" provider="pacemaker" type="Dummy">'
        '<meta_attributes id-ref="big"/></primitive>\n'
        for n in range(1, owners)
    )
    return _cib(resources=first + others)


def wide_tag(members: int = 15000, constraints: int = 200, name: str = "big") -> bytes:
    """One tag of many members, named by many constraints (under 1 MB: the members are
    made from a template). NAME "tp" names the template instead of the tag."""
    resources = '<template id="tp" class="ocf" provider="pacemaker" type="Dummy"/>\n' + "".join(
        f'<primitive id="r{n}" template="tp"/>\n' for n in range(members)
    )
    refs = "".join(f'<obj_ref id="r{n}"/>' for n in range(members))
    tail = "".join(_dummy(f"t{n}") for n in range(constraints))
    names = "".join(
        f'<rsc_colocation id="c{n}" rsc="t{n}" with-rsc="{name}" score="10"/>\n'
        for n in range(constraints)
    )
    return _cib(
        resources=resources + tail,
        constraints=names,
        extra=f'<tags><tag id="big">{refs}</tag></tags>\n',
    )


def shared_role(users: int = 8000, permissions: int = 2000) -> bytes:
    """Many ACL users given one role of many permissions."""
    granted = "".join(
        f'<acl_permission id="pm{n}" kind="read" xpath="/cib/x{n}"/>' for n in range(permissions)
    )
    targets = "".join(
        f'<acl_target id="u{n}"><role id="big"/></acl_target>\n' for n in range(users)
    )
    return _cib(
        resources=_dummy("d1"),
        extra=f'<acls><acl_role id="big">{granted}</acl_role>{targets}</acls>\n',
    )


def duplicate_colocations(count: int = 12000) -> bytes:
    """The same colocation, many times over."""
    names = "".join(
        f'<rsc_colocation id="c{n}" rsc="a" with-rsc="b" score="10"/>\n' for n in range(count)
    )
    return _cib(resources=_dummy("a") + _dummy("b"), constraints=names)


def duplicate_templates(count: int = 8000) -> bytes:
    """Many equal templates, each made into a primitive."""
    resources = "".join(
        f'<template id="t{n}" class="ocf" provider="pacemaker" type="Dummy"/>\n'
        f'<primitive id="p{n}" template="t{n}"/>\n'
        for n in range(count)
    )
    return _cib(resources=resources)


# -- definitions (CSV) ---------------------------------------------------------------


def _definition(tables: List[Dict[str, Any]]) -> bytes:
    return grid_to_csv(document_to_grid({"name": "hostile", "tables": tables}))


def _primitive(rid: str) -> Dict[str, Any]:
    return {
        "table": "PRIMITIVE",
        "P": {"id": rid, "class": "ocf", "provider": "pacemaker", "type": "Dummy"},
        "A": [],
        "O": [{"type": "monitor", "timeout": "20s", "interval": "10s"}],
    }


def _fence(rid: str, hosts: List[str]) -> Dict[str, Any]:
    return {
        "table": "STONITH",
        "P": {"id": rid, "type": "fence_ipmilan"},
        "A": [
            {"type": "options", "name": "pcmk_host_list", "value": " ".join(hosts)},
            {"name": "ip", "value": "192.0.2.1"},
            {"name": "username", "value": "a"},
            {"name": "password_script", "value": "/bin/true"},
        ],
        "O": [{"type": "monitor", "timeout": "60s", "interval": "3600s"}],
    }


def many_nodes(nodes: int = 400) -> bytes:
    """A small cluster of many nodes (named by locations and a fence device's host
    list): a failover per node to simulate."""
    names = [f"node{n:04d}" for n in range(nodes)]
    return _definition(
        [
            {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "true"}]},
            {
                "table": "RESOURCES",
                "rows": [
                    {"depth": 0, "kind": "Primitive", "id": "d1"},
                    {"depth": 0, "kind": "Stonith", "id": "f1"},
                ],
            },
            _primitive("d1"),
            _fence("f1", names),
            {
                "table": "LOCATION_NODE",
                "rows": [
                    {"rsc": "d1", "prefers/avoids": "prefers", "node": name, "score": str(n + 1)}
                    for n, name in enumerate(names)
                ],
            },
        ]
    )


def fence_hosts(devices: int = 4, hosts: int = 3000) -> bytes:
    """Fence devices each fencing thousands of hosts."""
    rows = [{"depth": 0, "kind": "Stonith", "id": f"f{d}"} for d in range(devices)]
    return _definition(
        [
            {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "true"}]},
            {"table": "RESOURCES", "rows": rows},
            *[_fence(f"f{d}", [f"h{d}-{n}" for n in range(hosts)]) for d in range(devices)],
        ]
    )


def order_chain(length: int = 1200, loop: bool = False) -> bytes:
    """Each primitive started after the one before (with LOOP, the first after the
    last too)."""
    ids = [f"p{n}" for n in range(length)]
    return _definition(
        [
            {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "false"}]},
            {
                "table": "RESOURCES",
                "rows": [{"depth": 0, "kind": "Primitive", "id": rid} for rid in ids],
            },
            *[_primitive(rid) for rid in ids],
            {
                "table": "ORDER",
                "rows": [
                    {"first-rsc": a, "then-rsc": b}
                    for a, b in zip(ids, ids[1:] + ids[:1] if loop else ids[1:])
                ],
            },
        ]
    )


def dense_colocations(primitives: int = 150, each: int = 10) -> bytes:
    """Primitives each colocated with several others: a dense graph to draw."""
    ids = [f"p{n}" for n in range(primitives)]
    rows = [
        {"rsc": ids[n], "with-rsc": ids[(n + k) % primitives], "score": "10"}
        for n in range(primitives)
        for k in range(1, each + 1)
    ]
    return _definition(
        [
            {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "false"}]},
            {
                "table": "RESOURCES",
                "rows": [{"depth": 0, "kind": "Primitive", "id": rid} for rid in ids],
            },
            *[_primitive(rid) for rid in ids],
            {"table": "COLOCATION", "rows": rows},
        ]
    )


# -- the benchmark's cases -------------------------------------------------------------

BUDGET_SECONDS = 30
BUDGET_MB = 1024
OFFLINE = ["--corosync-conf", "", "--no-system-agents"]


def cases(directory: Path, dot: bool, crm_simulate: bool) -> Dict[str, List[str]]:
    """Write every hostile input into DIRECTORY; pcsgen's arguments for each command to
    measure on them, by name (those needing dot or crm_simulate only with the tool)."""
    files = {
        "rules.xml": nested_rules(),
        "tag.xml": wide_tag(),
        "block.xml": shared_block(),
        "role.xml": shared_role(),
        "colocations.xml": duplicate_colocations(),
        "templates.xml": duplicate_templates(),
        "empty.xml": _cib(),
        "nodes.csv": many_nodes(),
        "hosts.csv": fence_hosts(),
        "chain.csv": order_chain(),
        "dense.csv": dense_colocations(),
    }
    for name, data in files.items():
        (directory / name).write_bytes(data)
    found: Dict[str, List[str]] = {}
    for cib in ("rules", "tag", "block", "role", "colocations", "templates"):
        found[f"diff {cib}"] = ["diff", f"{cib}.xml", "empty.xml"]
        found[f"import {cib}"] = ["import", f"{cib}.xml", "-o", f"{cib}-out.csv"]
        found[f"graph {cib}"] = ["graph", f"{cib}.xml", "-o", f"{cib}-out.dot"]
    found["report rules"] = ["report", "rules.xml", "-o", "rules.html", "--no-simulate"]
    found["lint hosts"] = ["lint", "hosts.csv", *OFFLINE]
    found["lint chain"] = ["lint", "chain.csv", *OFFLINE]
    if dot:
        for name in ("dense", "hosts", "chain"):
            found[f"graph {name}"] = ["graph", f"{name}.csv", "-o", f"{name}.svg", *OFFLINE]
        found["report dense"] = [
            "report",
            "dense.csv",
            "-o",
            "dense.html",
            "--no-simulate",
            *OFFLINE,
        ]
    if crm_simulate:
        found["simulate nodes"] = ["simulate", "nodes.csv", *OFFLINE]
        found["report nodes"] = ["report", "nodes.csv", "-o", "nodes.html", *OFFLINE]
    return found
