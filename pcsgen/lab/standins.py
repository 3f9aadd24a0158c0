"""The design made runnable in the lab: every resource whose agent cannot run here is
replaced by a stand-in with the same id, operations, meta attributes, place in groups,
clones and promotable clones (so every constraint still holds), and every fence device
by the lab's fence device with the same id (so fencing levels still hold). Addresses
outside the lab network are moved into it. Each replacement comes with its reason."""

from __future__ import annotations

import ipaddress
import os
import shutil
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Tuple

from lxml import etree

from pcsgen.lab.config import DC_DEADTIME, FENCE_AGENT, STANDIN_PROVIDER
from pcsgen.lab.state import BRIDGE_IP, PING_IP, PREFIX, SUBNET, SWITCH_PORT
from pcsgen.simulation.node_attributes import RolePublisher, role_publishers

OCF_ROOT = "/usr/lib/ocf/resource.d"
NOT_IN_NODES = ("systemd", "service", "upstart", "lsb", "nagios")
# Agents that manage shared storage or devices the lab does not have.
STORAGE = {
    "Filesystem",
    "LVM",
    "LVM-activate",
    "iSCSILogicalUnit",
    "iSCSITarget",
    "iscsi",
    "drbd",
    "Raid1",
    "md",
    "sfex",
    "SCSI2Reservation",
    "mpath",
    "ZFS",
    "exportfs",
    "nfsserver",
    "lvmlockd",
    "vdo-vol",
}
# The programs an agent cannot do without, as (agent type, candidates).
PROGRAMS: Dict[str, Tuple[str, ...]] = {
    "pgsql": ("pg_ctl", "/usr/lib/postgresql/*/bin/pg_ctl", "/usr/pgsql-*/bin/pg_ctl"),
    "PGSQL": ("pg_ctl",),
    "pgsqlms": ("pg_ctl", "/usr/lib/postgresql/*/bin/pg_ctl", "/usr/pgsql-*/bin/pg_ctl"),
    "nginx": ("nginx",),
    "apache": ("apache2", "httpd"),
    "mysql": ("mysqld",),
    "redis": ("redis-server",),
    "ping": ("ping", "fping"),
    "named": ("named",),
    "haproxy": ("haproxy",),
    "docker": ("docker",),
    "podman": ("podman",),
    "VirtualDomain": ("virsh",),
    "SAPInstance": ("sapcontrol",),
    "SAPDatabase": ("sapcontrol",),
}


# The agents the lab runs for real: their effects stay inside a node's namespaces
# (addresses on the lab network, state under the node's private /run, node
# attributes). Only the parameters named here reach them: a definition is not trusted
# with a path or a program on the host's file system, which the nodes share (Dummy's
# `state` is a file the agent removes at stop). Every other agent gets a stand-in.
REAL_AGENTS: Dict[str, FrozenSet[str]] = {
    "ocf:heartbeat:IPaddr2": frozenset({"ip", "cidr_netmask", "nic"}),
    "ocf:pacemaker:ping": frozenset(
        {"host_list", "name", "multiplier", "attempts", "timeout", "dampen", "failure_score"}
    ),
    "ocf:pacemaker:Dummy": frozenset({"fake", "op_sleep", "passwd"}),
    "ocf:heartbeat:Dummy": frozenset({"fake"}),
    "ocf:pacemaker:Stateful": frozenset({"notify_delay"}),
    "ocf:pacemaker:attribute": frozenset({"name", "active_value", "inactive_value"}),
    "ocf:heartbeat:Delay": frozenset({"startdelay", "stopdelay", "mondelay"}),
    "ocf:pacemaker:HealthCPU": frozenset({"yellow_limit", "red_limit"}),
    "ocf:pacemaker:SysInfo": frozenset({"disks", "min_disk_free", "disk_unit", "delay"}),
    "ocf:heartbeat:nginx": frozenset({"port"}),
    "ocf:heartbeat:apache": frozenset({"port"}),
    "ocf:heartbeat:haproxy": frozenset(),
}


class StandIn(NamedTuple):
    """One resource the lab runs differently, and why (a message code and its fields)."""

    id: str
    agent: str
    standin: str
    reason: str
    reason_args: Dict[str, str]


class Rewrite(NamedTuple):
    id: str
    old: str
    new: str


class LabDesign(NamedTuple):
    configuration: bytes  # the <configuration> to push
    standins: List[StandIn]
    rewrites: List[Rewrite]


