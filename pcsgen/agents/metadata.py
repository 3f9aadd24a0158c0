"""Agent metadata as pcsgen uses it: the actions (for default operations) and the
parameters (for the lint)."""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional

from pcsgen import ir
from pcsgen.cib.values import BOOLEAN_TRUE
from pcsgen.secrets import is_secret_parameter


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
    # pcs refuses two resources of one agent with the same values for the parameters of
    # a unique group: OCF 1.1's unique-group, or OCF 1.0's unique="1" (a group of one)
    unique_group: Optional[str] = None


class AgentMetadata(NamedTuple):
    """What pcsgen uses of an agent's metadata."""

    agent: str  # as ir.AgentName prints it
    actions: List[AgentAction]
    parameters: List[AgentParameter]
    origin: str = "system"  # system | catalogue
    # the OCF version the metadata declares (<version>; "1.0" when absent), as pcs reads it
    ocf_version: Optional[str] = None

    @property
    def promotable(self) -> bool:
        """Whether pcs lets a promotable clone hold it: an OCF 1.1 agent must declare
        promote and demote (pcs trusts an OCF 1.0 agent)."""
        if self.ocf_version != "1.1":
            return True
        return {"promote", "demote"} <= {a.name for a in self.actions}

    def to_json(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {
            "agent": self.agent,
            "actions": [
                {k: v for k, v in a._asdict().items() if v is not None} for a in self.actions
            ],
            "parameters": [{k: v for k, v in p._asdict().items() if v} for p in self.parameters],
        }
        if self.ocf_version is not None:
            data["ocf_version"] = self.ocf_version
        return data

    @classmethod
    def from_json(cls, data: Dict[str, Any], origin: str) -> AgentMetadata:
        return cls(
            agent=data["agent"],
            actions=[AgentAction(**a) for a in data.get("actions", [])],
            parameters=[
                AgentParameter(**p)._replace(
                    secret=is_secret_parameter(p["name"], bool(p.get("secret")))
                )
                for p in data.get("parameters", [])
            ],
            origin=origin,
            ocf_version=data.get("ocf_version"),
        )


def parse_metadata_xml(text: bytes, agent: ir.AgentName) -> Optional[AgentMetadata]:
    """Parse OCF / fence-agent metadata (<resource-agent>); None if it is not that."""
    from lxml import etree

    try:
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, recover=False, huge_tree=False
        )
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
        actions.append(
            AgentAction(
                name=name,
                timeout=element.get("timeout"),
                interval=element.get("interval"),
                role=role,
                depth=element.get("depth"),
                start_delay=element.get("start-delay"),
            )
        )
    version = (root.findtext("version") or "").strip() or "1.0"
    parameters: List[AgentParameter] = []
    for element in root.iterfind("parameters/parameter"):
        name = element.get("name")
        if not name:
            continue
        content = element.find("content")
        unique = (element.get("unique") or "").lower() in BOOLEAN_TRUE
        # as pcs reads them: OCF 1.1 groups by unique-group, OCF 1.0 by unique="1" alone
        group = element.get("unique-group") if version == "1.1" else (name if unique else None)
        parameters.append(
            AgentParameter(
                name=name,
                required=element.get("required") in ("1", "true"),
                unique=unique or element.get("unique-group") is not None,
                deprecated=element.get("deprecated") in ("1", "true")
                or element.find("deprecated") is not None,
                secret=is_secret_parameter(
                    name, content is not None and content.get("type") == "password"
                ),
                unique_group=group or None,
            )
        )
    return AgentMetadata(str(agent), actions, parameters, "system", version)
