"""The primitives of a CIB as a simulation needs them: agent, enclosing group or clone,
operations. Parameter values are left out on purpose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from lxml import etree

from pcsgen.cib.values import RESOURCE_TAGS
from pcsgen.values import PROMOTED_SPELLINGS, UNPROMOTED_SPELLINGS, duration_seconds

PROMOTED_ROLES = PROMOTED_SPELLINGS
UNPROMOTED_ROLES = UNPROMOTED_SPELLINGS


@dataclass(frozen=True)
class Operation:
    name: str
    interval: str  # as written ("10s")
    interval_ms: int
    role: str  # "" for any role
    on_fail: str  # "" when not set (Pacemaker's default applies)
    enabled: bool


@dataclass(frozen=True)
class Primitive:
    id: str
    standard: str  # the agent's class: ocf, systemd, stonith ...
    provider: str
    type: str
    parents: Tuple[str, ...]  # enclosing group and clone ids, innermost first
    promotable: bool
    operations: Tuple[Operation, ...]

    @property
    def stonith(self) -> bool:
        return self.standard == "stonith"

    @property
    def agent(self) -> str:
        return ":".join(p for p in (self.standard, self.provider, self.type) if p)

    def monitor(self, role: str) -> Optional[Operation]:
        """The recurring monitor that watches an instance in ROLE ("" when not promotable)."""
        promoted = role in PROMOTED_ROLES
        for op in self.operations:
            if op.name != "monitor" or op.interval_ms <= 0 or not op.enabled:
                continue
            if promoted == (op.role in PROMOTED_ROLES):
                return op
        return None

    def operation(self, name: str) -> Optional[Operation]:
        return next((op for op in self.operations if op.name == name), None)


_ISO = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", re.IGNORECASE)


def interval_ms(text: str) -> int:
    """Milliseconds of an operation interval ('10s', '1min', 'PT10S'); 0 when unreadable."""
    seconds = duration_seconds(text) if text else 0.0
    if seconds is None:
        match = _ISO.fullmatch(text.strip())
        if not match:
            return 0
        days, hours, minutes, secs = (int(g or 0) for g in match.groups())
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + secs
    return int(round(seconds * 1000))


def _truthy(text: Optional[str], default: bool) -> bool:
    if text is None:
        return default
    return text.strip().lower() in ("true", "yes", "on", "1", "y")


def _meta(element: etree._Element, name: str) -> Optional[str]:
    for pair in element.iterfind("meta_attributes/nvpair"):
        if pair.get("name") == name:
            return pair.get("value")
    return None


def _operations(primitive: etree._Element) -> Tuple[Operation, ...]:
    found: List[Operation] = []
    for op in primitive.iterfind("operations/op"):
        interval = op.get("interval", "0")
        found.append(
            Operation(
                op.get("name", ""),
                interval,
                interval_ms(interval),
                op.get("role", ""),
                op.get("on-fail", ""),
                _truthy(op.get("enabled"), True),
            )
        )
    return tuple(found)


def primitives(cib: etree._Element) -> Dict[str, Primitive]:
    """Every primitive of the configuration, in CIB order."""
    found: Dict[str, Primitive] = {}
    resources = cib.find("configuration/resources")
    if resources is None:
        return found
    for primitive in resources.iter("primitive"):
        parents: List[str] = []
        promotable = False
        parent = primitive.getparent()
        while parent is not None and parent is not resources:
            if parent.tag in ("group", "clone", "master"):
                parents.append(parent.get("id", ""))
                if parent.tag == "master" or (
                    parent.tag == "clone" and _truthy(_meta(parent, "promotable"), False)
                ):
                    promotable = True
            parent = parent.getparent()
        rid = primitive.get("id", "")
        found[rid] = Primitive(
            rid,
            primitive.get("class", ""),
            primitive.get("provider", ""),
            primitive.get("type", ""),
            tuple(parents),
            promotable,
            _operations(primitive),
        )
    return found


def _resource(cib: etree._Element, rid: str) -> Optional[etree._Element]:
    """The resource (primitive, group, clone, bundle) of that id, if any."""
    for element in cib.iterfind("configuration/resources//*[@id]"):
        if element.get("id") == rid and element.tag in RESOURCE_TAGS:
            return element
    return None


def members(cib: etree._Element, rid: str) -> List[str]:
    """The primitives a resource (group, clone, bundle or primitive) stands for."""
    element = _resource(cib, rid)
    if element is None:
        return []
    if element.tag == "primitive":
        return [rid]
    return [p.get("id", "") for p in element.iter("primitive")]


def kind_of(cib: etree._Element, rid: str) -> Optional[str]:
    element = _resource(cib, rid)
    return None if element is None else str(element.tag)
