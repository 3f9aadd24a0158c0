"""Variables: `{{ name }}` placeholders in any value cell, filled from the command line,
a vars file, the environment and the workbook's own VARIABLES table.

Precedence, highest first: --var NAME=VALUE, --vars FILE, the variables a caller
gives (a playbook task's), the host's variables of an Ansible inventory (--inventory),
PCSGEN_VAR_NAME environment variables, the VARIABLES table's value column. Placeholders
are rendered by a sandboxed jinja2 environment; an undefined name is an error at its cell.

A vars file's value may be anything JSON, TOML or YAML holds: mappings, lists of
mappings, numbers, booleans (`{{ ipaddr.ip }}`, `{{ svlan[0].nic }}`), as the variables
of an Ansible play. A string anywhere inside a value may hold placeholders itself
(`pgdata: "{{ PGDATA }}"`): it is rendered when the cell uses it, as Ansible renders
nested templates.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple

from pcsgen.compiler.read.grid import MAX_CELL_CHARS
from pcsgen.compiler.tables import Cell, DataRow, RawTable
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.location import Location, Source
from pcsgen.phrase import Phrase, os_reason
from pcsgen.secrets import is_secret_name

ENV_PREFIX = "PCSGEN_VAR_"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_DEPTH = 16
# A vars file's value, walked whole: at most this deep, and at most this many items
# once YAML's aliases are followed (a few lines of aliases name billions of items).
MAX_VALUE_DEPTH = 64
MAX_VALUE_ITEMS = 200_000


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
    name = text.partition("=")[0] if "=" in text else \
        re.sub(r"[^A-Za-z0-9_].*", "", text, flags=re.S)
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
            raise PcsgenError("PG602", location, path=path,
                              reason=Phrase("vars_kind"))
    except PcsgenError:
        raise
    except Exception as exc:  # each parser has its own error class
        raise PcsgenError("PG602", location, path=path, reason=str(exc)) from None
    if not isinstance(data, dict):
        raise PcsgenError("PG602", location, path=path, reason=Phrase("vars_not_table"))
    values: Dict[str, Any] = {}
    for name, value in data.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise PcsgenError("PG602", location, path=path,
                              reason=Phrase("vars_bad_name", {"name": repr(name)}))
        problem = value_problem(value)
        if problem is not None:
            raise PcsgenError("PG602", location, path=path,
                              reason=Phrase("vars_value", {"name": name, "problem": problem}))
        values[name] = value
    return values


def given_values(values: Mapping[str, Any]) -> Dict[str, Any]:
    """Variables a caller gives as values (a playbook task's), checked as a vars file's."""
    checked: Dict[str, Any] = {}
    for name, value in values.items():
        problem = Phrase("vars_not_name") if not isinstance(name, str) \
            or not _NAME.fullmatch(name) else value_problem(value)
        if problem is not None:
            raise PcsgenError("PG960", None, name=str(name)[:100], reason=problem)
        checked[name] = value
    return checked


def value_problem(value: Any) -> Optional[Phrase]:
    """Why a vars file's value cannot be used (too deep, too many items once aliases
    are followed, an object no file format makes), or None."""
    pending: List[Tuple[Any, int]] = [(value, 0)]
    items = 0
    while pending:
        current, depth = pending.pop()
        items += 1
        if items > MAX_VALUE_ITEMS:
            return Phrase("vars_too_many", {"count": MAX_VALUE_ITEMS})
        if depth > MAX_VALUE_DEPTH:
            return Phrase("vars_too_deep", {"depth": MAX_VALUE_DEPTH})
        if isinstance(current, dict):
            pending.extend((item, depth + 1) for item in current.values())
            pending.extend((key, depth + 1) for key in current)
        elif isinstance(current, (list, tuple)):
            pending.extend((item, depth + 1) for item in current)
        elif not isinstance(current, (str, int, float, bool, type(None))) and \
                type(current).__module__ != "datetime":
            return Phrase("vars_type", {"type": type(current).__name__})
    return None


def collect(cli_vars: Sequence[str], vars_files: Sequence[str], secret_names: Sequence[str],
            tables: List[RawTable], diagnostics: Diagnostics,
            environ: Optional[Mapping[str, str]] = None,
            layers: Sequence[Tuple[str, Mapping[str, Any]]] = ()) -> VariableSet:
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
                    cell.value, row.value("value") or None, "workbook",
                    row.value("description"), row["value"].location)
    for key, value in env.items():
        if key.startswith(ENV_PREFIX) and len(key) > len(ENV_PREFIX):
            _merge(found, key[len(ENV_PREFIX):], value, "environment")
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


# Bounds on filling placeholders. A cell is at most MAX_CELL_CHARS once filled; the
# whole filling runs in a child process (where the system allows it) that is killed
# after RENDER_SECONDS and cannot take more than RENDER_MEMORY_BYTES more memory:
# jinja2's sandbox keeps a template from reaching the system, not from computing
# {{ 9**(9**9) }} or looping for ever.
RENDER_SECONDS = 10.0
RENDER_MEMORY_BYTES = 1024 * 1024 * 1024
MAX_POWER_BITS = 65536


def _bounded_environment_class() -> Any:
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):  # type: ignore[misc]
        """The sandbox, with the operators that make huge values in one step checked
        first (the child's time and memory bounds catch the rest)."""

        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _is_int(left) and _is_int(right) and right > 0 and \
                    abs(left) > 1 and right * abs(left).bit_length() > MAX_POWER_BITS:
                raise SecurityError(f"the power {left}**{right} is too large")
            if operator == "*":
                count, sequence = (right, left) if _is_int(right) else (left, right)
                if _is_int(count) and isinstance(sequence, (str, list, tuple)) and \
                        len(sequence) * count > MAX_CELL_CHARS:
                    raise SecurityError(f"a repetition of {count} times makes more than "
                                        f"{MAX_CELL_CHARS} items")
            return super().call_binop(context, operator, left, right)

    return BoundedEnvironment


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# A definition fills the same way every time: `plan` shows a digest of what it would push
# and `apply` pushes nothing else. Of jinja2's filters and globals only `random` (and
# `lipsum`, random text) give another value on each run; `shuffle` is named too, as
# some jinja2 setups add it. Nothing in the sandbox reads the clock or the environment.
NONDETERMINISTIC_FILTERS = ("random", "shuffle")
# An object shown as it is (`{{ joiner() }}`, `{{ x|map('upper') }}`, `{{ 'a'.upper }}`)
# prints its address, which differs from run to run.
_OBJECT_SHOWN = re.compile(r"<[^<>]* at 0x[0-9a-fA-F]+>")


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import StrictUndefined

    environment = _bounded_environment_class()(undefined=StrictUndefined, autoescape=False,
                                               keep_trailing_newline=True)
    # lipsum(n) writes n paragraphs of random text in a Python loop: nothing a cell needs
    environment.globals.pop("lipsum", None)
    for name in NONDETERMINISTIC_FILTERS:
        environment.filters[name] = _refused(name)
    return environment


def _refused(name: str) -> Any:
    """A filter that stops the filling with an error at the cell, naming itself."""
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise _Nondeterministic(name)
    return refuse


def has_placeholder(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def names_in(text: str) -> Set[str]:
    from jinja2 import meta

    return set(meta.find_undeclared_variables(_environment().parse(text)))


class Outcome(NamedTuple):
    """A cell filled: its text, or the error (code and arguments) that stopped it, and
    the values of secret variables found on the way (never to be shown)."""

    text: Optional[str]
    code: Optional[str] = None
    args: Dict[str, Any] = {}
    secrets: Tuple[str, ...] = ()


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
        if _holds_placeholder(value):
            if name in chain or len(chain) > MAX_DEPTH:
                raise _Recursive(" -> ".join(chain + (name,)))
            value = self._filled(value, chain + (name,))
        self._resolved[name] = value
        self.secret_values.update(secret_strings(value, variable.secret))
        return value

    def _filled(self, value: Any, chain: Tuple[str, ...]) -> Any:
        """VALUE with every string in it that holds a placeholder rendered (a mapping's
        keys as written), as Ansible renders the templates inside a variable."""
        if isinstance(value, str):
            return self._render(value, chain) if has_placeholder(value) else value
        if isinstance(value, dict):
            return {key: self._filled(item, chain) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._filled(item, chain) for item in value]
        return value

    def _render(self, text: str, chain: Tuple[str, ...]) -> str:
        environment = _environment()
        template = environment.from_string(text)
        context = {name: self._resolve(name, chain) for name in names_in(text)
                   if name in self.variables.values}
        # streamed, so a loop writing a huge value stops at the bound, not after it
        pieces: List[str] = []
        size = 0
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_CELL_CHARS:
                raise _TooLarge(size)
            pieces.append(piece)
        filled = "".join(pieces)
        shown = _OBJECT_SHOWN.search(filled)
        if shown is not None and not _OBJECT_SHOWN.search(text):
            raise _ObjectShown(shown.group(0))
        return filled

    def render_text(self, text: str) -> Outcome:
        from jinja2 import TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError

        known = set(self.secret_values)
        code: str
        args: Dict[str, Any]
        try:
            return Outcome(self._render(text, ()), secrets=self._new_secrets(known))
        except TemplateSyntaxError as exc:
            code, args = "PG604", {"reason": exc.message or str(exc)}
        except _Undefined as exc:
            code, args = "PG605", {"name": exc.name}
        except UndefinedError as exc:
            name = _undefined_name(str(exc))
            code, args = ("PG605", {"name": name}) if name is not None else \
                ("PG604", {"reason": str(exc)})
        except _Recursive as exc:
            code, args = "PG606", {"chain": str(exc)}
        except _TooLarge as exc:
            code, args = "PG610", {"size": f"{exc.size}+", "limit": MAX_CELL_CHARS}
        except _Nondeterministic as exc:
            code, args = "PG613", {"name": exc.name}
        except _ObjectShown as exc:
            code, args = "PG614", {"what": exc.what}
        except MemoryError:
            code, args = "PG612", {"reason": "it needs more memory than allowed"}
        except RecursionError:
            code, args = "PG612", {"reason": "it recurses too deeply"}
        except SecurityError as exc:
            code, args = "PG612" if "too large" in str(exc) or "makes more than" in str(exc) \
                else "PG604", {"reason": str(exc)}
        except Exception as exc:  # a filter given the wrong kind of value, and the like
            code, args = "PG604", {"reason": f"{type(exc).__name__}: {exc}"}
        return Outcome(None, code, args, self._new_secrets(known))

    def _new_secrets(self, known: Set[str]) -> Tuple[str, ...]:
        return tuple(sorted(self.secret_values - known))


class _Undefined(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _Recursive(Exception):
    pass


class _Nondeterministic(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _ObjectShown(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _strings(value: Any) -> List[str]:
    """Every string inside VALUE (a secret variable's are all secret)."""
    found: List[str] = []
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, str):
            found.append(current)
        elif isinstance(current, dict):
            pending.extend(current.values())
        elif isinstance(current, (list, tuple)):
            pending.extend(current)
    return found


def secret_strings(value: Any, secret: bool) -> Set[str]:
    """The secret strings in VALUE: all of them when the variable is secret, else those
    under a key named as a secret (`ipmi: {user: admin, password: ...}`)."""
    if secret:
        return {text for text in _strings(value) if text}
    found: Set[str] = set()
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            for key, item in current.items():
                if isinstance(key, str) and is_secret_name(key):
                    found.update(text for text in _strings(item) if text)
                else:
                    pending.append(item)
        elif isinstance(current, (list, tuple)):
            pending.extend(current)
    return found


def _holds_placeholder(value: Any) -> bool:
    return any(has_placeholder(text) for text in _strings(value))


def _undefined_name(message: str) -> Optional[str]:
    match = re.search(r"'([^']+)' is undefined", message)
    return match.group(1) if match else None


def render_all(texts: List[str], variables: VariableSet) -> List[Outcome]:
    """Fill every text; fewer outcomes than texts when the bounds stopped the filling
    (the next text is the one that was running: see render_stopped)."""
    if not texts:
        return []
    if not hasattr(os, "fork"):
        renderer = Renderer(variables)
        return [renderer.render_text(text) for text in texts]
    return _render_in_child(texts, variables)


class RenderStopped(NamedTuple):
    """Why a child stopped before filling every text."""

    timed_out: bool
    reason: str


_last_stop: List[Optional[RenderStopped]] = [None]


def render_stopped() -> Optional[RenderStopped]:
    return _last_stop[0]


def _render_in_child(texts: List[str], variables: VariableSet) -> List[Outcome]:
    import select
    import signal
    import time

    _last_stop[0] = None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: fill, write one JSON line per text, never return
        try:
            os.close(read_end)
            _limit_memory()
            renderer = Renderer(variables)
            with os.fdopen(write_end, "w", encoding="utf-8") as stream:
                for text in texts:
                    stream.write(json.dumps(renderer.render_text(text)._asdict()) + "\n")
                    stream.flush()
        finally:
            os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + RENDER_SECONDS
    outcomes: List[Outcome] = []
    pending = b""
    timed_out = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_end], [], [], remaining)[0]:
                timed_out = True
                break
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            for line in lines:
                outcomes.append(_outcome(json.loads(line)))
    finally:
        os.close(read_end)
        if timed_out:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
    if len(outcomes) < len(texts):
        reason = "it needs more memory than allowed" if not timed_out else ""
        if not timed_out and os.WIFSIGNALED(status):
            reason = f"the filling ended with signal {os.WTERMSIG(status)}"
        _last_stop[0] = RenderStopped(timed_out, reason)
    return outcomes


def _outcome(data: Dict[str, Any]) -> Outcome:
    return Outcome(data["text"], data["code"], data["args"], tuple(data["secrets"]))


def _limit_memory() -> None:
    """In the child: at most RENDER_MEMORY_BYTES more address space than it has."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as handle:
            size = next(int(line.split()[1]) * 1024 for line in handle
                        if line.startswith("VmSize:"))
        limit = size + RENDER_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError, StopIteration):
        pass  # no /proc or no limit: the time bound still holds


class Filling(NamedTuple):
    """What filling the placeholders did: the rows that held one (the lint does not call
    a placeholder a password in plain text), the variables each filled cell named (a
    check refusing the value names them), and whether any cell failed to fill."""

    rows: Set[Tuple[Source, int]]
    cells: Dict[Location, Tuple[str, ...]]
    failed: bool


def substitute(tables: List[RawTable], variables: VariableSet,
               diagnostics: Diagnostics) -> Filling:
    """Render every value cell holding a placeholder, in place."""
    register_secrets(variables, diagnostics)
    # (where the cell is kept, its key, the cell, its row)
    jobs: List[Tuple[Any, Any, Cell, DataRow]] = []
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
                            jobs.append((cells, key, cell, row))
                for items in row.repeated.values():
                    for index, cell in enumerate(items):
                        if cell.value and has_placeholder(cell.value):
                            jobs.append((items, index, cell, row))
    outcomes = render_all([cell.value for _, _, cell, _ in jobs], variables)
    rows_with_placeholders: Set[Tuple[Source, int]] = {(row.source, row.row)
                                                       for _, _, _, row in jobs}
    filled: Dict[Location, Tuple[str, ...]] = {}
    failed = len(outcomes) < len(jobs)
    for (holder, key, cell, _row), outcome in zip(jobs, outcomes):
        diagnostics.secrets.update(outcome.secrets)
        if outcome.code is not None:
            diagnostics.error(outcome.code, cell.location, **outcome.args)
            failed = True
        elif outcome.text is not None:
            holder[key] = cell._replace(value=outcome.text)
            filled[cell.location] = tuple(sorted(_names_or_none(cell.value)))
    if len(outcomes) < len(jobs):
        cell = jobs[len(outcomes)][2]
        stopped = render_stopped()
        if stopped is None or stopped.timed_out:
            diagnostics.error("PG611", cell.location, seconds=f"{RENDER_SECONDS:g}")
        else:
            diagnostics.error("PG612", cell.location, reason=stopped.reason)
        # the cells left keep their text; the run has failed already
    return Filling(rows_with_placeholders, filled, failed)


def _names_or_none(text: str) -> Set[str]:
    from jinja2 import TemplateSyntaxError

    try:
        return names_in(text)
    except TemplateSyntaxError:
        return set()


def register_secrets(variables: VariableSet, diagnostics: Diagnostics) -> None:
    """Every secret value, before any message can show it."""
    for variable in variables.values.values():
        diagnostics.secrets.update(secret_strings(variable.value, variable.secret))


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
