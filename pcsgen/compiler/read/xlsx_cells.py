"""One cell of a sheet's XML as the value it holds (a number, a string, a date, an error,
a formula never computed), and a value as the text a user sees."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Optional

from pcsgen.compiler.read.xlsx_package import MAIN_NS, TEXT_TAG


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


class Malformed(Exception):
    """A cell whose XML no spreadsheet writes; the reason says what is wrong."""


class ErrorValue(str):
    """A cell holding a spreadsheet error (#N/A, #REF! ...)."""


class NoValueFormula:
    """A formula whose result was never computed and saved."""


_NO_VALUE = NoValueFormula()
CELL_TAG = f"{{{MAIN_NS}}}c"
_VALUE_TAG = f"{{{MAIN_NS}}}v"
_FORMULA_TAG_NS = f"{{{MAIN_NS}}}f"
_INLINE_TAG = f"{{{MAIN_NS}}}is"
_COLUMN_CACHE: Dict[str, int] = {}


def column_index(reference: Optional[str], default: int) -> int:
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


def cell_value(cell: Any, strings: List[str], dates: set[int], epoch: Any) -> Any:
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
                raise Malformed("the value holds markup or an entity reference")
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
        if len(inline) == 1 and inline[0].tag == TEXT_TAG and not len(inline[0]):
            return inline[0].text or ""
        texts = list(inline.iter(TEXT_TAG))
        if any(len(t) for t in texts):
            raise Malformed("the text holds markup or an entity reference")
        return "".join(t.text or "" for t in texts)
    if value is None:
        return _NO_VALUE if formula else None
    if kind == "str":
        return value
    if kind == "b":
        return value in ("1", "true")
    if kind == "e":
        return ErrorValue(value)
    if kind == "d":
        return value
    try:
        number: Any = float(value) if any(c in value for c in ".eEnN") else int(value)
    except ValueError:
        raise Malformed(f"'{value[:40]}' is not a number") from None
    style = cell.get("s")
    if style is not None and style.isdigit() and int(style) in dates:
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(number, epoch)
        except (ValueError, OverflowError, TypeError):
            raise Malformed(f"{value[:40]} is not a date") from None
    return number


def _shared_string(index: str, strings: List[str]) -> str:
    """A shared string by its index, which must name one (no negative index)."""
    if not index.isdigit():
        raise Malformed(f"shared string index '{index[:40]}' is not a number")
    number = int(index)
    if number >= len(strings):
        raise Malformed(f"shared string {number} does not exist ({len(strings)} in the workbook)")
    return strings[number]
