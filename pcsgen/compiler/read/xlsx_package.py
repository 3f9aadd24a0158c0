"""An xlsx workbook's package (its zip container), read only as far as a values-only
read needs: refused when it is encrypted, a legacy .xls or a zip bomb; its sheets in
order, its shared strings and the cell styles whose number format shows a date."""

from __future__ import annotations

import re
import zipfile
from typing import Any, List, Optional, Tuple

from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason

# Zip-bomb guard: the uncompressed size of the parts we let openpyxl read.
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The shared strings are all held in memory: their count and their characters are
# bounded, far above what a definition needs (a 9 MB file of empty strings would
# otherwise take gigabytes).
MAX_SHARED_STRINGS = 2_000_000
MAX_SHARED_STRING_CHARS = 64 * 1024 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TEXT_TAG = f"{{{MAIN_NS}}}t"


def check_container(path: str, source: Source) -> None:
    """Refuse a file that is no zip, an OLE container or a zip bomb, before openpyxl
    opens it."""
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
                if (
                    info.compress_size
                    and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
                    and info.file_size > 10 * 1024 * 1024
                ):
                    raise PcsgenError(
                        "PG012",
                        Location(source),
                        reason=Phrase(
                            "xlsx_expands",
                            {"name": info.filename, "times": info.file_size // info.compress_size},
                        ),
                    )
            if total > MAX_UNCOMPRESSED_BYTES:
                raise PcsgenError(
                    "PG012", Location(source), reason=Phrase("xlsx_uncompressed", {"bytes": total})
                )
    except zipfile.BadZipFile as exc:
        raise PcsgenError("PG004", Location(source), reason=str(exc)) from None


def refuse_dtd(element: Any, source: Source) -> None:
    """No spreadsheet writes a DTD; one declaring entities would hide text from the
    reader (the entity is not expanded, and the text after it is lost)."""
    if element.getroottree().docinfo.internalDTD is not None:
        raise PcsgenError("PG004", Location(source), reason=Phrase("xlsx_dtd"))


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
    root = etree.fromstring(
        data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    )
    custom = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "")
        for f in root.iterfind(f"{{{MAIN_NS}}}numFmts/{{{MAIN_NS}}}numFmt")
    }
    dates: set[int] = set()
    durations: set[int] = set()
    for index, xf in enumerate(root.iterfind(f"{{{MAIN_NS}}}cellXfs/{{{MAIN_NS}}}xf")):
        number_format_id = int(xf.get("numFmtId", "0"))
        code = custom.get(number_format_id) or BUILTIN_FORMATS.get(number_format_id, "")
        if code and is_duration_format(code):
            durations.add(index)
        elif code and is_date_format(code):
            dates.add(index)
    return dates, durations


def _shared_strings(archive: zipfile.ZipFile, part: Optional[str], source: Source) -> List[str]:
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
    item_tag = f"{{{MAIN_NS}}}si"
    run_tag = f"{{{MAIN_NS}}}r"
    where = Location(source)
    characters = 0
    with stream:
        for _event, item in etree.iterparse(
            stream,
            events=("end",),
            tag=item_tag,
            resolve_entities=False,
            no_network=True,
            huge_tree=True,
        ):
            if not strings:
                refuse_dtd(item, source)
            texts = [child for child in item if child.tag == TEXT_TAG]
            for run in item.iterchildren(run_tag):
                texts.extend(run.iterchildren(TEXT_TAG))
            if any(len(t) for t in texts):
                raise PcsgenError(
                    "PG004", where, reason=Phrase("xlsx_string_markup", {"index": len(strings)})
                )
            text = "".join(t.text or "" for t in texts)
            characters += len(text)
            strings.append(text)
            if len(strings) > MAX_SHARED_STRINGS:
                raise PcsgenError(
                    "PG012",
                    where,
                    reason=Phrase("too_many_shared_strings", {"count": MAX_SHARED_STRINGS}),
                )
            if characters > MAX_SHARED_STRING_CHARS:
                raise PcsgenError(
                    "PG012",
                    where,
                    reason=Phrase("too_many_shared_characters", {"count": MAX_SHARED_STRING_CHARS}),
                )
            # the cleared items stay in the tree unless removed: millions of them
            # would take gigabytes
            item.clear()
            parent = item.getparent()
            if parent is not None:
                while item.getprevious() is not None:
                    del parent[0]
    return strings


class Structure:
    """What pcsgen needs of a workbook besides cells: its sheets, in order."""

    def __init__(
        self, archive: zipfile.ZipFile, epoch: Any, sheets: List[Tuple[str, str, str]]
    ) -> None:
        self._archive = archive
        self.epoch = epoch
        self.sheets = sheets  # (name, state, XML part)

    @property
    def sheetnames(self) -> List[str]:
        return [name for name, _state, _part in self.sheets]

    def close(self) -> None:
        self._archive.close()


def load_values_only(path: str, source: Source) -> Tuple[Structure, List[str], set[int]]:
    """The workbook's sheets (read by openpyxl), its shared strings and the styles that
    show dates; nothing else of the book is read."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(path, read_only=True, keep_vba=False, data_only=True, keep_links=False)
    reader.read_manifest()
    strings_part = next(
        (
            p.PartName.lstrip("/")
            for p in reader.package.Override
            if p.ContentType.endswith("sharedStrings+xml")
        ),
        None,
    )
    strings = _shared_strings(reader.archive, strings_part, source)
    reader.read_workbook()
    dates, _durations = _date_styles(reader.archive)
    sheets = [
        (str(sheet.name), str(sheet.state or "visible"), str(rel.target))
        for sheet, rel in reader.parser.find_sheets()
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type
    ]
    return Structure(reader.archive, reader.wb.epoch, sheets), strings, dates
