"""The live cluster, through Pacemaker's own tools: query the CIB, push a configuration."""

from __future__ import annotations

import shutil
import subprocess
from typing import Optional, Tuple

from lxml import etree

from pcsgen.cib.values import MAINTAINED_PROPERTIES
from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.phrase import Phrase

TIMEOUT_SECONDS = 120


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise PcsgenError("PG801", None, tool=name)
    return path


def query_cib() -> bytes:
    """The live CIB (`cibadmin --query`)."""
    result = subprocess.run(
        [_tool("cibadmin"), "--query"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise PcsgenError("PG802", None, reason=result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def epoch(cib: etree._Element) -> Tuple[int, int]:
    """(admin_epoch, epoch): what changes when the configuration does."""
    return int(cib.get("admin_epoch", "0")), int(cib.get("epoch", "0"))


def epoch_text(cib: etree._Element) -> str:
    admin, number = epoch(cib)
    return f"{admin}:{number}"


def merged_configuration(ours: etree._Element, live: etree._Element) -> etree._Element:
    """Our configuration as it will stand in the cluster: the live node entries stay when
    the definition names no node ids, and so do the properties the cluster maintains."""
    from copy import deepcopy

    result = deepcopy(ours)
    configuration = result.find("configuration")
    live_configuration = live.find("configuration")
    if configuration is None or live_configuration is None:
        return result
    nodes = configuration.find("nodes")
    live_nodes = live_configuration.find("nodes")
    if live_nodes is not None and (nodes is None or len(nodes) == 0):
        if nodes is not None:
            configuration.replace(nodes, deepcopy(live_nodes))
        else:
            configuration.insert(1, deepcopy(live_nodes))
    live_options = live_configuration.find(
        "crm_config/cluster_property_set[@id='cib-bootstrap-options']"
    )
    if live_options is not None:
        crm_config = configuration.find("crm_config")
        if crm_config is None:
            crm_config = etree.SubElement(configuration, "crm_config")
        options = crm_config.find("cluster_property_set[@id='cib-bootstrap-options']")
        if options is None:
            options = etree.SubElement(
                crm_config, "cluster_property_set", id="cib-bootstrap-options"
            )
        ours_names = {p.get("name") for p in options.findall("nvpair")}
        for pair in live_options.findall("nvpair"):
            if pair.get("name") in MAINTAINED_PROPERTIES and pair.get("name") not in ours_names:
                options.append(deepcopy(pair))
    return result


def push_configuration(cib: etree._Element, expected_epoch: Optional[str]) -> str:
    """Replace the live configuration section; refuse if the live CIB moved on.

    Returns the live epoch after the push."""
    live = etree.fromstring(query_cib())
    if expected_epoch is not None and epoch_text(live) != expected_epoch:
        raise PcsgenError("PG803", None, expected=expected_epoch, found=epoch_text(live))
    configuration = cib.find("configuration")
    if configuration is None:
        raise PcsgenError("PG802", None, reason=Phrase("cib_no_configuration"))
    data = etree.tostring(configuration)
    result = subprocess.run(
        [_tool("cibadmin"), "--replace", "--scope", "configuration", "--xml-pipe"],
        input=data,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise PcsgenError("PG804", None, reason=result.stderr.decode("utf-8", "replace").strip())
    return epoch_text(etree.fromstring(query_cib()))
