"""Where a lab keeps its files and what it remembers: one private directory per lab
under /run/pcsgen-lab, holding the lab's description (lab.json) and each node's own
directories (its copies of /var/lib/pacemaker, /etc/corosync, /var/log ...)."""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, List, NamedTuple, Optional

from pcsgen.diagnostics import PcsgenError

ROOT = "/run/pcsgen-lab"
DEFAULT_NAME = "lab"
# One /24 on the lab's bridge; every lab has a bridge of its own in a network namespace
# of its own, so two labs may use the same addresses without meeting.
SUBNET = "10.213.0"
PREFIX = 24
BRIDGE_IP = SUBNET + ".1"
# What the design's ping targets become: an address of the bridge apart from the power
# switch's, so that a node cut off from its ping targets can still fence.
PING_IP = SUBNET + ".2"
SWITCH_PORT = 4141
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}\Z")


class LabNode(NamedTuple):
    name: str
    node_id: int
    ip: str
    link: str  # the bridge's end of the node's cable


class Lab(NamedTuple):
    """A lab as `lab up` made it."""

    name: str
    nodes: List[LabNode]
    definition: Optional[str]
    python: str  # the interpreter the lab's own processes run with
    pythonpath: str

    @property
    def directory(self) -> str:
        return lab_directory(self.name)

    def node(self, name: str) -> LabNode:
        for node in self.nodes:
            if node.name == name:
                return node
        raise PcsgenError("PG907", None, node=name, nodes=", ".join(n.name for n in self.nodes))

    def node_directory(self, name: str) -> str:
        return os.path.join(self.directory, "nodes", name)

    def path(self, *parts: str) -> str:
        return os.path.join(self.directory, *parts)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "name": self.name,
            "definition": self.definition,
            "python": self.python,
            "pythonpath": self.pythonpath,
            "nodes": [node._asdict() for node in self.nodes],
        }


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise PcsgenError("PG906", None, name=name)
    return name


def lab_directory(name: str) -> str:
    return os.path.join(ROOT, check_name(name))


def node_ip(index: int) -> str:
    return f"{SUBNET}.{11 + index}"


def save(lab: Lab) -> None:
    path = lab.path("lab.json")
    with open(path + ".new", "w", encoding="utf-8") as stream:
        json.dump(lab.as_dict(), stream, indent=2)
    os.replace(path + ".new", path)


def load(name: str) -> Lab:
    """The lab called NAME, as `lab up` described it; PG905 when there is none."""
    path = os.path.join(lab_directory(name), "lab.json")
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        raise PcsgenError("PG905", None, name=name) from None
    return Lab(
        data["name"],
        [LabNode(**node) for node in data["nodes"]],
        data.get("definition"),
        data["python"],
        data["pythonpath"],
    )


def load_path(directory: str) -> Lab:
    """The lab whose directory is DIRECTORY (for the lab's own processes)."""
    return load(os.path.basename(directory.rstrip("/")))
