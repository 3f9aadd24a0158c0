"""What a CIB from the field may hold that Pacemaker refuses or reads past, taken out
of the tree before the import reads it: a resource whose id an earlier one has, the
resources of a clone after the one Pacemaker clones, an operation with a role
Pacemaker does not know, a primitive with no agent, a group or clone holding nothing.
Each is named in a warning; what names them is left out after them."""

from __future__ import annotations

from typing import Set

from pcsgen.cib.element import Element
from pcsgen.cib.values import RESOURCE_TAGS
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location, Source
from pcsgen.values import ROLE_SPELLINGS

# the roles an operation may name (the schemas' enumeration, old and new words)
OP_ROLES = frozenset(ROLE_SPELLINGS)


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
        gone.update(
            e.get("id", "")
            for e in element.iter(*RESOURCE_TAGS)
            if e.get("id") and e.get("id") not in seen
        )
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)

    def attached(element: Element) -> bool:
        return any(a is section for a in element.iterancestors())

    seen: Set[str] = set()
    for primitive in list(section.iter("primitive")):
        lacking = next(
            (
                a
                for a in ("id", "class", "type")
                if not primitive.get(a) and not (a != "id" and primitive.get("template"))
            ),
            None,
        )
        if lacking is not None:
            diagnostics.warning(
                "PG731", where(primitive), id=primitive.get("id", ""), attribute=lacking
            )
            remove(primitive)
    for element in list(section.iter(*RESOURCE_TAGS)):
        rid = element.get("id")
        if rid is None or not attached(element):
            continue  # in a resource already taken out
        if rid in seen:
            diagnostics.warning("PG728", where(element), tag=element.tag, id=rid)
            remove(element)
            continue
        seen.add(rid)
    seen = set()
    for clone in list(section.iter("clone", "master")):
        held = [c for c in clone if isinstance(c.tag, str) and c.tag in ("primitive", "group")]
        for extra in held[1:]:
            diagnostics.warning(
                "PG729",
                where(extra),
                tag=extra.tag,
                id=extra.get("id", ""),
                clone=clone.get("id", ""),
                first=held[0].get("id", ""),
            )
            remove(extra)
    # deepest first, so that a clone whose group is emptied goes too
    for holder in reversed(list(section.iter("group", "clone", "master"))):
        inside = ("primitive",) if holder.tag == "group" else ("primitive", "group")
        if attached(holder) and not any(isinstance(c.tag, str) and c.tag in inside for c in holder):
            diagnostics.warning("PG732", where(holder), tag=holder.tag, id=holder.get("id", ""))
            remove(holder)
    for op in list(section.iter("op")):
        role = op.get("role")
        if role is not None and role not in OP_ROLES:
            owner = next((a for a in op.iterancestors("primitive", "template")), None)
            diagnostics.warning(
                "PG730",
                where(op),
                op=op.get("name", ""),
                role=role,
                id=owner.get("id", "") if owner is not None else "",
            )
            op.getparent().remove(op)
    return gone
