"""The table layouts, loaded from schemas/tables.json (the one declaration of the format)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, NamedTuple, Optional, Tuple


class ColumnSpec(NamedTuple):
    name: str
    key: str  # lower-case name, as matched
    required: bool = False
    value: bool = False
    inherit: bool = False
    repeated: bool = False
    multiline: bool = False
    values: Tuple[str, ...] = ()
    kind: Optional[str] = None
    caption_en: str = ""
    caption_ja: str = ""

    def canonical(self, text: str) -> Optional[str]:
        """The allowed value that `text` spells, ignoring case; None if not allowed."""
        low = text.lower()
        for allowed in self.values:
            if allowed.lower() == low:
                return allowed
        return None


class SectionSpec(NamedTuple):
    """A table without sub-tables, or one sub-table (P, A, O, R) of a compound table."""

    marker: Optional[str]
    columns: Tuple[ColumnSpec, ...]
    open: bool = False  # any other column is accepted (operation attributes)
    once: bool = False
    first: bool = False
    max_rows: Optional[int] = None

    def column(self, key: str) -> Optional[ColumnSpec]:
        for spec in self.columns:
            if spec.key == key:
                return spec
        return None


class TableSpec(NamedTuple):
    marker: str
    title: Dict[str, str]
    sections: Tuple[SectionSpec, ...]

    @property
    def compound(self) -> bool:
        return self.sections[0].marker is not None

    def section(self, marker: Optional[str]) -> Optional[SectionSpec]:
        for spec in self.sections:
            if spec.marker == marker:
                return spec
        return None


def _column(raw: Dict[str, Any]) -> ColumnSpec:
    return ColumnSpec(
        name=raw["name"],
        key=raw["name"].lower(),
        required=raw.get("required", False),
        value=raw.get("value", False),
        inherit=raw.get("inherit", False),
        repeated=raw.get("repeated", False),
        multiline=raw.get("multiline", False),
        values=tuple(raw.get("values", ())),
        kind=raw.get("kind"),
        caption_en=raw.get("caption", {}).get("en", ""),
        caption_ja=raw.get("caption", {}).get("ja", ""),
    )


def _section(raw: Dict[str, Any], marker: Optional[str]) -> SectionSpec:
    return SectionSpec(
        marker=marker,
        columns=tuple(_column(c) for c in raw["columns"]),
        open=raw.get("open", False),
        once=raw.get("once", False),
        first=raw.get("first", False),
        max_rows=raw.get("max_rows"),
    )


@lru_cache(maxsize=None)
def load_schema() -> Dict[str, TableSpec]:
    from pcsgen.data_files import read_json

    data = read_json("tables.json")
    tables: Dict[str, TableSpec] = {}
    for raw in data["tables"]:
        if "subtables" in raw:
            sections = tuple(_section(s, s["marker"]) for s in raw["subtables"])
        else:
            sections = (_section(raw, None),)
        tables[raw["marker"]] = TableSpec(raw["marker"], raw.get("title", {}), sections)
    return tables


def markers() -> frozenset[str]:
    return frozenset(load_schema())


def table(marker: str) -> TableSpec:
    return load_schema()[marker]


def sub_markers(marker: str) -> List[str]:
    spec = load_schema()[marker]
    return [s.marker for s in spec.sections if s.marker is not None]
