"""What a CIB from the field may hold that Pacemaker refuses or reads past, taken out
of the tree before the import reads it: a resource whose id an earlier one has, the
resources of a clone after the one Pacemaker clones, an operation with a role
Pacemaker does not know. Each is named in a warning; what is left out with it (a
group emptied, the members of a resource left out) is named too."""

from __future__ import annotations

from typing import Any, List, Set

from pcsgen.diagnostics import Diagnostics
from pcsgen.location import Location, Source
from pcsgen.phrase import Phrase

Element = Any  # lxml's _Element

RESOURCE_TAGS = ("primitive", "group", "clone", "master", "bundle")
# the roles an operation may name (the schemas' enumeration, old and new words)
OP_ROLES = frozenset({"Stopped", "Started", "Promoted", "Unpromoted", "Master", "Slave"})


def prune(root: Element, source: Source, diagnostics: Diagnostics) -> Set[str]:
    """Take out of `root` what Pacemaker would not run; the ids of the resources left
    out (not those whose id stays with an earlier resource)."""
    configuration = root.find("configuration") if root.tag == "cib" else root
    section = configuration.find("resources") if configuration is not None else None
    if section is None:
        return set()
    gone: Set[str] = set()

    def where(element: Element) -> Location:
        return Location(source, element.sourceline or 0)

    def remove(element: Element) -> None:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)

    def ids_in(element: Element) -> List[str]:
        return [e.get("id", "") for e in element.iter(*RESOURCE_TAGS) if e.get("id")]

    seen: Set[str] = set()
    for element in list(section.iter(*RESOURCE_TAGS)):
        rid = element.get("id")
        if rid is None or not any(a is section for a in element.iterancestors()):
            continue  # in a resource already taken out
        if rid in seen:
            diagnostics.warning("PG728", where(element), tag=element.tag, id=rid)
            # what it holds goes with it (their ids, if not used before, are gone)
            gone.update(i for i in ids_in(element)[1:] if i not in seen)
            _empty_parents(element, where, diagnostics, gone)
            remove(element)
            continue
        seen.add(rid)
    for clone in list(section.iter("clone", "master")):
        held = [c for c in clone if isinstance(c.tag, str) and c.tag in ("primitive", "group")]
        for extra in held[1:]:
            diagnostics.warning("PG729", where(extra), tag=extra.tag, id=extra.get("id", ""),
                                clone=clone.get("id", ""), first=held[0].get("id", ""))
            gone.update(ids_in(extra))
            remove(extra)
    for op in list(section.iter("op")):
        role = op.get("role")
        if role is not None and role not in OP_ROLES:
            owner = next((a for a in op.iterancestors("primitive", "template")), None)
            diagnostics.warning("PG730", where(op), op=op.get("name", ""), role=role,
                                id=owner.get("id", "") if owner is not None else "")
            remove(op)
    return gone


def _empty_parents(element: Element, where: Any, diagnostics: Diagnostics,
                   gone: Set[str]) -> None:
    """A group or clone that the element's leaving empties goes too (no table holds it
    empty, and Pacemaker runs nothing of it), and so on upwards."""
    child, parent = element, element.getparent()
    top = element
    while parent is not None and parent.tag in ("group", "clone", "master"):
        if any(c is not child and isinstance(c.tag, str) and c.tag in ("primitive", "group")
               for c in parent):
            break
        kind = "imp_group" if parent.tag == "group" else "imp_clone"
        diagnostics.warning("PG724", where(parent), what=Phrase(kind, {"id": parent.get("id")}),
                            id=child.get("id", ""))
        gone.add(parent.get("id", ""))
        top = child = parent
        parent = parent.getparent()
    if top is not element and top.getparent() is not None:
        top.getparent().remove(top)
