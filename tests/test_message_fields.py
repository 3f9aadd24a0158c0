"""Every place that raises or reports a catalogue message gives the fields its texts
use: a missing field would show the raw template to the user."""

from __future__ import annotations

import ast
import string
from pathlib import Path
from typing import Iterator, Set, Tuple

from pcsgen.diagnostics.messages import CATALOGUE

SOURCE = Path(__file__).resolve().parent.parent / "pcsgen"
REPORTERS = {"error", "warning", "info", "add", "PcsgenError"}


def _fields(text: str) -> Set[str]:
    return {
        name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name
    }


def _calls() -> Iterator[Tuple[str, int, str, Set[str]]]:
    """(file, line, code, keyword names) of each call naming a code literally, with no
    **mapping whose keys cannot be read here."""
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else function.id
                if isinstance(function, ast.Name)
                else ""
            )
            first = node.args[0]
            if (
                name not in REPORTERS
                or not isinstance(first, ast.Constant)
                or not isinstance(first.value, str)
                or first.value not in CATALOGUE
            ):
                continue
            if any(keyword.arg is None for keyword in node.keywords):
                continue  # **args: checked where they are built
            yield (
                str(path.relative_to(SOURCE.parent)),
                node.lineno,
                first.value,
                {keyword.arg for keyword in node.keywords if keyword.arg},
            )


def test_every_report_gives_the_fields_of_its_message() -> None:
    missing = []
    for where, line, code, given in _calls():
        message = CATALOGUE[code]
        wanted = _fields(message.en) | _fields(message.ja)
        if wanted - given:
            missing.append(f"{where}:{line} {code} lacks {sorted(wanted - given)}")
    assert not missing, "\n".join(missing)


def test_the_scan_finds_the_reports() -> None:
    found = list(_calls())
    assert len(found) > 300
    assert any(code == "PG301" for _, _, code, _ in found)
