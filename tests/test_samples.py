"""The shipped samples are what the writer makes of their data, and they compile."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from pcsgen.workbook.writer import document_to_grid, grid_to_csv
from tests.helpers import SAMPLES, assert_same_cib, crm_verify, run_pcsgen


def _cells(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row.pop()
    return row


def test_samples_do_not_drift_from_their_data() -> None:
    sources = sorted((SAMPLES.parent / "pcsgen" / "workbook" / "examples").glob("*.json"))
    assert sources
    for source in sources:
        document = json.loads(source.read_text("utf-8"))
        grid = document_to_grid(document)
        assert (SAMPLES / f"{document['name']}.csv").read_bytes() == grid_to_csv(grid)
        cells = _cells(SAMPLES / f"{document['name']}.xlsx")
        texts = [_trimmed([("" if v is None else str(v)) for v in row]) for row in cells]
        assert texts == [_trimmed(list(r)) for r in grid]


def test_sample_compiles_from_xlsx_and_csv_alike(tmp_path: Path) -> None:
    conf = str(SAMPLES / "corosync.conf")
    book = run_pcsgen([str(SAMPLES / "haproxy-lb.xlsx"), "--corosync-conf", conf], tmp_path)
    assert book.returncode in (0, 2), book.stderr
    crm_verify(tmp_path / "haproxy-lb.xml")
    csv = run_pcsgen(
        [
            str(SAMPLES / "haproxy-lb.csv"),
            "--corosync-conf",
            conf,
            "--xml",
            "csv.xml",
            "--sh",
            "csv.sh",
        ],
        tmp_path,
    )
    assert csv.returncode in (0, 2), csv.stderr
    assert_same_cib((tmp_path / "haproxy-lb.xml").read_bytes(), (tmp_path / "csv.xml").read_bytes())
    text = (tmp_path / "haproxy-lb.xml").read_text()
    assert '<node id="1" uname="lb01">' in text and '<node id="2" uname="lb02">' in text
    assert 'name="site" value="rack-a"' in text


def test_sample_without_node_ids_explains_how_to_give_them(tmp_path: Path) -> None:
    result = run_pcsgen([str(SAMPLES / "haproxy-lb.xlsx"), "--corosync-conf", ""], tmp_path)
    assert result.returncode == 1
    assert "PG306" in result.stderr and "--corosync-conf" in result.stderr
    assert "haproxy-lb.xlsx:haproxy-lb!C" in result.stderr
    assert not list(tmp_path.glob("haproxy-lb.*"))


def test_making_the_samples_again_changes_nothing(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    from tests.helpers import ROOT

    shutil.copytree(SAMPLES, tmp_path / "samples")
    shutil.copytree(
        ROOT / "pcsgen" / "workbook" / "examples", tmp_path / "pcsgen" / "workbook" / "examples"
    )
    before = {p.name: p.read_bytes() for p in (tmp_path / "samples").iterdir() if p.is_file()}
    result = subprocess.run(
        [sys.executable, str(tmp_path / "samples" / "make_samples.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    after = {p.name: p.read_bytes() for p in (tmp_path / "samples").iterdir() if p.is_file()}
    assert after == before
