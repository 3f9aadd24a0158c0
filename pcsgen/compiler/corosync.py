"""Node names and ids from corosync.conf (the nodelist section)."""

from __future__ import annotations

import re
from typing import Any, Dict, List, NamedTuple, Tuple

from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason, xml_reason

DEFAULT_PATH = "/etc/corosync/corosync.conf"


class CorosyncNode(NamedTuple):
    name: str
    nodeid: str
    remote: bool = False  # a Pacemaker Remote node a CIB lists (its id is its name)


def _parse_sections(text: str, path: str) -> Dict[str, Any]:
    """corosync.conf -> nested dict; repeated sections become lists."""
    root: Dict[str, Any] = {}
    stack: List[Dict[str, Any]] = [root]
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        while line:
            if line.startswith("}"):
                if len(stack) == 1:
                    raise PcsgenError(
                        "PG308",
                        Location(Source(path), number),
                        path=path,
                        reason=Phrase("cs_unbalanced", {"line": number}),
                    )
                stack.pop()
                line = line[1:].strip()
                continue
            match = re.match(r"([^\s:{}]+)\s*\{", line)
            if match:
                section: Dict[str, Any] = {}
                stack[-1].setdefault(match.group(1), []).append(section)
                stack.append(section)
                line = line[match.end() :].strip()
                continue
            match = re.match(r"([^\s:{}]+)\s*:\s*(.*)", line)
            if match:
                stack[-1][match.group(1)] = match.group(2).strip()
                line = ""
                continue
            raise PcsgenError(
                "PG308",
                Location(Source(path), number),
                path=path,
                reason=Phrase("cs_unparsable", {"line": number, "text": raw_line.strip()}),
            )
    if len(stack) != 1:
        raise PcsgenError("PG308", Location(Source(path)), path=path, reason=Phrase("cs_unclosed"))
    return root


def _sections(parent: Dict[str, Any], key: str, path: str) -> List[Dict[str, Any]]:
    """The `key { ... }` sections of a parent; `key: value` there is an error."""
    found = parent.get(key, [])
    if not isinstance(found, list):
        raise PcsgenError(
            "PG308",
            Location(Source(path)),
            path=path,
            reason=Phrase("cs_not_section", {"key": key, "found": found}),
        )
    return found


def parse_corosync_conf(text: str, path: str) -> List[CorosyncNode]:
    root = _parse_sections(text, path)
    nodes: List[CorosyncNode] = []
    for nodelist in _sections(root, "nodelist", path):
        for node in _sections(nodelist, "node", path):
            name = node.get("name") or node.get("ring0_addr")
            nodeid = node.get("nodeid")
            if not isinstance(name, str) or not isinstance(nodeid, str):
                raise PcsgenError(
                    "PG308", Location(Source(path)), path=path, reason=Phrase("cs_node_sections")
                )
            if not name or not nodeid:
                raise PcsgenError(
                    "PG308", Location(Source(path)), path=path, reason=Phrase("cs_node_lacks")
                )
            if not str(nodeid).isdigit():
                raise PcsgenError(
                    "PG308",
                    Location(Source(path)),
                    path=path,
                    reason=Phrase("cs_nodeid", {"nodeid": nodeid, "name": name}),
                )
            nodes.append(CorosyncNode(name, str(int(nodeid))))
    if not nodes:
        raise PcsgenError("PG308", Location(Source(path)), path=path, reason=Phrase("cs_no_nodes"))
    return sorted(nodes, key=lambda n: int(n.nodeid))


def cib_nodes(data: bytes, path: str) -> List[CorosyncNode]:
    """The cluster nodes a CIB's <nodes> lists, with their ids as the cluster gave them
    (a cluster without corosync, or a CIB taken from the cluster, names them too)."""
    from lxml import etree

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise PcsgenError(
            "PG308", Location(Source(path)), path=path, reason=xml_reason(exc)
        ) from None
    nodes = [
        CorosyncNode(n.get("uname") or "", n.get("id") or "", n.get("type") == "remote")
        for n in root.iterfind("configuration/nodes/node")
        if n.get("type", "member") in ("member", "normal", "remote")
    ]
    if not any(not n.remote for n in nodes) or not all(n.name and n.nodeid for n in nodes):
        raise PcsgenError(
            "PG308", Location(Source(path)), path=path, reason=Phrase("cs_cib_no_nodes")
        )
    return sorted(
        nodes,
        key=lambda n: (
            not n.nodeid.isdigit(),
            int(n.nodeid) if n.nodeid.isdigit() else 0,
            n.nodeid,
        ),
    )


def read_corosync_conf(path: str) -> Tuple[str, List[CorosyncNode]]:
    """corosync.conf's nodelist, or the <nodes> of a CIB (an .xml file)."""
    from pcsgen.inputs import MAX_CIB_BYTES, MAX_COROSYNC_BYTES, read_bounded

    try:
        data = read_bounded(path, MAX_CIB_BYTES)
    except OSError as exc:
        raise PcsgenError(
            "PG308", Location(Source(path)), path=path, reason=os_reason(exc)
        ) from None
    if data.lstrip().startswith(b"<"):
        return path, cib_nodes(data, path)
    if len(data) > MAX_COROSYNC_BYTES:
        raise PcsgenError("PG021", Location(Source(path)), path=path, limit=MAX_COROSYNC_BYTES)
    return path, parse_corosync_conf(data.decode("utf-8", "replace"), path)
