"""Which cells of a workbook hold dates: read from their number formats by pcsgen itself,
the same with every openpyxl release it supports (3.0 has no test for durations)."""

from __future__ import annotations

import pytest

from pcsgen.compiler.read.xlsx_package import is_date_format, is_duration_format


@pytest.mark.parametrize(
    ("code", "date", "duration"),
    [
        ("General", False, False),
        ("0.00", False, False),
        ("@", False, False),
        ("yyyy-mm-dd", True, False),
        ("h:mm AM/PM", True, False),
        ('yyyy"年"m"月"d"日"', True, False),
        ("[$-409]mmm-yy", True, False),
        ("[h]:mm:ss", True, True),
        ("[mm]:ss", True, True),
        ('0 "days"', False, False),  # quoted text is shown as it is
        ("[Red]0.00", False, False),  # a colour
        ("0.00_);[Red](0.00)", False, False),
        ("0\\d", False, False),  # an escaped character
        ("0;yyyy", False, False),  # only the first section counts
    ],
)
def test_number_formats(code: str, date: bool, duration: bool) -> None:
    assert is_date_format(code) is date
    assert is_duration_format(code) is duration
