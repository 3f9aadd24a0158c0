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
from pcsgen.compiler.pipeline import Options, analyse
from pcsgen.generations import (
    Release,
    all_target_names,
    generations,
    oracle_target,
    oracle_target_names,
    target,
    target_names,
    version,
)
from tests.definitions import minimal, primitive, write_csv
from tests.helpers import (
    SHEET_PREFIX,
    WORKBOOK,
    compile_document,
    crm_verify,
    generation_of,
    need_reference,
    need_tool,
    run_pcsgen,
)


def _single(
    rid: str, agent: str, options: List[List[str]], ops: Optional[List[Dict[str, str]]] = None
) -> Dict[str, object]:
    return {
        "name": rid,
        "tables": [
            {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "false"}]},
            {"table": "RESOURCES", "rows": [{"depth": 0, "kind": "Primitive", "id": rid}]},
            primitive(rid, agent, options, ops if ops is not None else []),
        ],
    }


def _compiled_cib(document: Dict[str, object], target: str, tmp_path: Path) -> etree._Element:
    compiled = compile_document(document, tmp_path, target)
    assert compiled.cib is not None, [d.code for d in compiled.analysis.diagnostics]
    return etree.fromstring(compiled.cib)


def _ops(root: etree._Element, rid: str) -> Dict[str, Dict[str, str]]:
    return {
        op.get("id"): {k: v for k, v in op.attrib.items() if k != "id"}
        for op in root.iterfind(f".//primitive[@id='{rid}']/operations/op")
    }


# --- the generations' facts, against their own tools ------------------------------------


@pytest.mark.parametrize("target", oracle_target_names())
def test_generation_facts_are_the_tools(target: str) -> None:
    """The tools each target is tested with are the versions the data names, and their
    `cibadmin --empty` declares the schema and feature set the data gives that release."""
    generation = generation_of(target)
    tested = generations().targets[target].tested
    release = generations().releases[tested["pacemaker"]]
    result, produced = generation.run(
        "pcs --version > pcs.txt; crm_verify --version > verify.txt; cibadmin --empty > empty.xml",
        [],
    )
    assert result.returncode == 0, result.stderr
    assert produced["pcs.txt"].decode().startswith(tested["pcs"])
    assert f"Pacemaker {tested['pacemaker']}" in produced["verify.txt"].decode()
    empty = etree.fromstring(produced["empty.xml"])
    assert empty.get("validate-with") == f"pacemaker-{release.schema}"
    assert empty.get("crm_feature_set") == release.feature_set


# --- validate-with and crm_feature_set ----------------------------------------------------


@pytest.mark.parametrize("target", target_names())
def test_declared_schema_is_within_the_oldest_release(target: str, tmp_path: Path) -> None:
    root = _compiled_cib(minimal(), target, tmp_path)
    info = generations().targets[target]
    declared = root.get("validate-with", "")
    schema = re.fullmatch(r"pacemaker-(\d+\.\d+)", declared)
    assert schema is not None, declared
    floor = info.floor
    assert generations_module.version(schema.group(1)) <= generations_module.version(floor.schema)
    feature_set = generations_module.version(root.get("crm_feature_set", ""))
    # a whole-CIB push with a feature set above the running Pacemaker's is discarded
    assert feature_set <= generations_module.version(floor.feature_set)


def test_declared_schema_is_the_lowest_the_content_needs(tmp_path: Path) -> None:
    """Promoted/Unpromoted roles need pacemaker-3.7: the CIB declares it, and this
    machine's crm_verify refuses the same CIB declaring the schema before."""
    need_tool("crm_verify")
    root = _compiled_cib(minimal(), "rhel9", tmp_path)
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
    document = _single(
        "st",
        "ocf:pacemaker:Stateful",
        [],
        [
            {
                "type": "monitor",
                "interval": "10s",
                "timeout": "20s",
                "role": "Promoted",
                "on-fail": "demote",
            }
        ],
    )
    root = _compiled_cib(document, "rhel8", tmp_path)
    assert root.get("validate-with") == "pacemaker-3.4"
    assert root.get("crm_feature_set") == generations().targets["rhel8"].floor.feature_set
    assert 'role="Master"' in etree.tostring(root).decode()
    analysis = analyse(
        str(tmp_path / "st.csv"),
        None,
        Options(target="rhel8", corosync_conf=None, system_agents=False),
    )
    assert not [d for d in analysis.diagnostics if d.code in ("PG420", "PG421")]


