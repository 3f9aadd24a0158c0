"""pm_crmgen tables -> a pm_pcsgen document (the importer's plain-data form), recording
every change the new generation asks for (generations.json) with the old cell.

This module holds the conversion's state and the tables of resources, options and
constraints; fence devices are stonith.py's, locations locations.py's."""

from __future__ import annotations

import re
from typing import Any, Dict, List, NamedTuple, Optional, Set, Tuple

from pcsgen.compiler.tables import Cell
from pcsgen.diagnostics import Diagnostics
from pcsgen.location import Location
from pcsgen.migrate import locations, stonith
from pcsgen.migrate.changes import Changes
from pcsgen.migrate.convert_words import FALSE_WORDS as _FALSE
from pcsgen.migrate.convert_words import TRUE_WORDS as _TRUE
from pcsgen.migrate.convert_words import score_word as score
from pcsgen.migrate.crm_commands import translate
from pcsgen.migrate.crmgen_tables import Row, Table
from pcsgen.migrate.generations import generations
from pcsgen.secrets import mask

Document = Dict[str, Any]
ORDER_OF_TABLES = ["NODE", "PROPERTY", "RSC_DEFAULTS", "OP_DEFAULTS", "RESOURCES",
                   "RSC_ATTRIBUTES", "STONITH_LEVEL", "PRIMITIVE", "STONITH", "LOCATION_NODE",
                   "LOCATION_RULE", "COLOCATION", "ORDER", "ALERT", "ADDITIONAL_CONFIG"]


