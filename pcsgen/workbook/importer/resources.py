"""The import's resource tree: the RESOURCES and RSC_ATTRIBUTES tables, what is
left out (an agent name pcsgen refuses), and each resource handed to the part that
writes it (primitive, group, clone, bundle)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from pcsgen.cib import reading as rd
from pcsgen.cib import values as cv
from pcsgen.cib.element import Element
from pcsgen.pcs import commands as pcs
from pcsgen.pcs import refusals
from pcsgen.workbook.importer.base import (
    MAX_NAMES_SHOWN,
    META_AS_WRITTEN,
    base_of,
    cell_split,
    children_of,
    pcs_agent,
    say,
)
from pcsgen.workbook.importer.bundles import Bundles
from pcsgen.workbook.importer.clones import Clones


class Resources(Clones, Bundles):
    """The resources section, top to bottom."""

    def resources(self) -> None:
        section = self.configuration.find("resources")
        if section is None:
            return
        tree: List[Dict[str, Any]] = []
        meta_rows: List[Dict[str, str]] = []
        definitions: List[Dict[str, Any]] = []
        for template in section.findall("template"):
            # the context's one pass over the primitives, not one per template
            users = self.context.groups.get(template.get("id", ""), [])
            # a message names a few: a template may make thousands of primitives
            shown = users[:MAX_NAMES_SHOWN] + (["…"] if len(users) > MAX_NAMES_SHOWN else [])
            self.diagnostics.warning(
                "PG714", self._where(template), id=template.get("id"), users=", ".join(shown) or "-"
            )
        for element in section:
            if not isinstance(element.tag, str) or element.tag == "template":
                continue
            self._owners(element, element.get("id", ""))
            self._resource(element, 0, tree, meta_rows, definitions)
        if tree:
            self.tables.append({"table": "RESOURCES", "rows": tree})
        if meta_rows:
            self.tables.append({"table": "RSC_ATTRIBUTES", "rows": meta_rows})
        self.tables += definitions

    def _owners(self, element: Element, top: str) -> None:
        """Pacemaker applies a constraint on a resource inside a clone or a bundle to
        the clone or bundle at the top."""
        inside = element.tag in ("clone", "master", "bundle")
        for child in element.iter("primitive", "group", "clone", "master"):
            if child is not element and inside:
                self.owner[child.get("id", "")] = top

    def left_out(self) -> None:
        """Resources whose agent name pcsgen refuses (a path in it: the cluster would run
        whatever it leads to): each is named and left out, and so is a group or a clone
        left with nothing in it. What names them is left out after them."""
        section = self.configuration.find("resources")

        def visit(element: Element) -> bool:
            rid = element.get("id", "")
            if element.tag == "primitive":
                expanded = rd.expand_template(element, self.context)
                problem = refusals.agent_problem(expanded)
                if problem is None:
                    return False
                self.diagnostics.warning(
                    "PG723", self._where(element), id=rid, agent=pcs_agent(expanded), reason=problem
                )
                self.dropped.add(rid)
                return True
            inside = children_of(element, "primitive", "group")
            gone = [child.get("id", "") for child in inside if visit(child)]
            if element.tag == "bundle" or not inside or len(gone) < len(inside):
                return False
            kind = "imp_group" if element.tag == "group" else "imp_clone"
            self.diagnostics.warning(
                "PG724", self._where(element), what=say(kind, id=rid), id=gone[0]
            )
            self.dropped.add(rid)
            return True

        for element in children_of(section) if section is not None else []:
            if element.tag in cv.RESOURCE_TAGS:
                visit(element)

    def _resource(
        self,
        element: Element,
        depth: int,
        tree: List[Dict[str, Any]],
        meta_rows: List[Dict[str, str]],
        definitions: List[Dict[str, Any]],
        inherited: Optional[Dict[str, str]] = None,
    ) -> None:
        rid = element.get("id", "")
        if rid in self.dropped:
            return
        if element.tag == "primitive":
            expanded = rd.expand_template(element, self.context)
            stonith = expanded.get("class") == "stonith"
            place = self._created_place(element, inherited or {})
            if place is not None:
                tail, reason = place
                self._created_primitive(
                    element, tail, say("imp_primitive", id=rid), inherited or {}, reason
                )
                return
            tree.append({"depth": depth, "kind": "Stonith" if stonith else "Primitive", "id": rid})
            self.in_tables.add(rid)
            definitions.append(self._primitive(element, expanded, stonith, inherited or {}))
            return
        if element.tag in ("group", "clone", "master"):
            meta = rd.nvsets(element, "meta_attributes", self.context, normalise=META_AS_WRITTEN)
            self._duplicates(element, "meta_attributes", rid)
            self._rule_layers(element, rid, "meta_attributes", meta)
            values = self._writable(element, "resource meta", f"'{rid}'", base_of(meta))
            promotable = False
            if element.tag != "group":
                promotable = element.tag == "master" or values.get("promotable") == "true"
                if promotable:
                    values.pop("promotable", None)
            kind = "Group" if element.tag == "group" else "Promotable" if promotable else "Clone"
            passed = self._extras(element, kind, inherited or {})
            if element.tag != "group":
                mode, promotable = self._clone_mode(element, promotable, values)
                kind = "Promotable" if promotable else "Clone"
                if mode != "table":
                    self._clone_by_command(
                        element,
                        mode,
                        values,
                        passed,
                        lambda child, given: self._resource(
                            child, depth, tree, meta_rows, definitions, given
                        ),
                    )
                    return
            elif self._group_by_commands(element, passed):
                for child in children_of(element, "primitive"):
                    self._resource(child, depth, tree, meta_rows, definitions, passed)
                writable = {n: v for n, v in values.items() if "\n" not in v and "\r" not in v}
                for name in values:
                    if name not in writable:
                        self._lost(
                            element, say("imp_value_line_break", name=name, owner=f"'{rid}'")
                        )
                if writable:
                    self._command(
                        "resources",
                        element,
                        say("imp_meta_of", id=rid),
                        ["pcs", "resource", "meta", rid, *pcs.nvpair_words(writable), "--force"],
                    )
                return
            tree.append({"depth": depth, "kind": kind, "id": rid})
            self.in_tables.add(rid)
            values, verbatim = cell_split(values)
            self._verbatim(element, f"'{rid}'", verbatim, ["pcs", "resource", "meta", rid])
            meta_rows += [{"id": rid, "name": n, "value": v} for n, v in values.items()]
            for child in element:
                if isinstance(child.tag, str) and child.tag in ("primitive", "group"):
                    self._resource(child, depth + 1, tree, meta_rows, definitions, passed)
            return
        if element.tag == "bundle":
            self._bundle(element)
            return
        self._lost(element, say("imp_element", tag=element.tag, id=rid))
