"""Real CIBs (tests/data/cibs and tests/data/cibs-field, see SOURCES.md in each):
import, compile back, diff.

Every CIB Pacemaker's crm_verify accepts comes back as the same configuration, or the
import named in a warning each thing that did not survive. The others (CIBs crm_verify
refuses) must still import without a crash, and compile unless they hold what
Pacemaker itself refuses. The CIBs from the field (other projects' clusters and
fixtures) all compile back, whatever crm_verify says of them, with every difference
named."""

from __future__ import annotations

from pathlib import Path
from typing import Set

import pytest

from tests.corpus import cib_files, crm_verify_accepts, node_source, round_trip, unexplained
from tests.helpers import need_tool, run_pcsgen, run_script

CORPUS = Path(__file__).resolve().parent / "data" / "cibs"
FILES = cib_files([CORPUS])
FIELD = Path(__file__).resolve().parent / "data" / "cibs-field"
FIELD_FILES = cib_files([FIELD])


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_round_trip(path: Path, tmp_path: Path) -> None:
    need_tool("pcs")
    accepted = crm_verify_accepts(path)
    if accepted is None:
        need_tool("crm_verify")
    result = round_trip(path, workdir=tmp_path)
    assert result.verdict != "import-failed", result.errors
    if not accepted:
        return
    assert result.verdict in ("equal", "warned"), result.errors
    assert not unexplained(result), (result.changes, result.warnings)


@pytest.mark.parametrize("path", FIELD_FILES, ids=[str(p.relative_to(FIELD)) for p in FIELD_FILES])
def test_field_round_trip(path: Path, tmp_path: Path) -> None:
    """A CIB from the field compiles back after import, crm_verify's verdict aside
    (what Pacemaker refuses or reads past is left out, named), and every difference
    left is named by a warning."""
    need_tool("pcs")
    result = round_trip(path, workdir=tmp_path)
    assert result.verdict in ("equal", "warned"), result.errors
    assert not unexplained(result), (result.changes, result.warnings)


def _listed(corpus: Path) -> Set[str]:
    sources = (corpus / "SOURCES.md").read_text(encoding="utf-8")
    return {
        line.split("|")[1].strip()
        for line in sources.splitlines()
        if line.startswith("| ") and not line.startswith("| file")
    }


def test_corpus_is_the_one_sources_describes() -> None:
    assert _listed(CORPUS) == {str(p.relative_to(CORPUS)) for p in FILES}
    assert len(FILES) >= 250


def test_field_corpus_is_the_one_sources_describes() -> None:
    assert _listed(FIELD) == {str(p.relative_to(FIELD)) for p in FIELD_FILES}
    assert len(FIELD_FILES) >= 30
    # none of it from the repositories the first corpus comes from
    first = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    theirs = {
        line.split("|")[2].strip()
        for line in first.splitlines()
        if line.startswith("| ") and not line.startswith("| file")
    }
    field = (FIELD / "SOURCES.md").read_text(encoding="utf-8")
    ours = {
        line.split("|")[2].strip()
        for line in field.splitlines()
        if line.startswith("| ") and not line.startswith("| file")
    }
    assert not theirs & ours


# Imported definitions whose scripts are run offline: tags and sets, rules with dates,
# defaults under rules, a bundle with a primitive and utilization, colocation options
# and duplicate constraints, cloned fence devices (forced) and globally unique clones of
# lsb and fence agents (built in steps) (agents installed or in no clone: pcs 0.11
# clones nothing of an agent it does not know, even forced).
SCRIPTED = [
    "pacemaker-scheduler/tags-coloc-order-2.xml",
    "pacemaker-scheduler/nvpair-date-rules-1.xml",
    "pacemaker-scheduler/utilization-complex.xml",
    "pcs/cib-unexportable-constraints.xml",
    "pacemaker-scheduler/force-anon-clone-max.xml",
    "pacemaker-scheduler/managed-0.xml",
    "pcs/cib-unsupported-stonith-config.xml",
]


@pytest.mark.parametrize("name", SCRIPTED)
def test_imported_definition_script_builds_its_cib(name: str, tmp_path: Path) -> None:
    """The script of an imported definition runs with the real pcs (offline, into an
    empty CIB) and builds what compiling wrote."""
    need_tool("pcs")
    from pcsgen.cib.canonical import canonical, parse_cib
    from pcsgen.cib.diff import differences

    source = CORPUS / name
    imported = run_pcsgen(["import", str(source), "-o", "def.csv"], tmp_path)
    assert imported.returncode in (0, 2), imported.stderr
    compiled = run_pcsgen(["def.csv", "--corosync-conf", node_source(source)], tmp_path)
    assert compiled.returncode in (0, 2), compiled.stderr
    built = run_script(tmp_path / "def.sh", tmp_path)
    left = differences(
        canonical(parse_cib((tmp_path / "def.xml").read_bytes())),
        canonical(parse_cib(built.read_bytes())),
    )
    # the script builds into an empty CIB: it has no node entries of its own
    assert [d for d in left if not d.startswith(("- nodes/", "+ nodes/"))] == [], left
