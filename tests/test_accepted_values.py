"""Values Pacemaker accepts are accepted, the CIB and the script agree, and where pcs
(or Pacemaker) reads a value its own way the compile says so, at the cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from lxml import etree

from pcsgen.cib.canonical import canonical, parse_cib
from pcsgen.cib.diff import differences
from tests.definitions import primitive, stonith, write_csv
from tests.helpers import need_tool, run_compile, run_pcsgen, run_script

Document = Dict[str, Any]


def definition(*tables: Dict[str, Any], resources: List[Dict[str, Any]] | None = None) -> Document:
    rows = resources if resources is not None else [{"depth": 0, "kind": "Primitive", "id": "d1"}]
    found: List[Dict[str, Any]] = [{"table": "RESOURCES", "rows": rows}]
    if resources is None:
        found.append(primitive("d1", "ocf:pacemaker:Dummy", [["fake", "1"]]))
    return {"name": "def", "tables": found + list(tables)}


def compile_it(document: Document, tmp_path: Path, *options: str) -> Any:
    write_csv(document, tmp_path / "def.csv")
    return run_compile(tmp_path, "def.csv", *options, succeeds=True)


def cib_of(tmp_path: Path) -> Any:
    return etree.fromstring((tmp_path / "def.xml").read_bytes())


def test_iso_durations_and_infinity(tmp_path: Path) -> None:
    document = definition(resources=[{"depth": 0, "kind": "Primitive", "id": "d1"}])
    document["tables"].append(
        primitive(
            "d1",
            "ocf:pacemaker:Dummy",
            [],
            [
                {"type": "monitor", "interval": "PT1M", "timeout": "P20S"},
                {"type": "stop", "interval": "0", "timeout": "INFINITY"},
            ],
        )
    )
    result = compile_it(document, tmp_path)
    assert "PG216" not in result.stderr
    assert result.stderr.count("warning PG260") == 2  # Pacemaker reads neither timeout
    monitor = cib_of(tmp_path).find(".//op[@name='monitor']")
    assert monitor.get("interval") == "PT1M"
    ten = compile_it(document, tmp_path, "--target", "rhel10")
    assert ten.stderr.count("warning PG261") == 3  # pcs 0.12 refuses all three


def test_a_duration_pacemaker_cannot_read_is_an_error(tmp_path: Path) -> None:
    document = definition(resources=[{"depth": 0, "kind": "Primitive", "id": "d1"}])
    document["tables"].append(
        primitive("d1", "ocf:pacemaker:Dummy", [], [{"type": "monitor", "interval": "1 fortnight"}])
    )
    write_csv(document, tmp_path / "def.csv")
    result = run_pcsgen(["def.csv", "--corosync-conf", ""], tmp_path)
    assert result.returncode == 1 and "PG216" in result.stderr


def test_empty_value_in_the_cib_not_in_the_script(tmp_path: Path) -> None:
    document = definition(
        {
            "table": "RSC_DEFAULTS",
            "rows": [
                {"name": "resource-stickiness", "value": ""},
                {"name": "priority", "value": "5"},
            ],
        }
    )
    result = compile_it(document, tmp_path)
    assert "warning PG262" in result.stderr
    pair = cib_of(tmp_path).find(".//rsc_defaults//nvpair[@name='resource-stickiness']")
    assert pair is not None and pair.get("value") == ""
    script = (tmp_path / "def.sh").read_text()
    assert "priority=5" in script and "resource-stickiness" not in script


def test_zero_interval_ops_told_apart_by_role(tmp_path: Path) -> None:
    document = definition(
        resources=[
            {"depth": 0, "kind": "Promotable", "id": "ms"},
            {"depth": 1, "kind": "Primitive", "id": "st"},
        ]
    )
    document["tables"].append(
        primitive(
            "st",
            "ocf:pacemaker:Stateful",
            [],
            [
                {"type": "monitor", "interval": "0", "timeout": "5s", "role": "Promoted"},
                {"type": "monitor", "interval": "0", "timeout": "9s", "role": "Unpromoted"},
                {"type": "monitor", "interval": "10s", "role": "Promoted"},
                {"type": "monitor", "interval": "11s", "role": "Unpromoted"},
            ],
        )
    )
    result = compile_it(document, tmp_path)
    assert "PG221" not in result.stderr and "warning PG263" in result.stderr
    assert len(cib_of(tmp_path).findall(".//op[@interval='0']")) == 2
    assert (tmp_path / "def.sh").read_text().count("interval=0 ") == 1


def test_recurring_ops_of_one_interval_are_refused_whatever_their_roles(tmp_path: Path) -> None:
    document = definition(
        resources=[
            {"depth": 0, "kind": "Promotable", "id": "ms"},
            {"depth": 1, "kind": "Primitive", "id": "st"},
        ]
    )
    document["tables"].append(
        primitive(
            "st",
            "ocf:pacemaker:Stateful",
            [],
            [
                {"type": "monitor", "interval": "10s", "role": "Promoted"},
                {"type": "monitor", "interval": "10", "role": "Unpromoted"},
            ],
        )
    )
    write_csv(document, tmp_path / "def.csv")
    result = run_pcsgen(["def.csv", "--corosync-conf", ""], tmp_path)
    assert result.returncode == 1 and "PG221" in result.stderr


def test_self_order_with_different_actions(tmp_path: Path) -> None:
    document = definition(
        {
            "table": "ORDER",
            "rows": [
                {
                    "first-rsc": "ms",
                    "then-rsc": "ms",
                    "first-action": "demote",
                    "then-action": "promote",
                }
            ],
        },
        resources=[
            {"depth": 0, "kind": "Promotable", "id": "ms"},
            {"depth": 1, "kind": "Primitive", "id": "st"},
        ],
    )
    document["tables"].append(primitive("st", "ocf:pacemaker:Stateful", []))
    result = compile_it(document, tmp_path)
    assert "PG402" not in result.stderr and "PG404" not in result.stderr


def test_opposite_actions_are_no_cycle(tmp_path: Path) -> None:
    document = definition(
        {
            "table": "ORDER",
            "rows": [
                {
                    "first-rsc": "d1",
                    "then-rsc": "d2",
                    "first-action": "stop",
                    "then-action": "start",
                },
                {
                    "first-rsc": "d2",
                    "then-rsc": "d1",
                    "first-action": "stop",
                    "then-action": "start",
                },
            ],
        },
        resources=[
            {"depth": 0, "kind": "Primitive", "id": "d1"},
            {"depth": 0, "kind": "Primitive", "id": "d2"},
        ],
    )
    document["tables"] += [
        primitive("d1", "ocf:pacemaker:Dummy", []),
        primitive("d2", "ocf:pacemaker:Dummy", []),
    ]
    assert "PG404" not in compile_it(document, tmp_path).stderr


def test_remote_node_attributes(tmp_path: Path) -> None:
    document = definition(
        {
            "table": "NODE",
            "rows": [{"uname": "remote1", "type": "attribute", "name": "site", "value": "a"}],
        },
        resources=[{"depth": 0, "kind": "Primitive", "id": "remote1"}],
    )
    document["tables"].append(
        primitive("remote1", "ocf:pacemaker:remote", [["server", "192.0.2.9"]])
    )
    compile_it(document, tmp_path)
    node = cib_of(tmp_path).find(".//nodes/node")
    assert (node.get("id"), node.get("uname"), node.get("type")) == ("remote1", "remote1", "remote")


@pytest.mark.parametrize("target", ["rhel8", "rhel9", "rhel10"])
def test_cloned_fence_device_is_refused_in_a_definition(target: str, tmp_path: Path) -> None:
    """pcs 0.11 refuses it without --force, pcs 0.12 always; a definition says so for
    every target (an imported CIB rebuilds one with `--force` in ADDITIONAL_CONFIG)."""
    document = definition(
        resources=[
            {"depth": 0, "kind": "Clone", "id": "fc"},
            {"depth": 1, "kind": "Stonith", "id": "f1"},
        ]
    )
    document["tables"].append(stonith("f1", "fence_kdump", []))
    write_csv(document, tmp_path / "def.csv")
    result = run_pcsgen(
        ["def.csv", "--corosync-conf", "", "--no-system-agents", "--target", target], tmp_path
    )
    assert result.returncode == 1 and "error PG245" in result.stderr, result.stderr
    assert not (tmp_path / "def.xml").exists()


@pytest.mark.parametrize(
    "target,name,code,says",
    [
        ("rhel9", "remove-after-stop", "PG452", "deprecated"),
        ("rhel10", "concurrent-fencing", "PG452", "Pacemaker 3.0.1"),
        ("rhel10", "node-pending-timeout", None, ""),
        # rhel8 is 8.10, whose Pacemaker 2.1.7 added it
        ("rhel8", "node-pending-timeout", None, ""),
    ],
)
def test_properties_against_the_target(
    target: str, name: str, code: str | None, says: str, tmp_path: Path
) -> None:
    """A property the target knows is set as given, unforced (a deprecated one named)."""
    document = definition({"table": "PROPERTY", "rows": [{"name": name, "value": "false"}]})
    result = compile_it(document, tmp_path, "--target", target)
    line = next((line for line in result.stderr.splitlines() if name in line), "")
    if code is None:
        assert not line, line
    else:
        assert f"warning {code}" in line and says in line, result.stderr
    script = (tmp_path / "def.sh").read_text()
    set_line = next(line for line in script.splitlines() if "property set" in line)
    assert "--force" not in set_line and f"{name}=false" in set_line, set_line


@pytest.mark.parametrize(
    "target,name,code,says",
    [
        # a typo: the known option it is closest to
        ("rhel9", "stonith-enable", "PG450", "did you mean stonith-enabled?"),
        ("rhel9", "no-such-option", "PG450", "Pacemaker 2.1.10"),
        # newer than the target minor's Pacemaker
        ("rhel8.4", "node-pending-timeout", "PG450", "Pacemaker 2.0.5"),
        # the target knows it by another name
        ("rhel9", "fencing-enabled", "PG451", "calls it 'stonith-enabled'"),
    ],
)
def test_an_unknown_property_is_an_error_at_its_cell(
    target: str, name: str, code: str, says: str, tmp_path: Path
) -> None:
    """pcs refuses it unless forced and Pacemaker ignores it: the definition is refused,
    at the property's cell, and nothing is written."""
    document = definition({"table": "PROPERTY", "rows": [{"name": name, "value": "false"}]})
    write_csv(document, tmp_path / "def.csv")
    result = run_pcsgen(
        ["def.csv", "--corosync-conf", "", "--no-system-agents", "--target", target], tmp_path
    )
    assert result.returncode == 1, result.stderr
    line = next(line for line in result.stderr.splitlines() if f"'{name}'" in line)
    assert f"error {code}" in line and says in line and "def.csv!" in line, line
    assert not (tmp_path / "def.xml").exists() and not (tmp_path / "def.sh").exists()