class Primitive(NamedTuple):
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
    def __init__(self, tables: List[Table], target: str, diagnostics: Diagnostics,
                 changes: Changes) -> None:
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

    # --- helpers -------------------------------------------------------------
    def table_rows(self, marker: str, sub: Optional[str] = None) -> List[Row]:
        return [row for t in self.tables if t.marker == marker and t.sub == sub
                for row in t.rows]

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
            self.changes.add("PG981", cell.location, entry["source"], (owner,), old=cell.value,
                             new=new)
        return new

    def known(self, rid: str, cell: Optional[Cell]) -> bool:
        if rid in self.dropped:
            self.changes.add("PG997", cell.location if cell else None,
                             "it names a fence device left out (PG986)", (rid,), what=rid)
            return False
        if rid not in self.parents and rid not in {n.id for n in self.tree}:
            self.diagnostics.error("PG977", cell.location if cell else None, id=rid)
            return False
        return True

    # --- tables ----------------------------------------------------------------
    def nodes(self) -> None:
        uname = ptype = ""
        for row in self.table_rows("NODE"):
            if row.value("uname"):
                uname, ptype = row.value("uname"), ""
                ntype = row.cells.get("ntype")
                if ntype is not None:
                    self.changes.add("PG997", ntype.location, "the pacemaker-3.x CIB schema "
                                     "knows node types member, ping and remote only; pcs adds "
                                     "the nodes itself", (uname,),
                                     what=f"ntype {ntype.value}")
            ptype = (row.value("ptype") or ptype).lower()
            if not row.value("name"):
                continue
            kind = {"attributes": "attribute", "utilization": "utilization"}.get(ptype)
            if kind is None:
                self.diagnostics.error("PG978", row.location.at_column(
                    row.cells["ptype"].column if "ptype" in row.cells else 0),
                    value=ptype, column="NODE/ptype")
                continue
            self.add("NODE", {"uname": uname, "type": kind, "name": row.value("name"),
                               "value": row.value("value")})

    def options(self) -> None:
        moved: Dict[str, List[Dict[str, str]]] = {}
        for marker in ("PROPERTY", "RSC_DEFAULTS", "OP_DEFAULTS"):
            for row in self.table_rows(marker):
                name, value = row.value("name"), row.value("value")
                if not name:
                    continue
                entry = self.data["properties"].get(name) if marker == "PROPERTY" else None
                if entry is not None:
                    self.changes.add("PG990", row.cells["name"].location, entry["source"],
                                     (name, entry["name"]), name=name, table=entry["table"],
                                     new=entry["name"])
                    moved.setdefault(entry["table"], []).append(
                        {"name": entry["name"], "value": value})
                    continue
                self.add(marker, {"name": name, "value": value})
        for marker, rows in moved.items():
            have = {r["name"] for r in self.out.get(marker, [])}
            for item in rows:
                if item["name"] not in have:
                    self.add(marker, item)

    def read_primitives(self) -> None:
        current: Optional[str] = None
        for table in self.tables:
            if table.marker != "PRIMITIVE":
                continue
            if table.sub == "P":
                for row in table.rows:
                    rid = row.value("id")
                    if not rid:
                        self.diagnostics.error("PG975", row.location, table="PRIMITIVE/P",
                                               column="id")
                        current = None
                        continue
                    if rid in self.primitives:
                        self.diagnostics.error("PG978", row.cells["id"].location, value=rid,
                                               column="PRIMITIVE/P id")
                    current = rid
                    self.primitives[rid] = Primitive(row, [], [])
            elif current is not None:
                target = self.primitives[current]
                (target.attributes if table.sub == "A" else target.operations).extend(
                    table.rows)

    def resources(self) -> None:
        stack: List[Node] = []
        for row in self.table_rows("RESOURCES"):
            set_items = [(depth, cell) for depth, cell in enumerate(row.items) if cell.value]
            rid = row.value("id")
            if len(set_items) != 1 or not rid:
                self.diagnostics.error("PG975", row.location, table="RESOURCES",
                                       column="resourceItem, id")
                continue
            depth, cell = set_items[0]
            kind = cell.value.lower()
            if kind not in ("primitive", "group", "clone", "ms", "master"):
                self.diagnostics.error("PG978", cell.location, value=cell.value,
                                       column="resourceItem")
                continue
            if depth > len(stack) or (depth > 0 and stack[depth - 1].kind == "primitive"):
                self.diagnostics.error("PG978", cell.location, value=cell.value,
                                       column="resourceItem")
                continue
            del stack[depth:]
            node = Node(kind, rid, depth, cell)
            if stack:
                self.parents[rid] = stack[-1].id
            stack.append(node)
            self.tree.append(node)
            if kind == "primitive" and rid not in self.primitives:
                self.diagnostics.error("PG977", row.cells["id"].location, id=rid)
        listed = {node.id for node in self.tree}
        for rid, primitive in self.primitives.items():
            if rid not in listed:
                self.diagnostics.error("PG977", primitive.head.cells["id"].location, id=rid)

    def _is_stonith(self, rid: str) -> bool:
        primitive = self.primitives.get(rid)
        return primitive is not None and primitive.head.value("class").lower() == "stonith"

    def write_resources(self) -> None:
        members: Dict[str, List[str]] = {}
        for node in self.tree:
            if node.id in self.parents:
                members.setdefault(self.parents[node.id], []).append(node.id)
        for node in self.tree:
            if node.kind == "group" and members.get(node.id) and all(
                    self._is_stonith(m) for m in members[node.id]):
                self.dissolved[node.id] = members[node.id]
        for node in self.tree:
            if node.kind == "primitive" and self._is_stonith(node.id):
                stonith.stonith(self, node.id)
        rows: List[Dict[str, Any]] = []
        for node in self.tree:
            if node.id in self.dissolved or node.id in self.dropped or \
                    (node.kind == "primitive" and node.id not in self.primitives):
                continue
            depth = node.depth
            parent = self.parents.get(node.id)
            if parent in self.dissolved:
                depth = 0
            kind = node.kind
            if kind in ("ms", "master"):
                entry = self.data["resource_kinds"][kind]
                self.changes.add("PG982", node.cell.location, entry["source"], (node.id,),
                                 id=node.id, old=node.cell.value)
                kind = "promotable"
            if kind == "primitive":
                kind = "stonith" if self._is_stonith(node.id) else "primitive"
                if kind == "primitive":
                    self.primitive(node.id)
            rows.append({"depth": depth, "kind": kind.capitalize(), "id": node.id})
        for group, devices in self.dissolved.items():
            kept = [d for d in devices if d not in self.dropped]
            self.changes.add("PG983", next(n.cell.location for n in self.tree if n.id == group),
                             "pcs 0.11 refuses fence devices in groups; Pacemaker tries fence "
                             "devices by fencing levels", (group, *devices), id=group,
                             devices=", ".join(kept) or "-")
        if rows:
            self.add("RESOURCES", rows)

    def attribute_rows(self, rid: str, primitive: Primitive) -> Tuple[List[Dict[str, str]],
                                                                        List[Cell]]:
        """A rows as (type, name, value) dicts, the per-node (rule) rows left out and
        named; and the cells of the kept rows, for the stonith parameter maps."""
        kind = rule = ""
        kept: List[Dict[str, str]] = []
        cells: List[Cell] = []
        lost: Dict[str, List[str]] = {}
        lost_at: Dict[str, Location] = {}
        values: Dict[str, List[str]] = {}
        for row in primitive.attributes:
            if row.value("type"):
                kind, rule = row.value("type").lower(), row.value("rule")
            if not row.value("name"):
                continue
            if rule:
                lost.setdefault(rule, []).append(row.value("name"))
                values.setdefault(rule, []).append(
                    f"{row.value('name')}={mask(row.value('name'), row.value('value'))}")
                lost_at.setdefault(rule, row.location)
                continue
            if kind == "operations":
                self.changes.add("PG997", row.location, "pm_pcsgen's format names no "
                                 "operations id; Pacemaker does not need one", (rid,),
                                 what=f"operations {row.value('name')}")
                continue
            if kind not in ("params", "meta", "utilization"):
                self.diagnostics.error("PG978", row.location, value=kind,
                                       column="PRIMITIVE/A type")
                continue
            kept.append({"type": {"params": "options"}.get(kind, kind),
                         "name": row.value("name"), "value": row.value("value")})
            cells.append(row.cells["name"])
        for rule_text, names in lost.items():
            self.changes.add("PG993", lost_at[rule_text], "pm_pcsgen's format and pcs have no "
                             "per-node instance attributes (rules in instance_attributes)",
                             (rid,), id=rid, rule=rule_text, names=", ".join(names),
                             values=" ".join(values[rule_text]))
        return kept, cells

    def op_rows(self, rid: str, primitive: Primitive) -> List[Dict[str, str]]:
        operations = []
        for row in primitive.operations:
            if not row.value("type"):
                continue
            item = {"type": row.value("type")}
            for key, cell in row.cells.items():
                if key == "type":
                    continue
                item[key] = self.role(cell, rid) if key == "role" else cell.value
            operations.append(item)
        return operations

    def primitive(self, rid: str) -> None:
        primitive = self.primitives[rid]
        head = primitive.head
        agent = ":".join(x for x in (head.value("class"), head.value("provider"),
                                     head.value("type")) if x)
        entry = self.data["agents"].get(agent)
        standard, provider, kind = head.value("class"), head.value("provider"), head.value("type")
        if entry is not None:
            where = head.cells["type"].location if "type" in head.cells else head.location
            if entry["agent"]:
                self.changes.add("PG984", where, entry["source"], (rid,), id=rid, old=agent,
                                 new=entry["agent"])
                standard, provider, kind = entry["agent"].split(":")
            else:
                self.changes.add("PG985", where, entry["source"], (rid,), id=rid, old=agent,
                                 replacement=entry["replacement"])
        attributes, _cells = self.attribute_rows(rid, primitive)
        self.add("PRIMITIVE", {"table": "PRIMITIVE", "P": {
            "id": rid, "class": standard, "provider": provider, "type": kind},
            "A": attributes, "O": self.op_rows(rid, primitive)})

    def resource_attributes(self) -> None:
        rid = kind = ""
        kinds = {n.id: n.kind for n in self.tree}
        for row in self.table_rows("RSC_ATTRIBUTES"):
            rid = row.value("id") or rid
            kind = (row.value("type") or kind).lower()
            name = row.value("name")
            if not name or not rid:
                continue
            if kind != "meta":
                self.changes.add("PG997", row.cells["name"].location, "pm_pcsgen's "
                                 "RSC_ATTRIBUTES holds meta "
                                 "attributes only; pcs sets no instance attributes on a group "
                                 "or clone", (rid,), what=f"{kind} {name}")
                continue
            entry = self.data["clone_meta"].get(name)
            if entry is not None and kinds.get(rid) in ("ms", "master") and \
                    self.target in entry:
                self.changes.add("PG992", row.cells["name"].location, entry["source"], (rid,),
                                 old=name, new=entry[self.target], id=rid)
                name = entry[self.target]
            self.add("RSC_ATTRIBUTES", {"id": rid, "name": name, "value": row.value("value")})

    def colocations(self) -> None:
        for row in self.table_rows("COLOCATION"):
            rsc, with_rsc = row.value("rsc"), row.value("with-rsc")
            if not (rsc and with_rsc and row.value("score")):
                self.diagnostics.error("PG975", row.location, table="COLOCATION",
                                       column="rsc, with-rsc, score")
                continue
            if not self.known(rsc, row.cells.get("rsc")) or \
                    not self.known(with_rsc, row.cells.get("with-rsc")):
                continue
            value = score(row.value("score"))
            roles = (self.role(row.cells.get("rsc-role"), rsc),
                     self.role(row.cells.get("with-rsc-role"), with_rsc))
            self.pairs.add(("colocation", rsc, with_rsc, value, *roles))
            self.add("COLOCATION", {"rsc": rsc, "with-rsc": with_rsc, "score": value,
                                     "rsc-role": roles[0], "with-rsc-role": roles[1]})

    def orders(self) -> None:
        for row in self.table_rows("ORDER"):
            first, then = row.value("first-rsc"), row.value("then-rsc")
            if not (first and then and row.value("score")):
                self.diagnostics.error("PG975", row.location, table="ORDER",
                                       column="first-rsc, then-rsc, score")
                continue
            if not self.known(first, row.cells.get("first-rsc")) or \
                    not self.known(then, row.cells.get("then-rsc")):
                continue
            value = score(row.value("score"))
            kind = "Optional" if value in ("0", "+0", "-0") else "Mandatory"
            self.changes.add("PG999", row.cells["score"].location, "a Pacemaker order's score "
                             "0 is kind Optional, any other score Mandatory; pm_pcsgen's "
                             "format says the kind", (first, then), old=row.value("score"),
                             new=kind)
            symmetrical = row.value("symmetrical").lower()
            if symmetrical:
                symmetrical = "true" if symmetrical in _TRUE else \
                    "false" if symmetrical in _FALSE else symmetrical
            actions = (row.value("first-action").lower(), row.value("then-action").lower())
            self.pairs.add(("order", first, then, value, *actions, symmetrical))
            self.add("ORDER", {"first-rsc": first, "then-rsc": then, "kind": kind,
                                "first-action": actions[0], "then-action": actions[1],
                                "symmetrical": symmetrical})

    def tickets(self) -> None:
        source = self.data["ticket_source"]
        for row in self.table_rows("RSC_TICKET"):
            ticket, rsc = row.value("ticket"), row.value("rsc")
            if not ticket or not rsc or not self.known(rsc, row.cells.get("rsc")):
                continue
            words = ["pcs", "constraint", "ticket", "add", ticket]
            role = self.role(row.cells.get("role"), rsc)
            if role:
                words.append(role)
            words.append(rsc)
            if row.value("loss-policy"):
                words.append(f"loss-policy={row.value('loss-policy')}")
            command = " ".join(words)
            self.commands.append({"config": command})
            self.changes.add("PG976", row.location, source, (rsc, ticket),
                             old=f"rsc_ticket {ticket}", command=command)

    def additional(self) -> None:
        for row in self.table_rows("ADDITIONAL_CONFIG"):
            cell = row.cells.get("config")
            if cell is None:
                continue
            command, why = translate(cell.value, self.target)
            if command is not None:
                if self._duplicate(command):
                    # crmsh took a second constraint on the same resources; pcs takes it
                    # only when forced
                    command += " --force"
                self.commands.append({"config": command})
                self.changes.add("PG976", cell.location, why, (), old=cell.value,
                                 command=command)
            else:
                self.comments.append(cell.value)
                ids = {n.id for n in self.tree}
                named = [w for w in re.split(r"[\s():,]+", cell.value) if w in ids]
                self.changes.add("PG980", cell.location, why, named, old=cell.value)

    def _duplicate(self, command: str) -> bool:
        words = command.split()
        if words[:3] == ["pcs", "constraint", "order"]:
            names = [w for w in words[3:] if w in {n.id for n in self.tree}]
            return any(p[0] == "order" and set(p[1:3]) == set(names[:2]) for p in self.pairs)
        if words[:4] == ["pcs", "constraint", "colocation", "add"]:
            names = [w for w in words[4:] if w in {n.id for n in self.tree}]
            return any(p[0] == "colocation" and set(p[1:3]) == set(names[:2])
                       for p in self.pairs)
        return False

    def alerts(self) -> None:
        alert: Optional[Dict[str, Any]] = None
        owner: Optional[Dict[str, Any]] = None
        for table in self.tables:
            if table.marker != "ALERT":
                continue
            for row in table.rows:
                if table.sub == "P" and row.value("path"):
                    alert = {"table": "ALERT", "P": {"path": row.value("path")}, "A": [],
                             "R": []}
                    owner = alert
                    self.add("ALERT", alert)
                elif table.sub == "R" and row.value("recipient") and alert is not None:
                    owner = {"recipient": row.value("recipient"), "A": []}
                    alert["R"].append(owner)
                elif table.sub == "A" and owner is not None and row.value("name"):
                    kind = row.value("type").lower() or (owner["A"][-1]["type"]
                                                         if owner["A"] else "")
                    kind = {"attributes": "options"}.get(kind, kind)
                    if kind not in ("options", "meta"):
                        self.diagnostics.error("PG978", row.location, value=kind,
                                               column="ALERT/A type")
                        continue
                    owner["A"].append({"type": kind, "name": row.value("name"),
                                       "value": row.value("value")})

    def document(self, name: str, title: str) -> Document:
        self.nodes()
        self.options()
        self.read_primitives()
        self.resources()
        self.write_resources()
        self.resource_attributes()
        stonith.fencing(self)
        self.colocations()
        self.orders()
        locations.locations(self)
        self.tickets()
        self.additional()
        self.alerts()
        locations.node_rules(self)
        if self.commands:
            self.out["ADDITIONAL_CONFIG"] = self.commands
        tables: List[Dict[str, Any]] = []
        for marker in ORDER_OF_TABLES:
            items = self.out.get(marker)
            if not items:
                continue
            if marker in ("PRIMITIVE", "STONITH", "ALERT"):
                tables.extend(items)
            elif marker == "RESOURCES":
                tables.append({"table": marker, "rows": items[0]})
            else:
                tables.append({"table": marker, "rows": items})
        if not tables:
            tables.append({"table": "PROPERTY", "rows": []})
        return {"name": name, "title": title, "tables": tables}
