"""When the lab's cluster has settled, and how it stands then: nothing left for the
cluster to do (crm_resource --wait), twice in a row with the same placement across a
quiet period longer than the node attributes' dampening, so that an attribute about to
change (ping's, after its dampen delay) is waited for too."""

from __future__ import annotations

import subprocess
import time
from typing import Dict, List, NamedTuple, Optional, Tuple

from lxml import etree

from pcsgen.diagnostics import PcsgenError
from pcsgen.lab import lifecycle
from pcsgen.lab.state import Lab

# ping's own default dampening, plus a margin
DEFAULT_QUIET = 6.0


class Snapshot(NamedTuple):
    """Where each resource runs, promoted where, which have failed, which nodes are online."""

    running: Dict[str, Tuple[str, ...]]
    promoted: Dict[str, Tuple[str, ...]]
    failed: Tuple[str, ...]
    online: Tuple[str, ...]

    def as_dict(self) -> Dict[str, object]:
        return {
            "running": {k: list(v) for k, v in sorted(self.running.items())},
            "promoted": {k: list(v) for k, v in sorted(self.promoted.items())},
            "failed": list(self.failed),
            "online": list(self.online),
        }


def snapshot_of(status: etree._Element) -> Snapshot:
    running: Dict[str, List[str]] = {}
    promoted: Dict[str, List[str]] = {}
    failed = set()
    for resource in status.iter("resource"):
        ident = resource.get("id", "")
        where = [n.get("name", "") for n in resource.iterfind("node")]
        if resource.get("active") == "true":
            running.setdefault(ident, []).extend(where)
            if resource.get("role") in ("Promoted", "Master"):
                promoted.setdefault(ident, []).extend(where)
        if resource.get("failed") == "true":
            failed.add(ident)
    online = tuple(
        sorted(
            n.get("name", "") for n in status.iterfind("nodes/node") if n.get("online") == "true"
        )
    )
    return Snapshot(
        {k: tuple(sorted(v)) for k, v in running.items()},
        {k: tuple(sorted(v)) for k, v in promoted.items()},
        tuple(sorted(failed)),
        online,
    )


def snapshot(lab: Lab, node: Optional[str] = None) -> Optional[Snapshot]:
    status = lifecycle.cluster_xml(lab, node)
    return snapshot_of(status) if status is not None else None


def wait_idle(lab: Lab, node: str, timeout: float) -> bool:
    """Wait until the cluster has nothing left to do, as NODE sees it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        remaining = max(1, int(deadline - time.monotonic()))
        try:
            done = lifecycle.run_in(
                lab, node, ["crm_resource", "--wait", f"--timeout={remaining}s"], remaining + 30
            )
        except subprocess.TimeoutExpired:
            return False
        except PcsgenError:
            node = (lifecycle.running_nodes(lab) or [node])[0]
            time.sleep(0.5)
            continue
        if done.returncode == 0:
            return True
        time.sleep(0.5)
    return False


def wait_settled(
    lab: Lab, timeout: float, quiet: float = DEFAULT_QUIET, started: Optional[float] = None
) -> Tuple[Optional[float], Optional[Snapshot]]:
    """Seconds from STARTED until the state that then held still was first seen (None
    when it did not settle within TIMEOUT), and that state."""
    begin = time.monotonic() if started is None else started
    deadline = time.monotonic() + timeout
    last: Optional[Snapshot] = None
    first_seen = 0.0
    while time.monotonic() < deadline:
        nodes = lifecycle.running_nodes(lab)
        if not nodes or not wait_idle(lab, nodes[0], deadline - time.monotonic()):
            time.sleep(0.5)
            continue
        seen_at = time.monotonic()
        current = snapshot(lab)
        if current is not None and current == last:
            return first_seen - begin, current
        if current != last:
            last, first_seen = current, seen_at
        time.sleep(quiet)
    return None, last
