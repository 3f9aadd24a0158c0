"""The conversion's state, which every step reads and adds to: the pm_crmgen tables,
the document's tables as they are written, the resource tree, the fence devices
dissolved or left out, the changes recorded; and the helpers the steps share."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, NamedTuple, Optional, Set, Tuple

from pcsgen.compiler.tables import Cell
from pcsgen.diagnostics import Diagnostics
from pcsgen.migrate.changes import Changes
from pcsgen.migrate.crmgen_tables import Row, Table
from pcsgen.migrate.generations import generations

Document = Dict[str, Any]


class Primitive(NamedTuple):
    """A PRIMITIVE table's P row with the A and O rows under it."""

    head: Row
    attributes: List[Row]
    operations: List[Row]


class Node(NamedTuple):
    """A row of RESOURCES: kind as written (lower case), id, depth, the cell."""

    kind: str
    id: str
    depth: int
    cell: Cell


class Converter:
    """One conversion: what it reads, what it has written so far, and what it learned."""

    def __init__(
        self, tables: List[Table], target: str, diagnostics: Diagnostics, changes: Changes
    ) -> None:
        self.tables = tables
        self.target = target
        self.diagnostics = diagnostics
        self.changes = changes
        self.data = generations()
        self.out: Dict[str, List[Any]] = {}
        self.primitives: Dict[str, Primitive] = {}
        self.tree: List[Node] = []
        self.parents: Dict[str, str] = {}
        self.dissolved: Dict[str, List[str]] = {}  # stonith group -> its devices
        self.dropped: Set[str] = set()  # devices with no equivalent
        self.commands: List[Dict[str, str]] = []
        self.comments: List[str] = []
        self.pairs: Set[Tuple[str, ...]] = set()  # constraints written, for autogen dedupe
        # the resources each colocation and order of the tables links, either way round
        self.linked: Set[Tuple[str, FrozenSet[str]]] = set()
        self._ids: Set[str] = set()
        self._ids_of = 0  # how many nodes of the tree _ids holds

    def record_pair(self, key: Tuple[str, ...]) -> None:
        """A colocation or order written (kind, first, second, ...): for the dedupe of
        what pm_crmgen generates, and of commands pcs would take for a duplicate."""
        self.pairs.add(key)
        self.linked.add((key[0], frozenset(key[1:3])))

    def tree_ids(self) -> Set[str]:
        """The ids of the resource tree. Kept as the tree grows (it only grows): every
        constraint asks, and a set built for each of 20,000 of them takes minutes."""
        if self._ids_of != len(self.tree):
            self._ids.update(node.id for node in self.tree[self._ids_of :])
            self._ids_of = len(self.tree)
        return self._ids

    def table_rows(self, marker: str, sub: Optional[str] = None) -> List[Row]:
        return [row for t in self.tables if t.marker == marker and t.sub == sub for row in t.rows]

    def add(self, marker: str, item: Any) -> None:
        self.out.setdefault(marker, []).append(item)

    def role(self, cell: Optional[Cell], owner: str) -> str:
        if cell is None or not cell.value:
            return ""
        entry = self.data["roles"].get(cell.value.lower())
        if entry is None:
            return cell.value
        new: str = entry[self.target]
        if new != cell.value:
            self.changes.add(
                "PG981", cell.location, entry["source"], (owner,), old=cell.value, new=new
            )
        return new

    def known(self, rid: str, cell: Optional[Cell]) -> bool:
        if rid in self.dropped:
            self.changes.add(
                "PG997",
                cell.location if cell else None,
                "it names a fence device left out (PG986)",
                (rid,),
                what=rid,
            )
            return False
        if rid not in self.parents and rid not in self.tree_ids():
            self.diagnostics.error("PG977", cell.location if cell else None, id=rid)
            return False
        return True
