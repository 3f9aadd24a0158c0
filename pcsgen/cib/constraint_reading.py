"""How Pacemaker reads a constraint that names tags or templates (expanded into resource
sets), an order's kind, and ACL permissions and grants. Read through cib.reading."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from lxml import etree

from pcsgen.cib.context import Context, children
from pcsgen.cib.element import Element
from pcsgen.cib.rule_reading import raw
from pcsgen.cib.values import score

# constraint attributes that name resources, and the attribute each side's role or
# action moves to when Pacemaker turns the side into a resource set
_SIDES = {
    "rsc_colocation": (("rsc", "rsc-role"), ("with-rsc", "with-rsc-role")),
    "rsc_order": (("first", "first-action"), ("then", "then-action")),
    "rsc_ticket": (("rsc", "rsc-role"),),
}
_SET_ATTRIBUTE = {
    "rsc-role": "role",
    "with-rsc-role": "role",
    "first-action": "action",
    "then-action": "action",
}


def expand_references(element: Element, context: Context) -> Element:
    """A constraint naming tags or templates, as Pacemaker expands it: in resource sets
    the members take the reference's place; a simple colocation, order or ticket
    becomes a constraint with one set per side (the tag's side sequential=false), its
    roles and actions moved onto the sets. Else the element itself."""
    from copy import deepcopy

    groups = context.groups
    sets = children(element, "resource_set")
    if sets:
        if not any(
            r.get("id") in groups
            for s in sets
            for r in children(
                context.resolve(s) if context.resolve(s) is not None else s, "resource_ref"
            )
        ):
            return element
        copy = deepcopy(element)
        for resource_set in children(copy, "resource_set"):
            resolved = context.resolve(resource_set)
            if resolved is None:
                continue
            if resolved is not resource_set:
                resolved = deepcopy(resolved)
                copy.replace(resource_set, resolved)
            for ref in children(resolved, "resource_ref"):
                for member in reversed(context.members(ref.get("id", ""), ref) or []):
                    ref.addnext(etree.Element("resource_ref", id=member))
                if ref.get("id") in groups:
                    resolved.remove(ref)
        return copy
    sides = _SIDES.get(element.tag, ())
    if not any(element.get(attribute) in groups for attribute, _ in sides):
        return element
    copy = deepcopy(element)
    for attribute, moved in sides:
        rid = copy.get(attribute)
        if rid is None:
            continue
        resource_set = etree.SubElement(copy, "resource_set", id=rid)
        for member in context.members(rid, element) or [rid]:
            etree.SubElement(resource_set, "resource_ref", id=member)
        if rid in groups:
            resource_set.set("sequential", "false")
        if copy.get(moved) is not None:
            resource_set.set(_SET_ATTRIBUTE[moved], copy.get(moved, ""))
            del copy.attrib[moved]
        del copy.attrib[attribute]
    return copy


def order_kind(element: Element) -> str:
    kind = element.get("kind")
    if kind is None:
        given = element.get("score")
        return "Optional" if given is not None and score(given) == "0" else "Mandatory"
    return {"optional": "Optional", "serialize": "Serialize"}.get(kind.lower(), "Mandatory")


PERMISSION_KINDS = ("read", "write", "deny")  # Pacemaker 1.x wrote them as elements


def acl_permission(element: Element) -> Optional[Tuple[str, str, str]]:
    """(kind, what, value) of an acl_permission, or of a 1.x read/write/deny; None for
    anything else."""
    kind = (
        element.get("kind")
        if element.tag == "acl_permission"
        else element.tag
        if element.tag in PERMISSION_KINDS
        else None
    )
    if kind is None:
        return None
    for key in ("xpath", "reference", "ref"):
        if element.get(key) is not None:
            return kind, "xpath" if key == "xpath" else "id", element.get(key, "")
    spec = " ".join(
        f"{k}={element.get(k)}"
        for k in ("object-type", "tag", "attribute")
        if element.get(k) is not None
    )
    return kind, "object", spec


def acl_grants(
    element: Element, roles: Dict[str, Element], context: Optional[Context] = None
) -> List[Any]:
    """What a user or group may do, in order: the permissions of its roles (role or,
    in 1.x, role_ref) and its own (1.x). Each role's permissions spend from the
    CONTEXT's budget: thousands of users may name one role of thousands."""
    found: List[Any] = []
    for child in children(element):
        if child.tag in ("role", "role_ref"):
            role = roles.get(child.get("id", ""))
            if role is not None and context is not None:
                context.spend(len(role), child)
            found += (
                [acl_permission(p) for p in children(role)]
                if role is not None
                else [("missing role", child.get("id", ""), "")]
            )
        else:
            found.append(acl_permission(child) or repr(raw(child)))
    return found