def test_content_above_the_oldest_release_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the content needs more than a target's oldest release accepts, the lint
    names the cell and the first release that takes it, and the CIB declares what the
    content needs with that release's feature set."""
    real = generations()
    old = Release("2.0.4", "3.3", "3.3.0")
    rhel8 = real.targets["rhel8"]
    older = rhel8._replace(releases=(("8.3", old), *rhel8.releases))
    fake = real._replace(
        targets={**real.targets, "rhel8": older}, releases={**real.releases, "2.0.4": old}
    )
    monkeypatch.setattr(generations_module, "generations", lambda: fake)
    document = _single(
        "st",
        "ocf:pacemaker:Stateful",
        [],
        [{"type": "monitor", "interval": "10s", "timeout": "20s", "on-fail": "demote"}],
    )
    root = _compiled_cib(document, "rhel8", tmp_path)
    assert root.get("validate-with") == "pacemaker-3.4"
    assert root.get("crm_feature_set") == "3.6.1"
    analysis = analyse(
        str(tmp_path / "st.csv"),
        None,
        Options(target="rhel8", corosync_conf=None, system_agents=False),
    )
    found = [d for d in analysis.diagnostics if d.code == "PG420"]
    assert len(found) == 1, [d.code for d in analysis.diagnostics]
    lines = (tmp_path / "st.csv").read_text("utf-8").splitlines()
    demote_row = next(n for n, line in enumerate(lines, 1) if "demote" in line)
    assert found[0].location is not None and found[0].location.row == demote_row
    text = found[0].message("en")
    assert "on-fail=demote" in text and "RHEL 8.4" in text and "2.0.5" in text
    assert "RHEL 8.3" in text


# --- metadata Pacemaker generates -------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "unit"),
    [
        ("rhel8.4", ""),
        ("rhel8", ""),
        ("rhel9.2", ""),
        ("rhel9.4", ""),
        ("rhel9.5", "s"),
        ("rhel9", "s"),
        ("rhel10.0", "s"),
        ("rhel10", "s"),
    ],
)
def test_systemd_operations_as_pcs_copies_them(target: str, unit: str, tmp_path: Path) -> None:
    """`pcs resource create rs-systemd-nginx systemd:nginx` copies start and stop from the
    metadata Pacemaker generates for every unit, and its monitor as none is given; from
    Pacemaker 2.1.8 (RHEL 9.5) on the values have units: rhel9 (9.8) writes them."""
    root = _compiled_cib(_single("rs-systemd-nginx", "systemd:nginx", []), target, tmp_path)
    assert _ops(root, "rs-systemd-nginx") == {
        f"rs-systemd-nginx-monitor-interval-60{unit}": {
            "name": "monitor",
            "interval": f"60{unit}",
            "timeout": f"100{unit}",
        },
        "rs-systemd-nginx-start-interval-0s": {
            "name": "start",
            "interval": "0s",
            "timeout": f"100{unit}",
        },
        "rs-systemd-nginx-stop-interval-0s": {
            "name": "stop",
            "interval": "0s",
            "timeout": f"100{unit}",
        },
    }


def test_service_is_systemd_and_a_given_monitor_stays(tmp_path: Path) -> None:
    root = _compiled_cib(
        _single(
            "chrony",
            "service:chronyd",
            [],
            [{"type": "monitor", "interval": "30s", "timeout": "40s"}],
        ),
        "rhel9.2",
        tmp_path,
    )
    assert _ops(root, "chrony") == {
        "chrony-monitor-interval-30s": {"name": "monitor", "interval": "30s", "timeout": "40s"},
        "chrony-start-interval-0s": {"name": "start", "interval": "0s", "timeout": "100"},
        "chrony-stop-interval-0s": {"name": "stop", "interval": "0s", "timeout": "100"},
    }


@pytest.mark.parametrize("target", oracle_target_names())
def test_lsb_operations_are_what_the_generations_pcs_writes(target: str, tmp_path: Path) -> None:
    """An init script of the generation's own root: its pcs, reading the metadata its
    Pacemaker generates, writes the operations pcsgen writes without reading it."""
    generation = generation_of(target)
    result, produced = generation.run("ls /etc/init.d > scripts.txt", [])
    scripts = produced["scripts.txt"].decode().split()
    script = next((s for s in ("procps", "dbus", "corosync") if s in scripts), None)
    if script is None:
        pytest.skip(f"no init script in {target}'s generation")
    result, produced = generation.run(
        f"cibadmin --empty > lsb.xml && pcs -f lsb.xml resource create rs-lsb lsb:{script}", []
    )
    assert result.returncode == 0, result.stderr
    from_pcs = _ops(etree.fromstring(produced["lsb.xml"]), "rs-lsb")
    ours = _ops(_compiled_cib(_single("rs-lsb", f"lsb:{script}", []), target, tmp_path), "rs-lsb")
    assert ours == from_pcs


