"""A failure test plan (`pcsgen.simulation.testplan`'s rows) as CSV, or as an xlsx
workbook styled like the definition template: the plan, where every resource is after
each scenario, and, for a plan run in the lab, its results filled in with their evidence.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, List, Mapping, Optional

from pcsgen.diagnostics.messages import text
from pcsgen.simulation.simulate import Simulation
from pcsgen.simulation.testplan import PlanRow, display_width, results, rows

RESULT_CHOICES = ["OK", "NG"]
HEADER_FILL = "DDEBF7"  # as the definition template's headers
STOPPED_FONT = "C00000"


@dataclass(frozen=True)
class Observed:
    """A scenario as run on a real cluster (`pcsgen test run --lab`), for its row."""

    result: str  # OK, NG or not run
    outcome: str  # where everything ran afterwards, what was fenced, what differed
    recovery_seconds: Optional[float]
    before: str  # crm_mon before the event
    after: str  # and once settled


# the result columns a run in the lab fills, after the plan's own
RESULT_COLUMNS = ["lab_col_observed", "lab_col_recovery", "lab_col_evidence"]
RESULT_WIDTHS = [48, 12, 12]


# --- csv and xlsx -----------------------------------------------------------------------------

COLUMNS = [
    "sim_col_no",
    "sim_col_category",
    "sim_col_scenario",
    "sim_col_operation",
    "sim_col_inject",
    "sim_col_expected",
    "sim_col_check",
    "sim_col_restore",
    "sim_col_result",
    "sim_col_checked_by",
]
WIDTHS = [6, 16, 36, 48, 30, 60, 40, 32, 10, 14]


def _cells(row: PlanRow, lang: str) -> List[Any]:
    return [
        row.number,
        row.category,
        row.scenario,
        row.operation,
        row.inject,
        "\n".join(row.expected(lang)),
        row.check,
        row.restore,
        "",
        "",
    ]


def format_csv(simulation: Simulation, lang: str = "en") -> bytes:
    """The plan as CSV; no field runs as a formula in the spreadsheet that opens it."""
    from pcsgen.workbook.writer import csv_guard

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([text(key, lang) for key in COLUMNS])
    for row in rows(simulation, lang):
        writer.writerow([csv_guard(str(cell), read_by_people=True) for cell in _cells(row, lang)])
    return buffer.getvalue().encode("utf-8")


def _basis(simulation: Simulation, lang: str) -> str:
    values = sorted(
        {
            f"{name}={value}"
            for node in simulation.attributes.values()
            for name, value in node.items()
        }
    )
    extra = text("sim_basis_attributes", lang, attributes=", ".join(values)) if values else ""
    return text("sim_basis", lang, nodes=", ".join(simulation.nodes), attributes=extra)


def _append(page: Any, values: List[Any]) -> None:
    """A row of text cells: a node named `=HYPERLINK(...)` is shown, never evaluated."""
    from pcsgen.workbook.writer import as_text

    page.append(values)
    as_text(page, page.max_row, values)


LINE_HEIGHT = 15  # points


def _lines(value: str, width: int) -> int:
    """Lines a wrapped cell of WIDTH characters needs."""
    return sum(max(1, -(-display_width(line) // max(1, width - 1))) for line in value.split("\n"))


def _result_cells(row: PlanRow, observed: Mapping[int, Observed], lang: str) -> List[Any]:
    """The Result column's value and the lab's columns for ROW ('' where not run at all)."""
    found = observed.get(row.number)
    if found is None:
        return ["", "", "", ""]
    if found.result not in RESULT_CHOICES:
        return [text("lab_not_run", lang), found.outcome, "", ""]  # the outcome: why
    seconds = "" if found.recovery_seconds is None else round(found.recovery_seconds, 1)
    return [found.result, found.outcome, seconds, text("lab_evidence_ref", lang, number=row.number)]


def format_xlsx(
    simulation: Simulation, lang: str = "en", observed: Optional[Mapping[int, Observed]] = None
) -> bytes:
    """The plan as a workbook; with OBSERVED (by row number: a run in the lab), the
    Result column filled, the observed outcome and recovery time beside it, and the
    evidence (crm_mon before and after) on a sheet of its own."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.title = text("sim_sheet_plan", lang)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    _append(page, [text("sim_title", lang, name=simulation.name or "cluster")])
    page["A1"].font = Font(bold=True, size=14)
    _append(page, [_basis(simulation, lang)])
    if not simulation.reached:
        _append(page, [text("sim_not_reached", lang)])
        page.cell(page.max_row, 1).font = Font(bold=True, color=STOPPED_FONT)
    _append(page, [])
    columns = COLUMNS + (RESULT_COLUMNS if observed is not None else [])
    widths = WIDTHS + (RESULT_WIDTHS if observed is not None else [])
    _append(page, [text(key, lang) for key in columns])
    header = page.max_row
    for cell in page[header]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = wrap
    plan = rows(simulation, lang)
    for row in plan:
        cells = _cells(row, lang)
        if observed is not None:
            filled = _result_cells(row, observed, lang)
            cells[COLUMNS.index("sim_col_result")] = filled[0]
            cells += filled[1:]
        _append(page, cells)
        for cell in page[page.max_row]:
            cell.alignment = wrap
        if row.stopped:
            page.cell(page.max_row, 6).font = Font(color=STOPPED_FONT)
        if cells[COLUMNS.index("sim_col_result")] == "NG":
            page.cell(page.max_row, COLUMNS.index("sim_col_result") + 1).font = Font(
                bold=True, color=STOPPED_FONT
            )
        # spreadsheets do not grow a row to its wrapped text when they open a file
        page.row_dimensions[page.max_row].height = LINE_HEIGHT * max(
            _lines(str(value), width) for value, width in zip(cells, widths)
        )
    for index, width in enumerate(widths, 1):
        page.column_dimensions[get_column_letter(index)].width = width
    # printed on A4 landscape, one page wide, the header on every page
    page.page_setup.orientation = "landscape"
    page.page_setup.paperSize = page.PAPERSIZE_A4
    page.page_setup.fitToWidth = 1
    page.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    page.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    page.print_title_rows = f"{header}:{header}"
    if plan:
        choices = DataValidation(
            type="list",
            formula1='"' + ",".join(RESULT_CHOICES) + '"',
            allow_blank=True,
            errorStyle="warning",
            showErrorMessage=True,
        )
        page.add_data_validation(choices)
        letter = get_column_letter(COLUMNS.index("sim_col_result") + 1)
        choices.add(f"{letter}{header + 1}:{letter}{header + len(plan)}")
    page.freeze_panes = f"C{header + 1}"
    _placements_sheet(book, simulation, lang, bold, fill)
    if observed is not None:
        _evidence_sheet(book, plan, observed, lang, bold, fill)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _placements_sheet(book: Any, simulation: Simulation, lang: str, bold: Any, fill: Any) -> None:
    """Resources down, scenarios across: where each resource is after each scenario."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    page = book.create_sheet(text("sim_sheet_placements", lang))
    found = results(simulation)
    _append(
        page,
        [text("sim_resource", lang)]
        + [f"{text('sim_col_no', lang)} {n}" for n in range(1, len(found) + 1)],
    )
    for cell in page[1]:
        cell.font = bold
        cell.fill = fill
    for rid in simulation.initial:
        _append(page, [rid] + [", ".join(r.after.placements.get(rid, [])) or "-" for r in found])
        for index, result in enumerate(found, 2):
            if not result.after.placements.get(rid):
                page.cell(page.max_row, index).font = Font(bold=True, color=STOPPED_FONT)
    page.column_dimensions["A"].width = 22
    for index in range(2, len(found) + 2):
        page.column_dimensions[get_column_letter(index)].width = 16
    page.freeze_panes = "B2"


def _evidence_sheet(
    book: Any,
    plan: List[PlanRow],
    observed: Mapping[int, Observed],
    lang: str,
    bold: Any,
    fill: Any,
) -> None:
    """crm_mon before and after each scenario run in the lab, one row each."""
    from openpyxl.styles import Alignment

    page = book.create_sheet(text("lab_sheet_evidence", lang))
    _append(
        page,
        [
            text(key, lang)
            for key in ("sim_col_no", "sim_col_scenario", "lab_col_before", "lab_col_after")
        ],
    )
    for cell in page[1]:
        cell.font = bold
        cell.fill = fill
    top = Alignment(wrap_text=True, vertical="top")
    for row in plan:
        found = observed.get(row.number)
        if found is None or found.result not in RESULT_CHOICES:
            continue
        _append(page, [row.number, row.scenario, found.before, found.after])
        for cell in page[page.max_row]:
            cell.alignment = top
    for letter, width in zip("ABCD", (6, 36, 90, 90)):
        page.column_dimensions[letter].width = width
    page.freeze_panes = "C2"
