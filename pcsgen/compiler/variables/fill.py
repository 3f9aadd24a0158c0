"""The raw tables' cells filled in place, each failure reported at its cell; and where
each variable is used."""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Set, Tuple

from pcsgen.compiler.tables import Cell, DataRow, RawTable
from pcsgen.compiler.variables import bounded
from pcsgen.compiler.variables.bounded import render_all, render_stopped
from pcsgen.compiler.variables.sandbox import has_placeholder, names_in
from pcsgen.compiler.variables.sources import VariableSet, register_secrets
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location, Source


class Filling(NamedTuple):
    """What filling the placeholders did: the rows that held one (the lint does not call
    a placeholder a password in plain text), the variables each filled cell named (a
    check refusing the value names them), and whether any cell failed to fill."""

    rows: Set[Tuple[Source, int]]
    cells: Dict[Location, Tuple[str, ...]]
    failed: bool


def substitute(tables: List[RawTable], variables: VariableSet, diagnostics: Diagnostics) -> Filling:
    """Render every value cell holding a placeholder, in place."""
    register_secrets(variables, diagnostics)
    # (where the cell is kept, its key, the cell, its row)
    jobs: List[Tuple[Any, Any, Cell, DataRow]] = []
    for table in tables:
        if table.marker == "VARIABLES":
            continue
        for section in table.sections:
            for row in section.rows:
                if not row.braces:
                    continue
                for cells in (row.cells, row.extra):
                    for key, cell in cells.items():
                        if cell.value and has_placeholder(cell.value):
                            jobs.append((cells, key, cell, row))
                for items in row.repeated.values():
                    for index, cell in enumerate(items):
                        if cell.value and has_placeholder(cell.value):
                            jobs.append((items, index, cell, row))
    outcomes = render_all([cell.value for _, _, cell, _ in jobs], variables)
    rows_with_placeholders: Set[Tuple[Source, int]] = {
        (row.source, row.row) for _, _, _, row in jobs
    }
    filled: Dict[Location, Tuple[str, ...]] = {}
    failed = len(outcomes) < len(jobs)
    for (holder, key, cell, _row), outcome in zip(jobs, outcomes):
        diagnostics.secrets.update(outcome.secrets)
        if outcome.code is not None:
            diagnostics.error(outcome.code, cell.location, **outcome.args)
            failed = True
        elif outcome.text is not None:
            holder[key] = cell._replace(value=outcome.text)
            filled[cell.location] = tuple(sorted(_names_or_none(cell.value)))
    if len(outcomes) < len(jobs):
        cell = jobs[len(outcomes)][2]
        stopped = render_stopped()
        if stopped is None or stopped.timed_out:
            diagnostics.error("PG611", cell.location, seconds=f"{bounded.RENDER_SECONDS:g}")
        else:
            diagnostics.error("PG612", cell.location, reason=stopped.reason)
        # the cells left keep their text; the run has failed already
    return Filling(rows_with_placeholders, filled, failed)


def _names_or_none(text: str) -> Set[str]:
    from jinja2 import TemplateSyntaxError

    try:
        return names_in(text)
    except TemplateSyntaxError:
        return set()


def usages(tables: List[RawTable]) -> Dict[str, List[Location]]:
    """Where each variable is used: name -> the cells that name it."""
    from jinja2 import TemplateSyntaxError

    used: Dict[str, List[Location]] = {}
    for table in tables:
        for section in table.sections:
            for row in section.rows:
                cells = list(row.cells.values()) + list(row.extra.values())
                for items in row.repeated.values():
                    cells += items
                for cell in cells:
                    if cell.value and has_placeholder(cell.value):
                        try:
                            names = names_in(cell.value)
                        except TemplateSyntaxError:
                            continue
                        for name in sorted(names):
                            used.setdefault(name, []).append(cell.location)
    return used
