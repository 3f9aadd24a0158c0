"""Excel workbooks (.xlsx, .xlsm), read streaming with openpyxl's read-only mode."""

from __future__ import annotations

import datetime
import re
import zipfile
from typing import Any, Dict, Iterator, List, Optional, Tuple

from pcsgen.compiler.read.grid import MAX_CELL_CHARS, Grid, Row
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.location import Location, Source
from pcsgen.phrase import Phrase, os_reason

# Zip-bomb guard: the uncompressed size of the parts we let openpyxl read.
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Definition tables use about fifteen columns; reading far beyond is pointless
# and a declared dimension of XFD1048576 must not make us walk 16,384 columns.
MAX_COLUMNS = 128
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ROWS = 1048576  # Excel's own limit
# The shared strings are all held in memory: their count and their characters are
# bounded, far above what a definition needs (a 9 MB file of empty strings would
# otherwise take gigabytes).
MAX_SHARED_STRINGS = 2_000_000
MAX_SHARED_STRING_CHARS = 64 * 1024 * 1024
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
        raise PcsgenError("PG001", Location(source), reason=os_reason(exc)) from None
    if magic == OLE_MAGIC:
        # Both encrypted xlsx files and legacy .xls books are OLE containers.
        raise PcsgenError("PG011", Location(source))
    if not magic.startswith(b"PK"):
        raise PcsgenError("PG004", Location(source), reason=Phrase("xlsx_not_zip"))
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > \
                        MAX_COMPRESSION_RATIO and info.file_size > 10 * 1024 * 1024:
                    raise PcsgenError("PG012", Location(source),
                                      reason=Phrase("xlsx_expands", {
                                          "name": info.filename,
                                          "times": info.file_size // info.compress_size}))
            if total > MAX_UNCOMPRESSED_BYTES:
                raise PcsgenError("PG012", Location(source),
                                  reason=Phrase("xlsx_uncompressed", {"bytes": total}))
    except zipfile.BadZipFile as exc:
        raise PcsgenError("PG004", Location(source), reason=str(exc)) from None


class Workbook:
    """An open workbook; sheets are read one at a time, on demand."""

    def __init__(self, path: str, display_name: str) -> None:
        self.path = path
        self.display_name = display_name
        source = Source(display_name)
        _check_container(path, source)
        try:
            self._book, self._strings, self._dates = _load_values_only(path, source)
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
        return self._book.sheetnames

    def is_hidden(self, name: str) -> bool:
        return any(n == name and state != "visible" for n, state, _ in self._book.sheets)

    def _sheet_part(self, name: str) -> str:
        return next(part for n, _state, part in self._book.sheets if n == name)

    def _rows(self, name: str) -> Iterator[Tuple[int, List[Tuple[int, Any]]]]:
        """(row number, [(column, value)]) for every row the sheet's XML holds.

        openpyxl found the sheet, its shared strings and its date styles; the cells
        are streamed here with lxml, which is several times faster than openpyxl's
        cell-by-cell parser, and reads only the rows and cells present whatever
        dimension the file declares."""
        from lxml import etree

        archive = self._book._archive
        strings = self._strings
        dates = self._dates
        epoch = self._book.epoch
        row_tag = f"{{{_MAIN_NS}}}row"
        source = Source(self.display_name, name)
        with archive.open(self._sheet_part(name)) as stream:
            context = etree.iterparse(stream, events=("end",), tag=row_tag,
                                      resolve_entities=False, no_network=True, huge_tree=True)
            expected_row = 0
            for _event, row in context:
                if expected_row == 0:
                    _refuse_dtd(row, source)
                number = _row_number(row.get("r"), expected_row + 1, source)
                expected_row = number
                cells: List[Tuple[int, Any]] = []
                next_column = 1
                for cell in row:
                    column = _column_index(cell.get("r"), next_column)
                    if column < 1:
                        raise PcsgenError("PG020", Location(source, number),
                                          reason=f"bad cell reference {cell.get('r')!r}")
                    next_column = column + 1
                    # most cells of a styled sheet are empty: <c r="E7" s="3"/>
                    if len(cell) == 0 or column > MAX_COLUMNS or cell.tag != _CELL_TAG:
                        continue
                    try:
                        value = _cell_value(cell, strings, dates, epoch)
                    except _Malformed as exc:
                        raise PcsgenError("PG020", Location(source, number, column),
                                          reason=str(exc)) from None
                    cells.append((column, value))
                # keep memory flat on large sheets
                row.clear()
                parent = row.getparent()
                if parent is not None:
                    while row.getprevious() is not None:
                        del parent[0]
                yield number, cells

    def looks_like_definition(self, name: str, markers: frozenset[str]) -> bool:
        """True when column B holds a table marker; stops at the first one."""
        try:
            for _number, cells in self._rows(name):
                for column, value in cells:
                    if column == 2 and isinstance(value, str) and \
                            value.strip().upper() in markers:
                        return True
        except PcsgenError:
            raise
        except Exception as exc:  # a damaged sheet: lxml and zipfile raise many kinds
            raise PcsgenError("PG004", Location(Source(self.display_name, name)),
                              reason=f"{type(exc).__name__}: {exc}") from None
        return False

    def read_sheet(self, name: str) -> Grid:
        source = Source(self.display_name, name)
        notes = Diagnostics()
        rows: List[Row] = []
        try:
            for number, cells in self._rows(name):
                if number > MAX_ROWS:
                    raise PcsgenError("PG012", Location(source, number),
                                      reason=f"more than {MAX_ROWS} rows")
                texts: List[str] = []
                for column, value in cells:
                    if value is None or value == "":
                        continue
                    if isinstance(value, _NoValueFormula):
                        notes.warning("PG014", Location(source, number, column))
                        continue
                    text = cell_text(value)
                    if len(text) > MAX_CELL_CHARS:
                        raise PcsgenError("PG010", Location(source, number, column),
                                          size=len(text), limit=MAX_CELL_CHARS)
                    if isinstance(value, (datetime.date, datetime.time)):
                        notes.warning("PG017", Location(source, number, column), value=text)
                    elif isinstance(value, _ErrorValue):
                        notes.error("PG013", Location(source, number, column), value=text)
                        continue
                    if len(texts) < column:
                        texts.extend([""] * (column - len(texts)))
                    texts[column - 1] = text
                if texts:
                    rows.append((number, texts))
        except PcsgenError:
            raise
        except Exception as exc:
            raise PcsgenError("PG004", Location(source), reason=f"{type(exc).__name__}: {exc}") \
                from None
        return Grid(source, rows, notes)


def _refuse_dtd(element: Any, source: Source) -> None:
    """No spreadsheet writes a DTD; one declaring entities would hide text from the
    reader (the entity is not expanded, and the text after it is lost)."""
    if element.getroottree().docinfo.internalDTD is not None:
        raise PcsgenError("PG004", Location(source),
                          reason=Phrase("xlsx_dtd"))


def _row_number(text: Optional[str], default: int, source: Source) -> int:
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= MAX_ROWS:
        if text.isdigit():
            raise PcsgenError("PG012", Location(source), reason=f"more than {MAX_ROWS} rows")
        raise PcsgenError("PG020", Location(source, default),
                          reason=f"bad row number {text!r}")
    return int(text)


class _Malformed(Exception):
    """A cell whose XML no spreadsheet writes; the reason says what is wrong."""


class _ErrorValue(str):
    """A cell holding a spreadsheet error (#N/A, #REF! ...)."""


class _NoValueFormula:
    """A formula whose result was never computed and saved."""


_NO_VALUE = _NoValueFormula()
_CELL_TAG = f"{{{_MAIN_NS}}}c"
_VALUE_TAG = f"{{{_MAIN_NS}}}v"
_FORMULA_TAG_NS = f"{{{_MAIN_NS}}}f"
_INLINE_TAG = f"{{{_MAIN_NS}}}is"
_TEXT_TAG = f"{{{_MAIN_NS}}}t"
_COLUMN_CACHE: Dict[str, int] = {}


def _column_index(reference: Optional[str], default: int) -> int:
    if not reference:
        return default
    letters = reference.rstrip("0123456789")
    cached = _COLUMN_CACHE.get(letters)
    if cached is not None:
        return cached
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter.upper()) - 64)
    _COLUMN_CACHE[letters] = index
    return index


def _cell_value(cell: Any, strings: List[str], dates: set[int], epoch: Any) -> Any:
    # one pass over the children: each lxml lookup (find, findtext) costs a microsecond,
    # and a large sheet has hundreds of thousands of cells
    kind = cell.get("t", "n")
    value = None
    inline = None
    formula = False
    for child in cell:
        tag = child.tag
        if tag == _VALUE_TAG:
            if len(child):
                raise _Malformed("the value holds markup or an entity reference")
            value = child.text or None
        elif tag == _INLINE_TAG:
            inline = child
        elif tag == _FORMULA_TAG_NS:
            formula = True
    if kind == "s":
        return _shared_string(value, strings) if value is not None else None
    if kind == "inlineStr":
        if inline is None:
            return None
        if len(inline) == 1 and inline[0].tag == _TEXT_TAG and not len(inline[0]):
            return inline[0].text or ""
        texts = list(inline.iter(_TEXT_TAG))
        if any(len(t) for t in texts):
            raise _Malformed("the text holds markup or an entity reference")
        return "".join(t.text or "" for t in texts)
    if value is None:
        return _NO_VALUE if formula else None
    if kind == "str":
        return value
    if kind == "b":
        return value in ("1", "true")
    if kind == "e":
        return _ErrorValue(value)
    if kind == "d":
        return value
    try:
        number: Any = float(value) if any(c in value for c in ".eEnN") else int(value)
    except ValueError:
        raise _Malformed(f"'{value[:40]}' is not a number") from None
    style = cell.get("s")
    if style is not None and style.isdigit() and int(style) in dates:
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(number, epoch)
        except (ValueError, OverflowError, TypeError):
            raise _Malformed(f"{value[:40]} is not a date") from None
    return number


def _shared_string(index: str, strings: List[str]) -> str:
    """A shared string by its index, which must name one (no negative index)."""
    if not index.isdigit():
        raise _Malformed(f"shared string index '{index[:40]}' is not a number")
    number = int(index)
    if number >= len(strings):
        raise _Malformed(f"shared string {number} does not exist ({len(strings)} in the "
                         "workbook)")
    return strings[number]


# Number formats, read here rather than by openpyxl: its tests changed between the
# releases pcsgen supports (3.0 has no duration test), and a cell must read the same
# whichever is installed. Only a format's first section (positive numbers) counts.
# Elapsed time: [h], [mm], [ss] count hours, minutes, seconds past a day's end.
_ELAPSED = re.compile(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)
# What a format shows as it is, or that only chooses a colour, a locale or a condition:
# quoted text, anything in brackets, an escaped character (\x), the width of one (_x)
# and a fill character (*x).
_VERBATIM = re.compile(r'"[^"]*"|\[[^\]]*\]|[\\_*].')
_DATE_PART = re.compile(r"[dmyhs]", re.IGNORECASE)


def is_duration_format(code: str) -> bool:
    """Whether a number format shows elapsed time (`[h]:mm`)."""
    return _ELAPSED.search(code.split(";", 1)[0]) is not None


def is_date_format(code: str) -> bool:
    """Whether a number format shows a date or a time of day (`yyyy-mm-dd`, `h:mm`)."""
    return _DATE_PART.search(_VERBATIM.sub("", code.split(";", 1)[0])) is not None


def _date_styles(archive: zipfile.ZipFile) -> Tuple[set[int], set[int]]:
    """The cell-style indexes whose number format shows a date or a duration.

    That is all of the stylesheet a values-only read needs; parsing the whole of it
    (fonts, fills, named styles) costs more than reading a definition sheet."""
    from lxml import etree
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    try:
        data = archive.read("xl/styles.xml")
    except KeyError:
        return set(), set()
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                  huge_tree=False))
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
              for f in root.iterfind(f"{{{_MAIN_NS}}}numFmts/{{{_MAIN_NS}}}numFmt")}
    dates: set[int] = set()
    durations: set[int] = set()
    for index, xf in enumerate(root.iterfind(f"{{{_MAIN_NS}}}cellXfs/{{{_MAIN_NS}}}xf")):
        number_format_id = int(xf.get("numFmtId", "0"))
        code = custom.get(number_format_id) or BUILTIN_FORMATS.get(number_format_id, "")
        if code and is_duration_format(code):
            durations.add(index)
        elif code and is_date_format(code):
            dates.add(index)
    return dates, durations


