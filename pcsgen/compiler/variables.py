"""Variables: `{{ name }}` placeholders in any value cell, filled from the command line,
a vars file, the environment and the workbook's own VARIABLES table.

Precedence, highest first: --var NAME=VALUE, --vars FILE, PCSGEN_VAR_NAME environment
variables, the VARIABLES table's value column. Placeholders are rendered by a sandboxed
jinja2 environment; an undefined name is an error at its cell.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from pcsgen.compiler.tables import Cell, RawTable
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.location import Location, Source

ENV_PREFIX = "PCSGEN_VAR_"
SECRET_SUFFIXES = ("_password", "_secret", "_passwd", "_token")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_DEPTH = 16


@dataclass
class Variable:
    name: str
    value: Optional[str]
    origin: str  # command line, file, environment, workbook
    description: str = ""
    location: Optional[Location] = None
    secret: bool = False


@dataclass
class VariableSet:
    values: Dict[str, Variable] = field(default_factory=dict)
    secret_names: Set[str] = field(default_factory=set)

    def is_secret(self, name: str) -> bool:
        return name in self.secret_names or name.lower().endswith(SECRET_SUFFIXES)


def parse_assignment(text: str) -> Tuple[str, str]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not _NAME.fullmatch(name):
        raise PcsgenError("PG601", None, text=text)
    return name, value


def load_vars_file(path: str) -> Dict[str, str]:
    """A flat mapping of names to scalars, from JSON, TOML or (with PyYAML) YAML."""
    from pcsgen.inputs import MAX_VARS_BYTES, read_bounded

    location = Location(Source(path))
    try:
        text = read_bounded(path, MAX_VARS_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PcsgenError("PG602", location, path=path, reason=str(exc)) from None
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text)
        elif suffix == ".toml":
            try:
                import tomllib  # type: ignore[import-not-found]
            except ModuleNotFoundError:  # Python < 3.11
                import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
            data = tomllib.loads(text)
        elif suffix in (".yaml", ".yml"):
            try:
                import yaml  # type: ignore[import-untyped]
            except ModuleNotFoundError:
                raise PcsgenError("PG602", location, path=path,
                                  reason="YAML needs PyYAML; use JSON or TOML") from None
            data = yaml.safe_load(text)
        else:
            raise PcsgenError("PG602", location, path=path,
                              reason="use a .json, .toml or .yaml file")
    except PcsgenError:
        raise
    except Exception as exc:  # each parser has its own error class
        raise PcsgenError("PG602", location, path=path, reason=str(exc)) from None
    if not isinstance(data, dict):
        raise PcsgenError("PG602", location, path=path, reason="the top level is not a table")
    values: Dict[str, str] = {}
    for name, value in data.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise PcsgenError("PG602", location, path=path, reason=f"bad name {name!r}")
        if isinstance(value, bool):
            values[name] = "true" if value else "false"
        elif isinstance(value, (str, int, float)):
            values[name] = str(value)
        elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            values[name] = value  # type: ignore[assignment]  # for the join filter
        else:
            raise PcsgenError("PG602", location, path=path,
                              reason=f"{name}: use a string, a number or a list")
    return values


def collect(cli_vars: Sequence[str], vars_files: Sequence[str], secret_names: Sequence[str],
            tables: List[RawTable], diagnostics: Diagnostics,
            environ: Optional[Mapping[str, str]] = None) -> VariableSet:
    """Every variable with its value, by precedence."""
    env = os.environ if environ is None else environ
    found = VariableSet(secret_names=set(secret_names))
    for table in tables:
        if table.marker != "VARIABLES":
            continue
        for section in table.sections:
            for row in section.rows:
                cell = row["name"]
                if not cell.value:
                    continue
                if not _NAME.fullmatch(cell.value):
                    diagnostics.error("PG603", cell.location, name=cell.value)
                    continue
                found.values[cell.value] = Variable(
                    cell.value, row.value("value") or None, "workbook",
                    row.value("description"), row["value"].location)
    for key, value in env.items():
        if key.startswith(ENV_PREFIX) and len(key) > len(ENV_PREFIX):
            _merge(found, key[len(ENV_PREFIX):], value, "environment")
    for path in vars_files:
        for name, value in load_vars_file(path).items():
            _merge(found, name, value, f"file {path}")
    for text in cli_vars:
        name, value = parse_assignment(text)
        _merge(found, name, value, "command line")
    for variable in found.values.values():
        variable.secret = found.is_secret(variable.name)
    return found


def _merge(found: VariableSet, name: str, value: Any, origin: str) -> None:
    known = found.values.get(name)
    if known is not None:
        known.value, known.origin = value, origin
    else:
        found.values[name] = Variable(name, value, origin)


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                         keep_trailing_newline=True)


def has_placeholder(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def names_in(text: str) -> Set[str]:
    from jinja2 import meta

    return set(meta.find_undeclared_variables(_environment().parse(text)))


class Renderer:
    """Renders cells; resolves variables whose values hold placeholders themselves."""

    def __init__(self, variables: VariableSet) -> None:
        self.variables = variables
        self._resolved: Dict[str, Any] = {}
        self.secret_values: Set[str] = set()

    def _resolve(self, name: str, chain: Tuple[str, ...]) -> Any:
        if name in self._resolved:
            return self._resolved[name]
        variable = self.variables.values.get(name)
        if variable is None or variable.value is None:
            raise _Undefined(name)
        value = variable.value
        if isinstance(value, str) and has_placeholder(value):
            if name in chain or len(chain) > MAX_DEPTH:
                raise _Recursive(" -> ".join(chain + (name,)))
            value = self._render(value, chain + (name,))
        self._resolved[name] = value
        if variable.secret and isinstance(value, str) and value:
            self.secret_values.add(value)
        return value

    def _render(self, text: str, chain: Tuple[str, ...]) -> str:
        environment = _environment()
        template = environment.from_string(text)
        context = {name: self._resolve(name, chain) for name in names_in(text)
                   if name in self.variables.values}
        return str(template.render(context))

    def render_cell(self, cell: Cell, diagnostics: Diagnostics) -> str:
        from jinja2 import TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError

        try:
            return self._render(cell.value, ())
        except TemplateSyntaxError as exc:
            diagnostics.error("PG604", cell.location, reason=exc.message or str(exc))
        except (_Undefined, UndefinedError) as exc:
            name = exc.name if isinstance(exc, _Undefined) else _undefined_name(str(exc))
            diagnostics.error("PG605", cell.location, name=name)
        except _Recursive as exc:
            diagnostics.error("PG606", cell.location, chain=str(exc))
        except SecurityError as exc:
            diagnostics.error("PG604", cell.location, reason=str(exc))
        except Exception as exc:  # a filter given the wrong kind of value, and the like
            diagnostics.error("PG604", cell.location, reason=f"{type(exc).__name__}: {exc}")
        # the run has failed; keeping the text spares the cell a second, misleading error
        return cell.value


class _Undefined(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _Recursive(Exception):
    pass


def _undefined_name(message: str) -> str:
    match = re.search(r"'([^']+)' is undefined", message)
    return match.group(1) if match else message


def substitute(tables: List[RawTable], variables: VariableSet,
               diagnostics: Diagnostics) -> Set[Tuple[Source, int]]:
    """Render every value cell holding a placeholder, in place; return the rows that had
    one (the lint does not call a placeholder a password in plain text)."""
    renderer = Renderer(variables)
    rows_with_placeholders: Set[Tuple[Source, int]] = set()
    for table in tables:
        if table.marker == "VARIABLES":
            continue
        for section in table.sections:
            for row in section.rows:
                if not row.braces:
                    continue
                for cells in (row.cells, row.extra):
                    for key, cell in cells.items():
                        if cell.value and has_placeholder(cell.value):
                            cells[key] = cell._replace(value=renderer.render_cell(cell,
                                                                                  diagnostics))
                            rows_with_placeholders.add((row.source, row.row))
                for items in row.repeated.values():
                    for index, cell in enumerate(items):
                        if cell.value and has_placeholder(cell.value):
                            items[index] = cell._replace(
                                value=renderer.render_cell(cell, diagnostics))
    diagnostics.secrets.update(renderer.secret_values)
    for variable in variables.values.values():
        if variable.secret and isinstance(variable.value, str) and variable.value:
            diagnostics.secrets.add(variable.value)
    return rows_with_placeholders


def usages(tables: List[RawTable]) -> Dict[str, List[Location]]:
    """Where each variable is used: name -> the cells that name it."""
    from jinja2 import TemplateSyntaxError

    used: Dict[str, List[Location]] = {}
    for table in tables:
        for section in table.sections:
            for row in section.rows:
                cells = list(row.cells.values()) + list(row.extra.values())
                for items in row.repeated.values():
                    cells += items
                for cell in cells:
                    if cell.value and has_placeholder(cell.value):
                        try:
                            names = names_in(cell.value)
                        except TemplateSyntaxError:
                            continue
                        for name in sorted(names):
                            used.setdefault(name, []).append(cell.location)
    return used
