"""Forms collected by what names them (a resource's id, a constraint's resources, a
node's name): every value of a key in order, then numbered where a key came twice."""

from __future__ import annotations

from typing import Any, Dict, List

Keyed = Dict[str, List[Any]]  # what keyed() collects: every value of a key, in order


def keyed(table: Keyed, key: str, value: Any) -> None:
    table.setdefault(key, []).append(value)


def numbered(table: Keyed) -> Dict[str, Any]:
    """The same key twice (two constraints on the same pair) is numbered: in the order
    of their values, which means nothing, not of the document. Numbered once, at the
    end, so that thousands of equal constraints cost a sort, not a sort each."""
    found: Dict[str, Any] = {}
    for key, same in table.items():
        if len(same) > 1:
            same = sorted(same, key=repr)
        found[key] = same[0]
        for index, item in enumerate(same[1:], start=2):
            found[f"{key} #{index}"] = item
    return found
