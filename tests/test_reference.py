"""The reference workbook compiles, from xlsx and from CSV exports, to the CIBs the real
pm_pcsgen produced, and every CIB passes crm_verify."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import (
    EXPECTED,
    REFERENCE_SHEETS,
    SHEET_PREFIX,
    WORKBOOK,
    assert_same_cib,
    csv_bytes,
    generation_of,
    need_reference,
    run_pcsgen,
    sheet_rows,
)


def _target(sheet: str) -> str:
    return "rhel" + sheet.rsplit("_RHEL", 1)[1]


@pytest.mark.parametrize("sheet", REFERENCE_SHEETS)
def test_sheet_compiles_and_verifies(sheet: str, tmp_path: Path) -> None:
    need_reference()
    result = run_pcsgen(
        [
            f"{WORKBOOK}:{sheet}",
            "--target",
            _target(sheet),
            "--corosync-conf",
            "",
            "--xml",
            "out.xml",
            "--sh",
            "out.sh",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    # the target's own crm_verify: this machine's Pacemaker may not know its schema
    problems = generation_of(_target(sheet)).verify(tmp_path / "out.xml")
    assert not problems, "\n".join(problems)
    # the reference sheets hold fence devices' passwords: for the owner alone
    assert (tmp_path / "out.sh").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "out.xml").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("name", ["pgsql-ipmi_RHEL9", "pgrex-kdump_RHEL9"])
def test_rhel9_equals_pm_pcsgen(name: str, tmp_path: Path) -> None:
    need_reference()
    result = run_pcsgen(
        [f"{WORKBOOK}:{SHEET_PREFIX}{name}", "--corosync-conf", "", "--xml", "out.xml"], tmp_path
    )
    assert result.returncode in (0, 2), result.stderr
    assert_same_cib((EXPECTED / f"{name}.xml").read_bytes(), (tmp_path / "out.xml").read_bytes())


def test_default_output_names_follow_the_sheet(tmp_path: Path) -> None:
    need_reference()
    sheet = f"{SHEET_PREFIX}pgsql-ipmi_RHEL9"
    result = run_pcsgen([str(WORKBOOK), "--sheet", sheet, "--corosync-conf", ""], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    assert (tmp_path / f"{sheet}.xml").exists()
    assert (tmp_path / f"{sheet}.sh").exists()


@pytest.mark.parametrize("sheet", REFERENCE_SHEETS)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_csv_exports_give_the_same_cib(sheet: str, encoding: str, tmp_path: Path) -> None:
    need_reference()
    target = _target(sheet)
    newline = "\n" if encoding == "utf-8" else "\r\n"
    (tmp_path / "export.csv").write_bytes(csv_bytes(sheet_rows(sheet), encoding, newline))
    from_csv = run_pcsgen(["export.csv", "--target", target, "--corosync-conf", ""], tmp_path)
    assert from_csv.returncode in (0, 2), from_csv.stderr
    from_xlsx = run_pcsgen(
        [
            f"{WORKBOOK}:{sheet}",
            "--target",
            target,
            "--corosync-conf",
            "",
            "--xml",
            "book.xml",
            "--sh",
            "book.sh",
        ],
        tmp_path,
    )
    assert from_xlsx.returncode in (0, 2), from_xlsx.stderr
    assert (tmp_path / "export.xml").read_bytes() == (tmp_path / "book.xml").read_bytes()


def test_several_definition_sheets_need_a_choice(tmp_path: Path) -> None:
    need_reference()
    result = run_pcsgen([str(WORKBOOK)], tmp_path)
    assert result.returncode == 1
    assert "PG006" in result.stderr
    assert "pgrex-kdump_RHEL8" in result.stderr
    assert not list(tmp_path.glob("*.xml"))


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    need_reference()
    result = run_pcsgen([f"{WORKBOOK}:nope"], tmp_path)
    assert result.returncode == 1
    assert "PG005" in result.stderr and "pgsql-ipmi_RHEL10" in result.stderr


def test_rhel8_writes_master_roles_and_rhel9_promoted(tmp_path: Path) -> None:
    need_reference()
    for release, word in (("8", 'role="Master"'), ("9", 'role="Promoted"')):
        sheet = f"{SHEET_PREFIX}pgrex-kdump_RHEL{release}"
        result = run_pcsgen(
            [
                f"{WORKBOOK}:{sheet}",
                "--target",
                f"rhel{release}",
                "--corosync-conf",
                "",
                "--xml",
                f"{release}.xml",
                "--sh",
                f"{release}.sh",
            ],
            tmp_path,
        )
        assert result.returncode in (0, 2), result.stderr
        text = (tmp_path / f"{release}.xml").read_text()
        assert word in text
        assert ("Master" in text) == (release == "8")
