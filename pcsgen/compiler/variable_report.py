"""The variables of a definition as the vars command reports them: each one it uses or
defines, its value (secrets masked), where the value comes from, and where it is used."""

from __future__ import annotations

from typing import Any, List, NamedTuple, Optional, Tuple

from pcsgen.api.options import Options
from pcsgen.diagnostics import Diagnostics, PcsgenError


class VariableReport(NamedTuple):
    name: str
    value: Optional[str]  # None when undefined; masked when secret
    origin: Optional[str]
    description: str
    secret: bool
    used_at: List[str]


def report_variables(
    path: str, sheet: Optional[str], options: Options
) -> Tuple[List[VariableReport], Diagnostics]:
    """The variables of the definition at PATH (SHEET) with the variables, vars files,
    inventory and secret names OPTIONS gives; what reading it found. Raises
    `PcsgenError` when the definition, a vars file or the inventory cannot be read."""
    from pcsgen.compiler.pipeline import collect_variables
    from pcsgen.compiler.read import read_input
    from pcsgen.compiler.table_reader import read_tables
    from pcsgen.compiler.variables.fill import usages
    from pcsgen.compiler.variables.sources import secret_strings
    from pcsgen.secrets import Redactor

    diagnostics = Diagnostics()
    try:
        tables = read_tables(read_input(path, sheet), diagnostics)
        found = collect_variables(options, tables, diagnostics)
    except PcsgenError as exc:
        diagnostics.report(exc)
        raise PcsgenError.ending(diagnostics) from None
    used = usages(tables)
    report: List[VariableReport] = []
    for name in sorted(set(used) | set(found.values)):
        variable = found.values.get(name)
        value = variable.value if variable is not None else None
        secret = variable.secret if variable is not None else found.is_secret(name)
        shown: Optional[str]
        if value is not None and secret:
            shown = "********"
        elif value is None or isinstance(value, str):
            shown = value
        else:  # a structure: as JSON, with what sits under secret-named keys masked
            shown = _as_text(Redactor(values=secret_strings(value, False)).redact(value))
        report.append(
            VariableReport(
                name,
                shown,
                variable.origin if variable is not None else None,
                variable.description if variable is not None else "",
                secret,
                [str(location) for location in used.get(name, [])],
            )
        )
    return report, diagnostics


def _as_text(value: Any) -> str:
    """A structured variable's value as the vars command shows it: JSON."""
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
