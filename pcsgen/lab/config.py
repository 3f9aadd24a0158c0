"""The lab's cluster configuration files: corosync.conf (knet on the lab bridge, a
short token) and the seed CIB every node starts from (a short dc-deadtime, the lab's
fence device)."""

from __future__ import annotations

import glob
import os
import re
from typing import List
from xml.sax.saxutils import quoteattr

from pcsgen.lab.state import BRIDGE_IP, SWITCH_PORT, LabNode

# Short enough that a lost node is noticed within seconds, long enough for a loaded
# two-core machine running several nodes not to lose the token by itself.
TOKEN_MS = 1500
DC_DEADTIME = "3s"
FENCE_AGENT = "fence_lab"
FENCE_DEVICE = "lab-fence"
# the provider of the lab's own stand-in agent (ocf:pcsgen-lab:Dummy)
STANDIN_PROVIDER = "pcsgen-lab"


def corosync_conf(cluster_name: str, nodes: List[LabNode]) -> str:
    entries = "".join(
        f"    node {{\n        ring0_addr: {node.ip}\n        name: {node.name}\n"
        f"        nodeid: {node.node_id}\n    }}\n"
        for node in nodes
    )
    two_node = "    two_node: 1\n" if len(nodes) == 2 else ""
    return (
        "totem {\n    version: 2\n"
        f"    cluster_name: {cluster_name}\n"
        "    transport: knet\n"
        f"    token: {TOKEN_MS}\n"
        "    join: 50\n"
        "    crypto_cipher: none\n    crypto_hash: none\n}\n\n"
        f"nodelist {{\n{entries}}}\n\n"
        f"quorum {{\n    provider: corosync_votequorum\n{two_node}}}\n\n"
        "logging {\n    to_logfile: yes\n    logfile: /var/log/cluster/corosync.log\n"
        "    to_stderr: no\n    to_syslog: no\n    timestamp: on\n}\n"
    )


def schema_version() -> str:
    """The newest CIB schema this machine's Pacemaker knows."""
    versions = []
    for path in glob.glob("/usr/share/pacemaker/pacemaker-*.rng"):
        found = re.fullmatch(r"pacemaker-(\d+)\.(\d+)\.rng", os.path.basename(path))
        if found:
            versions.append((int(found.group(1)), int(found.group(2))))
    major, minor = max(versions) if versions else (3, 0)
    return f"pacemaker-{major}.{minor}"


def fence_primitive(device_id: str, nodes: List[str], extra: str = "") -> str:
    """A lab fence device for NODES (XML text of a <primitive>)."""
    pairs = [
        ("pcmk_host_list", " ".join(nodes)),
        ("ipaddr", BRIDGE_IP),
        ("ipport", str(SWITCH_PORT)),
    ]
    nvpairs = "".join(
        f"<nvpair id={quoteattr(f'{device_id}-instance_attributes-{name}')} "
        f"name={quoteattr(name)} value={quoteattr(value)}/>"
        for name, value in pairs
    )
    return (
        f'<primitive id={quoteattr(device_id)} class="stonith" '
        f'type="{FENCE_AGENT}"><instance_attributes '
        f"id={quoteattr(device_id + '-instance_attributes')}>{nvpairs}"
        f"</instance_attributes>{extra}</primitive>"
    )


def seed_cib(nodes: List[LabNode]) -> str:
    names = [node.name for node in nodes]
    node_entries = "".join(f'<node id="{n.node_id}" uname={quoteattr(n.name)}/>' for n in nodes)
    monitor = (
        f'<operations><op id="{FENCE_DEVICE}-monitor-interval-60s" name="monitor" '
        'interval="60s"/></operations>'
    )
    return (
        f'<cib validate-with="{schema_version()}" admin_epoch="0" epoch="1" '
        'num_updates="0">\n  <configuration>\n    <crm_config>\n'
        '      <cluster_property_set id="cib-bootstrap-options">\n'
        f'        <nvpair id="cib-bootstrap-options-dc-deadtime" name="dc-deadtime" '
        f'value="{DC_DEADTIME}"/>\n'
        "      </cluster_property_set>\n    </crm_config>\n"
        f"    <nodes>{node_entries}</nodes>\n"
        f"    <resources>{fence_primitive(FENCE_DEVICE, names, monitor)}</resources>\n"
        "    <constraints/>\n  </configuration>\n  <status/>\n</cib>\n"
    )
