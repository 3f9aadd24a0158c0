"""The node attributes that location rules test, who publishes them, and the values they
hold on a healthy cluster.

Rules test transient node attributes that agents publish while they run: the ping agent
sets NAME (default `pingd`) to multiplier x reachable hosts, the health agents set
`#health-*` to green, and so on. Read from the definition, these give the steady state
every simulation starts from (all nodes up, every rule satisfied) without the user
typing the values, and the values a failure gives them (0, red, unset).

Only the names of parameters matter here; their values are read to count hosts and
multiply, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from lxml import etree

NodeValues = Dict[str, Dict[str, str]]  # node -> attribute -> value

# '#uname', '#id', '#kind', ... are Pacemaker's own: a rule may test them but nothing
# sets them. '#health-*' attributes are published by agents like any other.
_HEALTH_PREFIX = "#health"


@dataclass(frozen=True)
class Publisher:
    """A node attribute one primitive publishes while it runs."""

    name: str
    resource: str
    kind: str  # ping | health | diskd | attribute
    healthy: Optional[str]  # None: cannot be worked out from the definition
    failing: Tuple[str, ...]  # the values a failure gives it


@dataclass
class AttributePlan:
    """The node attributes of the steady state, and where each came from."""

    values: NodeValues = field(default_factory=dict)
    tested: Dict[str, List[str]] = field(default_factory=dict)  # attribute -> rule owners
    publishers: Dict[str, Publisher] = field(default_factory=dict)
    given: Dict[str, List[str]] = field(default_factory=dict)  # attribute -> nodes (--attr)
    missing: Dict[str, List[str]] = field(default_factory=dict)  # attribute -> nodes
    unknown_healthy: List[str] = field(default_factory=list)  # published, value unknown
    # attributes the simulation sets as the roles of their publishers' instances go
    # (pcsgen.simulation.role_attributes)
    role_publishers: List[RolePublisher] = field(default_factory=list)

    @property
    def role_published(self) -> List[str]:
        return sorted({p.name for p in self.role_publishers})


def instance_params(primitive: etree._Element) -> Dict[str, str]:
    """A primitive's parameters, each from the first block that sets it."""
    found: Dict[str, str] = {}
    for block in primitive.findall("instance_attributes"):
        for pair in block.findall("nvpair"):
            name = pair.get("name")
            if name and name not in found:
                found[name] = pair.get("value", "")
    return found


def _whole(text: Optional[str], default: int) -> Optional[int]:
    if text is None or text == "":
        return default
    try:
        return int(text.strip())
    except ValueError:
        return None


def _ping(rid: str, params: Mapping[str, str]) -> Publisher:
    multiplier = _whole(params.get("multiplier"), 1)
    hosts = params.get("host_list", "").split()
    healthy = str(multiplier * len(hosts)) if multiplier is not None and hosts else None
    return Publisher(params.get("name") or "pingd", rid, "ping", healthy, ("0",))


def _storage_mon(rid: str, params: Mapping[str, str]) -> Publisher:
    # the agent names the attribute after its resource instance: #health-<id>
    return Publisher(f"#health-{rid}", rid, "health", "green", ("red",))


def _health(name: str) -> Callable[[str, Mapping[str, str]], Publisher]:
    def make(rid: str, params: Mapping[str, str]) -> Publisher:
        return Publisher(name, rid, "health", "green", ("red",))

    return make


def _diskd(rid: str, params: Mapping[str, str]) -> Publisher:
    return Publisher(params.get("name") or "diskd", rid, "diskd", "normal", ("ERROR",))


def _attribute(rid: str, params: Mapping[str, str]) -> Publisher:
    active = params.get("active_value", "1")
    inactive = params.get("inactive_value", "0")
    return Publisher(params.get("name") or f"opa-{rid}", rid, "attribute", active, (inactive,))


# (class, provider, type) -> what the agent publishes
AGENTS: Dict[Tuple[str, str, str], Callable[[str, Mapping[str, str]], Publisher]] = {
    ("ocf", "pacemaker", "ping"): _ping,
    ("ocf", "pacemaker", "pingd"): _ping,
    ("ocf", "heartbeat", "pingd"): _ping,
    ("ocf", "heartbeat", "storage-mon"): _storage_mon,
    ("ocf", "pacemaker", "HealthCPU"): _health("#health-cpu"),
    ("ocf", "pacemaker", "HealthIOWait"): _health("#health-iowait"),
    ("ocf", "pacemaker", "HealthSMART"): _health("#health-smart"),
    ("ocf", "pacemaker", "diskd"): _diskd,
    ("ocf", "pacemaker", "attribute"): _attribute,
}


def publishers(cib: etree._Element) -> Dict[str, Publisher]:
    """The node attributes the definition's primitives publish, by attribute name."""
    found: Dict[str, Publisher] = {}
    for primitive in cib.iterfind("configuration/resources//primitive"):
        key = (primitive.get("class", ""), primitive.get("provider", ""), primitive.get("type", ""))
        make = AGENTS.get(key)
        if make is None:
            continue
        publisher = make(primitive.get("id", ""), instance_params(primitive))
        found.setdefault(publisher.name, publisher)
    return found


@dataclass(frozen=True)
class RolePublisher:
    """A node attribute one primitive of a promotable clone publishes by its
    instance's role."""

    name: str  # the node attribute
    resource: str  # the primitive
    promoted: str
    standby: str  # running unpromoted while an instance is promoted
    alone: str  # running unpromoted with no instance promoted
    stopped: str  # where it ran and stopped


