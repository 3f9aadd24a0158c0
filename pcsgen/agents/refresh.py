"""Regenerate catalogue.json from the agents installed on this machine.

    python -m pcsgen.agents.refresh

Only facts are kept (action names and timings, parameter names and flags);
entries for agents this machine lacks are carried over unchanged.
"""

from __future__ import annotations

import json
import sys
from typing import Dict, List

from pcsgen import ir
from pcsgen.agents.catalogue import CATALOGUE_FILE
from pcsgen.agents.system import installed_metadata

COMMON_AGENTS: List[str] = [
    "ocf:heartbeat:IPaddr2", "ocf:heartbeat:IPaddr", "ocf:heartbeat:IPsrcaddr",
    "ocf:heartbeat:Filesystem", "ocf:heartbeat:LVM-activate", "ocf:heartbeat:pgsql",
    "ocf:heartbeat:mysql", "ocf:heartbeat:apache", "ocf:heartbeat:nginx",
    "ocf:heartbeat:Dummy", "ocf:heartbeat:Stateful", "ocf:heartbeat:storage-mon",
    "ocf:heartbeat:VirtualDomain", "ocf:heartbeat:exportfs", "ocf:heartbeat:nfsserver",
    "ocf:heartbeat:Route", "ocf:heartbeat:SendArp", "ocf:heartbeat:portblock",
    "ocf:heartbeat:anything", "ocf:heartbeat:podman", "ocf:heartbeat:docker",
    "ocf:heartbeat:oracle", "ocf:heartbeat:oralsnr", "ocf:heartbeat:iSCSITarget",
    "ocf:heartbeat:iSCSILogicalUnit", "ocf:heartbeat:aws-vpc-move-ip",
    "ocf:heartbeat:awsvip", "ocf:heartbeat:awseip", "ocf:heartbeat:azure-lb",
    "ocf:heartbeat:Squid", "ocf:heartbeat:named", "ocf:heartbeat:tomcat",
    "ocf:heartbeat:redis", "ocf:heartbeat:rabbitmq-cluster", "ocf:heartbeat:haproxy",
    "ocf:heartbeat:MailTo", "ocf:heartbeat:symlink", "ocf:heartbeat:ethmonitor",
    "ocf:pacemaker:ping", "ocf:pacemaker:Dummy", "ocf:pacemaker:Stateful",
    "ocf:pacemaker:HealthCPU", "ocf:pacemaker:HealthSMART", "ocf:pacemaker:SysInfo",
    "ocf:pacemaker:attribute", "ocf:pacemaker:ClusterMon", "ocf:pacemaker:controld",
    "ocf:pacemaker:remote", "ocf:pacemaker:HealthIOWait",
    "stonith:fence_ipmilan", "stonith:fence_ipmilanplus", "stonith:fence_idrac",
    "stonith:fence_ilo3", "stonith:fence_ilo4", "stonith:fence_ilo5", "stonith:fence_imm",
    "stonith:fence_kdump", "stonith:fence_vmware_soap", "stonith:fence_vmware_rest",
    "stonith:fence_aws", "stonith:fence_azure_arm", "stonith:fence_gce",
    "stonith:fence_scsi", "stonith:fence_mpath", "stonith:fence_sbd", "stonith:fence_xvm",
    "stonith:fence_virt", "stonith:fence_redfish", "stonith:fence_rhevm",
    "stonith:fence_apc", "stonith:fence_apc_snmp", "stonith:fence_heuristics_ping",
]


def parse_agent(text: str) -> ir.AgentName:
    parts = text.split(":")
    if parts[0] == "stonith":
        return ir.AgentName("stonith", None, parts[1])
    if len(parts) == 3:
        return ir.AgentName(parts[0], parts[1], parts[2])
    return ir.AgentName(parts[0], None, parts[1])


def main() -> int:
    try:
        existing = json.loads(CATALOGUE_FILE.read_text("utf-8"))["agents"]
    except (OSError, ValueError, KeyError):
        existing = []
    entries: Dict[str, dict] = {e["agent"]: e for e in existing}  # type: ignore[type-arg]
    refreshed = 0
    for name in COMMON_AGENTS:
        metadata = installed_metadata(parse_agent(name))
        if metadata is None:
            continue
        entries[name] = metadata.to_json()
        refreshed += 1
    data = {
        "comment": "Facts about common agents (action names and timings, parameter names and "
                   "flags), used when an agent is not installed where pcsgen runs.",
        "agents": [entries[k] for k in sorted(entries, key=str.lower)],
    }
    CATALOGUE_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{refreshed} agents refreshed, {len(entries)} in the catalogue", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
