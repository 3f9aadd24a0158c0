"""One text rendered in jinja2's sandbox: placeholders filled from a VariableSet,
variables whose values hold placeholders resolved in turn, and every way a rendering can
fail turned into a message code at the cell."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, NamedTuple, Optional, Set, Tuple

from pcsgen.compiler.read.grid import MAX_CELL_CHARS
from pcsgen.compiler.variables.sources import VariableSet, secret_strings, strings_in
from pcsgen.diagnostics.phrase import Phrase

MAX_DEPTH = 16
# Operators that make huge values in one step are checked before they run (see
# bounded.py for the bounds on the whole filling).
MAX_POWER_BITS = 65536


def _bounded_environment_class() -> Any:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):  # type: ignore[misc,unused-ignore]
        """The sandbox, with the operators that make huge values in one step checked
        first (the child's time and memory bounds catch the rest)."""

        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if (
                operator == "**"
                and _is_int(left)
                and _is_int(right)
                and right > 0
                and abs(left) > 1
                and right * abs(left).bit_length() > MAX_POWER_BITS
            ):
                raise _TooMuch("var_r_power", {"left": left, "right": right})
            if operator == "*":
                count, sequence = (right, left) if _is_int(right) else (left, right)
                if (
                    _is_int(count)
                    and isinstance(sequence, (str, list, tuple))
                    and len(sequence) * count > MAX_CELL_CHARS
                ):
                    raise _TooMuch("var_r_repetition", {"count": count, "limit": MAX_CELL_CHARS})
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

    environment = _bounded_environment_class()(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
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
        context = {
            name: self._resolve(name, chain)
            for name in names_in(text)
            if name in self.variables.values
        }
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
            code, args = (
                ("PG605", {"name": name}) if name is not None else ("PG604", {"reason": str(exc)})
            )
        except _Recursive as exc:
            code, args = "PG606", {"chain": str(exc)}
        except _TooLarge as exc:
            code, args = "PG610", {"size": f"{exc.size}+", "limit": MAX_CELL_CHARS}
        except _Nondeterministic as exc:
            code, args = "PG613", {"name": exc.name}
        except _ObjectShown as exc:
            code, args = "PG614", {"what": exc.what}
        except MemoryError:
            code, args = "PG612", {"reason": Phrase("var_r_memory")}
        except RecursionError:
            code, args = "PG612", {"reason": Phrase("var_r_recursion")}
        except _TooMuch as exc:
            code, args = "PG612", {"reason": Phrase(exc.key, exc.fields)}
        except SecurityError as exc:
            code, args = "PG604", {"reason": str(exc)}
        except Exception as exc:  # a filter given the wrong kind of value, and the like
            code, args = "PG604", {"reason": f"{type(exc).__name__}: {exc}"}
        return Outcome(None, code, args, self._new_secrets(known))

    def _new_secrets(self, known: Set[str]) -> Tuple[str, ...]:
        return tuple(sorted(self.secret_values - known))


class _TooMuch(Exception):
    """A placeholder that asks for more than the bounds allow: why, as a catalogue
    phrase (the texts' key and fields)."""

    def __init__(self, key: str, fields: Dict[str, Any]) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


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


def _holds_placeholder(value: Any) -> bool:
    return any(has_placeholder(text) for text in strings_in(value))


def _undefined_name(message: str) -> Optional[str]:
    match = re.search(r"'([^']+)' is undefined", message)
    return match.group(1) if match else None
