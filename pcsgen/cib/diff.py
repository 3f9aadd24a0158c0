"""Semantic differences between two configurations: objects added, removed and changed,
attribute by attribute, ignoring ids and the orders Pacemaker ignores."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, List, Tuple

from pcsgen.cib.canonical import Canonical
from pcsgen.diagnostics.formats import visible, visible_json


@dataclass(frozen=False)
class Change:
    kind: str  # added, removed, changed
    path: Tuple[str, ...]
    old: Any = None
    new: Any = None
    secret: bool = False  # a secret's change: shown without either value

    def as_dict(self) -> dict:  # type: ignore[type-arg]
        if self.secret:
            return {"change": self.kind, "path": list(self.path), "secret": True}
        return {
            "change": self.kind,
            "path": list(self.path),
            "old": _plain(self.old),
            "new": _plain(self.new),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def compare(a: Any, b: Any, path: Tuple[str, ...] = ()) -> List[Change]:
    """The changes from form a to form b: dicts key by key, lists item by item (a list
    whose items only moved is one change: its order matters)."""
    if isinstance(a, dict) and isinstance(b, dict):
        changes: List[Change] = []
        for key in sorted(set(a) | set(b), key=str):
            where = path + (str(key),)
            if key not in a:
                changes.append(Change("added", where, new=b[key]))
            elif key not in b:
                changes.append(Change("removed", where, old=a[key]))
            else:
                changes.extend(compare(a[key], b[key], where))
        return changes
    if isinstance(a, list) and isinstance(b, list) and a != b:
        # membership by a hashable key: a tag or a group of thousands of members
        # compared item by item would take their square
        in_a = {_key(x) for x in a}
        in_b = {_key(x) for x in b}
        removed = [x for x in a if _key(x) not in in_b]
        added = [x for x in b if _key(x) not in in_a]
        if not removed and not added:
            return [Change("changed", path, old=a, new=b)]
        return [Change("removed", path, old=x) for x in removed] + [
            Change("added", path, new=x) for x in added
        ]
    if a != b:
        return [Change("changed", path, old=a, new=b)]
    return []


def _key(value: Any) -> str:
    """A hashable stand-in for a canonical value: equal values, equal keys (dicts with
    their keys sorted, as == ignores their order)."""
    return json.dumps(_plain(value), sort_keys=True, default=repr)


def semantic_diff(a: Canonical, b: Canonical) -> List[Change]:
    return compare(a, b)


_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def format_text(changes: List[Change]) -> str:
    lines = []
    for change in changes:
        where = "/".join(change.path)
        if change.secret:
            lines.append(f"{_SIGNS[change.kind]} {where}: (secret) {change.kind}")
        elif change.kind == "changed":
            lines.append(f"~ {where}: {change.old!r} -> {change.new!r}")
        elif change.kind == "added":
            lines.append(f"+ {where}: {_short(change.new)}")
        else:
            lines.append(f"- {where}: {_short(change.old)}")
    # one change a line, as a terminal shows it: no control sequence or line break of an
    # id or value acts on it (a CIB is someone else's text)
    shown = [visible(line).replace("\n", "\\n") for line in lines]
    return "\n".join(shown) + ("\n" if shown else "")


def _short(value: Any) -> str:
    if isinstance(value, dict) and "id" in value and "kind" in value:
        return f"{value['kind']} {value['id']}"
    return repr(_plain(value))


def format_json(changes: List[Change]) -> str:
    return visible_json(
        json.dumps(
            {"equal": not changes, "changes": [c.as_dict() for c in changes]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def differences(a: Any, b: Any) -> List[str]:
    """The differences between two canonical forms, one line each, as diff prints them."""
    return format_text(semantic_diff(a, b)).splitlines()