def agent_name(primitive: etree._Element) -> str:
    kind, provider, agent = (
        primitive.get("class", ""),
        primitive.get("provider"),
        primitive.get("type", ""),
    )
    return f"{kind}:{provider}:{agent}" if provider else f"{kind}:{agent}"


def _program_found(candidates: Tuple[str, ...]) -> Optional[str]:
    import glob

    for candidate in candidates:
        if "/" in candidate:
            if glob.glob(candidate):
                return None
        elif shutil.which(candidate, path="/usr/sbin:/usr/bin:/sbin:/bin") is not None:
            return None
    return candidates[0]


def _why(primitive: etree._Element) -> Optional[Tuple[str, Dict[str, str]]]:
    """Why PRIMITIVE cannot run in the lab as it is (a reason code), or None."""
    kind, provider, agent = (
        primitive.get("class", ""),
        primitive.get("provider", ""),
        primitive.get("type", ""),
    )
    if kind in NOT_IN_NODES:
        return "PG930", {}
    if kind != "ocf":
        return "PG932", {}
    if agent in STORAGE:
        return "PG934", {}
    if not os.path.exists(os.path.join(OCF_ROOT, provider, agent)):
        return "PG932", {}
    candidates = PROGRAMS.get(agent)
    if candidates is not None:
        missing = _program_found(candidates)
        if missing is not None:
            return "PG933", {"program": os.path.basename(missing)}
    if agent_name(primitive) not in REAL_AGENTS:
        return "PG937", {}
    return None


def _real_params(primitive: etree._Element, params: Dict[str, str]) -> Dict[str, str]:
    """The parameters an agent run for real is given: those it may take in the lab."""
    kept = REAL_AGENTS.get(agent_name(primitive), frozenset())
    return {name: value for name, value in params.items() if name in kept}


def _params(primitive: etree._Element) -> Dict[str, str]:
    return {
        nv.get("name", ""): nv.get("value", "")
        for nv in primitive.iterfind("instance_attributes/nvpair")
    }


def _set_params(primitive: etree._Element, values: Dict[str, str]) -> None:
    for old in primitive.findall("instance_attributes"):
        primitive.remove(old)
    if not values:
        return
    ident = primitive.get("id", "")
    block = etree.Element("instance_attributes", id=f"{ident}-instance_attributes")
    for name, value in values.items():
        etree.SubElement(
            block, "nvpair", id=f"{ident}-instance_attributes-{name}", name=name, value=value
        )
    primitive.insert(0, block)


def _healthy_ping(params: Dict[str, str]) -> Tuple[str, str]:
    """The attribute ping publishes when every target answers: (name, value)."""
    hosts = params.get("host_list", "").split()
    try:
        multiplier = int(params.get("multiplier", "1") or "1")
    except ValueError:
        multiplier = 1
    return params.get("name", "pingd") or "pingd", str(multiplier * max(len(hosts), 1))


def _lab_address(address: str, taken: List[str]) -> str:
    try:
        if ipaddress.ip_address(address) in ipaddress.ip_network(f"{SUBNET}.0/{PREFIX}"):
            return address
    except ValueError:
        pass
    for host in range(100, 250):
        candidate = f"{SUBNET}.{host}"
        if candidate not in taken:
            taken.append(candidate)
            return candidate
    return address


def _fence_device(primitive: etree._Element, nodes: List[str]) -> None:
    """Keep what Pacemaker reads itself (pcmk_* parameters: host lists, delays, actions);
    drop what only the hardware's agent would read."""
    kept = {
        name: value
        for name, value in _params(primitive).items()
        if name.startswith("pcmk_") and name not in ("pcmk_host_argument",)
    }
    if "pcmk_host_map" not in kept:
        kept.setdefault("pcmk_host_list", " ".join(nodes))
    kept.update({"ipaddr": BRIDGE_IP, "ipport": str(SWITCH_PORT)})
    primitive.set("type", FENCE_AGENT)
    if "provider" in primitive.attrib:
        del primitive.attrib["provider"]
    _set_params(primitive, kept)


def _role_params(publisher: RolePublisher) -> Dict[str, str]:
    """The stand-in's parameters that make it publish what the agent publishes by role."""
    return {
        "role_attribute": publisher.name,
        "role_promoted": publisher.promoted,
        "role_standby": publisher.standby,
        "role_alone": publisher.alone,
        "role_stopped": publisher.stopped,
    }


