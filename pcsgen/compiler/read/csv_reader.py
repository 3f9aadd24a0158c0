"""CSV exports of a definition sheet: UTF-8 (with or without BOM) or Shift_JIS/CP932."""

from __future__ import annotations

import csv
import io
import re
from typing import List, Optional, Tuple

from pcsgen.compiler.read.grid import MAX_CELL_CHARS, Grid, Row
from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason

_CP932_UNASSIGNED = re.compile("[\uf8f0-\uf8f3]")
# Bound on the bytes read, so a stray multi-gigabyte file fails fast.
MAX_CSV_BYTES = 256 * 1024 * 1024


def decode(data: bytes, source: Source) -> Tuple[str, str]:
    """Return (text, encoding). UTF-8 is tried before CP932: valid UTF-8 with
    Japanese text is almost never valid CP932 by accident, the reverse often is."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise PcsgenError("PG003", Location(source), offset=exc.start + 3) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise PcsgenError("PG003", Location(source), offset=utf8_error.start) from None
        # Python maps the bytes CP932 leaves unassigned (0xA0, 0xFD-0xFF) to private
        # use characters; real Shift_JIS text never holds them, binary junk does.
        odd = _CP932_UNASSIGNED.search(text)
        if odd is not None:
            raise PcsgenError("PG003", Location(source), offset=utf8_error.start) from None
        return text, "cp932"


def _utf16(data: bytes) -> Optional[str]:
    """UTF-16LE or UTF-16BE when the data looks like it: a byte-order mark, or text
    whose every other byte is zero (Excel's "Unicode text", some editors' CSV)."""
    if data.startswith(b"\xff\xfe"):
        return "UTF-16LE"
    if data.startswith(b"\xfe\xff"):
        return "UTF-16BE"
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.9 and even.count(0) < len(even) * 0.1:
            return "UTF-16LE"
        if even.count(0) > len(even) * 0.9 and odd.count(0) < len(odd) * 0.1:
            return "UTF-16BE"
    return None


def read_csv(path: str, display_name: str) -> Grid:
    source = Source(display_name)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise PcsgenError("PG001", Location(source), reason=os_reason(exc)) from None
    if len(data) > MAX_CSV_BYTES:
        raise PcsgenError(
            "PG012", Location(source), reason=Phrase("too_many_bytes", {"count": MAX_CSV_BYTES})
        )
    if not data.strip():
        raise PcsgenError("PG016", Location(source))
    utf16 = _utf16(data)
    if utf16 is not None:
        raise PcsgenError("PG019", Location(source), encoding=utf16)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PcsgenError("PG015", Location(source), offset=nul)
    text, _encoding = decode(data, source)
    return parse_csv_text(text, source)


_GUARDED = re.compile(r"'+[=@]")


def csv_unguard(value: str) -> str:
    """Undo pcsgen.workbook.writer.csv_guard: `'=x` is `=x`, `''@x` is `'@x`."""
    if value[:1] == "'" and _GUARDED.match(value):
        return value[1:]
    return value


def parse_csv_text(text: str, source: Source) -> Grid:
    rows: List[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    # most files hold no guarded field: they skip the per-cell work
    guarded = "'=" in text or "'@" in text
    number = 0
    try:
        for record in reader:
            number += 1
            if not any(record):
                continue
            if guarded:
                record = [csv_unguard(value) for value in record]
            if sum(map(len, record)) > MAX_CELL_CHARS:  # only then can one cell be too large
                for column, value in enumerate(record, start=1):
                    if len(value) > MAX_CELL_CHARS:
                        raise PcsgenError(
                            "PG010",
                            Location(source, number, column),
                            size=len(value),
                            limit=MAX_CELL_CHARS,
                        )
            rows.append((number, record))
    except csv.Error as exc:
        reason: object = str(exc)
        if str(exc).startswith("field larger than field limit"):
            reason = Phrase("csv_field_limit", {"count": csv.field_size_limit()})
        raise PcsgenError("PG008", Location(source, number + 1), reason=reason) from None
    return Grid(source, rows)
