"""What pcsgen writes for each target generation: the schema and feature set the CIB
declares, the metadata Pacemaker generates itself, the facts of each generation's
agents, and what the lint says when content needs more than a target's oldest release."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List, Optional

import pytest
from lxml import etree

import pcsgen.generations as generations_module
from pcsgen.compiler.pipeline import Options, analyse, compile_definition
from pcsgen.generations import Release, generations, oracle_target_names, target_names
from tests.conftest import (
    SHEET_PREFIX,
    WORKBOOK,
    crm_verify,
    generation_of,
    need_reference,
    need_tool,
    run_pcsgen,
)
from tests.definitions import minimal, primitive, write_csv


def _single(rid: str, agent: str, options: List[List[str]],
            ops: Optional[List[Dict[str, str]]] = None) -> Dict[str, object]:
    return {"name": rid, "tables": [
        {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "false"}]},
        {"table": "RESOURCES", "rows": [{"depth": 0, "kind": "Primitive", "id": rid}]},
        primitive(rid, agent, options, ops if ops is not None else [])]}


def _compile(document: Dict[str, object], target: str, tmp_path: Path) -> etree._Element:
    path = write_csv(document, tmp_path / f"{document['name']}.csv")  # type: ignore[arg-type]
    compiled = compile_definition(str(path), None, Options(target=target, corosync_conf=None,
                                                           system_agents=False))
    assert compiled.cib is not None, [d.code for d in compiled.analysis.diagnostics]
    return etree.fromstring(compiled.cib)


def _ops(root: etree._Element, rid: str) -> Dict[str, Dict[str, str]]:
    return {op.get("id"): {k: v for k, v in op.attrib.items() if k != "id"}
            for op in root.iterfind(f".//primitive[@id='{rid}']/operations/op")}


# --- the generations' facts, against their own tools ------------------------------------

@pytest.mark.parametrize("target", oracle_target_names())
def test_generation_facts_are_the_tools(target: str) -> None:
    """The tools each target is tested with are the versions the data names, and their
    `cibadmin --empty` declares the schema and feature set the data gives that release."""
    generation = generation_of(target)
    tested = generations().targets[target].tested
    release = generations().releases[tested["pacemaker"]]
    result, produced = generation.run(
        "pcs --version > pcs.txt; crm_verify --version > verify.txt; "
        "cibadmin --empty > empty.xml", [])
    assert result.returncode == 0, result.stderr
    assert produced["pcs.txt"].decode().startswith(tested["pcs"])
    assert f"Pacemaker {tested['pacemaker']}" in produced["verify.txt"].decode()
    empty = etree.fromstring(produced["empty.xml"])
    assert empty.get("validate-with") == f"pacemaker-{release.schema}"
    assert empty.get("crm_feature_set") == release.feature_set


# --- validate-with and crm_feature_set ----------------------------------------------------

@pytest.mark.parametrize("target", target_names())
def test_declared_schema_is_within_the_oldest_release(target: str, tmp_path: Path) -> None:
    root = _compile(minimal(), target, tmp_path)
    info = generations().targets[target]
    declared = root.get("validate-with", "")
    schema = re.fullmatch(r"pacemaker-(\d+\.\d+)", declared)
    assert schema is not None, declared
    floor = info.floor
    assert generations_module.version(schema.group(1)) <= generations_module.version(
        floor.schema)
    feature_set = generations_module.version(root.get("crm_feature_set", ""))
    # a whole-CIB push with a feature set above the running Pacemaker's is discarded
    assert feature_set <= generations_module.version(floor.feature_set)


def test_declared_schema_is_the_lowest_the_content_needs(tmp_path: Path) -> None:
    """Promoted/Unpromoted roles need pacemaker-3.7: the CIB declares it, and this
    machine's crm_verify refuses the same CIB declaring the schema before."""
    need_tool("crm_verify")
    root = _compile(minimal(), "rhel9", tmp_path)
    assert root.get("validate-with") == "pacemaker-3.7"
    path = tmp_path / "declared.xml"
    path.write_bytes(etree.tostring(root))
    crm_verify(path)
    root.set("validate-with", "pacemaker-3.6")
    path.write_bytes(etree.tostring(root))
    with pytest.raises(AssertionError, match="crm_verify rejected"):
        crm_verify(path)


def test_rhel8_writes_what_pacemaker_2_0_5_takes(tmp_path: Path) -> None:
    """Master/Slave roles need no newer schema; on-fail=demote needs pacemaker-3.4, which
    Pacemaker 2.0.5 (RHEL 8.4) has: the CIB declares it, without a warning."""
    document = _single("st", "ocf:pacemaker:Stateful", [], [
        {"type": "monitor", "interval": "10s", "timeout": "20s", "role": "Promoted",
         "on-fail": "demote"}])
    root = _compile(document, "rhel8", tmp_path)
    assert root.get("validate-with") == "pacemaker-3.4"
    assert root.get("crm_feature_set") == generations().targets["rhel8"].floor.feature_set
    assert 'role="Master"' in etree.tostring(root).decode()
    analysis = analyse(str(tmp_path / "st.csv"), None,
                       Options(target="rhel8", corosync_conf=None, system_agents=False))
    assert not [d for d in analysis.diagnostics if d.code in ("PG420", "PG421")]