# --- agents' facts per generation -----------------------------------------------------


def test_rhel10_agents_know_what_older_ones_lack(tmp_path: Path) -> None:
    """RHEL 10's storage-mon has `daemonize`: lint for rhel10 does not warn about it,
    whatever generation this machine is."""
    need_reference()
    result = run_pcsgen(
        [
            "lint",
            f"{WORKBOOK}:{SHEET_PREFIX}pgrex-kdump_RHEL10",
            "--target",
            "rhel10",
            "--corosync-conf",
            "",
            "--format",
            "json",
        ],
        tmp_path,
    )
    report = json.loads(result.stdout)
    assert not [d for d in report["diagnostics"] if d["code"] == "PG410"], report


# --- targets by minor release -----------------------------------------------------------

SERIES = {"rhel8": "0.10", "rhel9": "0.11", "rhel10": "0.12"}


def test_every_minor_is_a_target_and_each_generation_is_its_newest() -> None:
    """rhel8.4 ... rhel8.10, rhel9.0 ... rhel9.8, rhel10.0 ... rhel10.2, each with a pcs of
    its generation's series and a Pacemaker no older than the minor before it's; rhel8,
    rhel9 and rhel10 are 8.10, 9.8 and 10.2 under their own name."""
    names = all_target_names()
    assert [n for n in names if n.startswith("rhel8.")] == [f"rhel8.{m}" for m in range(4, 11)]
    assert [n for n in names if n.startswith("rhel9.")] == [f"rhel9.{m}" for m in range(0, 9)]
    assert [n for n in names if n.startswith("rhel10.")] == ["rhel10.0", "rhel10.1", "rhel10.2"]
    assert target_names() == ["rhel8", "rhel9", "rhel10"]
    assert {n: target(n).minor for n in target_names()} == {
        "rhel8": "8.10",
        "rhel9": "9.8",
        "rhel10": "10.2",
    }
    for generation in target_names():
        minors = [target(n) for n in names if n.startswith(generation + ".")]
        for item in minors:
            assert item.generation == generation and item.pcs == SERIES[generation]
            assert item.pcs_release.startswith(SERIES[generation] + ".")
            # the CIB suits every supported minor up to this one
            assert [rhel for rhel, _ in item.releases] == [
                m.minor for m in minors[: minors.index(item) + 1]
            ]
        pacemakers = [generations_module.version(m.reproduces) for m in minors]
        assert pacemakers == sorted(pacemakers)
        assert target(generation) == minors[-1]._replace(name=generation)


def test_the_minors_ship_what_the_release_notes_say() -> None:
    """The pcs and Pacemaker of the minors the issue names and of each oracle's."""
    shipped = {n: (target(n).pcs_release, target(n).reproduces) for n in all_target_names()}
    assert shipped["rhel8.4"] == ("0.10.8", "2.0.5")
    assert shipped["rhel8.10"] == ("0.10.18", "2.1.7")
    assert shipped["rhel9.2"] == ("0.11.4", "2.1.5")
    assert shipped["rhel10.0"] == ("0.12.0", "3.0.0")
    assert shipped["rhel9.7"] == ("0.11.10", "2.1.10")
    assert shipped["rhel9.8"] == ("0.11.11", "2.1.10")
    assert shipped["rhel10.2"] == ("0.12.2", "3.0.1")


def test_each_oracle_stands_for_one_minor_and_the_others_say_so() -> None:
    """bullseye is RHEL 8.4, bookworm 9.2, trixie 10.0; the other minors run the tests with
    their generation's oracle, as a stand-in (modelled differences only)."""
    assert oracle_target_names() == ["rhel8.4", "rhel9.2", "rhel10.0"]
    assert {n: target(n).tested["debian"] for n in oracle_target_names()} == {
        "rhel8.4": "bullseye",
        "rhel9.2": "bookworm",
        "rhel10.0": "trixie",
    }
    for name in all_target_names():
        item = target(name)
        assert item.oracle == (name in oracle_target_names())
        assert oracle_target(name) in oracle_target_names()
        assert target(oracle_target(name)).generation == item.generation


