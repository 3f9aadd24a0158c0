"""Diagnostics for people (text, coloured on a terminal) and for tools (JSON, SARIF)."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List

from pcsgen import __version__
from pcsgen.diagnostics import Diagnostic, Diagnostics, Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_LABELS_JA = {Severity.ERROR: "エラー", Severity.WARNING: "警告", Severity.INFO: "情報"}


# What a terminal acts on rather than shows: control characters (an ESC sequence can
# clear the screen, retitle the window or fake a line) and the marks that reorder
# text right to left. A definition, vars file or inventory may hold them, and
# messages and the vars command quote what they hold.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """TEXT with what a terminal would act on written as an escape (`\\x1b`,
    `\\u202e`); line breaks and tabs are kept."""
    return _HIDDEN.sub(lambda found: _escape(found.group(0)), text)


def visible_json(text: str) -> str:
    """JSON text (from json.dumps) with what a terminal would act on written as JSON's
    own escape (`\\u202e`): the same document, safe to show. (json.dumps escapes the
    C0 controls itself, not C1 ones or the bidirectional marks.)"""
    return _HIDDEN.sub(lambda found: f"\\u{ord(found.group(0)):04x}", text)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def where(diagnostic: Diagnostic) -> str:
    return str(diagnostic.location) if diagnostic.location is not None else "pcsgen"


def format_text(diagnostics: Diagnostics, lang: str, colour: bool = False) -> str:
    lines: List[str] = []
    for diagnostic in diagnostics.sorted():
        label = _LABELS_JA[diagnostic.severity] if lang == "ja" else diagnostic.severity.label
        if colour:
            label = f"{_COLOURS[diagnostic.severity]}{label}{_RESET}"
        message = visible(diagnostic.message(lang))
        lines.append(f"{visible(where(diagnostic))}: {label} {diagnostic.code}: {message}")
    return "\n".join(lines) + ("\n" if lines else "")


def summary(diagnostics: Diagnostics) -> Dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for diagnostic in diagnostics:
        key = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}[
            diagnostic.severity
        ]
        counts[key] += 1
    return counts


def as_dict(diagnostic: Diagnostic, lang: str) -> Dict[str, Any]:
    location = diagnostic.location
    return {
        "severity": diagnostic.severity.label,
        "code": diagnostic.code,
        "message": diagnostic.message(lang),
        "file": location.source.file if location else None,
        "sheet": location.source.sheet if location else None,
        "row": location.row if location and location.row else None,
        "column": location.column_name if location and location.column else None,
    }


def format_json(diagnostics: Diagnostics, lang: str) -> str:
    return (
        json.dumps(
            {
                "diagnostics": [as_dict(d, lang) for d in diagnostics.sorted()],
                "summary": summary(diagnostics),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def format_sarif(diagnostics: Diagnostics, lang: str) -> str:
    from pcsgen.diagnostics.messages import CATALOGUE

    codes = sorted({d.code for d in diagnostics})
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    results = []
    for diagnostic in diagnostics.sorted():
        result: Dict[str, Any] = {
            "ruleId": diagnostic.code,
            "level": levels[diagnostic.severity],
            "message": {"text": diagnostic.message(lang)},
        }
        location = diagnostic.location
        if location is not None:
            physical: Dict[str, Any] = {"artifactLocation": {"uri": location.source.file}}
            if location.row:
                region: Dict[str, Any] = {"startLine": location.row}
                if location.column:
                    region["startColumn"] = location.column
                physical["region"] = region
            entry: Dict[str, Any] = {"physicalLocation": physical}
            if location.source.sheet is not None:
                entry["logicalLocations"] = [{"name": location.source.sheet, "kind": "sheet"}]
            result["locations"] = [entry]
        results.append(result)
    rules = [
        {
            "id": code,
            "shortDescription": {
                "text": CATALOGUE[code].ja if lang == "ja" else CATALOGUE[code].en
            },
        }
        for code in codes
    ]
    return (
        json.dumps(
            {
                "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "version": "2.1.0",
                "runs": [
                    {
                        "tool": {
                            "driver": {"name": "pcsgen", "version": __version__, "rules": rules}
                        },
                        "results": results,
                    }
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
