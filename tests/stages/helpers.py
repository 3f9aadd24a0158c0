"""Small definitions, written as CSV text, taken through the stages in-process."""

from __future__ import annotations

from typing import List, Optional, Tuple

from pcsgen import ir
from pcsgen.compiler.builders import build
from pcsgen.compiler.check import Context
from pcsgen.compiler.complete import complete
from pcsgen.compiler.emit.dialects import dialect
from pcsgen.compiler.read.csv_reader import parse_csv_text
from pcsgen.compiler.table_reader import read_tables
from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Source

SOURCE = Source("stage.csv")


def table(marker: str, header: str, *rows: str) -> str:
    """One table: its marker row, its header row, then its data rows (`,`-separated, from
    the third column on)."""
    return "\n".join([f",{marker}", f",,{header}", *(f",,{row}" for row in rows)]) + "\n"


def tables_of(text: str) -> Tuple[List[RawTable], Diagnostics]:
    diagnostics = Diagnostics()
    return read_tables(parse_csv_text(text, SOURCE), diagnostics), diagnostics


def built(text: str) -> Tuple[ir.Cluster, Diagnostics]:
    """The IR the builders make, not completed."""
    tables, diagnostics = tables_of(text)
    return build(tables, "stage", diagnostics, SOURCE), diagnostics


def completed(
    text: str, target: str = "rhel9", corosync: Optional[str] = None
) -> Tuple[ir.Cluster, Context, Diagnostics]:
    """The completed IR, and what the checks take besides it."""
    cluster, diagnostics = built(text)
    done = complete(cluster, target, corosync, False, diagnostics)
    return cluster, Context(target, dialect(target), done.provider, done.cluster_nodes), diagnostics


def codes(diagnostics: Diagnostics) -> List[str]:
    return [d.code for d in diagnostics]
