"""Diagnostics: every problem pcsgen finds, with a stable code and the cell it concerns.

The package holds everything about telling a problem: where it is (location), how
serious (severity), the catalogue of texts in English and Japanese (messages, phrase),
and the output formats (text, JSON, SARIF)."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Set

from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.severity import Severity

__all__ = ["Diagnostic", "Diagnostics", "PcsgenError", "Severity"]


class Diagnostic(NamedTuple):
    code: str
    severity: Severity
    location: Optional[Location]
    args: Dict[str, Any]

    def message(self, lang: str = "en") -> str:
        from pcsgen.diagnostics.messages import render

        return render(self.code, lang, self.args)


class Diagnostics:
    """The diagnostics of one run, in the order they were found."""

    def __init__(self) -> None:
        self._items: List[Diagnostic] = []
        # values of secret variables: never shown in a message
        self.secrets: Set[str] = set()

    def add(
        self,
        code: str,
        location: Optional[Location],
        severity: Optional[Severity] = None,
        **args: Any,
    ) -> Diagnostic:
        from pcsgen.diagnostics.messages import default_severity

        if self.secrets:
            args = {k: self._redact(v) for k, v in args.items()}
        diagnostic = Diagnostic(
            code, severity if severity is not None else default_severity(code), location, args
        )
        self._items.append(diagnostic)
        return diagnostic

    def _redact(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        for secret in self.secrets:
            value = value.replace(secret, "********")
        return value

    def error(self, code: str, location: Optional[Location], **args: Any) -> Diagnostic:
        return self.add(code, location, Severity.ERROR, **args)

    def warning(self, code: str, location: Optional[Location], **args: Any) -> Diagnostic:
        return self.add(code, location, Severity.WARNING, **args)

    def info(self, code: str, location: Optional[Location], **args: Any) -> Diagnostic:
        return self.add(code, location, Severity.INFO, **args)

    def report(self, failure: PcsgenError) -> None:
        """Record the diagnostic a failure carries."""
        found = failure.diagnostic
        self.add(found.code, found.location, found.severity, **found.args)

    def relay(self, found: Diagnostic, location: Optional[Location]) -> None:
        """Record a diagnostic found before (a refusal the IR keeps), at the location its
        object has now."""
        self.add(found.code, location, found.severity, **found.args)

    def extend(self, other: Diagnostics) -> None:
        if other is self:
            # a failure that ends a run carries the run's own diagnostics: they are here
            # already (and extending a list with itself, item by item, never ends)
            return
        self._items.extend(other)
        self.secrets |= other.secrets

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self._items)

    @property
    def has_warnings(self) -> bool:
        return any(d.severity is Severity.WARNING for d in self._items)

    def sorted(self) -> List[Diagnostic]:
        def key(d: Diagnostic) -> Any:
            loc = d.location
            if loc is None:
                return ("", "", 0, 0)
            return (loc.source.file, loc.source.sheet or "", loc.row, loc.column)

        return sorted(self._items, key=key)

    def exit_status(self) -> int:
        """0 clean, 1 errors, 2 warnings only (as pm_pcsgen)."""
        if self.has_errors:
            return 1
        if self.has_warnings:
            return 2
        return 0


class PcsgenError(Exception):
    """A failure that stops the run; carries its diagnostic, and every diagnostic of the
    run when it ends one (see `ending`)."""

    def __init__(self, code: str, location: Optional[Location] = None, **args: Any) -> None:
        self.diagnostic = Diagnostic(code, Severity.ERROR, location, args)
        self._run: Optional[Diagnostics] = None
        super().__init__(self.diagnostic.message("en"))

    @classmethod
    def ending(cls, diagnostics: Diagnostics) -> PcsgenError:
        """The failure of a run whose diagnostics hold errors: its first error, with all."""
        first = next((d for d in diagnostics if d.severity is Severity.ERROR), None)
        if first is None:
            failure = cls("PG507", None, reason="a run ended without an error")
        else:
            failure = cls(first.code, first.location, **first.args)
        failure._run = diagnostics
        return failure

    @property
    def diagnostics(self) -> Diagnostics:
        """Every diagnostic of the run (at least this failure's own)."""
        if self._run is None:
            self._run = Diagnostics()
            self._run.report(self)
        return self._run


def file_location(path: str, sheet: Optional[str] = None) -> Location:
    return Location(Source(path, sheet))