@pytest.mark.parametrize("generation", ["rhel8", "rhel9", "rhel10"])
def test_the_declaration_is_the_same_for_every_minor(generation: str, tmp_path: Path) -> None:
    """A CIB suits every supported minor up to the target's: the minors of a generation
    declare one schema and feature set for the same content."""
    declared = set()
    for name in [n for n in all_target_names() if target(n).generation == generation]:
        root = _compiled_cib(minimal(), name, tmp_path)
        declared.add((root.get("validate-with"), root.get("crm_feature_set")))
    assert len(declared) == 1, declared


# What the Pacemaker of each minor does to text pcs hands it (generations.json, `text`):
# PG232 beyond ASCII (2.0.5 to 2.1.2), PG233 a tab (before 2.1.8), PG234 '<&"' after a
# character beyond ASCII (2.1.3 to 2.1.7).
TEXT_CASES = {
    "rhel8.4": ("PG232", "PG233", "PG232"),
    "rhel8.6": ("PG232", "PG233", "PG232"),
    "rhel8.7": (None, "PG233", "PG234"),
    "rhel8": (None, "PG233", "PG234"),
    "rhel9.0": ("PG232", "PG233", "PG232"),
    "rhel9.2": (None, "PG233", "PG234"),
    "rhel9.4": (None, "PG233", "PG234"),
    "rhel9.5": (None, None, None),
    "rhel9": (None, None, None),
    "rhel10": (None, None, None),
}


@pytest.mark.parametrize("name", list(TEXT_CASES))
def test_text_checks_follow_the_minors_pacemaker(name: str, tmp_path: Path) -> None:
    found = []
    for value in ("日本語", "a\tb", "é&x"):
        document = _single("d1", "ocf:heartbeat:Dummy", [["fake", value]])
        path = write_csv(document, tmp_path / "text.csv")  # type: ignore[arg-type]
        analysis = analyse(
            str(path), None, Options(target=name, corosync_conf=None, system_agents=False)
        )
        codes = [d.code for d in analysis.diagnostics if d.code in ("PG232", "PG233", "PG234")]
        found.append(codes[0] if codes else None)
    assert tuple(found) == TEXT_CASES[name]


def test_a_rhel_host_is_its_minor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A RHEL (or rebuild) machine is the minor it says it is, else its generation."""
    seen = {}
    for version_id in ("8.10", "9.2", "8.2", "10"):
        release = tmp_path / f"os-release-{version_id}"
        release.write_text(f'ID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="{version_id}"\n')
        monkeypatch.setattr(generations_module, "OS_RELEASE", str(release))
        generations_module.host_generation.cache_clear()
        seen[version_id] = generations_module.host_generation()
    generations_module.host_generation.cache_clear()
    assert seen == {"8.10": "rhel8.10", "9.2": "rhel9.2", "8.2": "rhel8", "10": "rhel10"}


@pytest.mark.parametrize(
    "name", ["rhel8.10", "rhel9.0", "rhel9.7", "rhel10.1", "rhel10.2", "rhel8"]
)
def test_the_command_line_takes_every_target(name: str, tmp_path: Path) -> None:
    write_csv(minimal(), tmp_path / "m.csv")  # type: ignore[arg-type]
    result = run_pcsgen(
        ["m.csv", "--target", name, "--corosync-conf", "", "--no-system-agents"], tmp_path
    )
    assert result.returncode in (0, 2), result.stderr
    assert f"# for {name} (pcs {target(name).pcs})" in (tmp_path / "m.sh").read_text("utf-8")


def test_an_unknown_minor_is_refused_with_the_names(tmp_path: Path) -> None:
    result = run_pcsgen(["m.csv", "--target", "rhel8.3"], tmp_path)
    assert result.returncode == 1
    assert "PG509" in result.stderr and "rhel8.3" in result.stderr
    assert "rhel8.4" in result.stderr and "rhel10.2" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_says_what_the_generation_names_mean(tmp_path: Path) -> None:
    result = run_pcsgen(["compile", "--help"], tmp_path)
    text = " ".join(result.stdout.split())
    assert "rhel8 = 8.10" in text and "rhel9 = 9.8" in text and "rhel10 = 10.2" in text
    assert "rhel8.4 ... rhel8.10" in text


@pytest.mark.parametrize(
    ("name", "reload_agent"),
    [
        ("rhel8.4", False),
        ("rhel8.5", False),
        ("rhel8.6", True),
        ("rhel8.7", True),
        ("rhel8", True),
        ("rhel9.0", True),
        ("rhel9", True),
        ("rhel10", True),
    ],
)
def test_pacemakers_own_agents_are_the_minors(
    name: str, reload_agent: bool, tmp_path: Path
) -> None:
    """ocf:pacemaker:ping declares reload-agent from Pacemaker 2.1.2 (RHEL 8.6, 9.0) on,
    and pcs copies it (timeout 20s), as a Rocky Linux 8.7 cluster's CIB shows; the agent
    comes with Pacemaker, so each minor has its Pacemaker's (maintenance.upstream_agents)."""
    root = _compiled_cib(
        _single("ping", "ocf:pacemaker:ping", [["host_list", "192.0.2.1"]]), name, tmp_path
    )
    ops = _ops(root, "ping")
    expected = {"name": "reload-agent", "interval": "0s", "timeout": "20s"}
    assert (ops.get("ping-reload-agent-interval-0s") == expected) == reload_agent, ops
    assert ops["ping-start-interval-0s"]["timeout"] == "60s"


