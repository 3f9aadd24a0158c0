"""Variables as an Ansible play holds them: mappings, lists of mappings, numbers,
booleans, values that hold placeholders themselves; every check sees filled values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

from pcsgen.cib.canonical import canonical, parse_cib
from tests.definitions import minimal, primitive, write_csv
from tests.helpers import run_compile, run_pcsgen

VARS_YAML = """\
PGDATA: /var/lib/pgsql/16/data
ipaddr: { ip: 192.168.59.101, nic: eth4, cidr_netmask: 24 }
pgsql: { pgctl: /usr/pgsql-16/bin/pg_ctl, pgdata: "{{ PGDATA }}" }
svlan:
  - { host: primary, nic: eth1, ip: 192.168.56.11, cidr: 24 }
  - { host: secondary, nic: eth1, ip: 192.168.56.12, cidr: 24 }
fake_on: true
ipmi: { user: admin, password: Hidden-Pa55 }
"""


def _definition(tmp_path: Path, extra: List[Dict[str, Any]]) -> Path:
    document = minimal()
    tables = document["tables"]
    resources = next(t for t in tables if t["table"] == "RESOURCES")
    for item in extra:
        resources["rows"].append({"depth": 0, "kind": "Primitive", "id": item["P"]["id"]})
        tables.append(item)
    return write_csv(document, tmp_path / "book.csv")


def _instance(cib: bytes, rid: str) -> Dict[str, str]:
    resources = canonical(parse_cib(cib))["resources"]
    return dict(resources[rid]["instance"])


def test_mappings_lists_and_nested_placeholders_fill_cells(tmp_path: Path) -> None:
    (tmp_path / "vars.yml").write_text(VARS_YAML)
    _definition(
        tmp_path,
        [
            primitive(
                "vip",
                "ocf:heartbeat:IPaddr2",
                [
                    ["ip", "{{ ipaddr.ip }}"],
                    ["nic", "{{ ipaddr['nic'] }}"],
                    ["cidr_netmask", "{{ ipaddr.cidr_netmask }}"],
                ],
            ),
            primitive(
                "vip2",
                "ocf:heartbeat:IPaddr2",
                [
                    ["ip", "{{ svlan[1].ip }}"],
                    ["nic", "{{ svlan | map(attribute='nic') | first }}"],
                    ["cidr_netmask", "{{ svlan[0].cidr + 0 }}"],
                ],
            ),
            primitive(
                "db",
                "ocf:heartbeat:pgsql",
                [["pgctl", "{{ pgsql.pgctl }}"], ["pgdata", "{{ pgsql.pgdata }}"]],
            ),
            primitive("d3", "ocf:pacemaker:Dummy", [["fake", "{{ 'on' if fake_on else 'off' }}"]]),
        ],
    )
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "vars.yml")
    assert result.returncode in (0, 2), result.stderr
    cib = (tmp_path / "book.xml").read_bytes()
    assert _instance(cib, "vip") == {"ip": "192.168.59.101", "nic": "eth4", "cidr_netmask": "24"}
    assert _instance(cib, "vip2") == {"ip": "192.168.56.12", "nic": "eth1", "cidr_netmask": "24"}
    # a value holding a placeholder is filled where it is used, as Ansible fills it
    assert _instance(cib, "db") == {
        "pgctl": "/usr/pgsql-16/bin/pg_ctl",
        "pgdata": "/var/lib/pgsql/16/data",
    }
    assert _instance(cib, "d3") == {"fake": "on"}  # a YAML boolean, tested as one


def test_json_and_toml_hold_structures_too(tmp_path: Path) -> None:
    (tmp_path / "vars.json").write_text(
        json.dumps({"net": {"vips": [{"ip": "192.0.2.10"}, {"ip": "192.0.2.11"}]}})
    )
    (tmp_path / "vars.toml").write_text('[net]\nnic = "bond0"\n')
    _definition(
        tmp_path,
        [
            primitive(
                "vip", "ocf:heartbeat:IPaddr2", [["ip", "{{ net.vips[-1].ip }}"], ["nic", "eth0"]]
            )
        ],
    )
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "vars.json")
    assert result.returncode in (0, 2), result.stderr
    assert _instance((tmp_path / "book.xml").read_bytes(), "vip")["ip"] == "192.0.2.11"
    _definition(
        tmp_path,
        [
            primitive(
                "vip", "ocf:heartbeat:IPaddr2", [["ip", "192.0.2.5"], ["nic", "{{ net.nic }}"]]
            )
        ],
    )
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "vars.toml")
    assert result.returncode in (0, 2), result.stderr
    assert _instance((tmp_path / "book.xml").read_bytes(), "vip")["nic"] == "bond0"


def test_secrets_inside_a_mapping_are_never_shown(tmp_path: Path) -> None:
    (tmp_path / "vars.yml").write_text(VARS_YAML)
    _definition(
        tmp_path, [primitive("d3", "ocf:pacemaker:Dummy", [["fake", "{{ ipmi.password }}x"]])]
    )
    shown = run_pcsgen(["vars", "book.csv", "--vars", "vars.yml", "--format", "json"], tmp_path)
    assert "Hidden-Pa55" not in shown.stdout + shown.stderr
    report = {v["name"]: v for v in json.loads(shown.stdout)["variables"]}
    assert json.loads(report["ipmi"]["value"]) == {"user": "admin", "password": "********"}
    assert json.loads(report["ipaddr"]["value"])["ip"] == "192.168.59.101"
    # a value the check refuses, filled from the secret: named, never shown
    _definition(
        tmp_path,
        [
            primitive("d3", "ocf:pacemaker:Dummy", [["fake", "1"]]),
            primitive("d4", "ocf:pacemaker:Dummy", [["{{ ipmi.password }}", "1"]]),
        ],
    )
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "vars.yml")
    assert "Hidden-Pa55" not in result.stdout + result.stderr


def test_checks_see_filled_values_and_name_the_variable(tmp_path: Path) -> None:
    (tmp_path / "vars.yml").write_text("scores: { web: lots }\n")
    document = minimal()
    for table in document["tables"]:
        if table["table"] == "LOCATION_NODE":
            table["rows"][0]["score"] = "{{ scores.web }}"
    write_csv(document, tmp_path / "book.csv")
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "vars.yml")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    refused = [line for line in lines if "PG203" in line]
    assert refused and "'lots'" in refused[0]
    cell = refused[0].split(": ", 1)[0]
    assert any(
        line.startswith(cell) and "PG615" in line and "{{ scores }}" in line for line in lines
    ), result.stderr


def test_a_placeholder_left_unfilled_is_not_judged_as_text(tmp_path: Path) -> None:
    document = minimal()
    for table in document["tables"]:
        if table["table"] == "LOCATION_NODE":
            table["rows"][0]["node"] = "{{ groups.hacluster[0] }}"
            table["rows"][1]["node"] = "{{ groups.hacluster[0] }}"
    write_csv(document, tmp_path / "book.csv")
    result = run_pcsgen(["lint", "book.csv", "--corosync-conf", "", "--no-system-agents"], tmp_path)
    assert result.returncode == 1
    assert "PG605" in result.stderr  # groups is undefined
    # no check judged the text '{{ groups... }}' as a node name
    assert all("PG605" in line or "'{{" not in line for line in result.stderr.splitlines())


def test_hostile_yaml_is_refused_at_the_file(tmp_path: Path) -> None:
    _definition(tmp_path, [primitive("d3", "ocf:pacemaker:Dummy", [["fake", "{{ a }}"]])])
    laughs = ["a: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        alias = f"*a{level - 1}"
        laughs.append(f"b{level}: &a{level} [{', '.join([alias] * 10)}]")
    (tmp_path / "bomb.yml").write_text("\n".join(laughs) + "\n")
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "bomb.yml")
    assert result.returncode == 1 and "PG602" in result.stderr
    assert "items" in result.stderr
    (tmp_path / "loop.yml").write_text("a: &l [1, *l]\n")
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "loop.yml")
    assert result.returncode == 1 and "PG602" in result.stderr
    (tmp_path / "object.yml").write_text("a: !!python/object/apply:os.system ['id']\n")
    result = run_compile(tmp_path, "book.csv", "--no-additional-config", "--vars", "object.yml")
    assert result.returncode == 1 and "PG602" in result.stderr
    assert list(p.name for p in tmp_path.iterdir() if p.suffix in (".xml", ".sh")) == []