def _shared_strings(archive: zipfile.ZipFile, part: Optional[str],
                    source: Source) -> List[str]:
    """The shared strings as plain text: rich-text runs joined, phonetic guides (rPh,
    the furigana of Japanese workbooks) left out."""
    if part is None:
        return []
    from lxml import etree

    try:
        stream = archive.open(part)
    except KeyError:
        return []
    strings: List[str] = []
    item_tag = f"{{{_MAIN_NS}}}si"
    run_tag = f"{{{_MAIN_NS}}}r"
    where = Location(source)
    characters = 0
    with stream:
        for _event, item in etree.iterparse(stream, events=("end",), tag=item_tag,
                                            resolve_entities=False, no_network=True,
                                            huge_tree=True):
            if not strings:
                _refuse_dtd(item, source)
            texts = [child for child in item if child.tag == _TEXT_TAG]
            for run in item.iterchildren(run_tag):
                texts.extend(run.iterchildren(_TEXT_TAG))
            if any(len(t) for t in texts):
                raise PcsgenError("PG004", where, reason=Phrase("xlsx_string_markup",
                                                              {"index": len(strings)}))
            text = "".join(t.text or "" for t in texts)
            characters += len(text)
            strings.append(text)
            if len(strings) > MAX_SHARED_STRINGS:
                raise PcsgenError("PG012", where,
                                  reason=f"more than {MAX_SHARED_STRINGS} shared strings")
            if characters > MAX_SHARED_STRING_CHARS:
                raise PcsgenError("PG012", where, reason="the shared strings hold more than "
                                  f"{MAX_SHARED_STRING_CHARS} characters")
            # the cleared items stay in the tree unless removed: millions of them
            # would take gigabytes
            item.clear()
            parent = item.getparent()
            if parent is not None:
                while item.getprevious() is not None:
                    del parent[0]
    return strings