def test_refreshing_the_base_keeps_a_minors_facts() -> None:
    """A minor's facts differ from its generation's, not the base's: refreshing the base
    generation leaves them whole."""
    from maintenance.refresh_agents import merge
    from pcsgen.agents.catalogue import target_facts

    minor = {
        "actions": [{"name": "start", "timeout": "60s"}, {"name": "reload-agent", "timeout": "20s"}]
    }
    entries = {
        "ocf:pacemaker:ping": {
            "agent": "ocf:pacemaker:ping",
            "actions": minor["actions"],
            "generations": {
                "rhel8": {"actions": [{"name": "start", "timeout": "60s"}]},
                "rhel8.10": minor,
            },
        }
    }
    merge(
        entries,
        {"ocf:pacemaker:ping": {"agent": "ocf:pacemaker:ping", "actions": minor["actions"]}},
        "rhel9",
        "rhel9",
    )
    entry = entries["ocf:pacemaker:ping"]
    assert entry["generations"]["rhel8.10"] == minor
    assert (target_facts(entry, "rhel8") or {})["actions"] == minor["actions"]
    assert (target_facts(entry, "rhel8.4") or {})["actions"] == [
        {"name": "start", "timeout": "60s"}
    ]


@pytest.mark.parametrize(
    ("name", "known"),
    [("rhel8.4", False), ("rhel8.5", False), ("rhel8.6", True), ("rhel8", True)],
)
def test_resource_agents_newer_than_the_oracles_are_the_minors(
    name: str, known: bool, tmp_path: Path
) -> None:
    """RHEL 8.6 rebased resource-agents on 4.9.0, newer than the rhel8 oracle's 4.7.0:
    VirtualDomain's start_resources (new in 4.9.0) is a parameter from 8.6 on, and before
    it pcs refuses it (maintenance.upstream_agents, from resource-agents' tags)."""
    assert target(name).resource_agents == ("4.9.0" if known else "4.1.1")
    document = _single(
        "vm",
        "ocf:heartbeat:VirtualDomain",
        [["config", "/etc/libvirt/qemu/vm.xml"], ["start_resources", "true"]],
    )
    compiled = compile_document(document, tmp_path, name)
    refused = [d for d in compiled.analysis.diagnostics if d.code == "PG410"]
    assert (refused == []) == known, refused
    assert (compiled.cib is not None) == known


@pytest.mark.parametrize("name", all_target_names())
def test_every_minor_names_the_agents_it_ships(name: str) -> None:
    """Each minor's resource-agents and fence-agents releases are data: RHEL 8 has
    fence-agents 4.2.1 throughout, RHEL 9 builds both from 4.10.0."""
    item = target(name)
    expected = {"8": "4.2.1", "9": "4.10.0", "10": "4.16.0"}[item.minor.split(".")[0]]
    assert item.fence_agents == expected
    # the catalogue holds no fence agent per minor: none is newer than its oracle's
    assert version(item.fence_agents) <= version(item.tested["fence_agents"])
    assert version(item.resource_agents) >= (4, 1, 1)
