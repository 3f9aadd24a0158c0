"""The whole CIB as a reading of it needs it: its elements by id (id-refs, templates,
tags), the limits that keep a hostile CIB from exhausting memory, and the children of
an element that are elements."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Set, Tuple

from pcsgen.cib.element import Element
from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source

# rules within rules, id-refs followed: deeper than this, a rule is not read
MAX_RULE_DEPTH = 64
# the parts (rules and expressions) of a rule with its id-refs followed: a rule that
# holds a rule twice (itself and by id-ref), and so on 30 deep, is 2**30 parts for a
# few KB; larger than this, a rule is not read (as one nesting too deep)
MAX_RULE_PARTS = 10_000
# the elements a reading of the CIB may copy or follow through id-refs, tags and
# templates (a tag of 20,000 members named by 200 constraints is 4,000,000): past
# this, the reading stops with a located error instead of exhausting memory
MAX_EXPANSION = 1_000_000


class ExpansionTooLarge(PcsgenError):
    """A CIB whose id-refs, tags or templates stand for more than MAX_EXPANSION
    elements: located at the element whose expansion went past the bound."""

    def __init__(self, element: Element) -> None:
        tree = element.getroottree()
        super().__init__(
            "PG707",
            Location(Source(tree.docinfo.URL or "CIB"), element.sourceline or 0),
            tag=element.tag,
            id=element.get("id") or element.get("id-ref") or "",
            limit=f"{MAX_EXPANSION:,}",
        )


class Context:
    """The whole CIB: what id-refs, templates and defaults need."""

    def __init__(self, root: Element) -> None:
        self.root = root
        # a CIB Pacemaker upgrades before reading it (schemas before pacemaker-3.0)
        schema = root.get("validate-with") or ""
        self.legacy_schema = bool(
            re.fullmatch(
                r"pacemaker-[12]\.\d+|transitional-.*|"
                r"pacemaker-0\.\d+",
                schema,
            )
        )
        self.expanded = 0  # elements copied or followed so far: see spend()
        self._sizes: Dict[Element, int] = {}
        self._rule_texts: Dict[Element, str] = {}
        # rules and expressions of each rule, id-refs followed (up to MAX_RULE_PARTS + 1)
        self.rule_parts: Dict[Element, int] = {}
        self.by_id: Dict[Tuple[str, str], Element] = {}
        for element in root.iter():
            if (
                isinstance(element.tag, str)
                and element.get("id") is not None
                and element.get("id-ref") is None
            ):
                self.by_id.setdefault((element.tag, element.get("id")), element)
        self.unusable_rules = self._unusable_rules(root)

        # Pacemaker applies a constraint naming a resource inside a clone or a bundle
        # to the clone or bundle at the top (pcmk__find_constraint_resource)
        self.owner: Dict[str, str] = {}
        configuration = root.find("configuration") if root.tag == "cib" else root
        section = configuration.find("resources") if configuration is not None else None
        for top in children(section, "clone", "master", "bundle") if section is not None else []:
            for inner in top.iter("primitive", "group", "clone", "master"):
                if inner is not top:
                    self.owner.setdefault(inner.get("id", ""), top.get("id", ""))

        # what a tag or a template stands for in a constraint (tag->refs)
        self.groups: Dict[str, List[str]] = {}
        if configuration is not None:
            for tag in configuration.iterfind("tags/tag"):
                self.groups[tag.get("id", "")] = [r.get("id", "") for r in children(tag, "obj_ref")]
            if section is not None:
                # one pass over the primitives, not one per template: a CIB may hold
                # thousands of each
                made: Dict[str, List[str]] = {}
                for primitive in section.iter("primitive"):
                    if primitive.get("template") is not None:
                        made.setdefault(primitive.get("template", ""), []).append(
                            primitive.get("id", "")
                        )
                for template in children(section, "template"):
                    self.groups[template.get("id", "")] = made.get(template.get("id", ""), [])

    def name(self, rid: Optional[str]) -> Optional[str]:
        """A resource as a constraint naming it means it."""
        return None if rid is None else self.owner.get(rid, rid)

    def resolve(self, element: Element) -> Optional[Element]:
        """An element written as an id-ref, as the element it names (None if none, or
        for a rule that names itself, nests too deep or is too large: see
        _unusable_rules). Following an id-ref spends the size of what it names."""
        reference = element.get("id-ref")
        found = element if reference is None else self.by_id.get((element.tag, reference))
        if found is not None and element.tag == "rule" and found in self.unusable_rules:
            return None
        if found is not None and found is not element:
            self.spend(
                self.rule_parts.get(found, 1) if element.tag == "rule" else self.size(found),
                element,
            )
        return found

    def members(self, rid: str, where: Element) -> Optional[List[str]]:
        """What a tag or a template named in a constraint stands for (None for anything
        else); spends one element a member."""
        found = self.groups.get(rid)
        if found is not None:
            self.spend(len(found), where)
        return found

    def spend(self, elements: int, where: Element) -> None:
        """Count ELEMENTS more elements read through id-refs, tags or templates; past
        MAX_EXPANSION, stop at WHERE. Each id-ref alone is bounded by the CIB's size, but
        many of them naming one large element multiply it."""
        self.expanded += elements
        if self.expanded > MAX_EXPANSION:
            raise ExpansionTooLarge(where)

    def size(self, element: Element) -> int:
        """The elements of ELEMENT and below, as written (id-refs not followed)."""
        found = self._sizes.get(element)
        if found is None:
            found = sum(1 for _ in element.iter())
            self._sizes[element] = found
        return found

    def _unusable_rules(self, root: Element) -> Set[Element]:
        """Rules that hold themselves through id-refs (r1 holds a reference to r2, which
        holds one to r1), rules within rules deeper than MAX_RULE_DEPTH: no reading
        of them ends; and rules of more than MAX_RULE_PARTS parts, id-refs followed:
        reading them ends too late. Found without recursion, since a chain of id-refs
        can be as long as the CIB, and counting each rule once."""
        depth: Dict[Element, int] = {}
        parts = self.rule_parts
        for start in root.iter("rule"):
            if start in depth or start.get("id-ref") is not None:
                continue
            path = {start}
            stack = [(start, iter(children(start, "rule")))]
            while stack:
                node, pending = stack[-1]
                child = next(pending, None)
                if child is not None:
                    target = self.named_rule(child)
                    if target is None or target in depth:
                        continue
                    if target in path:  # back to a rule being read: a loop
                        depth[target] = MAX_RULE_DEPTH + 1
                        continue
                    path.add(target)
                    stack.append((target, iter(children(target, "rule"))))
                    continue
                stack.pop()
                path.discard(node)
                inner = [self.named_rule(c) for c in children(node, "rule")]
                below = max((depth.get(r, 0) for r in inner), default=0)
                # a rule found in a loop keeps its mark
                depth[node] = max(depth.get(node, 0), min(MAX_RULE_DEPTH + 1, below + 1))
                # a rule in a loop has no size yet (it is unusable anyway): counted as 1
                size = (
                    len(children(node))
                    + 1
                    + sum(parts.get(r, 1) - 1 for r in inner if r is not None)
                )
                parts[node] = min(size, MAX_RULE_PARTS + 1)
        return {
            rule
            for rule, levels in depth.items()
            if levels > MAX_RULE_DEPTH or parts.get(rule, 0) > MAX_RULE_PARTS
        }

    def named_rule(self, rule: Element) -> Optional[Element]:
        """The rule a rule element stands for: itself, or the one its id-ref names."""
        reference = rule.get("id-ref")
        return rule if reference is None else self.by_id.get(("rule", reference))


def children(element: Element, *tags: str) -> List[Element]:
    return [c for c in element if isinstance(c.tag, str) and (not tags or c.tag in tags)]
