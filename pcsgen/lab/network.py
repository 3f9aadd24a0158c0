"""The lab network: a bridge in a network namespace of its own, and per node a network
namespace holding `eth0`, one end of a veth pair whose other end is on the bridge. The
namespaces are kept by bind mounts on files of the lab's directory (not /run/netns), so
that nothing of the host's network, nor its `ip netns` list, changes."""

from __future__ import annotations

import os
import subprocess
from typing import List

from pcsgen.lab.state import BRIDGE_IP, PING_IP, PREFIX, Lab, LabNode

BRIDGE = "labbr0"


def _run(command: List[str]) -> None:
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        output = done.stdout.decode("utf-8", "replace").strip()
        raise OSError(f"{' '.join(command)}: {output}")


def namespace_file(lab: Lab, owner: str) -> str:
    return lab.path("ns", owner)


def _new_namespace(path: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").close()
    _run(["unshare", f"--net={path}", "true"])


def in_namespace(path: str, command: List[str]) -> List[str]:
    return ["nsenter", f"--net={path}", *command]


def make_bridge(lab: Lab) -> None:
    path = namespace_file(lab, "bridge")
    _new_namespace(path)
    for command in (
        ["ip", "link", "set", "lo", "up"],
        ["ip", "link", "add", BRIDGE, "type", "bridge", "stp_state", "0", "forward_delay", "0"],
        ["ip", "addr", "add", f"{BRIDGE_IP}/{PREFIX}", "dev", BRIDGE],
        ["ip", "addr", "add", f"{PING_IP}/{PREFIX}", "dev", BRIDGE],
        ["ip", "link", "set", BRIDGE, "up"],
    ):
        _run(in_namespace(path, command))


def make_node_network(lab: Lab, node: LabNode) -> None:
    """The node's namespace, its cable plugged into the bridge, its address set."""
    path = namespace_file(lab, node.name)
    bridge = namespace_file(lab, "bridge")
    _new_namespace(path)
    _run(
        in_namespace(
            path,
            [
                "ip",
                "link",
                "add",
                "eth0",
                "type",
                "veth",
                "peer",
                "name",
                node.link,
                "netns",
                bridge,
            ],
        )
    )
    _run(in_namespace(path, ["ip", "addr", "add", f"{node.ip}/{PREFIX}", "dev", "eth0"]))
    _run(in_namespace(bridge, ["ip", "link", "set", node.link, "master", BRIDGE]))
    _run(in_namespace(bridge, ["ip", "link", "set", node.link, "up"]))


def set_cable(lab: Lab, node: LabNode, plugged: bool) -> None:
    """Plug or unplug the node's cable at the bridge (a powered-off node answers nothing)."""
    _run(
        in_namespace(
            namespace_file(lab, "bridge"),
            ["ip", "link", "set", node.link, "up" if plugged else "down"],
        )
    )


def namespace_files(lab: Lab) -> List[str]:
    directory = lab.path("ns")
    try:
        return [os.path.join(directory, name) for name in sorted(os.listdir(directory))]
    except OSError:
        return []


def namespace_inode(path: str) -> int:
    return os.stat(path).st_ino


def release(lab: Lab) -> None:
    """Unmount every namespace file: the namespaces go with their last process."""
    for path in namespace_files(lab):
        subprocess.run(["umount", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
