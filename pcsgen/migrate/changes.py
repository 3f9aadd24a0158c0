"""One change the migration made, with the old cell it comes from and why."""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from pcsgen.diagnostics.location import Location
from pcsgen.diagnostics.severity import Severity


class Change(NamedTuple):
    code: str  # a PG97x-PG99x message: what changed
    location: Optional[Location]  # the old cell
    args: Dict[str, Any]
    source: str  # where the fact behind the change comes from
    objects: Tuple[str, ...]  # ids of what the change touches

    @property
    def severity(self) -> Severity:
        from pcsgen.diagnostics.messages import default_severity

        return default_severity(self.code)

    def message(self, lang: str = "en") -> str:
        from pcsgen.diagnostics.messages import render

        return render(self.code, lang, self.args)


class Changes:
    """The changes of one migration, in the order they were made."""

    def __init__(self) -> None:
        self.items: List[Change] = []

    def add(
        self,
        code: str,
        location: Optional[Location],
        source: str = "",
        objects: Sequence[str] = (),
        **args: Any,
    ) -> None:
        self.items.append(Change(code, location, args, source, tuple(objects)))

    def touched(self) -> Set[str]:
        """Every id a change names: what may differ from what pm_crmgen made."""
        return {name for change in self.items for name in change.objects}
