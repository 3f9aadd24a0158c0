"""The markers conftest.py gives when collecting: a test is `oracle` when it reaches a
Pacemaker tool's gate and `slow` when it starts a process, through its own module's
functions and the tests package's helpers, and neither otherwise."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ORACLE_GATES, PROCESS_GATES, _reaches

MODULE = """
import subprocess
from tests.helpers import crm_verify, run_compile


def _verified(path):
    crm_verify(path)


def test_through_a_helper(tmp_path):
    _verified(tmp_path / "x.xml")


def test_in_process():
    assert 1 + 1 == 2


def test_imports_inside(tmp_path):
    from tests.helpers import need_tool

    need_tool("pcs")


def test_command_line(tmp_path):
    run_compile(tmp_path, "x.csv")


def test_own_process():
    subprocess.run(["true"], check=True)


def test_annotation_only() -> "subprocess.CompletedProcess[str]":
    return None
"""


def _marks(tmp_path: Path) -> dict[str, set[str]]:
    path = tmp_path / "test_sample.py"
    path.write_text(MODULE, encoding="utf-8")
    names = [
        line[4 : line.index("(")] for line in MODULE.splitlines() if line.startswith("def test_")
    ]
    return {
        name: {
            mark
            for gates, mark in ((ORACLE_GATES, "oracle"), (PROCESS_GATES, "slow"))
            if _reaches(path, frozenset({name}), gates)
        }
        for name in names
    }


def test_oracle_and_process_tests_are_told_from_the_rest(tmp_path: Path) -> None:
    assert _marks(tmp_path) == {
        # crm_verify is a gate, and runs a process too
        "test_through_a_helper": {"oracle", "slow"},
        "test_in_process": set(),
        "test_imports_inside": {"oracle"},
        "test_command_line": {"slow"},
        "test_own_process": {"slow"},
        "test_annotation_only": set(),
    }


def test_a_fixture_that_needs_a_tool_marks_its_tests(tmp_path: Path) -> None:
    path = tmp_path / "test_fixture.py"
    path.write_text(
        "from tests.helpers import need_tool\n\n\ndef cib(tmp_path):\n    need_tool('cibadmin')\n",
        encoding="utf-8",
    )
    assert _reaches(path, frozenset({"test_x", "cib"}), ORACLE_GATES)
    assert not _reaches(path, frozenset({"test_x", "tmp_path"}), ORACLE_GATES)
