"""Descriptions of CIB elements: `pcs resource|stonith description` and `pcs cib element
description` came with pcs 0.12.2 (RHEL 10.2). A target whose pcs has them compiles them
from ADDITIONAL_CONFIG into the CIB and the script, and the import writes a CIB's
descriptions as those commands; an older target refuses them at their cell, and the
import names the descriptions as left out."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
from lxml import etree

from pcsgen.compiler.emit.dialects import dialect
from pcsgen.generations import all_target_names
from pcsgen.pcs.element_description import set_description
from tests.definitions import minimal, write_csv
from tests.helpers import run_pcsgen
from tests.helpers.generations import generation_of
from tests.helpers.paths import ROOT

CLUFTER = ROOT / "tests" / "data" / "cibs-field" / "clufter" / "filled.xml"
CIB = b"""<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"
description="old"/></resources>
<constraints><rsc_location id="l1" rsc="d1" node="n1" score="10"/></constraints>
</configuration><status><node_state id="d2"/></status></cib>"""


def _root() -> etree._Element:
    return etree.fromstring(CIB)


def _one(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path)
    assert found is not None, path
    return found


def test_only_pcs_0_12_2_and_later_have_the_commands() -> None:
    having = sorted(n for n in all_target_names() if dialect(n).element_descriptions)
    assert having == ["rhel10", "rhel10.2"]


def test_a_description_is_set_replaced_and_removed_as_pcs_does() -> None:
    root = _root()
    assert set_description(root, [], ["1", "first node"]) is None
    assert _one(root, "configuration/nodes/node").get("description") == "first node"
    assert set_description(root, [], ["d1", "new <text> & 'quotes'"]) is None
    assert _one(root, ".//primitive").get("description") == "new <text> & 'quotes'"
    assert set_description(root, [], ["d1", ""]) is None
    assert "description" not in _one(root, ".//primitive").attrib


@pytest.mark.parametrize(
    "options,arguments,key",
    [
        ([], ["no-such", "x"], "desc_no_such_id"),
        ([], ["d2", "x"], "desc_no_such_id"),  # the status section is not searched
        ([], ["l1", "x"], "desc_not_described"),  # a constraint takes none
        ([], ["d1"], "desc_arguments"),  # reading it edits nothing
        ([], ["d1", "a", "b"], "desc_arguments"),
        (["--force"], ["d1", "x"], "desc_no_options"),
        ([], ["d1", "a\x01b"], "desc_not_xml"),
    ],
)
def test_what_pcs_refuses_is_refused_and_nothing_changes(
    options: List[str], arguments: List[str], key: str
) -> None:
    root = _root()
    before = etree.tostring(root)
    problem = set_description(root, options, arguments)
    assert problem is not None and problem.key == key
    assert etree.tostring(root) == before


def _with_commands(tmp_path: Path, *commands: str) -> None:
    document = minimal()
    document["tables"].append(
        {"table": "ADDITIONAL_CONFIG", "rows": [{"config": c} for c in commands]}
    )
    write_csv(document, tmp_path / "d.csv")


def test_rhel10_2_writes_descriptions_into_the_cib_and_the_script(tmp_path: Path) -> None:
    _with_commands(
        tmp_path,
        "pcs resource description d1 'first'",
        "pcs cib element description d1 'the first dummy'",  # the later one stays
    )
    result = run_pcsgen(["d.csv", "--corosync-conf", "", "--target", "rhel10"], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    root = etree.parse(str(tmp_path / "d.xml")).getroot()
    assert _one(root, ".//primitive[@id='d1']").get("description") == "the first dummy"
    script = (tmp_path / "d.sh").read_text("utf-8")
    assert "resource description -- d1 first" in script
    assert "cib element description -- d1 'the first dummy'" in script
    # pcsgen applied them itself: no word of this machine's pcs having made them
    assert "PG524" not in result.stderr and "PG503" not in result.stderr


def test_descriptions_need_no_pcs_on_this_machine(tmp_path: Path) -> None:
    _with_commands(tmp_path, "pcs resource description d1 'kept'")
    result = run_pcsgen(
        ["d.csv", "--corosync-conf", "", "--target", "rhel10"],
        tmp_path,
        env={"PATH": str(tmp_path / "no-tools")},
    )
    assert result.returncode in (0, 2), result.stderr
    assert 'description="kept"' in (tmp_path / "d.xml").read_text("utf-8")


@pytest.mark.parametrize(
    "target,says",
    [
        ("rhel10.1", "pcs 0.12.1 has no such command (it came with pcs 0.12.2)"),
        ("rhel9", "pcs 0.11.11 has no such command"),
        ("rhel8", "pcs 0.10.18 has no such command"),
    ],
)
def test_an_older_target_refuses_the_command_at_its_cell(
    target: str, says: str, tmp_path: Path
) -> None:
    _with_commands(tmp_path, "pcs stonith description d1 'x'")
    result = run_pcsgen(["d.csv", "--corosync-conf", "", "--target", target], tmp_path)
    assert result.returncode == 1, result.stderr
    line = next(line for line in result.stderr.splitlines() if "PG520" in line)
    assert "d.csv!" in line and says in line, line
    assert not (tmp_path / "d.xml").exists() and not (tmp_path / "d.sh").exists()


def test_a_description_of_no_such_element_fails_the_compile(tmp_path: Path) -> None:
    _with_commands(tmp_path, "pcs resource description ghost 'x'")
    result = run_pcsgen(["d.csv", "--corosync-conf", "", "--target", "rhel10"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "error PG504" in result.stderr and "'ghost' does not exist" in result.stderr
    assert not (tmp_path / "d.xml").exists()


def test_import_carries_descriptions_for_rhel10_and_names_them_lost_before(
    tmp_path: Path,
) -> None:
    """clufter's CIB describes two primitives: for rhel10 (pcs 0.12.2) import, compile
    and diff give the same configuration, which crm_verify accepts; for rhel9 the
    descriptions are named as left out."""
    done = run_pcsgen(["import", str(CLUFTER), "-o", "c10.csv", "--target", "rhel10"], tmp_path)
    assert done.returncode in (0, 2), done.stderr
    assert "PG712" not in done.stderr
    assert "pcs resource description RESOURCE-ip-10.34.71.234" in (tmp_path / "c10.csv").read_text(
        "utf-8"
    )
    built = run_pcsgen(
        ["c10.csv", "--target", "rhel10", "--corosync-conf", "", "--no-system-agents"],
        tmp_path,
    )
    assert built.returncode in (0, 2), built.stderr
    same = run_pcsgen(["diff", str(CLUFTER), "c10.xml"], tmp_path)
    assert same.returncode == 0 and "equal" in same.stdout, same.stdout + same.stderr
    assert generation_of("rhel10").verify(tmp_path / "c10.xml") == []

    older = run_pcsgen(["import", str(CLUFTER), "-o", "c9.csv", "--target", "rhel9"], tmp_path)
    assert older.returncode in (0, 2), older.stderr
    assert older.stderr.count("warning PG712") == 2
    assert "description" not in (tmp_path / "c9.csv").read_text("utf-8")
