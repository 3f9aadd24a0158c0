"""pcsgen lint: one broken definition per check, with code, severity, row and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional, Tuple

import pytest

from pcsgen.compiler.pipeline import Options, analyse
from tests.helpers import SAMPLES, SHEET_PREFIX, WORKBOOK, need_reference, run_pcsgen

BASE = """\
,PROPERTY
,,name,value
,,stonith-enabled,true
,,priority-fencing-delay,10s
,RESOURCES
,,resourceItem,resourceItem,id
,,Group,,grp
,,,Primitive,d1
,,Primitive,,d2
,,Stonith,,f1
,PRIMITIVE
,P,id,class,provider,type
,,d1,ocf,pacemaker,Dummy
,O,type,interval,timeout
,,monitor,10s,20s
,PRIMITIVE
,P,id,class,provider,type
,,d2,ocf,pacemaker,Dummy
,O,type,interval,timeout
,,monitor,10s,20s
,STONITH
,P,id,type
,,f1,fence_ipmilan
,A,type,name,value
,,options,ip,192.0.2.1
,,,username,admin
,,,password_script,/bin/true
,,,pcmk_host_list,n1
,O,type,interval
,,monitor,3600s
,LOCATION_NODE
,,rsc,prefers/avoids,node,score
,,f1,avoids,n1,
"""
ORDER_HEADER = ",ORDER\n,,first-rsc,then-rsc,kind,first-action,then-action,symmetrical\n"
COLOCATION_HEADER = ",COLOCATION\n,,rsc,with-rsc,score,rsc-role,with-rsc-role\n"
RULE_HEADER = ",LOCATION_RULE\n,,rsc,score,bool_op,attribute,op,value,role\n"

Finding = Tuple[str, str, int, str]  # code, severity, row, column


def lint(tmp_path: Path, text: str, corosync: Optional[str] = None) -> List[Finding]:
    path = tmp_path / "def.csv"
    path.write_text(text, encoding="utf-8")
    options = Options(corosync_conf=corosync, system_agents=False)
    analysis = analyse(str(path), None, options)
    return [
        (
            d.code,
            d.severity.label,
            d.location.row if d.location else 0,
            d.location.column_name if d.location else "",
        )
        for d in analysis.diagnostics
    ]


def test_base_definition_is_clean(tmp_path: Path) -> None:
    assert lint(tmp_path, BASE) == []


CASES = [
    ("bool_op unused", BASE + RULE_HEADER + ",,d2,10,and,a,eq,1,\n", ("PG401", "warning", 36, "E")),
    (
        "bool_op on a continuation row",
        BASE + RULE_HEADER + ",,d2,10,and,a,eq,1,\n,,,,or,b,defined,,\n",
        ("PG212", "warning", 37, "E"),
    ),
    (
        "value for a unary op",
        BASE + RULE_HEADER + ",,d2,10,,a,defined,1,\n",
        ("PG213", "warning", 36, "H"),
    ),
    ("ordered after itself", BASE + ORDER_HEADER + ",,d2,d2,,,,\n", ("PG402", "error", 36, "D")),
    (
        "colocated with itself",
        BASE + COLOCATION_HEADER + ",,d2,d2,10,,\n",
        ("PG403", "error", 36, "D"),
    ),
    (
        "order cycle",
        BASE + ORDER_HEADER + ",,grp,d2,,,,\n,,d2,grp,,,,\n",
        ("PG404", "error", 37, "D"),
    ),
    (
        "fence device on its own node",
        BASE.replace(",,f1,avoids,n1,\n", ",,f1,avoids,n2,\n"),
        ("PG405", "warning", 23, "C"),
    ),
    (
        "stonith disabled",
        BASE.replace("stonith-enabled,true", "stonith-enabled,false"),
        ("PG406", "warning", 3, "C"),
    ),
    (
        "no recurring monitor",
        BASE.replace(",,monitor,10s,20s\n,STONITH", ",,monitor,0s,20s\n,STONITH"),
        ("PG408", "warning", 20, "C"),
    ),
    (
        "two nodes without delay",
        BASE.replace(",,priority-fencing-delay,10s\n", "") + ",,d2,prefers,n2,\n",
        ("PG409", "warning", 22, "C"),
    ),
    (
        "unknown parameter",
        BASE.replace(",,,pcmk_host_list,n1", ",,,pcmk_host_list,n1\n,,,ipaddres,x"),
        ("PG410", "error", 29, "D"),
    ),
    (
        "missing required parameter",
        BASE.replace(",,d2,ocf,pacemaker,Dummy", ",,d2,ocf,heartbeat,IPaddr2"),
        ("PG411", "error", 18, "C"),
    ),
    (
        "unknown agent",
        BASE.replace(",,d2,ocf,pacemaker,Dummy", ",,d2,ocf,heartbeat,IPadr2"),
        ("PG412", "warning", 18, "C"),
    ),
    (
        "password in plain text",
        BASE.replace(",,,password_script,/bin/true", ",,,password,secret"),
        ("PG413", "warning", 27, "D"),
    ),
    (
        "unknown operation",
        BASE.replace(",,monitor,10s,20s\n,STONITH", ",,monitor,10s,20s\n,,promot,0s,20s\n,STONITH"),
        ("PG414", "warning", 21, "C"),
    ),
    (
        "role on a non-promotable resource",
        BASE + COLOCATION_HEADER + ",,grp,d2,10,,Promoted\n",
        ("PG415", "warning", 36, "G"),
    ),
    (
        "duplicate operation",
        BASE.replace(
            ",,monitor,10s,20s\n,STONITH", ",,monitor,10s,20s\n,,monitor,10,20s\n,STONITH"
        ),
        ("PG221", "error", 21, "C"),
    ),
    (
        "duplicate property",
        BASE.replace(
            ",,priority-fencing-delay,10s", ",,priority-fencing-delay,10s\n,,stonith-enabled,1"
        ),
        ("PG223", "warning", 5, "C"),
    ),
    (
        "unknown column",
        BASE.replace(",,name,value", ",,name,value,comment"),
        ("PG105", "warning", 2, "E"),
    ),
    (
        "cells beside a marker",
        BASE.replace(",PROPERTY\n", ",PROPERTY,oops\n"),
        ("PG111", "warning", 1, "B"),
    ),
    (
        "constraint on a clone's child",
        BASE.replace(",,Stonith,,f1", ",,Clone,,d2-clone\n,,,Primitive,d2\n,,Stonith,,f1").replace(
            ",,Primitive,,d2\n", ""
        )
        + ORDER_HEADER
        + ",,d2,grp,,,,\n",
        ("PG310", "error", 37, "C"),
    ),
    (
        "empty group",
        BASE.replace(",,Primitive,,d2", ",,Group,,empty\n,,Primitive,,d2"),
        ("PG219", "error", 9, "E"),
    ),
    (
        "clone with two children",
        BASE.replace(",,Primitive,,d2", ",,Clone,,c\n,,,Primitive,d2").replace(
            ",,Stonith,,f1", ",,,Primitive,d3\n,,Stonith,,f1"
        ),
        ("PG220", "error", 11, "D"),
    ),
    (
        "two P rows",
        BASE.replace(
            ",,d2,ocf,pacemaker,Dummy", ",,d2,ocf,pacemaker,Dummy\n,,d3,ocf,pacemaker,Dummy"
        ),
        ("PG110", "error", 19, "C"),
    ),
    ("duplicate location", BASE + ",,f1,avoids,n1,\n", ("PG225", "warning", 33, "E")),
    (
        "alert path twice",
        BASE + ",ALERT\n,P,path\n,,/a.sh\n,ALERT\n,P,path\n,,/a.sh\n",
        ("PG224", "warning", 39, "C"),
    ),
    (
        "primitive rows without P data",
        BASE + ",PRIMITIVE\n,P,id,class,provider,type\n,A,type,name,value\n,,options,a,b\n",
        ("PG226", "error", 35, "C"),
    ),
    (
        "alert attributes after an empty R",
        BASE + ",ALERT\n,P,path\n,,/a.sh\n,R,recipient\n,A,type,name,value\n,,options,a,b\n",
        ("PG226", "error", 39, "C"),
    ),
    (
        "node not in the cluster",
        BASE.replace(",,f1,avoids,n1,", ",,f1,avoids,n3,"),
        ("PG416", "warning", 33, "E"),
    ),
]


@pytest.mark.parametrize("case,text,expected", CASES, ids=[c[0] for c in CASES])
def test_check(case: str, text: str, expected: Finding, tmp_path: Path) -> None:
    corosync = None
    if case == "node not in the cluster":
        (tmp_path / "corosync.conf").write_text(
            "nodelist {\n node {\n name: n1\n nodeid: 1\n }\n node {\n name: n2\n"
            " nodeid: 2\n }\n}\n"
        )
        corosync = str(tmp_path / "corosync.conf")
    findings = lint(tmp_path, text, corosync)
    assert expected in findings, findings


def test_every_problem_at_once(tmp_path: Path) -> None:
    text = BASE + ORDER_HEADER + ",,d2,d2,,,,\n,,nope,d2,,begin,,maybe\n"
    codes = [f[0] for f in lint(tmp_path, text)]
    assert {"PG402", "PG202", "PG204"} <= set(codes)


def test_json_format(tmp_path: Path) -> None:
    (tmp_path / "def.csv").write_text(BASE + ORDER_HEADER + ",,d2,d2,,,,\n", encoding="utf-8")
    result = run_pcsgen(["lint", "def.csv", "--format", "json", "--no-system-agents"], tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["diagnostics"] == [
        {
            "severity": "error",
            "code": "PG402",
            "message": "'d2' is ordered after itself",
            "file": "def.csv",
            "sheet": None,
            "row": 36,
            "column": "D",
        }
    ]
    assert report["summary"] == {"errors": 1, "warnings": 0, "infos": 0}


def test_sarif_format(tmp_path: Path) -> None:
    (tmp_path / "def.csv").write_text(
        BASE.replace("stonith-enabled,true", "stonith-enabled,false"), encoding="utf-8"
    )
    result = run_pcsgen(["lint", "def.csv", "--format", "sarif"], tmp_path)
    assert result.returncode == 2
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (finding,) = sarif["runs"][0]["results"]
    assert finding["ruleId"] == "PG406" and finding["level"] == "warning"
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 3}


def test_text_format_and_exit_status(tmp_path: Path) -> None:
    (tmp_path / "def.csv").write_text(BASE, encoding="utf-8")
    clean = run_pcsgen(["lint", "def.csv"], tmp_path)
    assert clean.returncode == 0 and clean.stderr == ""
    (tmp_path / "def.csv").write_text(BASE + ORDER_HEADER + ",,d2,d2,,,,\n", encoding="utf-8")
    broken = run_pcsgen(["lint", "def.csv", "--lang", "ja"], tmp_path)
    assert broken.returncode == 1
    assert broken.stderr == (
        "def.csv!D36: エラー PG402: 'd2' の起動順序制約が自分自身を指しています\n"
    )
    assert not (tmp_path / "def.xml").exists()


@pytest.mark.parametrize("name", ["pgsql-ipmi", "pgrex-kdump"])
@pytest.mark.parametrize("release", ["8", "9", "10"])
def test_reference_sheets_lint_without_errors(name: str, release: str, tmp_path: Path) -> None:
    need_reference()
    result = run_pcsgen(
        [
            "lint",
            f"{WORKBOOK}:{SHEET_PREFIX}{name}_RHEL{release}",
            "--target",
            f"rhel{release}",
            "--corosync-conf",
            "",
            "--format",
            "json",
        ],
        tmp_path,
    )
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0, report
    # the warnings: the IPMI passwords written in plain text (each target's agents know
    # the parameters its sheet uses, as storage-mon's daemonize on RHEL 10)
    warnings = {d["code"] for d in report["diagnostics"] if d["severity"] == "warning"}
    assert warnings <= {"PG413"}, report


def test_sample_lints_clean(tmp_path: Path) -> None:
    result = run_pcsgen(
        [
            "lint",
            str(SAMPLES / "haproxy-lb.xlsx"),
            "--corosync-conf",
            str(SAMPLES / "corosync.conf"),
            "--format",
            "json",
        ],
        tmp_path,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0, report
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0


def test_what_pcs_012_cannot_build(tmp_path: Path) -> None:
    grouped = BASE.replace(",,Stonith,,f1", ",,Group,,fences\n,,,Stonith,f1")
    path = tmp_path / "def.csv"
    path.write_text(grouped, encoding="utf-8")
    for target, expected in (("rhel9", []), ("rhel10", [("PG417", "warning", 10, "E")])):
        options = Options(target=target, corosync_conf=None, system_agents=False)
        found = [
            (
                d.code,
                d.severity.label,
                d.location.row if d.location else 0,
                d.location.column_name if d.location else "",
            )
            for d in analyse(str(path), None, options).diagnostics
        ]
        assert found == expected, (target, found)
