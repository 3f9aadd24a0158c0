"""Where everything runs, and where it goes when a node fails: asked of Pacemaker's own
scheduler through crm_simulate, not worked out here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

from lxml import etree

from pcsgen.diagnostics import PcsgenError

Placements = Dict[str, List[str]]  # resource -> ["node1", "node2 (Promoted)"]
TIMEOUT_SECONDS = 120


@dataclass
class Simulation:
    nodes: List[str]
    initial: Placements
    failovers: Dict[str, Placements] = field(default_factory=dict)

    def nowhere(self, placements: Placements) -> List[str]:
        return sorted(r for r, where in placements.items() if not where)

    def as_dict(self) -> dict:  # type: ignore[type-arg]
        return {
            "nodes": self.nodes,
            "placements": self.initial,
            "cannot_run": self.nowhere(self.initial),
            "failovers": {node: {"placements": placed, "cannot_run": self.nowhere(placed)}
                          for node, placed in self.failovers.items()},
        }


def parse_attribute(text: str) -> Tuple[str, str, str]:
    node, _, rest = text.partition(":")
    name, sep, value = rest.partition("=")
    if not node or not name or not sep:
        raise PcsgenError("PG806", None, value=text)
    return node, name, value


def with_status(cib: etree._Element, nodes: Sequence[Tuple[str, str]],
                attributes: Dict[str, Dict[str, str]]) -> etree._Element:
    """The CIB with every node online, with quorum, and the node attributes given."""
    root = deepcopy(cib)
    root.set("have-quorum", "1")
    configuration = root.find("configuration")
    if configuration is None:
        raise PcsgenError("PG805", None, reason="no <configuration>")
    nodes_section = configuration.find("nodes")
    if nodes_section is None:
        nodes_section = etree.SubElement(configuration, "nodes")
    known = {n.get("uname") for n in nodes_section.findall("node")}
    for name, node_id in nodes:
        if name not in known:
            etree.SubElement(nodes_section, "node", id=node_id, uname=name)
    status = root.find("status")
    if status is not None:
        root.remove(status)
    status = etree.SubElement(root, "status")
    for name, node_id in nodes:
        state = etree.SubElement(status, "node_state", id=node_id, uname=name, in_ccm="true",
                                 crmd="online", join="member", expected="member")
        values = attributes.get(name, {})
        if values:
            transient = etree.SubElement(state, "transient_attributes", id=node_id)
            block = etree.SubElement(transient, "instance_attributes", id=f"status-{node_id}")
            for key, value in values.items():
                etree.SubElement(block, "nvpair", id=f"status-{node_id}-{key}", name=key,
                                 value=value)
    return root


def _crm_simulate(path: str, extra: List[str]) -> etree._Element:
    tool = shutil.which("crm_simulate")
    if tool is None:
        raise PcsgenError("PG801", None, tool="crm_simulate")
    result = subprocess.run([tool, "--xml-file", path, "--simulate", "--output-as=xml", *extra],
                            capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                            env=dict(os.environ, CIB_file=path))
    try:
        root = etree.fromstring(result.stdout)
    except etree.XMLSyntaxError:
        root = None
    if result.returncode != 0 or root is None:
        reason = result.stderr.decode("utf-8", "replace").strip() or \
            result.stdout.decode("utf-8", "replace")[-500:]
        raise PcsgenError("PG805", None, reason=reason)
    return root


def placements(result: etree._Element) -> Placements:
    found: Placements = {}
    status = result.find("revised_cluster_status/resources")
    if status is None:
        return found
    for resource in status.iter("resource"):
        rid = resource.get("id", "")
        where = found.setdefault(rid, [])
        role = resource.get("role", "")
        for node in resource.findall("node"):
            name = node.get("name", "")
            label = f"{name} ({role})" if role in ("Promoted", "Master", "Unpromoted",
                                                   "Slave") else name
            if label not in where:
                where.append(label)
    for rid in found:
        found[rid].sort()
    return found


def simulate(cib: etree._Element, nodes: Sequence[Tuple[str, str]],
             attributes: Dict[str, Dict[str, str]], failovers: bool = True) -> Simulation:
    with tempfile.TemporaryDirectory(prefix="pcsgen-simulate-") as directory:
        base = os.path.join(directory, "base.xml")
        placed = os.path.join(directory, "placed.xml")
        etree.ElementTree(with_status(cib, nodes, attributes)).write(base)
        first = _crm_simulate(base, ["--save-output", placed])
        simulation = Simulation([n for n, _ in nodes], placements(first))
        if failovers:
            for name, _ in nodes:
                simulation.failovers[name] = placements(
                    _crm_simulate(placed, ["--node-fail", name]))
    return simulation


def format_text(simulation: Simulation) -> str:
    resources = sorted(simulation.initial)
    header = ["resource", "all nodes up"] + [f"{n} fails" for n in simulation.failovers]
    rows = [header]
    for rid in resources:
        row = [rid, ", ".join(simulation.initial[rid]) or "-"]
        for placed in simulation.failovers.values():
            row.append(", ".join(placed.get(rid, [])) or "-")
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
             for row in rows]
    nowhere = simulation.nowhere(simulation.initial)
    if nowhere:
        lines.append(f"cannot run anywhere: {', '.join(nowhere)}")
    for node, placed in simulation.failovers.items():
        lost = [r for r in simulation.nowhere(placed) if r not in nowhere]
        if lost:
            lines.append(f"when {node} fails, cannot run anywhere: {', '.join(lost)}")
    return "\n".join(lines) + "\n"


def format_json(simulation: Simulation) -> str:
    return json.dumps(simulation.as_dict(), ensure_ascii=False, indent=2) + "\n"


def node_list(cib: etree._Element, names: Sequence[str],
              fallback: Sequence[str]) -> List[Tuple[str, str]]:
    """(name, id) of the nodes to simulate: those named, else those the CIB lists, else
    the ones the definition speaks of; ids from the CIB where it has them."""
    ids = {n.get("uname"): n.get("id") for n in cib.iterfind("configuration/nodes/node")}
    chosen = list(names) or [n for n in ids if n] or list(fallback)
    if not chosen:
        raise PcsgenError("PG807", None)
    taken = {i for i in ids.values() if i}
    result: List[Tuple[str, str]] = []
    counter = 1
    for name in chosen:
        node_id = ids.get(name)
        if not node_id:
            while str(counter) in taken:
                counter += 1
            node_id = str(counter)
            taken.add(node_id)
        result.append((name, node_id))
    return result
