"""`pcsgen import OLD --from pm_crmgen`: read a pm_crmgen definition (CSV, .xls or
.xlsx), convert it, write the pm_pcsgen workbook and the migration report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, NamedTuple, Optional, Tuple

from pcsgen.compiler.read.grid import Grid
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.severity import Severity
from pcsgen.migrate.changes import Change, Changes
from pcsgen.migrate.crmgen_tables import TABLES, is_crmgen, read_crmgen_tables

XLS = ".xls"


class Migration(NamedTuple):
    paths: List[str]  # what was written: the workbook, the report as text and as JSON
    changes: List[Change]
    diagnostics: Diagnostics


def split_book(spec: str) -> Tuple[str, Optional[str]]:
    """BOOK.xls:SHEET as BOOK.xlsx:SHEET is split; a path that exists never is."""
    if os.path.exists(spec):
        return spec, None
    index = spec.lower().rfind(XLS + ":")
    if index > 0:
        return spec[: index + len(XLS)], spec[index + len(XLS) + 1 :]
    from pcsgen.compiler.read import split_sheet

    return split_sheet(spec)


def read_grid(path: str, sheet: Optional[str]) -> Grid:
    from pcsgen.compiler.read import choose_sheet, read_input

    if Path(path).suffix.lower() != XLS:
        if Path(path).suffix.lower() in (".xlsx", ".xlsm") and sheet is None:
            sheet = _crmgen_sheet(path)
        return read_input(path, sheet)
    if not os.path.isfile(path):
        raise PcsgenError("PG001", Location(Source(path)), reason=path)
    from pcsgen.migrate.xls_reader import read_xls, sheet_names

    names = sheet_names(path)
    if sheet is None:
        found = [n for n in names if is_crmgen(read_xls(path, n)) and _has_data(read_xls(path, n))]
        sheet = choose_sheet(
            names, [False] * len(names), [n in found for n in names], None, Source(path)
        )
    return read_xls(path, sheet)


def _has_data(grid: Grid) -> bool:
    """A sheet with a RESOURCES row below its header: not the empty template."""
    tables = read_crmgen_tables(grid, Diagnostics())
    return any(r.value("id") for t in tables if t.marker == "RESOURCES" for r in t.rows)


def _crmgen_sheet(path: str) -> Optional[str]:
    from pcsgen.compiler.read import choose_sheet
    from pcsgen.compiler.read.xlsx_reader import open_workbook

    with open_workbook(path) as book:
        names = book.sheet_names
        markers = frozenset(TABLES)
        found = [book.looks_like_definition(n, markers) for n in names]
        hidden = [book.is_hidden(n) for n in names]
        return choose_sheet(names, hidden, found, None, Source(path))


def looks_like_crmgen(spec: str) -> bool:
    """The input is a pm_crmgen definition (its title, or a table only it has)."""
    path, sheet = split_book(spec)
    if Path(path).suffix.lower() not in (".csv", ".txt", XLS, ".xlsx", ".xlsm"):
        return False
    try:
        if Path(path).suffix.lower() == XLS:
            return True
        if sheet is None and Path(path).suffix.lower() != ".csv":
            from pcsgen.compiler.read.xlsx_reader import open_workbook

            with open_workbook(path) as book:
                return any(is_crmgen(book.read_sheet(n)) for n in book.sheet_names)
        from pcsgen.compiler.read import read_input

        return is_crmgen(read_input(path, sheet))
    except PcsgenError:
        return False


def migrate(
    spec: str, output: str, target: str = "rhel9", lang: str = "en", force: bool = False
) -> Migration:
    from pcsgen.migrate.convert import convert
    from pcsgen.migrate.report import SHEET, report_json, report_sheet, report_text
    from pcsgen.outputs import Output, file_mode, write_all
    from pcsgen.secrets import is_secret_name
    from pcsgen.workbook.writer import document_to_sheet, grid_to_csv, sheets_to_xlsx

    suffix = Path(output).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise PcsgenError("PG702", None, path=output, hint=" or a .csv file")
    path, sheet = split_book(spec)
    diagnostics = Diagnostics()
    grid = read_grid(path, sheet)
    if grid.notes is not None:
        diagnostics.extend(grid.notes)
    tables = read_crmgen_tables(grid, diagnostics)
    if not tables:
        diagnostics.error("PG009", Location(grid.source))
    changes = Changes()
    name = Path(output).stem or "cluster"
    document = convert(
        tables,
        target,
        diagnostics,
        changes,
        name,
        f"Migrated from pm_crmgen definition {Path(path).name}",
    )
    if diagnostics.has_errors:
        raise PcsgenError.ending(diagnostics)
    # what no table holds stays in view as comment rows at the end of the sheet: crm
    # lines to translate by hand, per-node parameters to set by hand
    layout = document_to_sheet(document, lang=lang)
    for change in changes.items:
        if change.code == "PG980":
            for part in change.args["old"].splitlines() or [""]:
                layout.add([f"# crm: {part}"])
        elif change.code == "PG993":
            layout.add([f"# {change.args['id']} ({change.args['rule']}): {change.args['values']}"])
    base = str(Path(output).with_suffix(""))
    if suffix == ".csv":
        data = grid_to_csv(layout.rows)
    else:
        data = sheets_to_xlsx([(name[:31], layout), (SHEET, report_sheet(changes.items, lang))])
    secret = any(
        is_secret_name(str(item.get("name", "")))
        for table in document["tables"]
        for item in table.get("A", [])
    )
    outputs = [
        Output(output, data, file_mode(secret), kind="import"),
        Output(
            base + ".migration.txt", report_text(changes.items, lang).encode("utf-8"), file_mode()
        ),
        Output(base + ".migration.json", report_json(changes.items).encode("utf-8"), file_mode()),
    ]
    write_all(outputs, inputs=[path], force=force)
    # what was lost or needs a hand is shown as the run's warnings (exit status 2); the
    # exact changes are only in the report
    for change in changes.items:
        if change.severity >= Severity.WARNING:
            diagnostics.add(change.code, change.location, change.severity, **change.args)
    return Migration([o.path for o in outputs], changes.items, diagnostics)
