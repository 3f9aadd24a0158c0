"""diff: semantic differences between definitions and CIB files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import SAMPLES, run_pcsgen

VARS_BOOK = str(SAMPLES / "haproxy-lb-vars.xlsx")
CONF = str(SAMPLES / "corosync.conf")


def test_a_definition_equals_its_own_cib(tmp_path: Path) -> None:
    compiled = run_pcsgen([str(SAMPLES / "haproxy-lb.xlsx"), "--corosync-conf", CONF], tmp_path)
    assert compiled.returncode in (0, 2), compiled.stderr
    result = run_pcsgen(
        ["diff", str(SAMPLES / "haproxy-lb.csv"), "haproxy-lb.xml", "--corosync-conf", CONF],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "The configurations are equal.\n"


def test_changes_attribute_by_attribute(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"vip": "192.0.2.1", "ipmi_lb01": "x", "ipmi_lb02": "y", "ipmi_password": "p"})
    )
    for name, vip in (("a", "192.0.2.1"), ("b", "192.0.2.2")):
        result = run_pcsgen(
            [
                VARS_BOOK,
                "--corosync-conf",
                CONF,
                "--vars",
                "a.json",
                "--var",
                f"vip={vip}",
                "--xml",
                f"{name}.xml",
                "--sh",
                f"{name}.sh",
            ],
            tmp_path,
        )
        assert result.returncode in (0, 2), result.stderr
    text = run_pcsgen(["diff", "a.xml", "b.xml"], tmp_path)
    assert text.returncode == 1
    assert text.stdout == (
        "~ resources/lb-group/children/vip/instance/ip: '192.0.2.1' -> '192.0.2.2'\n"
    )
    data = json.loads(run_pcsgen(["diff", "a.xml", "b.xml", "--format", "json"], tmp_path).stdout)
    assert data == {
        "equal": False,
        "changes": [
            {
                "change": "changed",
                "path": ["resources", "lb-group", "children", "vip", "instance", "ip"],
                "old": "192.0.2.1",
                "new": "192.0.2.2",
            }
        ],
    }


def test_objects_added_and_removed(tmp_path: Path) -> None:
    base = (
        ",RESOURCES\n,,resourceItem,id\n,,Primitive,d1\n{extra}"
        ",PRIMITIVE\n,P,id,class,provider,type\n,,d1,ocf,pacemaker,Dummy\n{more}"
    )
    (tmp_path / "one.csv").write_text(base.format(extra="", more=""))
    (tmp_path / "two.csv").write_text(
        base.format(
            extra=",,Primitive,d2\n",
            more=",PRIMITIVE\n,P,id,class,provider,type\n,,d2,ocf,pacemaker,Dummy\n"
            ",ORDER\n,,first-rsc,then-rsc,kind,first-action,then-action,symmetrical\n"
            ",,d1,d2\n",
        )
    )
    result = run_pcsgen(["diff", "one.csv", "two.csv", "--corosync-conf", ""], tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "+ constraints/orders/start d1 then start d2: {'kind': 'Mandatory', 'symmetrical': 'true'}",
        "+ resources/d2: primitive d2",
    ]


def test_diff_of_a_broken_definition_is_trouble(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text(",PROPERTY\n,,name,value\n,,,x\n")
    result = run_pcsgen(["diff", "bad.csv", "bad.csv"], tmp_path)
    assert result.returncode == 2 and "PG201" in result.stderr
