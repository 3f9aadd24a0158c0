"""The import's location constraints: the LOCATION_NODE and LOCATION_RULE tables, and
pcs commands for the rules and node scores no table holds."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from pcsgen.cib import reading as rd
from pcsgen.cib import values as cv
from pcsgen.cib.element import Element
from pcsgen.pcs import commands as pcs
from pcsgen.pcs import rules
from pcsgen.workbook.importer.base import (
    ImporterBase,
    children_of,
    quoted,
    say,
)

SIMPLE_OPS = frozenset({"lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined"})


class Locations(ImporterBase):
    """Location constraints, as table rows or pcs commands."""

    def _location(self, element: Element, tables: Dict[str, List[Dict[str, str]]]) -> None:
        cid = element.get("id", "")
        discovery = (element.get("resource-discovery") or "always").lower()
        targets: List[Tuple[str, Optional[str], Optional[str]]] = []
        if element.get("rsc") is not None:
            for member in self.context.members(element.get("rsc", ""), element) or [
                element.get("rsc", "")
            ]:
                targets.append((self._name(member), None, None))
        for resource_set in children_of(element, "resource_set"):
            resolved = self.context.resolve(resource_set)
            if resolved is None:
                continue
            for ref in children_of(resolved, "resource_ref"):
                targets.append(
                    (self._name(ref.get("id", "")), resolved.get("role"), resolved.get("score"))
                )
        pattern = element.get("rsc-pattern")
        if pattern is not None:
            targets.append((f"regexp%{pattern}", None, None))
        node = element.get("node")
        for target, set_role, set_score in targets:
            tabled = not target.startswith("regexp%") and self._tabled(target)
            score = set_score or element.get("score")
            if node is not None and score is not None:
                role = cv.role(set_role or element.get("role"))
                role = None if role in cv.ANY_ROLE_LOCATION_NODE else role
                self._location_node(element, target, node, score, role, discovery, tabled, tables)
                continue
            for rule in children_of(element, "rule"):
                resolved = self.context.resolve(rule)
                if resolved is None:
                    why = say(
                        "imp_rule_no_target"
                        if self.context.named_rule(rule) is None
                        else "imp_rule_too_deep"
                    )
                    self._lost(
                        rule,
                        say(
                            "imp_rule_of",
                            rule=rule.get("id-ref") or rule.get("id"),
                            id=cid,
                            why=why,
                        ),
                    )
                    continue
                self._location_rule(element, resolved, target, discovery, tabled, tables)

    def _location_node(
        self,
        element: Element,
        target: str,
        node: str,
        score: str,
        role: Optional[str],
        discovery: str,
        tabled: bool,
        tables: Dict[str, List[Dict[str, str]]],
    ) -> None:
        normal = cv.score(score) or score
        what: Any = say("imp_location", id=element.get("id"))
        replaced = (
            tabled
            and discovery == "always"
            and role is None
            and self._duplicate("node", target, node)
        )
        repeated = (
            tabled
            and discovery == "always"
            and role is not None
            and self._duplicate("rule", target, f"#uname eq string {node}")
        )
        if replaced:
            # `pcs constraint location R prefers N` replaces the one the table made
            what = say(
                "imp_with_note", what=what, note=say("imp_second_location", rsc=target, node=node)
            )
        elif tabled and discovery == "always" and role is None:
            negative = normal.startswith("-")
            magnitude = normal.lstrip("+-")
            tables["LOCATION_NODE"].append(
                {
                    "rsc": target,
                    "prefers/avoids": "avoids" if negative else "prefers",
                    "node": node,
                    "score": "" if magnitude == "INFINITY" else magnitude,
                }
            )
            return
        # from here on a rule `#uname eq NODE` stands for the node
        problem = rules.rule_value_problem(node, self.dialect.rule_as_one_argument)
        if problem is not None:
            self._lost(
                element,
                say(
                    "imp_with_note",
                    what=what,
                    note=say("imp_rule_names_node", node=node, problem=problem),
                ),
            )
            return
        if tabled and discovery == "always" and not repeated:
            # a role on a node: the rule `#uname eq NODE` is the same to Pacemaker
            tables["LOCATION_RULE"].append(
                {
                    "rsc": target,
                    "score": normal,
                    "attribute": "#uname",
                    "op": "eq",
                    "value": node,
                    "role": role or "",
                }
            )
            return
        words = self._location_rule_start(target, discovery, role)
        words += [f"score={normal}", *self._argv(["#uname", "eq", pcs.Value(node)]), "--force"]
        self._constraint_command(
            element,
            what,
            words,
            say("imp_second_rule_on", rsc=target, node=node) if repeated else None,
        )

    def _about(self, element: Element) -> str:
        """' (R1, R3)': the resources a constraint names, for the messages."""
        names: List[str] = []
        for key in ("rsc", "with-rsc", "first", "then", "rsc-pattern"):
            if element.get(key) is not None:
                names.append(self._name(element.get(key, "")))
        for resource_set in children_of(element, "resource_set"):
            resolved = self.context.resolve(resource_set)
            if resolved is not None:
                names += [
                    self._name(r.get("id", "")) for r in children_of(resolved, "resource_ref")
                ]
        unique = list(dict.fromkeys(n for n in names if n))
        return f" ({quoted(unique)})" if unique else ""

    def _location_rule_start(self, target: str, discovery: str, role: Optional[str]) -> List[str]:
        """`pcs constraint location TARGET rule` and its options before the rule."""
        words = ["pcs", "constraint", "location", target, "rule"]
        if discovery != "always":
            words.append(f"resource-discovery={discovery}")
        if role is not None:
            words.append(f"role={self._role_word(role)}")
        return words

    def _role_word(self, role: str) -> str:
        word = self.dialect.role(role) or role
        return word.lower() if self.dialect.rule_role_lowercase else word

    def _location_rule(
        self,
        element: Element,
        rule: Element,
        target: str,
        discovery: str,
        tabled: bool,
        tables: Dict[str, List[Dict[str, str]]],
    ) -> None:
        role = cv.role(rule.get("role"))
        role = None if role in cv.ANY_ROLE_LOCATION_RULE else role
        unwritable = rules.rule_problem(
            rule, self.dialect.rule_as_one_argument, self.context.resolve
        )
        if unwritable is not None:
            self._lost(
                rule,
                say(
                    "imp_location_rule_read_otherwise",
                    rule=rule.get("id"),
                    id=element.get("id"),
                    about=self._about(element),
                    pcs=self.dialect.pcs_version,
                    word=unwritable[0],
                    why=unwritable[1],
                ),
            )
            return
        expressions = children_of(rule, "expression")
        simple = (
            tabled
            and discovery == "always"
            and rule.get("score") is not None
            and len(expressions) == len(children_of(rule))
            and expressions
            and all(
                e.get("operation") in SIMPLE_OPS
                and (
                    e.get("type") is None
                    or (e.get("type") == "string" and e.get("operation") in rd.STRING_BY_DEFAULT)
                )
                and e.get("value-source") in (None, "literal")
                and (e.get("value") is not None or e.get("operation") in ("defined", "not_defined"))
                for e in expressions
            )
        )
        repeated = bool(simple) and self._duplicate("rule", target, _rule_key(rule))
        if simple and not repeated:
            for index, expression in enumerate(expressions):
                row = {
                    "rsc": target if index == 0 else "",
                    "attribute": expression.get("attribute", ""),
                    "op": expression.get("operation", ""),
                    "value": ""
                    if expression.get("operation") in ("defined", "not_defined")
                    else expression.get("value", ""),
                }
                if index == 0:
                    row["score"] = cv.score(rule.get("score")) or ""
                    if len(expressions) > 1:
                        row["bool_op"] = (rule.get("boolean-op") or "and").lower()
                    if role is not None:
                        row["role"] = role
                tables["LOCATION_RULE"].append(row)
            return
        # pcs 0.10 and 0.11 read a location rule word by word: a date may hold spaces
        tokens = self._rule_words(
            ("expression", "date"), not self.dialect.rule_as_one_argument
        ).tokens(rule)
        if tokens is None or (
            self.dialect.rule_as_one_argument and not pcs.text_rule_writable(tokens)
        ):
            self._lost(
                rule,
                say(
                    "imp_location_rule",
                    rule=rule.get("id"),
                    id=element.get("id"),
                    about=self._about(element),
                ),
            )
            return
        words = self._location_rule_start(target, discovery, role)
        if rule.get("score") is not None:
            words.append(f"score={rule.get('score')}")
        elif rule.get("score-attribute") is not None:
            words.append(f"score-attribute={rule.get('score-attribute')}")
        words += [*self._argv(tokens), "--force"]
        what = say("imp_location", id=element.get("id"))
        self._constraint_command(
            element, what, words, say("imp_second_rule_same", rsc=target) if repeated else None
        )


def _rule_key(rule: Element) -> str:
    """What pcs compares to find a location rule already there: its expressions, sorted,
    with their boolean operator (not its score, not its role)."""
    expressions = children_of(rule, "expression")
    parts = sorted(
        f"{e.get('operation')} {e.get('attribute')}"
        if e.get("operation") in ("defined", "not_defined")
        else f"{e.get('attribute')} {e.get('operation')} string {e.get('value')}"
        for e in expressions
    )
    joiner = (rule.get("boolean-op") or "and").lower() if len(parts) > 1 else "or"
    return f" {joiner} ".join(parts)
