"""The variables and their values, gathered by precedence from the command line, vars
files, a caller, an inventory, the environment and the VARIABLES table; which of their
values are secret."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason
from pcsgen.secrets import is_secret_name

ENV_PREFIX = "PCSGEN_VAR_"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A vars file's value, walked whole: at most this deep, and at most this many items
# once YAML's aliases are followed (a few lines of aliases name billions of items).
MAX_VALUE_DEPTH = 64
MAX_VALUE_ITEMS = 200_000
# ... and the values of one source together (a vars file, an inventory's hosts): five
# thousand names of one aliased value of 190,000 items fit in 50 KB
MAX_TOTAL_ITEMS = 1_000_000


@dataclass
class Variable:
    name: str
    value: Any  # None when undefined; a string, or what a vars file holds
    origin: str  # command line, file, environment, workbook
    description: str = ""
    location: Optional[Location] = None
    secret: bool = False


@dataclass
class VariableSet:
    values: Dict[str, Variable] = field(default_factory=dict)
    secret_names: Set[str] = field(default_factory=set)

    def is_secret(self, name: str) -> bool:
        return name in self.secret_names or is_secret_name(name)


def parse_assignment(text: str) -> Tuple[str, str]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not _NAME.fullmatch(name):
        raise PcsgenError("PG601", None, text=_shown(text))
    return name, value


def _shown(text: str) -> str:
    """What a message may show of a malformed --var: never what may be its value
    (`--var db_password:hunter2` names no variable, so none is known to be secret)."""
    name = (
        text.partition("=")[0] if "=" in text else re.sub(r"[^A-Za-z0-9_].*", "", text, flags=re.S)
    )
    return name + ("…" if len(name) < len(text) else "")


def load_vars_file(path: str) -> Dict[str, Any]:
    """Names and their values (scalars, lists, mappings), from JSON, TOML or YAML."""
    from pcsgen.inputs import MAX_VARS_BYTES, read_bounded

    location = Location(Source(path))
    try:
        text = read_bounded(path, MAX_VARS_BYTES).decode("utf-8")
    except OSError as exc:
        raise PcsgenError("PG602", location, path=path, reason=os_reason(exc)) from None
    except UnicodeDecodeError as exc:
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
            import yaml  # type: ignore[import-untyped,unused-ignore]

            # the safe loader builds plain values only: no object, no code
            data = yaml.safe_load(text)
        else:
            raise PcsgenError("PG602", location, path=path, reason=Phrase("vars_kind"))
    except PcsgenError:
        raise
    except Exception as exc:  # each parser has its own error class
        raise PcsgenError("PG602", location, path=path, reason=str(exc)) from None
    if not isinstance(data, dict):
        raise PcsgenError("PG602", location, path=path, reason=Phrase("vars_not_table"))
    values: Dict[str, Any] = {}
    budget = ItemBudget()
    for name, value in data.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise PcsgenError(
                "PG602", location, path=path, reason=Phrase("vars_bad_name", {"name": repr(name)})
            )
        problem, in_all = budget.take(value)
        if in_all:
            raise PcsgenError("PG602", location, path=path, reason=problem)
        if problem is not None:
            raise PcsgenError(
                "PG602",
                location,
                path=path,
                reason=Phrase("vars_value", {"name": name, "problem": problem}),
            )
        values[name] = value
    return values


def given_values(values: Mapping[str, Any]) -> Dict[str, Any]:
    """Variables a caller gives as values (a playbook task's), checked as a vars file's."""
    checked: Dict[str, Any] = {}
    budget = ItemBudget()
    for name, value in values.items():
        problem = (
            Phrase("vars_not_name")
            if not isinstance(name, str) or not _NAME.fullmatch(name)
            else budget.take(value)[0]
        )
        if problem is not None:
            raise PcsgenError("PG960", None, name=str(name)[:100], reason=problem)
        checked[name] = value
    return checked


def value_problem(value: Any) -> Optional[Phrase]:
    """Why a vars file's value cannot be used (too deep, too many items once aliases
    are followed, an object no file format makes), or None."""
    return value_size(value, MAX_VALUE_ITEMS)[1]


class ItemBudget:
    """The items the values of one source may still hold, aliases followed."""

    def __init__(self, items: int = MAX_TOTAL_ITEMS) -> None:
        self.total = items
        self.left = items

    def take(self, value: Any) -> Tuple[Optional[Phrase], bool]:
        """Why VALUE cannot be used, or None, and whether the reason is the bound of
        the values together (VALUE alone would pass); its items are taken."""
        size, problem = value_size(value, min(MAX_VALUE_ITEMS, self.left))
        if problem is not None and MAX_VALUE_ITEMS >= size > self.left:
            return Phrase("vars_total_too_many", {"count": self.total}), True
        self.left -= size
        return problem, False


def value_size(value: Any, limit: int) -> Tuple[int, Optional[Phrase]]:
    """How many items VALUE holds once aliases are followed, and why it cannot be used
    (more than LIMIT items, too deep, an object no file format makes), or None."""
    pending: List[Tuple[Any, int]] = [(value, 0)]
    items = 0
    while pending:
        current, depth = pending.pop()
        items += 1
        if items > limit:
            return items, Phrase("vars_too_many", {"count": limit})
        if depth > MAX_VALUE_DEPTH:
            return items, Phrase("vars_too_deep", {"depth": MAX_VALUE_DEPTH})
        if isinstance(current, dict):
            pending.extend((item, depth + 1) for item in current.values())
            pending.extend((key, depth + 1) for key in current)
        elif isinstance(current, (list, tuple)):
            pending.extend((item, depth + 1) for item in current)
        elif (
            not isinstance(current, (str, int, float, bool, type(None)))
            and type(current).__module__ != "datetime"
        ):
            return items, Phrase("vars_type", {"type": type(current).__name__})
    return items, None


def collect(
    cli_vars: Sequence[str],
    vars_files: Sequence[str],
    secret_names: Sequence[str],
    tables: List[RawTable],
    diagnostics: Diagnostics,
    environ: Optional[Mapping[str, str]] = None,
    layers: Sequence[Tuple[str, Mapping[str, Any]]] = (),
) -> VariableSet:
    """Every variable with its value, by precedence. LAYERS: (origin, values) between
    the environment and the vars files, lowest first (an Ansible inventory's host, the
    variables of a playbook task), as a play's inventory variables lose to its vars
    files and extra vars."""
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
                    cell.value,
                    row.value("value") or None,
                    "workbook",
                    row.value("description"),
                    row["value"].location,
                )
    for key, value in env.items():
        if key.startswith(ENV_PREFIX) and len(key) > len(ENV_PREFIX):
            _merge(found, key[len(ENV_PREFIX) :], value, "environment")
    for origin, values in layers:
        for name, value in values.items():
            _merge(found, name, value, origin)
    for path in vars_files:
        for name, value in load_vars_file(path).items():
            _merge(found, name, value, f"file {path}")
    for text in cli_vars:
        name, value = parse_assignment(text)
        _merge(found, name, value, "command line")
    for variable in found.values.values():
        variable.secret = found.is_secret(variable.name)
    register_secrets(found, diagnostics)
    return found


def _merge(found: VariableSet, name: str, value: Any, origin: str) -> None:
    known = found.values.get(name)
    if known is not None:
        known.value, known.origin = value, origin
    else:
        found.values[name] = Variable(name, value, origin)


def strings_in(value: Any) -> List[str]:
    """Every string inside VALUE (a secret variable's are all secret)."""
    found: List[str] = []
    pending = [value]
    seen: Set[int] = set()
    while pending:
        current = pending.pop()
        if isinstance(current, str):
            found.append(current)
        elif _first_visit(current, seen):
            if isinstance(current, dict):
                pending.extend(current.values())
            elif isinstance(current, (list, tuple)):
                pending.extend(current)
    return found


def _first_visit(container: Any, seen: Set[int]) -> bool:
    """Whether CONTAINER is met for the first time in a walk: a mapping or list shared
    by many values (every host's `groups` in an inventory's `hostvars`, a YAML alias)
    is walked once, not once for each place that holds it."""
    if id(container) in seen:
        return False
    seen.add(id(container))
    return True


def secret_strings(value: Any, secret: bool) -> Set[str]:
    """The secret strings in VALUE: all of them when the variable is secret, else those
    under a key named as a secret (`ipmi: {user: admin, password: ...}`)."""
    if secret:
        return {text for text in strings_in(value) if text}
    found: Set[str] = set()
    pending = [value]
    seen: Set[int] = set()
    while pending:
        current = pending.pop()
        if isinstance(current, (str, int, float)) or not _first_visit(current, seen):
            continue
        if isinstance(current, dict):
            for key, item in current.items():
                if isinstance(key, str) and is_secret_name(key):
                    found.update(text for text in strings_in(item) if text)
                else:
                    pending.append(item)
        elif isinstance(current, (list, tuple)):
            pending.extend(current)
    return found


def register_secrets(variables: VariableSet, diagnostics: Diagnostics) -> None:
    """Every secret value, before any message can show it."""
    for variable in variables.values.values():
        diagnostics.secrets.update(secret_strings(variable.value, variable.secret))