def test_an_unknown_property_hint_is_japanese_in_japanese(tmp_path: Path) -> None:
    document = definition(
        {"table": "PROPERTY", "rows": [{"name": "stonith-enable", "value": "false"}]}
    )
    write_csv(document, tmp_path / "def.csv")
    result = run_pcsgen(
        ["def.csv", "--corosync-conf", "", "--no-system-agents", "--lang", "ja"], tmp_path
    )
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "PG450" in line)
    assert "stonith-enabled ではありませんか" in line and "did you mean" not in line, line


def test_a_legacy_property_still_compiles(tmp_path: Path) -> None:
    """A Pacemaker 1.x name is not unknown: it moves where Pacemaker reads it."""
    document = definition(
        {"table": "PROPERTY", "rows": [{"name": "default-resource-stickiness", "value": "100"}]}
    )
    result = compile_it(document, tmp_path)
    assert "warning PG453" in result.stderr and "error" not in result.stderr, result.stderr


def test_legacy_properties_go_where_pacemaker_reads_them(tmp_path: Path) -> None:
    document = definition(
        {
            "table": "PROPERTY",
            "rows": [
                {"name": "default-resource-stickiness", "value": "100"},
                {"name": "expected-quorum-votes", "value": "2"},
                {"name": "no_quorum_policy", "value": "freeze"},
            ],
        }
    )
    result = compile_it(document, tmp_path)
    assert result.stderr.count("warning PG453") == 2 and "warning PG454" in result.stderr
    cib = cib_of(tmp_path)
    names = [p.get("name") for p in cib.findall(".//crm_config//nvpair")]
    assert names == ["no-quorum-policy"]
    assert cib.find(".//rsc_defaults//nvpair").get("name") == "resource-stickiness"
    script = (tmp_path / "def.sh").read_text()
    assert "expected-quorum-votes" not in script and "default-resource" not in script