def _pgsql(rid: str, params: Mapping[str, str]) -> Optional[RolePublisher]:
    mode = params.get("rep_mode", "none")
    if mode not in ("sync", "async"):
        return None  # without replication the agent publishes no status
    standby = "HS:sync" if mode == "sync" else "HS:async"
    return RolePublisher("pgsql-status", rid, "PRI", standby, "HS:alone", "STOP")


ROLE_AGENTS: Dict[
    Tuple[str, str, str], Callable[[str, Mapping[str, str]], Optional[RolePublisher]]
] = {
    ("ocf", "heartbeat", "pgsql"): _pgsql,
    # PG-REX's (Linux-HA Japan) build of the same agent
    ("ocf", "linuxhajp", "pgsql"): _pgsql,
}


def role_publishers(cib: etree._Element) -> List[RolePublisher]:
    """The attributes the promotable clones' primitives publish by role (PostgreSQL's
    pgsql-status: pcsgen.simulation.role_attributes runs what they bring about)."""
    from pcsgen.cib.resources import primitives

    elements = {p.get("id", ""): p for p in cib.iterfind("configuration/resources//primitive")}
    found: List[RolePublisher] = []
    for rid, primitive in primitives(cib).items():
        make = ROLE_AGENTS.get((primitive.standard, primitive.provider, primitive.type))
        if not primitive.promotable or make is None or rid not in elements:
            continue
        publisher = make(rid, instance_params(elements[rid]))
        if publisher is not None:
            found.append(publisher)
    return found


def _settable(name: str) -> bool:
    return not name.startswith("#") or name.startswith(_HEALTH_PREFIX)


def tested_by_rules(cib: etree._Element) -> Dict[str, List[str]]:
    """attribute -> the resources whose location rules test it (in CIB order)."""
    tested: Dict[str, List[str]] = {}
    seen: Set[Tuple[str, str]] = set()  # (attribute, owner): thousands of locations
    for location in cib.iterfind("configuration/constraints/rsc_location"):
        owner = location.get("rsc") or location.get("rsc-pattern") or ""
        for expression in location.iterfind(".//rule//expression"):
            name = expression.get("attribute", "")
            if not name or not _settable(name):
                continue
            owners = tested.setdefault(name, [])
            if owner and (name, owner) not in seen:
                seen.add((name, owner))
                owners.append(owner)
    return tested


def _health_strategy(cib: etree._Element) -> bool:
    for pair in cib.iterfind("configuration/crm_config//nvpair"):
        if pair.get("name") == "node-health-strategy":
            return pair.get("value", "none") not in ("", "none")
    return False


def _permanent(cib: etree._Element) -> Dict[str, set[str]]:
    """node -> attributes the configuration itself sets on it (the NODE table)."""
    found: Dict[str, set[str]] = {}
    for node in cib.iterfind("configuration/nodes/node"):
        names = found.setdefault(node.get("uname", ""), set())
        for pair in node.iterfind("instance_attributes/nvpair"):
            names.add(pair.get("name", ""))
    return found


# A promotable clone's agent publishes its promotion score (`master-PRIMITIVE`) on each
# node where its instance runs; without one Pacemaker promotes no instance. Which node
# deserves it most (the newest data) is not in the definition: every node gets the same
# score, the unpromoted score of Pacemaker's Stateful, and Pacemaker's own order picks.
PROMOTION_SCORE = "5"


def promotion_scores(cib: etree._Element) -> List[str]:
    """The promotion score attribute of each primitive of a promotable clone."""
    from pcsgen.cib.resources import primitives

    return [f"master-{rid}" for rid, primitive in primitives(cib).items() if primitive.promotable]


def plan(
    cib: etree._Element, nodes: Sequence[str], given: Mapping[str, Mapping[str, str]]
) -> AttributePlan:
    """The node attributes of the steady state: what --attr gives, else the healthy value
    of the attribute's publisher, on every node; what no one gives is `missing`."""
    result = AttributePlan(tested=tested_by_rules(cib), publishers=publishers(cib))
    result.role_publishers = role_publishers(cib)
    relevant = list(result.tested)
    if _health_strategy(cib):  # health attributes count even when no rule names them
        relevant += [
            n for n in result.publishers if n.startswith(_HEALTH_PREFIX) and n not in relevant
        ]
    permanent = _permanent(cib)
    scores = promotion_scores(cib)
    for node in nodes:
        values = result.values.setdefault(node, {})
        for name, value in given.get(node, {}).items():
            values[name] = value
            result.given.setdefault(name, []).append(node)
        for name in scores:
            values.setdefault(name, PROMOTION_SCORE)
        for name in relevant:
            if (
                name in values
                or name in permanent.get(node, set())
                or name in result.role_published
            ):
                continue
            publisher = result.publishers.get(name)
            if publisher is not None and publisher.healthy is not None:
                values[name] = publisher.healthy
                continue
            if publisher is not None and name not in result.unknown_healthy:
                result.unknown_healthy.append(name)
            result.missing.setdefault(name, []).append(node)
    for node in [n for n in given if n not in result.values]:
        result.values[node] = dict(given[node])
    return result


def failing_values(name: str, plan_: AttributePlan) -> List[Optional[str]]:
    """The values to simulate the attribute failing with: the publisher's failure values
    (0 for ping, red for health agents), or 0 for a number given by hand; then None, the
    attribute disappearing (the agent stopped)."""
    publisher = plan_.publishers.get(name)
    values: List[Optional[str]] = []
    if publisher is not None:
        values.extend(publisher.failing)
    else:
        healthy = {v.get(name) for v in plan_.values.values()} - {None}
        if healthy and all(h is not None and h.lstrip("-").isdigit() and h != "0" for h in healthy):
            values.append("0")
    values.append(None)
    return values
