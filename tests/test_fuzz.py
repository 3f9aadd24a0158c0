"""Property-based tests: random grids and random mutations of the sample never crash the
reader, the lint or the emitters, and whatever compiles passes crm_verify."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pcsgen.compiler.pipeline import Options, analyse_grid, emit
from pcsgen.compiler.read.csv_reader import parse_csv_text
from pcsgen.compiler.read.grid import Grid
from pcsgen.diagnostics.location import Source
from pcsgen.schema import load_schema
from tests.helpers import SAMPLES, crm_verify

# thousands of generated definitions, each compiled
pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("PCSGEN_FUZZ_EXAMPLES", "2000"))
OPTIONS = Options(
    corosync_conf=str(SAMPLES / "corosync.conf"), system_agents=False, apply_additional_config=False
)

MARKERS = sorted(load_schema()) + ["P", "A", "O", "R", "p", "resources", "BOGUS"]
COLUMNS = sorted(
    {c.name for t in load_schema().values() for s in t.sections for c in s.columns}
    | {"on-fail", "requires", "x"}
)
VALUES = [
    "",
    "d1",
    "d2",
    "grp",
    "INFINITY",
    "-inf",
    "100",
    "x" * 3,
    "Promoted",
    "master",
    "start",
    "promote",
    "true",
    "no",
    "ocf",
    "pacemaker",
    "Dummy",
    "heartbeat",
    "IPaddr2",
    "fence_ipmilan",
    "Group",
    "Clone",
    "Primitive",
    "Stonith",
    "Promotable",
    "options",
    "meta",
    "utilization",
    "monitor",
    "10s",
    "and",
    "or",
    "eq",
    "defined",
    "#uname",
    "n1",
    "<&>\"'",
    "$(id)",
    "\u3000全角\u3000",
    "pcs resource cleanup",
    "1bad",
    "a b",
    "\t",
    "\n",
    # what pcs reads its own way, and agent names holding a path
    "p=q",
    "--wait",
    "--group=x",
    "-Vx",
    "(x)",
    "n%1",
    "../x",
    "../../../../bin/sh",
    "pcs cluster cib /tmp/x",
    "pcs resource create x ocf:heartbeat:../x",
    "pcs resource meta d1 --force a=b",
]

cell = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))
row = st.builds(
    lambda a, b, rest: [a, b, *rest],
    st.sampled_from(["", "", "#", "# note", "x"]),
    st.one_of(st.just(""), st.just(""), st.sampled_from(MARKERS)),
    st.lists(st.one_of(cell, st.sampled_from(COLUMNS)), max_size=8),
)
grids = st.lists(row, max_size=40)


def _run(rows: List[List[str]]) -> None:
    grid = Grid(Source("fuzz.csv"), [(i + 1, r) for i, r in enumerate(rows) if any(r)])
    analysis = analyse_grid(grid, "fuzz", OPTIONS)
    compiled = emit(analysis, OPTIONS)
    if not analysis.diagnostics.has_errors:
        assert compiled.cib is not None and compiled.script is not None


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(grids)
def test_random_grids_never_crash(rows: List[List[str]]) -> None:
    _run(rows)


def _sample_rows() -> List[List[str]]:
    text = (SAMPLES / "haproxy-lb.csv").read_text("utf-8")
    return [r for _, r in parse_csv_text(text, Source("s.csv")).rows]


SAMPLE = _sample_rows()


@st.composite
def mutated_sample(draw: st.DrawFn) -> List[List[str]]:
    rows = [list(r) for r in SAMPLE]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["set", "delete_row", "duplicate_row", "swap", "clear"]))
        index = draw(st.integers(0, len(rows) - 1))
        if kind == "set":
            column = draw(st.integers(0, max(len(rows[index]) - 1, 0)))
            if rows[index]:
                rows[index][column] = draw(cell)
        elif kind == "delete_row" and len(rows) > 1:
            del rows[index]
        elif kind == "duplicate_row":
            rows.insert(index, list(rows[index]))
        elif kind == "swap":
            other = draw(st.integers(0, len(rows) - 1))
            rows[index], rows[other] = rows[other], rows[index]
        elif kind == "clear":
            rows[index] = [""] * len(rows[index])
    return rows


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_sample())
def test_mutated_sample_never_crashes(rows: List[List[str]]) -> None:
    _run(rows)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=mutated_sample())
def test_whatever_compiles_passes_crm_verify(tmp_path: Path, rows: List[List[str]]) -> None:
    grid = Grid(Source("fuzz.csv"), [(i + 1, r) for i, r in enumerate(rows) if any(r)])
    compiled = emit(analyse_grid(grid, "fuzz", OPTIONS), OPTIONS)
    # most mutations still compile; a run where few do would say so (filter_too_much)
    assume(compiled.cib is not None)
    path = tmp_path / "fuzz.xml"
    path.write_bytes(compiled.cib)
    crm_verify(path)