def test_script_of_unknown_properties_runs(tmp_path: Path) -> None:
    """What the import writes for a CIB's unknown property, a forced command in
    ADDITIONAL_CONFIG, compiles (the tables alone refuse the name) and the script builds
    the same CIB."""
    need_tool("pcs")
    document = definition(
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [{"config": "pcs property set --force -- fencing-enabled=false"}],
        }
    )
    compile_it(document, tmp_path)
    cib = cib_of(tmp_path)
    assert [
        p.get("value")
        for p in cib.findall(".//crm_config//nvpair")
        if p.get("name") == "fencing-enabled"
    ] == ["false"]
    built = run_script(tmp_path / "def.sh", tmp_path)
    assert not differences(
        canonical(parse_cib((tmp_path / "def.xml").read_bytes())),
        canonical(parse_cib(built.read_bytes())),
    )


def test_constraints_on_a_tag_made_after_them(tmp_path: Path) -> None:
    """A tag made in ADDITIONAL_CONFIG may be named by the tables' constraints; pcs takes
    no tag there, so the script writes what Pacemaker reads: its members."""
    need_tool("pcs")
    resources = [{"depth": 0, "kind": "Primitive", "id": rid} for rid in ("a", "b", "c")]
    document = definition(
        {
            "table": "LOCATION_NODE",
            "rows": [{"rsc": "t", "prefers/avoids": "prefers", "node": "n1", "score": "10"}],
        },
        {"table": "COLOCATION", "rows": [{"rsc": "c", "with-rsc": "t", "score": "20"}]},
        {"table": "ORDER", "rows": [{"first-rsc": "t", "then-rsc": "c"}]},
        {"table": "ADDITIONAL_CONFIG", "rows": [{"config": "pcs tag create t a b"}]},
        resources=resources,
    )
    document["tables"] += [primitive(rid, "ocf:pacemaker:Dummy", []) for rid in "abc"]
    result = compile_it(document, tmp_path)
    assert "PG301" not in result.stderr
    built = run_script(tmp_path / "def.sh", tmp_path)
    assert not differences(
        canonical(parse_cib((tmp_path / "def.xml").read_bytes())),
        canonical(parse_cib(built.read_bytes())),
    )
