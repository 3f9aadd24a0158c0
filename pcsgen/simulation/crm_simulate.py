"""crm_simulate, Pacemaker's scheduler on a file: the CIB it is given (every node online,
with quorum, the node attributes of the steady state) and what it says back (where each
resource runs, the actions of the transition, blocked and failed resources, nodes)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from lxml import etree

from pcsgen.cib.resources import PROMOTED_ROLES, UNPROMOTED_ROLES
from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.phrase import Phrase

Placements = Dict[str, List[str]]  # resource -> ["node1", "node2 (Promoted)"]
# one run at most: a command ends within 30 s (a cluster of 400 nodes already takes
# crm_simulate 10 s to place from scratch)
TIMEOUT_SECONDS = 25
ROLES = PROMOTED_ROLES + UNPROMOTED_ROLES


def node_of(label: str) -> str:
    """'lb01 (Promoted)' -> 'lb01'."""
    return label.split(" (", 1)[0]


def role_of(label: str) -> str:
    return label[label.index(" (") + 2 : -1] if " (" in label else ""


def promoted_nodes(placements: Placements, resource: str) -> List[str]:
    """The nodes where RESOURCE runs promoted."""
    return [node_of(x) for x in placements.get(resource, []) if role_of(x) in PROMOTED_ROLES]


def nowhere(placed: Placements) -> List[str]:
    return sorted(r for r, where in placed.items() if not where)


@dataclass(frozen=True)
class Action:
    """One thing Pacemaker does in the transition, as crm_simulate reports it."""

    action: str  # fence, shutdown, start, stop, move, recover, restart, promote, demote,
    #              re-promote, migrate, reload
    resource: str = ""  # primitive ('' for node actions); clone instances by primitive id
    node: str = ""  # where it happens (the origin of a move)
    target: str = ""  # where it goes (move, migrate, recovery elsewhere)
    role: str = ""  # the role it ends in, for promotable instances
    reason: str = ""
    blocked: bool = False

    def as_dict(self) -> Dict[str, object]:
        found: Dict[str, object] = {"action": self.action}
        for key in ("resource", "node", "target", "role", "reason"):
            value = getattr(self, key)
            if value:
                found[key] = value
        if self.blocked:
            found["blocked"] = True
        return found


@dataclass
class State:
    """The cluster after one transition."""

    placements: Placements
    actions: List[Action] = field(default_factory=list)
    blocked: List[str] = field(default_factory=list)  # failed and left unmanaged
    failed: List[str] = field(default_factory=list)
    ignored: List[str] = field(default_factory=list)  # failures ignored (on-fail=ignore)
    offline: List[str] = field(default_factory=list)  # nodes
    standby: List[str] = field(default_factory=list)  # nodes (standby or on-fail=standby)

    @property
    def fenced(self) -> List[str]:
        return [a.node for a in self.actions if a.action == "fence"]


# --- the CIB given to crm_simulate ---------------------------------------------------


def with_status(
    cib: etree._Element,
    nodes: Sequence[Tuple[str, str]],
    attributes: Mapping[str, Mapping[str, str]],
) -> etree._Element:
    """The CIB with every node online, with quorum, and the node attributes given."""
    root = deepcopy(cib)
    root.set("have-quorum", "1")
    configuration = root.find("configuration")
    if configuration is None:
        raise PcsgenError("PG805", None, reason=Phrase("cib_no_configuration"))
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
        state = etree.SubElement(
            status,
            "node_state",
            id=node_id,
            uname=name,
            in_ccm="true",
            crmd="online",
            join="member",
            expected="member",
        )
        values = attributes.get(name, {})
        if values:
            transient = etree.SubElement(state, "transient_attributes", id=node_id)
            block = etree.SubElement(transient, "instance_attributes", id=f"status-{node_id}")
            for key, value in values.items():
                etree.SubElement(
                    block, "nvpair", id=f"status-{node_id}-{key}", name=key, value=value
                )
    return root


def set_attribute(root: etree._Element, node: str, name: str, value: Optional[str]) -> None:
    """Change one transient node attribute in a saved status section."""
    state = next((s for s in root.iterfind("status/node_state") if s.get("uname") == node), None)
    if state is None:
        return
    node_id = state.get("id", node)
    transient = state.find("transient_attributes")
    if transient is None:
        transient = etree.Element("transient_attributes", id=node_id)
        state.insert(0, transient)
    block = transient.find("instance_attributes")
    if block is None:
        block = etree.SubElement(transient, "instance_attributes", id=f"status-{node_id}")
    for pair in block.findall("nvpair"):
        if pair.get("name") == name:
            block.remove(pair)
    if value is not None:
        etree.SubElement(block, "nvpair", id=f"status-{node_id}-{name}", name=name, value=value)


def status_ids(root: etree._Element) -> Dict[Tuple[str, str], str]:
    """(node, primitive) -> the id its history has there ('ping', or 'ping:1' for
    unique clone instances)."""
    found: Dict[Tuple[str, str], str] = {}
    for state in root.iterfind("status/node_state"):
        node = state.get("uname", "")
        for lrm in state.iterfind("lrm/lrm_resources/lrm_resource"):
            rid = lrm.get("id", "")
            found.setdefault((node, re.sub(r":\d+$", "", rid)), rid)
    return found


# --- running crm_simulate and reading what it says --------------------------------------


def run(path: str, extra: List[str], timeout: float = TIMEOUT_SECONDS) -> etree._Element:
    tool = shutil.which("crm_simulate")
    if tool is None:
        raise PcsgenError("PG801", None, tool="crm_simulate")
    try:
        result = subprocess.run(
            [tool, "--xml-file", path, "--simulate", "--output-as=xml", *extra],
            capture_output=True,
            timeout=timeout,
            check=False,
            # crm_simulate works on a copy it names shadow.PID in the shadow directory,
            # Pacemaker's own (/var/lib/pacemaker/cib) unless told: a run stopped at the
            # deadline would leave it there, on a cluster node too
            env=dict(os.environ, CIB_file=path, CIB_shadow_dir=os.path.dirname(path) or "."),
        )
    except subprocess.TimeoutExpired:
        raise PcsgenError("PG833", None, seconds=round(timeout)) from None
    try:
        root = etree.fromstring(result.stdout)
    except etree.XMLSyntaxError:
        root = None
    if root is None or (result.returncode != 0 and not _stalled(root)):
        schema = _unknown_schema(path, tool)
        if schema is not None:
            raise PcsgenError("PG815", None, schema=schema, local=_version(tool))
        reason = (
            result.stderr.decode("utf-8", "replace").strip()
            or result.stdout.decode("utf-8", "replace")[-500:]
        )
        raise PcsgenError("PG805", None, reason=_first_lines(reason))
    return root


# What crm_simulate says when the transition cannot finish: an action waits for one
# that failed and is blocked (a failed stop without fencing). The cluster stalls just so;
# the status it ends in is the outcome, not an error.
_STALLED = {"Transition failed: terminated", "An invalid transition was produced"}


def _stalled(root: etree._Element) -> bool:
    if root.find("revised_cluster_status") is None:
        return False
    errors = {(e.text or "").strip() for e in root.iterfind("status/errors/error")}
    return bool(errors) and errors <= _STALLED


# Lines of crm_simulate's complaint shown: a schema failure lists thousands.
_REASON_LINES = 8


def _first_lines(reason: str) -> str:
    lines = reason.splitlines()
    if len(lines) <= _REASON_LINES:
        return reason
    return "\n".join(lines[:_REASON_LINES] + [f"... ({len(lines) - _REASON_LINES} more)"])


def _unknown_schema(path: str, tool: str) -> Optional[str]:
    """The CIB's schema (validate-with) when this machine's Pacemaker has no such schema:
    a CIB made for a newer Pacemaker than the one here."""
    try:
        for _event, element in etree.iterparse(path, events=("start",)):
            schema = element.get("validate-with") or ""
            break
        else:
            return None
    except (OSError, etree.XMLSyntaxError):
        return None
    if not re.fullmatch(r"pacemaker-[0-9]+\.[0-9]+", schema):
        return None
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(tool)))
    directories = [os.path.join(prefix, "share", "pacemaker"), "/usr/share/pacemaker"]
    if not any(os.path.isdir(d) for d in directories):
        return None  # nowhere to look: say what crm_simulate said
    known = any(os.path.exists(os.path.join(d, f"{schema}.rng")) for d in directories)
    return None if known else schema


def _version(tool: str) -> str:
    try:
        shown = subprocess.run(
            [tool, "--version"], capture_output=True, timeout=30, check=False
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return "?"
    found = re.search(r"Pacemaker ([0-9][0-9A-Za-z.+~-]*)", shown)
    return found.group(1) if found else "?"


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
            label = f"{name} ({role})" if role in ROLES else name
            if label not in where:
                where.append(label)
    for rid in found:
        found[rid].sort()
    return found


def _primitive_id(text: str) -> str:
    return re.sub(r":\d+$", "", text)


def actions(result: etree._Element) -> List[Action]:
    """The transition's actions, from crm_simulate's summary (`<actions>`); fencing also
    from the transition itself, as the summary leaves out a fence without a reason."""
    found: List[Action] = []
    summary = result.find("actions")
    for item in summary if summary is not None else []:
        if item.tag == "node_action":
            task = item.get("task", "")
            kind = "fence" if task.startswith("Fence") else task.lower()
            found.append(Action(kind, node=item.get("node", ""), reason=item.get("reason", "")))
        elif item.tag == "rsc_action":
            origin = item.get("source") or item.get("node") or ""
            destination = item.get("dest") or ""
            node = origin or destination
            found.append(
                Action(
                    item.get("action", ""),
                    _primitive_id(item.get("resource", "")),
                    node,
                    destination if destination and destination != node else "",
                    item.get("next-role") or item.get("role") or "",
                    item.get("reason", ""),
                    item.get("blocked") == "true",
                )
            )
    fenced = {a.node for a in found if a.action == "fence"}
    for fencing in result.iterfind("transition/fencing_action"):
        target = fencing.get("target", "")
        if target and target not in fenced:
            found.insert(0, Action("fence", node=target))
            fenced.add(target)
    return found


def state(result: etree._Element) -> State:
    found = State(placements(result), actions(result))
    resources = result.find("revised_cluster_status/resources")
    for resource in resources.iter("resource") if resources is not None else []:
        rid = resource.get("id", "")
        for flag, where in (
            ("blocked", found.blocked),
            ("failed", found.failed),
            ("failure_ignored", found.ignored),
        ):
            if resource.get(flag) == "true" and rid not in where:
                where.append(rid)
    for node in result.iterfind("revised_cluster_status/nodes/node"):
        name = node.get("name", "")
        if node.get("online") == "false":
            found.offline.append(name)
        if node.get("standby") == "true" or node.get("standby_onfail") == "true":
            found.standby.append(name)
    return found
