"""A structural copy of an IR, to tell whether a stage changed it."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any


def snapshot(value: Any) -> Any:
    """Nested tuples of every field's value, down to the strings: two snapshots are equal
    exactly when the IRs hold the same content in the same order."""
    if is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, snapshot(getattr(value, f.name))) for f in fields(value)),
        )
    if isinstance(value, dict):
        return ("dict", tuple((snapshot(k), snapshot(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(snapshot(v)) for v in value)))
    if isinstance(value, list):
        return ("list", tuple(snapshot(v) for v in value))
    if isinstance(value, tuple):  # NamedTuples too (Location, AgentName)
        return (type(value).__name__, tuple(snapshot(v) for v in value))
    return value
