"""Workbooks out: pcsgen template and pcsgen import, and the round trip through them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List, Sequence

import openpyxl
import pytest

from pcsgen.cib.canonical import canonical, parse_cib
from pcsgen.cib.diff import differences
from tests.definitions import minimal, write_csv
from tests.helpers import (
    SAMPLES,
    SHEET_PREFIX,
    WORKBOOK,
    assert_same_cib,
    need_reference,
    need_tool,
    run_pcsgen,
    run_script,
)

CONF = str(SAMPLES / "corosync.conf")


@pytest.mark.parametrize(
    "lang,cover,title",
    [("en", "README", "Cluster definition"), ("ja", "はじめに", "クラスタ環境定義書")],
)
def test_template_is_a_complete_styled_workbook(
    lang: str, cover: str, title: str, tmp_path: Path
) -> None:
    result = run_pcsgen(["template", "t.xlsx", "--lang", lang], tmp_path)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == [cover, "cluster"]
    sheet = book["cluster"]
    assert sheet.freeze_panes == "C2"
    markers = [row[1] for row in sheet.iter_rows(values_only=True) if len(row) > 1 and row[1]]
    for marker in (
        "NODE",
        "PROPERTY",
        "RSC_DEFAULTS",
        "OP_DEFAULTS",
        "RESOURCES",
        "RSC_ATTRIBUTES",
        "PRIMITIVE",
        "STONITH",
        "STONITH_LEVEL",
        "LOCATION_NODE",
        "LOCATION_RULE",
        "COLOCATION",
        "ORDER",
        "ALERT",
        "ADDITIONAL_CONFIG",
        "VARIABLES",
        "P",
        "A",
        "O",
        "R",
    ):
        assert marker in markers, marker
    lists = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"Primitive,Stonith,Group,Clone,Promotable"' in lists
    assert '"prefers,avoids"' in lists
    assert '"start,promote,demote,stop"' in lists
    assert any("Promoted" in f for f in lists) and any("monitor" in f for f in lists)
    assert str(sheet["A1"].value).startswith(f"# {title}")
    lint = run_pcsgen(["lint", "t.xlsx", "--format", "json"], tmp_path)
    assert '"errors": 0' in lint.stdout


def test_template_opens_in_libreoffice(tmp_path: Path) -> None:
    office = need_tool("libreoffice")
    pdftotext = need_tool("pdftotext")
    assert run_pcsgen(["template", "t.xlsx", "--lang", "ja"], tmp_path).returncode == 0
    result = subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "t.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "t.pdf").exists(), result.stdout + result.stderr
    text = subprocess.run(
        [pdftotext, "t.pdf", "-"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "pcsgen 環境定義書",
        "環境定義シートの記入方法",
        "PRIMITIVE",
        "resourceItem",
        "prefers/avoids",
        "first-action",
        "ADDITIONAL_CONFIG",
        "リソースID",
    ):
        assert expected in text, expected


def test_template_example_compiles_like_the_sample(tmp_path: Path) -> None:
    assert run_pcsgen(["template", "e.xlsx", "--example", "haproxy-lb"], tmp_path).returncode == 0
    example = run_pcsgen(["e.xlsx", "--corosync-conf", CONF], tmp_path)
    assert example.returncode in (0, 2), example.stderr
    sample = run_pcsgen(
        [
            str(SAMPLES / "haproxy-lb.xlsx"),
            "--corosync-conf",
            CONF,
            "--xml",
            "s.xml",
            "--sh",
            "s.sh",
        ],
        tmp_path,
    )
    assert sample.returncode in (0, 2), sample.stderr
    assert_same_cib((tmp_path / "s.xml").read_bytes(), (tmp_path / "haproxy-lb.xml").read_bytes())


def test_template_refuses_unknown_example(tmp_path: Path) -> None:
    result = run_pcsgen(["template", "x.xlsx", "--example", "nope"], tmp_path)
    assert result.returncode == 1 and "PG701" in result.stderr and "haproxy-lb" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def _round_trip(
    source: str,
    corosync: str,
    tmp_path: Path,
    output: str = "back.xlsx",
    target: str = "rhel9",
    extra: Sequence[str] = (),
) -> None:
    """compile, import the CIB, compile the import: the same CIB."""
    options = ["--corosync-conf", corosync, "--target", target]
    first = run_pcsgen(
        [source, *options, *extra, "--xml", "first.xml", "--sh", "first.sh"], tmp_path
    )
    assert first.returncode in (0, 2), first.stderr
    imported = run_pcsgen(["import", "first.xml", "-o", output, "--target", target], tmp_path)
    assert imported.returncode in (0, 2), imported.stderr
    second = run_pcsgen([output, *options, "--xml", "second.xml", "--sh", "second.sh"], tmp_path)
    assert second.returncode in (0, 2), second.stderr
    assert_same_cib((tmp_path / "first.xml").read_bytes(), (tmp_path / "second.xml").read_bytes())


@pytest.mark.parametrize("name", ["pgsql-ipmi", "pgrex-kdump"])
@pytest.mark.parametrize("release", ["8", "9", "10"])
def test_round_trip_reference(name: str, release: str, tmp_path: Path) -> None:
    need_reference()
    _round_trip(
        f"{WORKBOOK}:{SHEET_PREFIX}{name}_RHEL{release}", "", tmp_path, target=f"rhel{release}"
    )


def test_round_trip_sample_through_csv(tmp_path: Path) -> None:
    _round_trip(str(SAMPLES / "haproxy-lb.xlsx"), CONF, tmp_path, "back.csv")


@pytest.mark.parametrize(
    "sample,corosync,extra",
    [
        ("haproxy-lb-vars.xlsx", CONF, ["--vars", str(SAMPLES / "vars" / "production.toml")]),
        ("dummy-lab.xlsx", "", []),
    ],
)
def test_round_trip_other_samples(
    sample: str, corosync: str, extra: List[str], tmp_path: Path
) -> None:
    _round_trip(str(SAMPLES / sample), corosync, tmp_path, extra=extra)


def test_round_trip_fixture(tmp_path: Path) -> None:
    write_csv(minimal(), tmp_path / "minimal.csv")
    _round_trip("minimal.csv", "", tmp_path)


UNSUPPORTED = [
    "resource create d1 ocf:pacemaker:Dummy",
    "resource create d2 ocf:pacemaker:Dummy",
    "resource create d3 ocf:pacemaker:Dummy",
    "stonith create f1 fence_kdump",
    "tag create mytag d1 d2",
    "constraint ticket add T1 d1 loss-policy=stop id=ticket-T1-d1",
    "constraint order set d1 d2 sequential=false set d3 setoptions kind=Optional id=ord-set",
    "constraint colocation set d2 d3 setoptions score=100 id=col-set",
    "constraint location d3 rule id=date-rule score=50 date gt 2024-01-01 and #uname eq n1",
    "constraint location regexp%d[0-9] prefers node2=10",
    "acl role create reader read xpath /cib",
    "acl user create alice reader",
    "stonith level add 1 regexp%node.* f1 --force",
    "resource bundle create b1 container docker image=pcmktest:http network "
    "control-port=3121 port-map port=80 --force",
]


def test_unsupported_objects_become_pcs_commands_that_rebuild_them(tmp_path: Path) -> None:
    pcs = need_tool("pcs")
    cibadmin = need_tool("cibadmin")
    (tmp_path / "live.xml").write_bytes(
        subprocess.run([cibadmin, "--empty"], capture_output=True, check=True).stdout
    )
    for command in UNSUPPORTED:
        subprocess.run(
            [pcs, "-f", "live.xml", *command.split()], cwd=tmp_path, check=True, capture_output=True
        )
    imported = run_pcsgen(["import", "live.xml", "-o", "live-def.xlsx"], tmp_path)
    assert imported.returncode == 2, imported.stderr
    for what in (
        "the bundle 'b1'",
        "the ticket constraint 'ticket-T1-d1'",
        "the order constraint 'ord-set'",
        "the colocation constraint 'col-set'",
        "location constraint",
        "the tag 'mytag'",
        "the ACL role 'reader'",
        "the ACL user 'alice'",
        "the fencing level",
    ):
        assert what in imported.stderr, what
    assert imported.stderr.count("warning PG703") == 10
    compiled = run_pcsgen(["live-def.xlsx", "--corosync-conf", ""], tmp_path)
    assert compiled.returncode in (0, 2), compiled.stderr
    live = (tmp_path / "live.xml").read_bytes()
    assert_same_cib(live, (tmp_path / "live-def.xml").read_bytes())
    built = run_script(tmp_path / "live-def.sh", tmp_path)
    diff = differences(canonical(parse_cib(live)), canonical(parse_cib(built.read_bytes())))
    assert not diff, diff