def for_the_lab(cib_text: str, nodes: List[str]) -> LabDesign:
    """The compiled CIB CIB_TEXT as the lab of NODES runs it."""
    root = etree.fromstring(cib_text.encode("utf-8"))
    configuration = root.find("configuration")
    assert configuration is not None
    standins: List[StandIn] = []
    rewrites: List[Rewrite] = []
    taken: List[str] = []
    # read before any primitive is replaced
    roles = {p.resource: p for p in role_publishers(root)}
    for primitive in list(configuration.iter("primitive")):
        ident, agent = primitive.get("id", ""), agent_name(primitive)
        if primitive.get("class") == "stonith":
            if primitive.get("type") != FENCE_AGENT:
                _fence_device(primitive, nodes)
                standins.append(StandIn(ident, agent, f"stonith:{FENCE_AGENT}", "PG931", {}))
            continue
        params = _params(primitive)
        if agent == "ocf:heartbeat:IPaddr2" and "ip" in params:
            new = _lab_address(params["ip"], taken)
            if new != params["ip"]:
                rewrites.append(Rewrite(ident, params["ip"], new))
            params.update({"ip": new, "cidr_netmask": str(PREFIX), "nic": "eth0"})
            _set_params(primitive, params)
        reason = _why(primitive)
        if agent == "ocf:pacemaker:ping":
            if reason is None:
                # the bridge as every target: the attribute's healthy value is the real one
                hosts = params.get("host_list", "").split() or [PING_IP]
                lab_params = {**params, "host_list": " ".join(PING_IP for _ in hosts)}
                _set_params(primitive, _real_params(primitive, lab_params))
                continue
            name, value = _healthy_ping(params)
            primitive.set("type", "attribute")
            _set_params(primitive, {"name": name, "active_value": value, "inactive_value": "0"})
            standins.append(
                StandIn(
                    ident,
                    agent,
                    "ocf:pacemaker:attribute",
                    reason[0],
                    {**reason[1], "name": name, "value": value},
                )
            )
            continue
        if agent == "ocf:heartbeat:storage-mon":
            # its drives are not in the lab; what Pacemaker reads of it is the node health
            # attribute it sets at start and each monitor (left as it was when it stops):
            # the lab's Dummy does the same, red while its drives are made to fail
            name = f"#health-{ident}"
            primitive.set("provider", STANDIN_PROVIDER)
            primitive.set("type", "Dummy")
            _set_params(primitive, {"health_attribute": name})
            standins.append(
                StandIn(
                    ident,
                    agent,
                    f"ocf:{STANDIN_PROVIDER}:Dummy",
                    "PG934",
                    {"name": name, "value": "green"},
                )
            )
            continue
        if reason is None:
            _set_params(primitive, _real_params(primitive, _params(primitive)))
            continue
        # the lab's Dummy can be made to fail a stop for the test plan; in a promotable
        # clone it is promoted and publishes its promotion score as Stateful does, and
        # demoting an instance found dead fails nothing more (Stateful's would); it
        # publishes the node attribute the agent publishes by role (pgsql-status), as
        # the simulation does
        role = roles.get(ident)
        provider, standin = STANDIN_PROVIDER, "Dummy"
        primitive.set("class", "ocf")
        primitive.set("provider", provider)
        primitive.set("type", standin)
        _set_params(primitive, {} if role is None else _role_params(role))
        standins.append(StandIn(ident, agent, f"ocf:{provider}:{standin}", reason[0], reason[1]))
    _short_dc_deadtime(configuration)
    return LabDesign(etree.tostring(configuration), standins, rewrites)


def _short_dc_deadtime(configuration: etree._Element) -> None:
    """The lab's elections stay short, whatever the design says of the rest."""
    crm_config = configuration.find("crm_config")
    if crm_config is None:
        crm_config = etree.SubElement(configuration, "crm_config")
        configuration.insert(0, crm_config)
    options = crm_config.find("cluster_property_set[@id='cib-bootstrap-options']")
    if options is None:
        options = etree.SubElement(crm_config, "cluster_property_set", id="cib-bootstrap-options")
    if options.find("nvpair[@name='dc-deadtime']") is None:
        etree.SubElement(
            options,
            "nvpair",
            id="cib-bootstrap-options-dc-deadtime",
            name="dc-deadtime",
            value=DC_DEADTIME,
        )