class _Structure:
    """What pcsgen needs of a workbook besides cells: its sheets, in order."""

    def __init__(self, archive: zipfile.ZipFile, epoch: Any,
                 sheets: List[Tuple[str, str, str]]) -> None:
        self._archive = archive
        self.epoch = epoch
        self.sheets = sheets  # (name, state, XML part)

    @property
    def sheetnames(self) -> List[str]:
        return [name for name, _state, _part in self.sheets]

    def close(self) -> None:
        self._archive.close()


def _load_values_only(path: str, source: Source) -> Tuple[_Structure, List[str], set[int]]:
    """The workbook's sheets (read by openpyxl), its shared strings and the styles that
    show dates; nothing else of the book is read."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(path, read_only=True, keep_vba=False, data_only=True,
                         keep_links=False)
    reader.read_manifest()
    strings_part = next((p.PartName.lstrip("/") for p in reader.package.Override
                         if p.ContentType.endswith("sharedStrings+xml")), None)
    strings = _shared_strings(reader.archive, strings_part, source)
    reader.read_workbook()
    dates, _durations = _date_styles(reader.archive)
    sheets = [(str(sheet.name), str(sheet.state or "visible"), str(rel.target))
              for sheet, rel in reader.parser.find_sheets()
              if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    return _Structure(reader.archive, reader.wb.epoch, sheets), strings, dates


def open_workbook(path: str, display_name: Optional[str] = None) -> Workbook:
    return Workbook(path, display_name or path)
