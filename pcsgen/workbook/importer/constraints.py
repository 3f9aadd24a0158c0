"""The import's constraints: the COLOCATION and ORDER tables (locations in
locations.py), and pcs commands for sets, tickets and constraints pcs takes twice only
when forced."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from pcsgen.cib import reading as rd
from pcsgen.cib import values as cv
from pcsgen.cib.element import Element
from pcsgen.pcs import commands as pcs
from pcsgen.workbook.importer.base import (
    children_of,
    say,
)
from pcsgen.workbook.importer.locations import Locations


class Constraints(Locations):
    """Every constraint, as a table row or a pcs command."""

    def _names_left_out(self, element: Element) -> Optional[str]:
        """The first resource left out that a constraint names (as Pacemaker reads it)."""
        names = [element.get(k) for k in ("rsc", "with-rsc", "first", "then")]
        names += self.context.members(element.get("rsc") or "", element) or []
        for resource_set in children_of(element, "resource_set"):
            resolved = self.context.resolve(resource_set)
            if resolved is not None:
                names += [r.get("id") for r in children_of(resolved, "resource_ref")]
        # a resource inside a clone or a bundle kept stands for it, as Pacemaker reads it
        return next((n for n in names if n is not None and self._name(n) in self.dropped), None)

    def _names_missing(self, element: Element) -> Optional[str]:
        """The first resource a constraint names that the CIB does not hold."""
        names = [element.get(k) for k in ("rsc", "with-rsc", "first", "then")]
        for resource_set in children_of(element, "resource_set"):
            resolved = self.context.resolve(resource_set)
            if resolved is not None:
                names += [r.get("id") for r in children_of(resolved, "resource_ref")]
        if not any(names):
            return None
        known = {
            e.get("id")
            for e in self.configuration.iterfind("resources//*")
            if isinstance(e.tag, str) and e.tag in cv.RESOURCE_TAGS + ("template",)
        }
        known |= {t.get("id") for t in self.configuration.iterfind("tags/tag")}
        return next(
            (n for n in names if n is not None and n not in known and n not in self.dropped), None
        )

    def constraints(self) -> None:
        tables: Dict[str, List[Dict[str, str]]] = {
            "LOCATION_NODE": [],
            "LOCATION_RULE": [],
            "COLOCATION": [],
            "ORDER": [],
        }
        section = self.configuration.find("constraints")
        if section is None:
            return
        for original in section:
            if not isinstance(original.tag, str):
                continue
            # tags and templates as Pacemaker expands them (pcs takes neither there)
            element = rd.expand_references(original, self.context)
            missing = self._names_missing(element)
            if missing is not None:
                self.diagnostics.warning(
                    "PG727", self._where(element), id=element.get("id", ""), rsc=missing
                )
                continue
            gone = self._names_left_out(element)
            if gone is not None:
                self.diagnostics.warning(
                    "PG724",
                    self._where(element),
                    id=gone,
                    what=say(
                        "imp_constraint", id=element.get("id", ""), about=self._about(element)
                    ),
                )
                continue
            if children_of(element, "lifetime"):
                self.diagnostics.warning(
                    "PG717",
                    self._where(element),
                    id=element.get("id", ""),
                    about=self._about(element),
                )
            if element.tag == "rsc_location":
                self._location(element, tables)
            elif element.tag == "rsc_colocation":
                self._colocation(element, tables["COLOCATION"])
            elif element.tag == "rsc_order":
                self._order(element, tables["ORDER"])
            elif element.tag == "rsc_ticket":
                self._ticket(element)
            else:
                self._lost(
                    element, say("imp_constraint_tag", tag=element.tag, id=element.get("id"))
                )
        for marker, rows in tables.items():
            if rows:
                self.tables.append({"table": marker, "rows": rows})

    def _colocation(self, element: Element, rows: List[Dict[str, str]]) -> None:
        cid = element.get("id", "")
        what = say("imp_colocation", id=cid, about=self._about(element))
        score = element.get("score")
        if children_of(element, "resource_set"):
            if cv.score(score) in (None, "0") and not any(
                cv.score(s.get("score")) not in (None, "0")
                for s in children_of(element, "resource_set")
            ):
                self.diagnostics.info("PG718", self._where(element), id=cid)
                return
            self._sets(element, "colocation", what)
            return
        if score is None or cv.score(score) == "0":
            self.diagnostics.info("PG718", self._where(element), id=cid)
            return
        rsc, with_rsc = self._name(element.get("rsc", "")), self._name(element.get("with-rsc", ""))
        roles = {}
        for key in ("rsc-role", "with-rsc-role"):
            role = cv.role(element.get(key))
            if role not in (None, "Started"):
                roles[key] = role
        extra = {
            k: element.get(k)
            for k in ("node-attribute", "influence", "rsc-instance", "with-rsc-instance")
            if element.get(k) is not None
        }
        if element.get("score-attribute") is not None:
            self._lost(element, say("imp_score_attribute_of", what=what))
        tabled = self._tabled(rsc, with_rsc) and not extra
        repeated = tabled and self._duplicate(
            "colocation",
            rsc,
            with_rsc,
            roles.get("rsc-role", "Started"),
            roles.get("with-rsc-role", "Started"),
        )
        if tabled and not repeated:
            rows.append(
                {"rsc": rsc, "with-rsc": with_rsc, "score": cv.score(score) or score, **roles}
            )
            return
        words = ["pcs", "constraint", "colocation", "add"]
        if "rsc-role" in roles:
            words.append(self.dialect.role(roles["rsc-role"]) or roles["rsc-role"])
        words += [rsc, "with"]
        if "with-rsc-role" in roles:
            words.append(self.dialect.role(roles["with-rsc-role"]) or roles["with-rsc-role"])
        words += [with_rsc, f"score={cv.score(score)}"]
        words += [f"{k}={v}" for k, v in extra.items()]
        words += [f"id={cid}", "--force"]
        self._constraint_command(
            element, what, words, say("imp_second_between") if repeated else None
        )

    def _order(self, element: Element, rows: List[Dict[str, str]]) -> None:
        cid = element.get("id", "")
        what = say("imp_order", id=cid, about=self._about(element))
        if children_of(element, "resource_set"):
            self._sets(element, "order", what)
            return
        first, then = self._name(element.get("first", "")), self._name(element.get("then", ""))
        first_action = element.get("first-action")
        # Pacemaker's default for then-action is first-action; pcs's is start
        then_action = element.get("then-action") or first_action
        kind = rd.order_kind(element) if (element.get("kind") or element.get("score")) else None
        symmetrical = cv.boolean(element.get("symmetrical"))
        extra = {
            k: element.get(k)
            for k in ("require-all", "first-instance", "then-instance")
            if element.get(k) is not None
        }
        tabled = self._tabled(first, then) and not extra
        repeated = tabled and self._duplicate(
            "order", first, then, first_action or "start", then_action or "start"
        )
        if tabled and not repeated:
            row = {"first-rsc": first, "then-rsc": then}
            for key, value in (
                ("kind", kind),
                ("first-action", first_action),
                ("then-action", then_action),
                ("symmetrical", symmetrical),
            ):
                if value is not None:
                    row[key] = value
            rows.append(row)
            return
        words = ["pcs", "constraint", "order"]
        if first_action:
            words.append(first_action)
        words += [first, "then"]
        if then_action:
            words.append(then_action)
        words.append(then)
        for key, value in (("kind", kind), ("symmetrical", symmetrical)):
            if value is not None:
                words.append(f"{key}={value}")
        words += [f"{k}={v}" for k, v in extra.items()]
        words += [f"id={cid}", "--force"]
        self._constraint_command(
            element, what, words, say("imp_second_between") if repeated else None
        )

    def _sets(self, element: Element, kind: str, what: Any) -> None:
        copy = element
        if kind == "order" and element.get("score") is not None and element.get("kind") is None:
            from copy import deepcopy

            copy = deepcopy(element)
            copy.set("kind", rd.order_kind(element))
            del copy.attrib["score"]
        words = pcs.sets_command(copy, kind, self.context.resolve, self._name)
        if words is None:
            self._lost(element, what)
            return
        self._command("constraints", element, what, words + ["--force"])

    def _ticket(self, element: Element) -> None:
        cid = element.get("id", "")
        what = say("imp_ticket", id=cid, about=self._about(element))
        if children_of(element, "resource_set"):
            self._sets(element, "ticket", what)
            return
        words = ["pcs", "constraint", "ticket", "add", element.get("ticket", "")]
        role = cv.role(element.get("rsc-role"))
        if role is not None:
            words.append(self.dialect.role(role) or role)
        words.append(self._name(element.get("rsc", "")))
        if element.get("loss-policy"):
            words.append(f"loss-policy={element.get('loss-policy')}")
        words += [f"id={cid}", "--force"]
        self._command("constraints", element, what, words)
