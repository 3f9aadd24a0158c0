"""Agent metadata as pcsgen uses it: the actions (for default operations) and the
parameters (for the lint)."""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional

from pcsgen import ir
from pcsgen.secrets import is_secret_name


class AgentAction(NamedTuple):
    name: str
    timeout: Optional[str] = None
    interval: Optional[str] = None
    role: Optional[str] = None  # Promoted / Unpromoted, whatever the agent wrote
    depth: Optional[str] = None
    start_delay: Optional[str] = None


class AgentParameter(NamedTuple):
    name: str
    required: bool = False
    unique: bool = False
    deprecated: bool = False
    secret: bool = False  # a password or a key: lint warns when written in plain text


class AgentMetadata(NamedTuple):
    """What pcsgen uses of an agent's metadata."""

    agent: str  # as ir.AgentName prints it
    actions: List[AgentAction]
    parameters: List[AgentParameter]
    origin: str = "system"  # system | catalogue

    def to_json(self) -> Dict[str, Any]:
        return {
            "agent": self.agent,
            "actions": [{k: v for k, v in a._asdict().items() if v is not None}
                        for a in self.actions],
            "parameters": [{k: v for k, v in p._asdict().items() if v}
                           for p in self.parameters],
        }

    @classmethod
    def from_json(cls, data: Dict[str, Any], origin: str) -> AgentMetadata:
        return cls(
            agent=data["agent"],
            actions=[AgentAction(**a) for a in data.get("actions", [])],
            parameters=[AgentParameter(**p) for p in data.get("parameters", [])],
            origin=origin,
        )


def parse_metadata_xml(text: bytes, agent: ir.AgentName) -> Optional[AgentMetadata]:
    """Parse OCF / fence-agent metadata (<resource-agent>); None if it is not that."""
    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False,
                                 huge_tree=False)
        root = etree.fromstring(text, parser)
    except etree.XMLSyntaxError:
        return None
    if root.tag != "resource-agent":
        return None
    actions: List[AgentAction] = []
    for element in root.iterfind("actions/action"):
        name = element.get("name")
        if not name:
            continue
        role = element.get("role")
        actions.append(AgentAction(
            name=name, timeout=element.get("timeout"), interval=element.get("interval"),
            role=role, depth=element.get("depth"), start_delay=element.get("start-delay"),
        ))
    parameters: List[AgentParameter] = []
    for element in root.iterfind("parameters/parameter"):
        name = element.get("name")
        if not name:
            continue
        content = element.find("content")
        parameters.append(AgentParameter(
            name=name,
            required=element.get("required") in ("1", "true"),
            unique=element.get("unique") in ("1", "true") or
            element.get("unique-group") is not None,
            deprecated=element.get("deprecated") in ("1", "true") or
            element.find("deprecated") is not None,
            secret=is_secret_name(name) or
            (content is not None and content.get("type") == "password"),
        ))
    return AgentMetadata(str(agent), actions, parameters, "system")
