"""Bad input: a located message, exit status 1, nothing written, nothing overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.definitions import minimal, write_csv
from tests.helpers import run_pcsgen

GOOD_RESOURCES = """\
,RESOURCES,,,,
,,resourceItem,resourceItem,id
,,Primitive,,d1
,PRIMITIVE,,,,
,P,id,class,provider,type
,,d1,ocf,pacemaker,Dummy
"""


def _write(tmp_path: Path, text: str, name: str = "broken.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CASES = [
    # (case, csv text, code, row, column)
    (
        "unknown marker",
        ",PROPERTY\n,,name,value\n,,a,b\n,PROPERTIES\n,,name,value\n",
        "PG101",
        4,
        "B",
    ),
    ("data before marker", ",,foo,bar\n,PROPERTY\n,,name,value\n", "PG102", 1, "C"),
    ("missing column", ",PROPERTY\n,,name\n,,a\n", "PG103", 2, ""),
    ("duplicate column", ",PROPERTY\n,,name,value,name\n,,a,b,c\n", "PG104", 2, "E"),
    ("name missing", ",PROPERTY\n,,name,value\n,,,a\n", "PG201", 3, "C"),
    ("bad kind", ",RESOURCES\n,,resourceItem,id\n,,Primtive,d1\n", "PG202", 3, "C"),
    (
        "two kinds in a row",
        ",RESOURCES\n,,resourceItem,resourceItem,id\n,,Group,Primitive,g\n",
        "PG206",
        3,
        "D",
    ),
    (
        "orphan child",
        ",RESOURCES\n,,resourceItem,resourceItem,id\n,,,Primitive,d1\n",
        "PG207",
        3,
        "D",
    ),
    (
        "group in group",
        ",RESOURCES\n,,resourceItem,resourceItem,id\n,,Group,,g1\n,,,Group,g2\n",
        "PG208",
        4,
        "D",
    ),
    ("bad id", ",RESOURCES\n,,resourceItem,id\n,,Primitive,1bad\n", "PG205", 3, "D"),
    (
        "duplicate id",
        GOOD_RESOURCES.replace(",,Primitive,,d1\n", ",,Primitive,,d1\n,,Primitive,,d1\n"),
        "PG209",
        4,
        "E",
    ),
    ("no definition", ",RESOURCES\n,,resourceItem,id\n,,Primitive,d1\n", "PG302", 3, "D"),
    (
        "definition not in resources",
        ",PRIMITIVE\n,P,id,class,provider,type\n,,d1,ocf,pacemaker,Dummy\n",
        "PG303",
        3,
        "C",
    ),
    (
        "bad score",
        GOOD_RESOURCES + ",LOCATION_NODE\n,,rsc,prefers/avoids,node,score\n,,d1,prefers,n1,lots\n",
        "PG203",
        9,
        "F",
    ),
    (
        "unknown resource in colocation",
        GOOD_RESOURCES
        + ",COLOCATION\n,,rsc,with-rsc,score,rsc-role,with-rsc-role\n,,d1,nope,INFINITY,,\n",
        "PG301",
        9,
        "D",
    ),
    (
        "bad role",
        GOOD_RESOURCES
        + ",COLOCATION\n,,rsc,with-rsc,score,rsc-role,with-rsc-role\n,,d1,d1,10,Boss,\n",
        "PG215",
        9,
        "F",
    ),
    (
        "bad action",
        GOOD_RESOURCES + ",ORDER\n,,first-rsc,then-rsc,kind,first-action,"
        "then-action,symmetrical\n,,d1,d1,,begin,,\n",
        "PG202",
        9,
        "F",
    ),
    (
        "bad boolean",
        GOOD_RESOURCES + ",ORDER\n,,first-rsc,then-rsc,kind,first-action,"
        "then-action,symmetrical\n,,d1,d1,,,,maybe\n",
        "PG204",
        9,
        "H",
    ),
    (
        "rule without bool_op",
        GOOD_RESOURCES + ",LOCATION_RULE\n"
        ",,rsc,score,bool_op,attribute,op,value,role\n,,d1,-inf,,a,eq,1,\n,,,,,b,defined,,\n",
        "PG211",
        9,
        "E",
    ),
    (
        "binary op without value",
        GOOD_RESOURCES + ",LOCATION_RULE\n"
        ",,rsc,score,bool_op,attribute,op,value,role\n,,d1,10,,a,eq,,\n",
        "PG214",
        9,
        "H",
    ),
    (
        "level not a number",
        GOOD_RESOURCES + ",STONITH_LEVEL\n,,node,id,level\n,,n1,d1,one\n",
        "PG210",
        9,
        "E",
    ),
    (
        "level device not stonith",
        GOOD_RESOURCES + ",STONITH_LEVEL\n,,node,id,level\n,,n1,d1,1\n",
        "PG305",
        9,
        "D",
    ),
    ("sub-table before P", ",PRIMITIVE\n,A,type,name,value\n,,options,a,b\n", "PG106", 2, "B"),
    ("second P in one PRIMITIVE", GOOD_RESOURCES + ",P,id,class,provider,type\n", "PG106", 7, "B"),
    ("bad interval", GOOD_RESOURCES + ",O,type,interval\n,,monitor,often\n", "PG216", 8, "D"),
    (
        "node table without ids",
        ",NODE\n,,uname,type,name,value\n,,n1,attribute,a,1\n",
        "PG306",
        3,
        "C",
    ),
    (
        "duplicate option",
        GOOD_RESOURCES + ",A,type,name,value\n,,options,fake,1\n,,,fake,2\n",
        "PG218",
        9,
        "D",
    ),
    ("empty file", "", "PG016", 0, ""),
    ("not a definition", "just,some\ncsv,data\n", "PG009", 1, "B"),
    ("unbalanced quote", ',PROPERTY\n,,name,value\n,,"a,b\n', "PG008", 3, ""),
    ("additional config not pcs", ",ADDITIONAL_CONFIG\n,,config\n,,rm -rf /\n", "PG505", 3, "C"),
]


@pytest.mark.parametrize("case,text,code,row,column", CASES, ids=[c[0] for c in CASES])
def test_broken_definition(
    case: str, text: str, code: str, row: int, column: str, tmp_path: Path
) -> None:
    _write(tmp_path, text)
    result = run_pcsgen(["broken.csv", "--corosync-conf", "", "--no-system-agents"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    where = "broken.csv" + (f"!{column}{row}" if row and column else f"!{row}" if row else "")
    expected = f"{where}: error {code}:"
    assert expected in result.stderr, result.stderr
    assert not list(tmp_path.glob("broken.xml")) and not list(tmp_path.glob("broken.sh"))


def test_failed_run_leaves_existing_outputs_untouched(tmp_path: Path) -> None:
    _write(tmp_path, ",PROPERTY\n,,name,value\n,,,a\n")
    (tmp_path / "broken.xml").write_text("old cib")
    (tmp_path / "broken.sh").write_text("old script")
    result = run_pcsgen(["broken.csv", "--corosync-conf", ""], tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "broken.xml").read_text() == "old cib"
    assert (tmp_path / "broken.sh").read_text() == "old script"


def test_output_may_not_overwrite_the_input(tmp_path: Path) -> None:
    write_csv(minimal(), tmp_path / "minimal.csv")
    before = (tmp_path / "minimal.csv").read_bytes()
    result = run_pcsgen(["minimal.csv", "--corosync-conf", "", "--xml", "minimal.csv"], tmp_path)
    assert result.returncode == 1 and "PG502" in result.stderr
    assert (tmp_path / "minimal.csv").read_bytes() == before
    result = run_pcsgen(
        ["minimal.csv", "--corosync-conf", "", "--xml", "same", "--sh", "same"], tmp_path
    )
    assert result.returncode == 1 and "PG502" in result.stderr
    assert not (tmp_path / "same").exists()


def test_messages_in_japanese(tmp_path: Path) -> None:
    _write(tmp_path, ",PROPERTY\n,,name,value\n,,,a\n")
    result = run_pcsgen(["broken.csv", "--lang", "ja"], tmp_path)
    assert "broken.csv!C3: エラー PG201: 'name' 列に値が設定されていません" in result.stderr
    result = run_pcsgen(["broken.csv"], tmp_path, env={"LANG": "ja_JP.UTF-8"})
    assert "エラー PG201" in result.stderr


def test_missing_input_file(tmp_path: Path) -> None:
    result = run_pcsgen(["nowhere.csv"], tmp_path)
    assert result.returncode == 1 and "PG001" in result.stderr
    result = run_pcsgen(["book.xls"], tmp_path)
    assert result.returncode == 1 and "PG002" in result.stderr and ".xlsx" in result.stderr
