"""A design pushed into a running lab: compiled by pcsgen with the lab's node ids, made
runnable with stand-ins, given to the cluster with cibadmin inside a node, and waited
for until every resource has settled."""

from __future__ import annotations

import subprocess
import time
from typing import NamedTuple, Optional

from pcsgen.api.options import Options
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.lab import lifecycle, settle
from pcsgen.lab.standins import LabDesign, for_the_lab
from pcsgen.lab.state import Lab

SETTLE_TIMEOUT = 120


class Pushed(NamedTuple):
    design: LabDesign
    epoch: str
    settled_after: Optional[float]  # None: not settled within SETTLE_TIMEOUT
    diagnostics: Diagnostics


def lab_design(
    lab: Lab, path: str, sheet: Optional[str], options: Options
) -> tuple[LabDesign, Diagnostics]:
    """The definition compiled for the lab (its node ids from the lab's corosync.conf)."""
    from pcsgen import api

    corosync = lab.path("nodes", lab.nodes[0].name, "etc-corosync", "corosync.conf")
    compiled = api.compile_definition(path, sheet, options._replace(corosync_conf=corosync))
    return for_the_lab(compiled.cib, [n.name for n in lab.nodes]), compiled.diagnostics


def push(
    lab: Lab,
    path: str,
    sheet: Optional[str],
    options: Options,
    wait: bool = True,
    if_changed: bool = False,
) -> Pushed:
    """Push the definition into LAB; with WAIT, wait until the cluster has settled. With
    IF_CHANGED, the configuration pushed last is not pushed again (a test run after
    `lab apply` starts from the state the user left)."""
    import hashlib

    design, diagnostics = lab_design(lab, path, sheet, options)
    node = lifecycle.running_nodes(lab)
    if not node:
        raise PcsgenError("PG916", None, node=", ".join(n.name for n in lab.nodes))
    started = time.monotonic()
    digest = hashlib.sha256(design.configuration).hexdigest()
    if not if_changed or _last_pushed(lab) != digest:
        command = lifecycle.node_command(
            lab, node[0], ["cibadmin", "--replace", "--scope", "configuration", "--xml-pipe"]
        )
        done = subprocess.run(
            command,
            input=design.configuration,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,
        )
        if done.returncode != 0:
            raise PcsgenError(
                "PG920", None, reason=done.stdout.decode("utf-8", "replace").strip()[-600:]
            )
        with open(lab.path("pushed.sha256"), "w", encoding="ascii") as stream:
            stream.write(digest)
    after: Optional[float] = None
    if wait:
        after, _ = settle.wait_settled(
            lab, SETTLE_TIMEOUT, quiet_period(design.configuration), started
        )
    return Pushed(design, _epoch(lab, node[0]), after, diagnostics)


def _last_pushed(lab: Lab) -> str:
    try:
        with open(lab.path("pushed.sha256"), encoding="ascii") as stream:
            return stream.read().strip()
    except OSError:
        return ""


def _epoch(lab: Lab, node: str) -> str:
    from lxml import etree

    full = lifecycle.run_in(lab, node, ["cibadmin", "--query"])
    try:
        root = etree.fromstring(full.stdout.encode("utf-8"))
    except etree.XMLSyntaxError:
        return ""
    return f"{root.get('admin_epoch', '0')}:{root.get('epoch', '0')}"


def quiet_period(configuration: bytes) -> float:
    """Longer than the longest attribute dampening of the design (ping's is 5 s unless
    set): no attribute change is still pending when the cluster looks settled."""
    import re

    from lxml import etree

    root = etree.fromstring(configuration)
    longest = 0.0
    for primitive in root.iter("primitive"):
        if primitive.get("type") not in ("ping", "attribute"):
            continue
        longest = max(longest, 5.0)
        for nvpair in primitive.iterfind("instance_attributes/nvpair[@name='dampen']"):
            found = re.fullmatch(r"(\d+)\s*(ms|s|m|min)?", nvpair.get("value", "").strip())
            if found:
                unit = {"ms": 0.001, "m": 60.0, "min": 60.0}.get(found.group(2) or "s", 1.0)
                longest = max(longest, int(found.group(1)) * unit)
    return longest + 1.5 if longest else 2.0
