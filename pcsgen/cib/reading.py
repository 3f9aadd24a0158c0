"""How Pacemaker reads a CIB: id-refs, nvpair blocks in its order, rules, templates,
operations, tags and templates in constraints, ACL grants, legacy property names.
The canonical form (canonical.py) and the import (pcsgen.workbook.importer) both read
a CIB through here, so that what one compares the other writes."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Set, Tuple

from lxml import etree

from pcsgen.cib.values import (
    DEFAULT_OP_TIMEOUT_MS,
    INERT_ACTIONS,
    INFINITY,
    MAINTAINED_PROPERTIES,
    META_VALUES,
    date,
    duration,
    interval,
    role,
    score,
)
from pcsgen.diagnostics import PcsgenError
from pcsgen.location import Location, Source

Element = Any  # lxml's _Element
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
        super().__init__("PG707", Location(Source(tree.docinfo.URL or "CIB"),
                                           element.sourceline or 0),
                         tag=element.tag, id=element.get("id") or element.get("id-ref") or "",
                         limit=f"{MAX_EXPANSION:,}")



class Context:
    """The whole CIB: what id-refs, templates and defaults need."""

    def __init__(self, root: Element) -> None:
        self.root = root
        # a CIB Pacemaker upgrades before reading it (schemas before pacemaker-3.0)
        schema = root.get("validate-with") or ""
        self.legacy_schema = bool(re.fullmatch(r"pacemaker-[12]\.\d+|transitional-.*|"
                                               r"pacemaker-0\.\d+", schema))
        self.expanded = 0  # elements copied or followed so far: see spend()
        self._sizes: Dict[Element, int] = {}
        self._rule_texts: Dict[Element, str] = {}
        # rules and expressions of each rule, id-refs followed (up to MAX_RULE_PARTS + 1)
        self.rule_parts: Dict[Element, int] = {}
        self.by_id: Dict[Tuple[str, str], Element] = {}
        for element in root.iter():
            if isinstance(element.tag, str) and element.get("id") is not None \
                    and element.get("id-ref") is None:
                self.by_id.setdefault((element.tag, element.get("id")), element)
        self.unusable_rules = self._unusable_rules(root)

        # Pacemaker applies a constraint naming a resource inside a clone or a bundle
        # to the clone or bundle at the top (pcmk__find_constraint_resource)
        self.owner: Dict[str, str] = {}
        configuration = root.find("configuration") if root.tag == "cib" else root
        section = configuration.find("resources") if configuration is not None else None
        for top in children(section, "clone", "master", "bundle") if section is not None \
                else []:
            for inner in top.iter("primitive", "group", "clone", "master"):
                if inner is not top:
                    self.owner.setdefault(inner.get("id", ""), top.get("id", ""))

        # what a tag or a template stands for in a constraint (tag->refs)
        self.groups: Dict[str, List[str]] = {}
        if configuration is not None:
            for tag in configuration.iterfind("tags/tag"):
                self.groups[tag.get("id", "")] = [r.get("id", "") for r in
                                                  children(tag, "obj_ref")]
            if section is not None:
                # one pass over the primitives, not one per template: a CIB may hold
                # thousands of each
                made: Dict[str, List[str]] = {}
                for primitive in section.iter("primitive"):
                    if primitive.get("template") is not None:
                        made.setdefault(primitive.get("template", ""), []).append(
                            primitive.get("id", ""))
                for template in children(section, "template"):
                    self.groups[template.get("id", "")] = made.get(template.get("id", ""),
                                                                   [])

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
            self.spend(self.rule_parts.get(found, 1) if element.tag == "rule"
                       else self.size(found), element)
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
                size = len(children(node)) + 1 + sum(parts.get(r, 1) - 1 for r in inner
                                                     if r is not None)
                parts[node] = min(size, MAX_RULE_PARTS + 1)
        return {rule for rule, levels in depth.items()
                if levels > MAX_RULE_DEPTH or parts.get(rule, 0) > MAX_RULE_PARTS}

    def named_rule(self, rule: Element) -> Optional[Element]:
        """The rule a rule element stands for: itself, or the one its id-ref names."""
        reference = rule.get("id-ref")
        return rule if reference is None else self.by_id.get(("rule", reference))


def children(element: Element, *tags: str) -> List[Element]:
    return [c for c in element if isinstance(c.tag, str) and (not tags or c.tag in tags)]


# -- rules ---------------------------------------------------------------------------

# comparisons whose type Pacemaker takes as string when none is given
STRING_BY_DEFAULT = frozenset({"eq", "ne"})


def rule_text(rule: Element, context: Context) -> str:
    """A rule's condition, normalised: its parts sorted (and/or commute), defaults
    dropped. Score and role are not part of the condition."""
    resolved = context.resolve(rule)
    if resolved is None:
        return f"(missing rule {rule.get('id-ref') or rule.get('id')})"
    # each rule's text once: many rules may name one by id-ref
    known = context._rule_texts.get(resolved)
    if known is not None:
        return known
    parts = sorted(_condition(child, context) for child in children(resolved))
    if len(parts) == 1:
        text = parts[0]
    else:
        joiner = " or " if (resolved.get("boolean-op") or "and").lower() == "or" else " and "
        text = "(" + joiner.join(parts) + ")"
    context._rule_texts[resolved] = text
    return text


def _condition(element: Element, context: Context) -> str:
    if element.tag == "rule":
        return rule_text(element, context)
    if element.tag == "expression":
        operation = element.get("operation", "")
        attribute = element.get("attribute", "")
        if operation in ("defined", "not_defined"):
            return f"{operation} {attribute}"
        words = [attribute, operation]
        kind = element.get("type")
        # Pacemaker compares with eq and ne as strings unless told otherwise (lt, gt,
        # lte and gte as numbers)
        if kind and not (kind.lower() == "string" and operation in STRING_BY_DEFAULT):
            words.append(kind.lower())
        if element.get("value-source") not in (None, "literal"):
            words.append(f"value-source={element.get('value-source')}")
        words.append(repr(element.get("value", "")))
        return " ".join(words)
    if element.tag == "date_expression":
        operation = element.get("operation") or "in_range"
        words = [f"date {operation}"]
        for key in ("start", "end"):
            if element.get(key) is not None:
                words.append(f"{key}={date(element.get(key, ''))!r}")
        for child in children(element, "duration", "date_spec"):
            words.append(child.tag + "(" + " ".join(
                f"{k}={v}" for k, v in sorted(child.attrib.items()) if k != "id") + ")")
        return " ".join(words)
    if element.tag == "op_expression":
        words = [f"op {element.get('name', '')}"]
        if element.get("interval") is not None:
            words.append(f"interval={interval(element.get('interval'))}")
        return " ".join(words)
    if element.tag == "rsc_expression":
        return "resource " + ":".join(element.get(k) or "" for k in
                                      ("class", "provider", "type"))
    return repr(raw(element))


def raw(element: Element) -> Tuple[Any, ...]:
    """An element as written, without ids: for what has no finer form."""
    return (element.tag,
            tuple(sorted((str(k), str(v)) for k, v in element.attrib.items() if k != "id")),
            tuple(raw(child) for child in children(element)))


# -- nvpair blocks -------------------------------------------------------------------

def nvsets(owner: Optional[Element], tag: str, context: Context,
           first_id: Optional[str] = None,
           normalise: Optional[Dict[str, Callable[[Optional[str]], Optional[str]]]] = None,
           dropped: frozenset = frozenset()) -> Any:  # type: ignore[type-arg]
    """The values of an owner's blocks of one kind, as Pacemaker reads them: blocks
    by score (first_id always first), blocks of equal score the later first (Pacemaker
    prepends them to a list it then sorts stably), the first value of a name winning.

    Without rules, a dict of name -> value. With rules, {"values": the unconditional
    values read before any rule, "then": [{"rule": ..., "values": ...} ...]}: the
    blocks read after, those with a rule and those without, names already decided
    taken out."""
    if owner is None:
        return {}
    blocks = [b for b in (context.resolve(b) for b in children(owner, tag))
              if b is not None]
    blocks.reverse()
    blocks.sort(key=lambda b: (0 if first_id is not None and b.get("id") == first_id
                               else 1, -_block_score(b)))
    convert = normalise or {}
    base: Dict[str, str] = {}
    later: List[Tuple[Optional[str], Dict[str, str]]] = []
    defaults_used = False
    for block in blocks:
        rule = next((r for r in children(block, "rule")), None)
        condition = rule_text(rule, context) if rule is not None else None
        pairs: List[Tuple[str, str]] = []
        for nvpair in children(block, "nvpair"):
            target = context.resolve(nvpair)
            name = nvpair.get("name") or (target.get("name") if target is not None else None)
            value = nvpair.get("value")
            if value is None and target is not None:
                value = target.get("value")
            if name is None or value is None or name in dropped:
                continue
            if value.lower() == "#default":
                defaults_used = True
            else:
                value = convert[name](value) or value if name in convert else value
            pairs.append((name, value))
        if condition is None and not later:
            for name, value in pairs:
                if value.lower() == "#default":
                    base.pop(name, None)  # lets a later block set it again
                elif name not in base:
                    base[name] = value
            continue
        layer: Dict[str, str] = {}
        for name, value in pairs:
            if name not in layer and (defaults_used or name not in base):
                layer[name] = value
        if condition is None and later and later[-1][0] is None:
            for name, value in layer.items():
                later[-1][1].setdefault(name, value)
        elif layer:
            later.append((condition, layer))
    while later and not later[-1][1]:
        later.pop()
    if not later:
        return base
    return {"values": base, "then": [{"rule": c, "values": v} if c is not None else
                                     {"values": v} for c, v in later]}


def _block_score(block: Element) -> int:
    found = score(block.get("score"))
    if found == "INFINITY":
        return INFINITY
    if found == "-INFINITY":
        return -INFINITY
    try:
        return int(found) if found is not None else 0
    except ValueError:
        return 0


def plain_values(form: Any) -> Dict[str, str]:
    """The unconditional values of a form nvsets() made."""
    if isinstance(form, dict) and "then" in form:
        return dict(form["values"])
    return dict(form)


def expand_template(primitive: Element, context: Context) -> Element:
    """A primitive made from a template, as Pacemaker expands it: the template's
    agent and blocks, then the primitive's own; the template's operations where the
    primitive has none of that name and role."""
    name = primitive.get("template")
    if name is None:
        return primitive
    template = context.by_id.get(("template", name))
    if template is None:
        return primitive
    from copy import deepcopy

    context.spend(context.size(template), primitive)
    expanded = deepcopy(template)
    expanded.tag = "primitive"
    expanded.set("id", primitive.get("id", ""))
    own_operations = None
    template_operations = expanded.find("operations")
    for child in children(primitive):
        copy = deepcopy(child)
        expanded.append(copy)
        if child.tag == "operations":
            own_operations = copy
    if template_operations is not None and own_operations is not None:
        def key(op: Element) -> Tuple[str, Optional[str]]:
            op_role = role(op.get("role"))
            return (op.get("name", ""), None if op_role in (None, "Started", "Unpromoted")
                    else op_role)

        mine = {key(op) for op in children(own_operations, "op")}
        for op in children(template_operations, "op"):
            if key(op) not in mine:
                own_operations.append(deepcopy(op))
        expanded.remove(template_operations)
    return expanded


# Operation attributes the schema upgrade from Pacemaker 1.x moves from an op's
# instance_attributes to its meta_attributes (upgrade-2.10.xsl)
LEGACY_OP_META = frozenset({"interval-origin", "start-delay", "enabled", "on-fail",
                            "record-pending", "role", "timeout"})


class OpSettings(NamedTuple):
    """An <op> as Pacemaker reads it: its XML attributes over its meta_attributes."""

    element: Element
    name: str
    interval: str  # as written ("0" when missing)
    attributes: Dict[str, str]  # not name, interval, id; as written
    instance: Any  # nvsets() form (the agent's parameters, OCF_CHECK_LEVEL ...)
    meta_rules: List[Dict[str, Any]]  # meta_attributes read under rules
    requires: Optional[str]  # 'requires' of a start or promote op of a 1.x-schema CIB


def op_settings(primitive: Element, context: Context) -> List[OpSettings]:
    found: List[OpSettings] = []
    for holder in children(primitive, "operations"):
        resolved = context.resolve(holder)
        if resolved is None:
            continue
        for op in children(resolved, "op"):
            name = op.get("name", "")
            instance = nvsets(op, "instance_attributes", context)
            meta = nvsets(op, "meta_attributes", context)
            folded = values_of(meta)
            if context.legacy_schema and not (isinstance(instance, dict) and
                                              "then" in instance):
                for key in list(instance):
                    if key in LEGACY_OP_META or key == "requires":
                        folded.setdefault(key, instance.pop(key))
            attributes = {**folded, **{str(k): str(v) for k, v in op.attrib.items()
                                       if k not in ("id", "name", "interval")}}
            # Pacemaker 2 and 3 read no 'requires' of an op; the upgrade from a 1.x
            # schema makes that of start or promote the resource's
            requires = attributes.pop("requires", None)
            if not context.legacy_schema or name not in ("start", "promote"):
                requires = None
            layers = meta["then"] if isinstance(meta, dict) and "then" in meta else []
            found.append(OpSettings(op, name, op.get("interval") or "0", attributes,
                                    instance, layers, requires))
    return found


def inert(name: str, attributes: Dict[str, Any], default_timeout: Optional[str]) -> bool:
    """A zero-interval operation that configures nothing Pacemaker would not do
    anyway. (The timeout of a probe defaults to that of the shortest monitor, so a
    monitor's timeout always counts.)"""
    if name in INERT_ACTIONS:
        return True
    if not attributes:
        return True
    return name != "monitor" and set(attributes) == {"timeout"} and \
        default_timeout is not None and attributes["timeout"] == default_timeout


# -- constraints ---------------------------------------------------------------------

# constraint attributes that name resources, and the attribute each side's role or
# action moves to when Pacemaker turns the side into a resource set
_SIDES = {"rsc_colocation": (("rsc", "rsc-role"), ("with-rsc", "with-rsc-role")),
          "rsc_order": (("first", "first-action"), ("then", "then-action")),
          "rsc_ticket": (("rsc", "rsc-role"),)}
_SET_ATTRIBUTE = {"rsc-role": "role", "with-rsc-role": "role", "first-action": "action",
                  "then-action": "action"}


def expand_references(element: Element, context: Context) -> Element:
    """A constraint naming tags or templates, as Pacemaker expands it: in resource sets
    the members take the reference's place; a simple colocation, order or ticket
    becomes a constraint with one set per side (the tag's side sequential=false), its
    roles and actions moved onto the sets. Else the element itself."""
    from copy import deepcopy

    groups = context.groups
    sets = children(element, "resource_set")
    if sets:
        if not any(r.get("id") in groups for s in sets for r in children(
                context.resolve(s) if context.resolve(s) is not None else s,
                "resource_ref")):
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
    kind = element.get("kind") if element.tag == "acl_permission" else \
        element.tag if element.tag in PERMISSION_KINDS else None
    if kind is None:
        return None
    for key in ("xpath", "reference", "ref"):
        if element.get(key) is not None:
            return kind, "xpath" if key == "xpath" else "id", element.get(key, "")
    spec = " ".join(f"{k}={element.get(k)}" for k in ("object-type", "tag", "attribute")
                    if element.get(k) is not None)
    return kind, "object", spec


def acl_grants(element: Element, roles: Dict[str, Element],
               context: Optional[Context] = None) -> List[Any]:
    """What a user or group may do, in order: the permissions of its roles (role or,
    in 1.x, role_ref) and its own (1.x). Each role's permissions spend from the
    CONTEXT's budget: thousands of users may name one role of thousands."""
    found: List[Any] = []
    for child in children(element):
        if child.tag in ("role", "role_ref"):
            role = roles.get(child.get("id", ""))
            if role is not None and context is not None:
                context.spend(len(role), child)
            found += [acl_permission(p) for p in children(role)] if role is not None \
                else [("missing role", child.get("id", ""), "")]
        else:
            found.append(acl_permission(child) or repr(raw(child)))
    return found


def default_timeout(op_defaults: Any) -> Optional[str]:
    """The timeout an operation without one gets, when it does not depend on rules."""
    if isinstance(op_defaults, dict) and "then" in op_defaults and \
            any("timeout" in layer["values"] for layer in op_defaults["then"]):
        return None
    given = plain_values(op_defaults).get("timeout")
    if given is None:
        return duration(str(DEFAULT_OP_TIMEOUT_MS) + "ms")
    return duration(given)


def values_of(form: Any) -> Dict[str, str]:
    """The unconditional values of a form nvsets() made, to change in place."""
    if isinstance(form, dict) and "then" in form:
        values_form: Dict[str, str] = form["values"]
        return values_form
    plain: Dict[str, str] = form
    return plain


def _upgrade_legacy(crm_config: Any, rsc_defaults: Any, op_defaults: Any) -> None:
    """Pacemaker 1.x property names, where Pacemaker's schema upgrade puts them."""
    from pcsgen.cluster_options import legacy

    properties = values_of(crm_config)
    sections = {"crm_config": properties, "rsc_defaults": values_of(rsc_defaults),
                "op_defaults": values_of(op_defaults)}
    for name, value in list(properties.items()):
        moved = legacy(name, value)
        if moved is None:
            continue
        del properties[name]
        if moved.section is not None and moved.name is not None:
            sections[moved.section].setdefault(moved.name, moved.value)


def settings(configuration: Element, context: Context) -> Tuple[Any, Any, Any]:
    """crm_config, rsc_defaults and op_defaults, legacy names where Pacemaker puts them."""
    crm_config = nvsets(configuration.find("crm_config"), "cluster_property_set", context,
                        first_id="cib-bootstrap-options", dropped=MAINTAINED_PROPERTIES)
    rsc_defaults = nvsets(configuration.find("rsc_defaults"), "meta_attributes", context,
                          normalise=META_VALUES)
    op_defaults = nvsets(configuration.find("op_defaults"), "meta_attributes", context)
    _upgrade_legacy(crm_config, rsc_defaults, op_defaults)
    return crm_config, rsc_defaults, op_defaults


def default_timeout_of(configuration: Element, context: Context) -> Optional[str]:
    return default_timeout(settings(configuration, context)[2])
