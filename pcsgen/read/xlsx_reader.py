"""Excel workbooks (.xlsx, .xlsm), read streaming with openpyxl's read-only mode."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any, Iterator, List, Optional, Tuple

from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.location import Location, Source
from pcsgen.read.grid import Grid, Row

# Zip-bomb guard: the uncompressed size of the parts we let openpyxl read.
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Definition tables use about fifteen columns; reading far beyond is pointless
# and a declared dimension of XFD1048576 must not make us walk 16,384 columns.
MAX_COLUMNS = 128
ERROR_VALUES = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA"}
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ROWS = 1048576  # Excel's own limit
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def cell_text(value: Any) -> str:
    """The text a user sees for a cell: whole numbers without '.0', booleans lower-case."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value)


def _check_container(path: str, source: Source) -> None:
    try:
        with open(path, "rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise PcsgenError("PG001", Location(source), reason=exc.strerror or str(exc)) from None
    if magic == OLE_MAGIC:
        # Both encrypted xlsx files and legacy .xls books are OLE containers.
        raise PcsgenError("PG011", Location(source))
    if not magic.startswith(b"PK"):
        raise PcsgenError("PG004", Location(source), reason="not a zip container")
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > \
                        MAX_COMPRESSION_RATIO and info.file_size > 10 * 1024 * 1024:
                    raise PcsgenError("PG012", Location(source),
                                      reason=f"{info.filename} expands "
                                      f"{info.file_size // info.compress_size} times")
            if total > MAX_UNCOMPRESSED_BYTES:
                raise PcsgenError("PG012", Location(source),
                                  reason=f"{total} bytes uncompressed")
    except zipfile.BadZipFile as exc:
        raise PcsgenError("PG004", Location(source), reason=str(exc)) from None


class Workbook:
    """An open workbook; sheets are read one at a time, on demand."""

    def __init__(self, path: str, display_name: str) -> None:
        self.path = path
        self.display_name = display_name
        source = Source(display_name)
        _check_container(path, source)
        import openpyxl  # imported here: CSV runs and --help never pay for it

        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True,
                                                keep_links=False)
        except PcsgenError:
            raise
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise PcsgenError("PG004", Location(source), reason=f"{type(exc).__name__}: {exc}") \
                from None

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def sheet_names(self) -> List[str]:
        return list(self._book.sheetnames)

    def is_hidden(self, name: str) -> bool:
        return getattr(self._book[name], "sheet_state", "visible") != "visible"

    def _values(self, name: str) -> Iterator[Tuple[Any, ...]]:
        sheet = self._book[name]
        # The declared dimension may claim a million rows the file does not hold:
        # forget it, so only the rows present are read.
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        yield from sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)

    def _formulas_without_values(self, name: str) -> List[Tuple[int, int]]:
        """Cells holding a formula whose value was never computed and saved (files written
        by tools other than Excel or LibreOffice): openpyxl reads them as empty."""
        sheet = self._book[name]
        archive = getattr(self._book, "_archive", None)
        part = getattr(sheet, "_worksheet_path", None)
        if archive is None or part is None:
            return []
        try:
            data = archive.read(part)
        except (KeyError, OSError, zipfile.BadZipFile):
            return []
        if not _FORMULA_TAG.search(data):
            return []
        from lxml import etree
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        found: List[Tuple[int, int]] = []
        for _event, cell in etree.iterparse(io.BytesIO(data), tag=f"{{{_MAIN_NS}}}c",
                                            resolve_entities=False, no_network=True):
            children = {etree.QName(child).localname: child.text for child in cell}
            if "f" in children and not children.get("v") and cell.get("r"):
                letters, row = coordinate_from_string(cell.get("r"))
                found.append((row, column_index_from_string(letters)))
            cell.clear()
        return found

    def looks_like_definition(self, name: str, markers: frozenset[str]) -> bool:
        """True when column B holds a table marker; stops at the first one."""
        for values in self._values(name):
            if len(values) > 1 and isinstance(values[1], str) and \
                    values[1].strip().upper() in markers:
                return True
        return False

    def read_sheet(self, name: str) -> Grid:
        source = Source(self.display_name, name)
        notes = Diagnostics()
        rows: List[Row] = []
        empty: Optional[Tuple[Any, ...]] = None
        try:
            for number, values in enumerate(self._values(name), start=1):
                if values is empty:
                    continue  # openpyxl's filler for missing rows: one shared tuple
                if not any(v is not None and v != "" for v in values):
                    empty = values
                    continue
                if number > MAX_ROWS:
                    raise PcsgenError("PG012", Location(source, number),
                                      reason=f"more than {MAX_ROWS} rows")
                texts: List[str] = []
                for column, value in enumerate(values, start=1):
                    text = cell_text(value)
                    if isinstance(value, (datetime.date, datetime.time)):
                        notes.warning("PG017", Location(source, number, column), value=text)
                    elif isinstance(value, str) and value in ERROR_VALUES:
                        notes.error("PG013", Location(source, number, column), value=value)
                        text = ""
                    texts.append(text)
                rows.append((number, _trim_trailing(texts)))
            for number, column in self._formulas_without_values(name):
                notes.warning("PG014", Location(source, number, column))
        except PcsgenError:
            raise
        except Exception as exc:
            raise PcsgenError("PG004", Location(source), reason=f"{type(exc).__name__}: {exc}") \
                from None
        return Grid(source, rows, notes)


def _trim_trailing(texts: List[str]) -> List[str]:
    end = len(texts)
    while end and texts[end - 1] == "":
        end -= 1
    return texts[:end]


def open_workbook(path: str, display_name: Optional[str] = None) -> Workbook:
    return Workbook(path, display_name or path)