def test_content_above_the_oldest_release_is_reported(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the content needs more than a target's oldest release accepts, the lint
    names the cell and the first release that takes it, and the CIB declares what the
    content needs with that release's feature set."""
    real = generations()
    old = Release("2.0.4", "3.3", "3.3.0")
    rhel8 = real.targets["rhel8"]
    older = rhel8._replace(releases=(("8.3", old), *rhel8.releases))
    fake = real._replace(targets={**real.targets, "rhel8": older},
                         releases={**real.releases, "2.0.4": old})
    monkeypatch.setattr(generations_module, "generations", lambda: fake)
    document = _single("st", "ocf:pacemaker:Stateful", [], [
        {"type": "monitor", "interval": "10s", "timeout": "20s", "on-fail": "demote"}])
    root = _compile(document, "rhel8", tmp_path)
    assert root.get("validate-with") == "pacemaker-3.4"
    assert root.get("crm_feature_set") == "3.6.1"
    analysis = analyse(str(tmp_path / "st.csv"), None,
                       Options(target="rhel8", corosync_conf=None, system_agents=False))
    found = [d for d in analysis.diagnostics if d.code == "PG420"]
    assert len(found) == 1, [d.code for d in analysis.diagnostics]
    lines = (tmp_path / "st.csv").read_text("utf-8").splitlines()
    demote_row = next(n for n, line in enumerate(lines, 1) if "demote" in line)
    assert found[0].location is not None and found[0].location.row == demote_row
    text = found[0].message("en")
    assert "on-fail=demote" in text and "RHEL 8.4" in text and "2.0.5" in text
    assert "RHEL 8.3" in text


# --- metadata Pacemaker generates -------------------------------------------------------

@pytest.mark.parametrize(("target", "unit"), [
    ("rhel8.4", ""), ("rhel8", ""), ("rhel9.2", ""), ("rhel9.4", ""), ("rhel9.5", "s"),
    ("rhel9", "s"), ("rhel10.0", "s"), ("rhel10", "s")])
def test_systemd_operations_as_pcs_copies_them(target: str, unit: str, tmp_path: Path) -> None:
    """`pcs resource create rs-systemd-nginx systemd:nginx` copies start and stop from the
    metadata Pacemaker generates for every unit, and its monitor as none is given; from
    Pacemaker 2.1.8 (RHEL 9.5) on the values have units: rhel9 (9.6) writes them."""
    root = _compile(_single("rs-systemd-nginx", "systemd:nginx", []), target, tmp_path)
    assert _ops(root, "rs-systemd-nginx") == {
        f"rs-systemd-nginx-monitor-interval-60{unit}":
            {"name": "monitor", "interval": f"60{unit}", "timeout": f"100{unit}"},
        "rs-systemd-nginx-start-interval-0s":
            {"name": "start", "interval": "0s", "timeout": f"100{unit}"},
        "rs-systemd-nginx-stop-interval-0s":
            {"name": "stop", "interval": "0s", "timeout": f"100{unit}"},
    }


def test_service_is_systemd_and_a_given_monitor_stays(tmp_path: Path) -> None:
    root = _compile(_single("chrony", "service:chronyd", [], [
        {"type": "monitor", "interval": "30s", "timeout": "40s"}]), "rhel9.2", tmp_path)
    assert _ops(root, "chrony") == {
        "chrony-monitor-interval-30s": {"name": "monitor", "interval": "30s", "timeout": "40s"},
        "chrony-start-interval-0s": {"name": "start", "interval": "0s", "timeout": "100"},
        "chrony-stop-interval-0s": {"name": "stop", "interval": "0s", "timeout": "100"},
    }


@pytest.mark.parametrize("target", oracle_target_names())
def test_lsb_operations_are_what_the_generations_pcs_writes(target: str,
                                                            tmp_path: Path) -> None:
    """An init script of the generation's own root: its pcs, reading the metadata its
    Pacemaker generates, writes the operations pcsgen writes without reading it."""
    generation = generation_of(target)
    result, produced = generation.run(
        "ls /etc/init.d > scripts.txt", [])
    scripts = produced["scripts.txt"].decode().split()
    script = next((s for s in ("procps", "dbus", "corosync") if s in scripts), None)
    if script is None:
        pytest.skip(f"no init script in {target}'s generation")
    result, produced = generation.run(
        f"cibadmin --empty > lsb.xml && pcs -f lsb.xml resource create rs-lsb lsb:{script}", [])
    assert result.returncode == 0, result.stderr
    from_pcs = _ops(etree.fromstring(produced["lsb.xml"]), "rs-lsb")
    ours = _ops(_compile(_single("rs-lsb", f"lsb:{script}", []), target, tmp_path), "rs-lsb")
    assert ours == from_pcs


# --- agents' facts per generation -----------------------------------------------------

def test_rhel10_agents_know_what_older_ones_lack(tmp_path: Path) -> None:
    """RHEL 10's storage-mon has `daemonize`: lint for rhel10 does not warn about it,
    whatever generation this machine is."""
    need_reference()
    result = run_pcsgen(["lint", f"{WORKBOOK}:{SHEET_PREFIX}pgrex-kdump_RHEL10", "--target",
                         "rhel10", "--corosync-conf", "", "--format", "json"], tmp_path)
    report = json.loads(result.stdout)
    assert not [d for d in report["diagnostics"] if d["code"] == "PG410"], report
