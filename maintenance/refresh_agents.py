"""Regenerate pcsgen/agents/catalogue.json from the agents installed on this machine.

    python -m maintenance.refresh_agents [--target rhel8|rhel9|rhel10]

run from a checkout where a generation's agents are installed (.ci/refresh-catalogue
does it in each generation's root). Only facts are kept (action names and timings,
parameter names and flags); entries for agents this machine lacks are carried over
unchanged.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Dict, List, Optional

from pcsgen import ir
from pcsgen.agents.catalogue import CATALOGUE_FILE, format_catalogue, read_catalogue
from pcsgen.agents.system import installed_metadata
from pcsgen.generations import generations, host_generation, target, target_names

COMMON_AGENTS: List[str] = [
    "ocf:heartbeat:IPaddr2",
    "ocf:heartbeat:IPaddr",
    "ocf:heartbeat:IPsrcaddr",
    "ocf:heartbeat:Filesystem",
    "ocf:heartbeat:LVM-activate",
    "ocf:heartbeat:pgsql",
    "ocf:heartbeat:mysql",
    "ocf:heartbeat:apache",
    "ocf:heartbeat:nginx",
    "ocf:heartbeat:Dummy",
    "ocf:heartbeat:Stateful",
    "ocf:heartbeat:storage-mon",
    "ocf:heartbeat:VirtualDomain",
    "ocf:heartbeat:exportfs",
    "ocf:heartbeat:nfsserver",
    "ocf:heartbeat:Route",
    "ocf:heartbeat:SendArp",
    "ocf:heartbeat:portblock",
    "ocf:heartbeat:anything",
    "ocf:heartbeat:podman",
    "ocf:heartbeat:docker",
    "ocf:heartbeat:oracle",
    "ocf:heartbeat:oralsnr",
    "ocf:heartbeat:iSCSITarget",
    "ocf:heartbeat:iSCSILogicalUnit",
    "ocf:heartbeat:aws-vpc-move-ip",
    "ocf:heartbeat:awsvip",
    "ocf:heartbeat:awseip",
    "ocf:heartbeat:azure-lb",
    "ocf:heartbeat:Squid",
    "ocf:heartbeat:named",
    "ocf:heartbeat:tomcat",
    "ocf:heartbeat:redis",
    "ocf:heartbeat:rabbitmq-cluster",
    "ocf:heartbeat:haproxy",
    "ocf:heartbeat:MailTo",
    "ocf:heartbeat:symlink",
    "ocf:heartbeat:ethmonitor",
    "ocf:pacemaker:ping",
    "ocf:pacemaker:Dummy",
    "ocf:pacemaker:Stateful",
    "ocf:pacemaker:HealthCPU",
    "ocf:pacemaker:HealthSMART",
    "ocf:pacemaker:SysInfo",
    "ocf:pacemaker:attribute",
    "ocf:pacemaker:ClusterMon",
    "ocf:pacemaker:controld",
    "ocf:pacemaker:remote",
    "ocf:pacemaker:HealthIOWait",
    "stonith:fence_ipmilan",
    "stonith:fence_ipmilanplus",
    "stonith:fence_idrac",
    "stonith:fence_ilo3",
    "stonith:fence_ilo4",
    "stonith:fence_ilo5",
    "stonith:fence_imm",
    "stonith:fence_kdump",
    "stonith:fence_vmware_soap",
    "stonith:fence_vmware_rest",
    "stonith:fence_aws",
    "stonith:fence_azure_arm",
    "stonith:fence_gce",
    "stonith:fence_scsi",
    "stonith:fence_mpath",
    "stonith:fence_sbd",
    "stonith:fence_xvm",
    "stonith:fence_virt",
    "stonith:fence_redfish",
    "stonith:fence_rhevm",
    "stonith:fence_apc",
    "stonith:fence_apc_snmp",
    "stonith:fence_heuristics_ping",
]


def parse_agent(text: str) -> ir.AgentName:
    parts = text.split(":")
    if parts[0] == "stonith":
        return ir.AgentName("stonith", None, parts[1])
    if len(parts) == 3:
        return ir.AgentName(parts[0], parts[1], parts[2])
    return ir.AgentName(parts[0], None, parts[1])


def _facts(entry: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in ("agent", "generations")}


def merge(
    entries: Dict[str, Dict[str, Any]], found: Dict[str, Dict[str, Any]], generation: str, base: str
) -> None:
    """Put one generation's facts into the entries: at the top level for the base
    generation, else under "generations" where they differ from the base's."""
    for name, metadata in found.items():
        entry = entries.setdefault(name, {"agent": name})
        facts = _facts(metadata)
        if generation == base:
            others = entry.get("generations", {})
            entry.clear()
            entry.update({"agent": name, **facts})
            # a generation that now agrees with the base needs no facts of its own; a
            # minor's (rhel8.10) differ from its generation's, not the base's: kept as
            # they are (maintenance.upstream_agents writes them)
            kept = {
                g: d
                for g, d in (
                    (g, f if "." in g else {k: v for k, v in f.items() if facts.get(k) != v})
                    for g, f in others.items()
                )
                if d
            }
            if kept:
                entry["generations"] = kept
            continue
        others = dict(entry.get("generations", {}))
        base_facts = _facts(entry)
        # only what differs from the base's (actions, parameters)
        different = {k: v for k, v in facts.items() if base_facts.get(k) != v}
        if different:
            others[generation] = different
        else:
            others.pop(generation, None)
        entry.pop("generations", None)
        if others:
            entry["generations"] = dict(sorted(others.items()))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m maintenance.refresh_agents",
        description="Record the facts of the agents installed here in the catalogue, as "
        "those of this machine's generation.",
    )
    parser.add_argument(
        "--target",
        choices=target_names(),
        help="the generation this machine is (default: from /etc/os-release)",
    )
    options = parser.parse_args(argv)
    here = host_generation()
    generation = options.target or (target(here).generation if here is not None else None)
    if generation is None:
        parser.error("cannot tell this machine's generation; give --target")
    try:
        data = read_catalogue()
    except (OSError, ValueError):
        data = {"agents": []}
    base = str(data.get("base", generations().default_target))
    entries: Dict[str, Dict[str, Any]] = {e["agent"]: e for e in data.get("agents", [])}
    found: Dict[str, Dict[str, Any]] = {}
    for name in COMMON_AGENTS:
        metadata = installed_metadata(parse_agent(name))
        if metadata is not None:
            found[name] = metadata.to_json()
    merge(entries, found, generation, base)
    data = {
        "comment": "Facts about common agents (action names and timings, parameter names and"
        " flags), used when an agent is not installed where pcsgen runs: those of"
        " the base generation, and under 'generations' those of another where its"
        " agent differs, and of a RHEL minor (rhel8.10) where the agent of the "
        "upstream release that minor ships differs: Pacemaker's own agents by its"
        " Pacemaker, resource-agents' where its release is newer than the "
        "oracle's (python -m maintenance.upstream_agents).",
        "base": base,
        "agents": [entries[k] for k in sorted(entries, key=str.lower)],
    }
    CATALOGUE_FILE.write_text(format_catalogue(data), "utf-8")
    print(
        f"{len(found)} agents refreshed for {generation}, {len(entries)} in the catalogue",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
