"""A CIB's configuration in canonical form: what Pacemaker means by it.

Two CIBs whose configurations Pacemaker treats alike have equal forms; any difference
that changes what Pacemaker does makes the forms differ. The rules below follow the
scheduler's own code (Pacemaker 2.0 to 3.0); where generations differ, the forms keep
the difference (an equivalence is made only where every generation agrees).

What the form drops, and why Pacemaker does not see it:
- ids (except where Pacemaker uses them: node ids, the names of resources, tags,
  templates, ACL roles), and the order of top-level resources, constraints, nvpair
  blocks of equal meaning, alerts and recipients;
- the properties Pacemaker maintains itself (dc-version ...);
- node entries with nothing configured on them;
- operations with a zero interval that configure nothing (only their name), or only
  a timeout equal to the default, or that Pacemaker never runs (meta-data ...);
- colocations with score 0 (Pacemaker ignores them).

What the form resolves, as Pacemaker does: id-refs, resource templates, the order in
which nvpair blocks are read (score, then the later block first, the first value of
a name winning), default values (first-action, then-action, kind, symmetrical,
roles that mean "any role", resource-discovery ...), spellings (INFINITY, +INFINITY,
1000000; Master and Promoted; 60, 60s, 1min; ISO 8601 intervals; true, yes, on).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from lxml import etree

from pcsgen import values

Canonical = Dict[str, Any]
Element = Any  # lxml's _Element

# Properties the cluster maintains itself (controller, corosync): not configuration.
MAINTAINED_PROPERTIES = frozenset({"dc-version", "cluster-infrastructure", "cluster-name",
                                   "have-watchdog", "last-lrm-refresh"})
ROLE_WORDS = {"master": "Promoted", "slave": "Unpromoted", "promoted": "Promoted",
              "unpromoted": "Unpromoted", "started": "Started", "stopped": "Stopped"}
# Roles a constraint treats as "any role" (an instance must be started, or
# unpromoted, before anything else).
ANY_ROLE_LOCATION_NODE = frozenset({"Started", "Unpromoted"})
ANY_ROLE_LOCATION_RULE = frozenset({"Unpromoted"})
ANY_ROLE_COLOCATION = frozenset({"Started"})
# Actions the scheduler never runs: an operation entry for them configures nothing.
INERT_ACTIONS = frozenset({"meta-data", "validate-all", "methods", "status"})
DEFAULT_OP_TIMEOUT_MS = 20000
INFINITY = 1000000
BOOLEAN_TRUE = frozenset({"true", "on", "yes", "y", "1"})
BOOLEAN_FALSE = frozenset({"false", "off", "no", "n", "0"})
RESOURCE_TAGS = ("primitive", "group", "clone", "master", "bundle")


# -- values --------------------------------------------------------------------------

def score(text: Optional[str]) -> Optional[str]:
    """A score as Pacemaker reads it (char2score): INFINITY, +INFINITY, 1000000 and
    anything larger are one value."""
    if text is None:
        return None
    word = text.strip()
    upper = word.upper()
    if upper in ("INFINITY", "+INFINITY"):
        return "INFINITY"
    if upper == "-INFINITY":
        return "-INFINITY"
    try:
        number = int(word)
    except ValueError:
        return word  # red, yellow, green (node-score-* properties), or invalid
    if number >= INFINITY:
        return "INFINITY"
    if number <= -INFINITY:
        return "-INFINITY"
    return str(number)


def role(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    return ROLE_WORDS.get(text.strip().lower(), text)


def boolean(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    low = text.strip().lower()
    if low in BOOLEAN_TRUE:
        return "true"
    if low in BOOLEAN_FALSE:
        return "false"
    return text


_DATE_WITH_OFFSET = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?"
    r"(?:Z| ([+-])(\d{2})(?::?(\d{2}))?)")


def date(text: str) -> str:
    """A date and time with an explicit offset (Pacemaker reads one after a space, or
    Z) as the UTC instant it names; any other date as written (without an offset
    Pacemaker takes the local time of the node that evaluates it)."""
    match = _DATE_WITH_OFFSET.fullmatch(text.strip())
    if match is None:
        return text
    import datetime

    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    try:
        moment = datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return text
    if match.group(7):
        offset = datetime.timedelta(hours=int(match.group(8)),
                                    minutes=int(match.group(9) or 0))
        moment = moment - offset if match.group(7) == "+" else moment + offset
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _show_ms(ms: int) -> str:
    if ms % 1000 == 0:
        return f"{ms // 1000}s"
    return f"{ms}ms"


def duration(text: Optional[str]) -> Optional[str]:
    """A timeout as Pacemaker reads it: '60', '60s' and '1min' are one value."""
    if text is None:
        return None
    found = values.msec(text)
    return text if found is None else _show_ms(found)


def interval(text: Optional[str]) -> str:
    """An interval (ISO 8601 too); none is 0."""
    if text is None:
        return "0s"
    found = values.interval_msec(text)
    return text if found is None else _show_ms(found)


# Resource meta-attributes whose values Pacemaker parses (others are kept as written).
META_VALUES: Dict[str, Callable[[Optional[str]], Optional[str]]] = {
    **{name: boolean for name in (
        "is-managed", "maintenance", "globally-unique", "interleave", "notify", "ordered",
        "promotable", "critical", "allow-migrate", "allow-unhealthy-nodes",
        "remote-allow-migrate")},
    "target-role": role,
    "resource-stickiness": score,
    "migration-threshold": score,
    "failure-timeout": duration,
    "remote-connect-timeout": duration,
}
def timeout(text: Optional[str]) -> Optional[str]:
    """An operation's timeout: one Pacemaker cannot read (INFINITY, ISO 8601) makes it
    use its built-in default, not op_defaults."""
    if text is None:
        return None
    return duration(text) if values.msec(text) is not None else \
        _show_ms(DEFAULT_OP_TIMEOUT_MS)


OP_VALUES: Dict[str, Callable[[Optional[str]], Optional[str]]] = {
    "timeout": timeout,
    "start-delay": duration,
    "role": role,
    "enabled": boolean,
    "record-pending": boolean,
    "on-fail": lambda v: v.lower() if v is not None else None,
}


class _Context:
    """The whole CIB: what id-refs, templates and defaults need."""

    def __init__(self, root: Element) -> None:
        self.root = root
        # a CIB Pacemaker upgrades before reading it (schemas before pacemaker-3.0)
        schema = root.get("validate-with") or ""
        self.legacy_schema = bool(re.fullmatch(r"pacemaker-[12]\.\d+|transitional-.*|"
                                               r"pacemaker-0\.\d+", schema))
        self.by_id: Dict[Tuple[str, str], Element] = {}
        for element in root.iter():
            if isinstance(element.tag, str) and element.get("id") is not None \
                    and element.get("id-ref") is None:
                self.by_id.setdefault((element.tag, element.get("id")), element)

        # Pacemaker applies a constraint naming a resource inside a clone or a bundle
        # to the clone or bundle at the top (pcmk__find_constraint_resource)
        self.owner: Dict[str, str] = {}
        configuration = root.find("configuration") if root.tag == "cib" else root
        section = configuration.find("resources") if configuration is not None else None
        for top in _children(section, "clone", "master", "bundle") if section is not None \
                else []:
            for inner in top.iter("primitive", "group", "clone", "master"):
                if inner is not top:
                    self.owner.setdefault(inner.get("id", ""), top.get("id", ""))

        # what a tag or a template stands for in a constraint (tag->refs)
        self.groups: Dict[str, List[str]] = {}
        if configuration is not None:
            for tag in configuration.iterfind("tags/tag"):
                self.groups[tag.get("id", "")] = [r.get("id", "") for r in
                                                  _children(tag, "obj_ref")]
            if section is not None:
                for template in _children(section, "template"):
                    self.groups[template.get("id", "")] = [
                        p.get("id", "") for p in section.iter("primitive")
                        if p.get("template") == template.get("id")]

    def name(self, rid: Optional[str]) -> Optional[str]:
        """A resource as a constraint naming it means it."""
        return None if rid is None else self.owner.get(rid, rid)

    def resolve(self, element: Element) -> Optional[Element]:
        """An element written as an id-ref, as the element it names (None if none)."""
        reference = element.get("id-ref")
        if reference is None:
            return element
        return self.by_id.get((element.tag, reference))


def _children(element: Element, *tags: str) -> List[Element]:
    return [c for c in element if isinstance(c.tag, str) and (not tags or c.tag in tags)]


# -- rules ---------------------------------------------------------------------------

def rule_text(rule: Element, context: _Context) -> str:
    """A rule's condition, normalised: its parts sorted (and/or commute), defaults
    dropped. Score and role are not part of the condition."""
    resolved = context.resolve(rule)
    if resolved is None:
        return f"(missing rule {rule.get('id-ref')})"
    parts = sorted(_condition(child, context) for child in _children(resolved))
    if len(parts) == 1:
        return parts[0]
    joiner = " or " if (resolved.get("boolean-op") or "and").lower() == "or" else " and "
    return "(" + joiner.join(parts) + ")"


def _condition(element: Element, context: _Context) -> str:
    if element.tag == "rule":
        return rule_text(element, context)
    if element.tag == "expression":
        operation = element.get("operation", "")
        attribute = element.get("attribute", "")
        if operation in ("defined", "not_defined"):
            return f"{operation} {attribute}"
        words = [attribute, operation]
        kind = element.get("type")
        if kind:
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
        for child in _children(element, "duration", "date_spec"):
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
    return repr(_raw(element))


def _raw(element: Element) -> Tuple[Any, ...]:
    """An element as written, without ids: for what has no finer form."""
    return (element.tag,
            tuple(sorted((str(k), str(v)) for k, v in element.attrib.items() if k != "id")),
            tuple(_raw(child) for child in _children(element)))


# -- nvpair blocks -------------------------------------------------------------------

def nvsets(owner: Optional[Element], tag: str, context: _Context,
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
    blocks = [b for b in (context.resolve(b) for b in _children(owner, tag))
              if b is not None]
    blocks.reverse()
    blocks.sort(key=lambda b: (0 if first_id is not None and b.get("id") == first_id
                               else 1, -_block_score(b)))
    convert = normalise or {}
    base: Dict[str, str] = {}
    later: List[Tuple[Optional[str], Dict[str, str]]] = []
    defaults_used = False
    for block in blocks:
        rule = next((r for r in _children(block, "rule")), None)
        condition = rule_text(rule, context) if rule is not None else None
        pairs: List[Tuple[str, str]] = []
        for nvpair in _children(block, "nvpair"):
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


def _plain_values(form: Any) -> Dict[str, str]:
    """The unconditional values of a form nvsets() made."""
    if isinstance(form, dict) and "then" in form:
        return dict(form["values"])
    return dict(form)


# -- resources -----------------------------------------------------------------------

def _description(element: Element, form: Canonical) -> None:
    if element.get("description") is not None:
        form["description"] = element.get("description")


def _expand_template(primitive: Element, context: _Context) -> Element:
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

    expanded = deepcopy(template)
    expanded.tag = "primitive"
    expanded.set("id", primitive.get("id", ""))
    own_operations = None
    template_operations = expanded.find("operations")
    for child in _children(primitive):
        copy = deepcopy(child)
        expanded.append(copy)
        if child.tag == "operations":
            own_operations = copy
    if template_operations is not None and own_operations is not None:
        def key(op: Element) -> Tuple[str, Optional[str]]:
            op_role = role(op.get("role"))
            return (op.get("name", ""), None if op_role in (None, "Started", "Unpromoted")
                    else op_role)

        mine = {key(op) for op in _children(own_operations, "op")}
        for op in _children(template_operations, "op"):
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


def op_settings(primitive: Element, context: _Context) -> List[OpSettings]:
    found: List[OpSettings] = []
    for holder in _children(primitive, "operations"):
        resolved = context.resolve(holder)
        if resolved is None:
            continue
        for op in _children(resolved, "op"):
            name = op.get("name", "")
            instance = nvsets(op, "instance_attributes", context)
            meta = nvsets(op, "meta_attributes", context)
            folded = _values_of(meta)
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


def _operations(settings: List[OpSettings], default_timeout: Optional[str]) -> \
        Dict[str, Any]:
    found: Dict[str, Any] = {}
    configured: set = set()  # type: ignore[type-arg]
    for op in settings:
        attributes: Dict[str, Any] = {}
        for key, value in op.attributes.items():
            convert = OP_VALUES.get(key)
            attributes[key] = (convert(value) if convert else value) or value
        if op.instance:
            attributes["instance"] = op.instance
        if op.meta_rules:
            attributes["meta rules"] = op.meta_rules
        op_interval = interval(op.interval)
        if op_interval == "0s":
            # Pacemaker configures an action from the first enabled op of that name
            # and interval, whatever its role: the others mean nothing
            if op.name in configured:
                continue
            if attributes.get("enabled") != "false":
                configured.add(op.name)
            if _inert(op.name, attributes, default_timeout):
                continue
        key = f"{op.name} {op_interval}"
        if attributes.get("role") and op_interval != "0s":
            key += f" {attributes.pop('role')}"
        _keyed(found, key, attributes)
    return found


def _inert(name: str, attributes: Dict[str, Any], default_timeout: Optional[str]) -> bool:
    """A zero-interval operation that configures nothing Pacemaker would not do
    anyway. (The timeout of a probe defaults to that of the shortest monitor, so a
    monitor's timeout always counts.)"""
    if name in INERT_ACTIONS:
        return True
    if not attributes:
        return True
    return name != "monitor" and set(attributes) == {"timeout"} and \
        default_timeout is not None and attributes["timeout"] == default_timeout


def _resource(element: Element, context: _Context, default_timeout: Optional[str],
              inherited: Optional[Dict[str, str]] = None) -> Canonical:
    """A resource's form. A group's or clone's instance attributes are its members'
    (Pacemaker reads a primitive's parameters from its own blocks, then its parents'):
    without rules they are moved down to the primitives, where they mean something."""
    if element.tag == "primitive":
        element = _expand_template(element, context)
    kind = "clone" if element.tag == "master" else element.tag
    form: Canonical = {"kind": kind, "id": element.get("id")}
    _description(element, form)
    if element.tag == "primitive":
        agent = [element.get("class") or "", element.get("provider") or "",
                 element.get("type") or ""]
        form["agent"] = ":".join(agent) if agent[1] else f"{agent[0]}:{agent[2]}"
    instance = nvsets(element, "instance_attributes", context)
    passed = dict(inherited or {})
    if element.tag == "primitive":
        if passed and not (isinstance(instance, dict) and "then" in instance):
            instance = {**passed, **instance}
        form["instance"] = instance
    elif isinstance(instance, dict) and "then" not in instance:
        passed = {**passed, **instance}
    elif instance:
        form["instance"] = instance
    meta = nvsets(element, "meta_attributes", context, normalise=META_VALUES)
    if element.tag == "master":
        # Pacemaker 1.1's promotable clone, with the names it used then
        meta = _promotable(meta)
    form["meta"] = meta
    if element.tag == "primitive":
        form["utilization"] = nvsets(element, "utilization", context)
        settings = op_settings(element, context)
        form["operations"] = _operations(settings, default_timeout)
        for op in settings:
            if op.requires is not None:
                _values_of(meta).setdefault("requires", op.requires)
    if element.tag == "bundle":
        form.update(_bundle(element))
    children = _children(element, *RESOURCE_TAGS)
    if children:
        forms = [_resource(child, context, default_timeout, passed) for child in children]
        form["children"] = {child["id"]: child for child in forms}
        if element.tag == "group":
            form["members"] = [child["id"] for child in forms]  # the start order
    return form


def _promotable(meta: Any) -> Any:
    values_form = meta["values"] if isinstance(meta, dict) and "then" in meta else meta
    values_form.setdefault("promotable", "true")
    return meta


def _bundle(element: Element) -> Canonical:
    form: Canonical = {}
    for child in _children(element, "docker", "podman", "rkt"):
        form["container"] = {"runtime": child.tag, **{str(k): str(v) for k, v in
                                                     child.attrib.items()}}
    network = element.find("network")
    if network is not None:
        form["network"] = {str(k): str(v) for k, v in network.attrib.items() if k != "id"}
        form["port-mappings"] = sorted(
            tuple(sorted((str(k), str(v)) for k, v in p.attrib.items() if k != "id"))
            for p in _children(network, "port-mapping"))
    storage = element.find("storage")
    if storage is not None:
        form["storage-mappings"] = sorted(
            tuple(sorted((str(k), str(v)) for k, v in m.attrib.items() if k != "id"))
            for m in _children(storage, "storage-mapping"))
    return form


# -- constraints ---------------------------------------------------------------------

# constraint attributes that name resources, and the attribute each side's role or
# action moves to when Pacemaker turns the side into a resource set
_SIDES = {"rsc_colocation": (("rsc", "rsc-role"), ("with-rsc", "with-rsc-role")),
          "rsc_order": (("first", "first-action"), ("then", "then-action")),
          "rsc_ticket": (("rsc", "rsc-role"),)}
_SET_ATTRIBUTE = {"rsc-role": "role", "with-rsc-role": "role", "first-action": "action",
                  "then-action": "action"}


def expand_references(element: Element, context: _Context) -> Element:
    """A constraint naming tags or templates, as Pacemaker expands it: in resource sets
    the members take the reference's place; a simple colocation, order or ticket
    becomes a constraint with one set per side (the tag's side sequential=false), its
    roles and actions moved onto the sets. Else the element itself."""
    from copy import deepcopy

    groups = context.groups
    sets = _children(element, "resource_set")
    if sets:
        if not any(r.get("id") in groups for s in sets for r in _children(
                context.resolve(s) if context.resolve(s) is not None else s,
                "resource_ref")):
            return element
        copy = deepcopy(element)
        for resource_set in _children(copy, "resource_set"):
            resolved = context.resolve(resource_set)
            if resolved is None:
                continue
            if resolved is not resource_set:
                resolved = deepcopy(resolved)
                copy.replace(resource_set, resolved)
            for ref in _children(resolved, "resource_ref"):
                for member in reversed(groups.get(ref.get("id", ""), [])):
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
        for member in groups.get(rid, [rid]):
            etree.SubElement(resource_set, "resource_ref", id=member)
        if rid in groups:
            resource_set.set("sequential", "false")
        if copy.get(moved) is not None:
            resource_set.set(_SET_ATTRIBUTE[moved], copy.get(moved, ""))
            del copy.attrib[moved]
        del copy.attrib[attribute]
    return copy


def _keyed(table: Dict[str, Any], key: str, value: Any) -> None:
    """The same key twice (two constraints on the same pair) is numbered: in the order
    of their values, which means nothing, not of the document."""
    if key not in table:
        table[key] = value
        return
    same = [table.pop(key)]
    count = 2
    while f"{key} #{count}" in table:
        same.append(table.pop(f"{key} #{count}"))
        count += 1
    same.append(value)
    same.sort(key=repr)
    table[key] = same[0]
    for index, item in enumerate(same[1:], start=2):
        table[f"{key} #{index}"] = item


def _set_text(resource_set: Element, context: _Context, attributes: Dict[str, Any]) -> str:
    resolved = context.resolve(resource_set)
    if resolved is None:
        return f"set(missing {resource_set.get('id-ref')})"
    refs = [context.name(r.get("id", "")) or "" for r in _children(resolved, "resource_ref")]
    settings = dict(attributes)
    for key, value in resolved.attrib.items():
        key = str(key)
        if key in ("id",):
            continue
        if key in ("sequential", "require-all"):
            settings[key] = boolean(value)
        elif key == "role":
            settings[key] = role(value)
        elif key == "score":
            settings[key] = score(value)
        else:
            settings[key] = value
    defaults = {"sequential": "true", "require-all": "true", "ordering": "group",
                "action": "start"}
    for key, default in defaults.items():
        if settings.get(key) == default:
            del settings[key]
    if settings.get("sequential") == "false":
        refs = sorted(refs)
    words = [" ".join(refs)] + [f"{k}={v}" for k, v in sorted(settings.items())]
    return "set(" + " ".join(w for w in words if w) + ")"


def _sets_text(element: Element, context: _Context) -> str:
    return " ".join(_set_text(s, context, {}) for s in _children(element, "resource_set"))


def _common(element: Element, form: Dict[str, Any]) -> Dict[str, Any]:
    lifetime = _children(element, "lifetime")
    if lifetime:
        form["lifetime"] = repr([_raw(x) for x in lifetime])
    return {k: v for k, v in form.items() if v is not None}


def _locations(element: Element, context: _Context, table: Dict[str, Any]) -> None:
    """One entry per resource and node or rule: a location with several rules, or a
    set of resources, is several locations to Pacemaker."""
    discovery = (element.get("resource-discovery") or "always").lower()
    targets: List[Tuple[str, Optional[str], Optional[str]]] = []  # target, role, score
    if element.get("rsc") is not None:
        for member in context.groups.get(element.get("rsc", ""), [element.get("rsc", "")]):
            targets.append((context.name(member) or "", None, None))
    if element.get("rsc-pattern") is not None:
        targets.append((f"pattern {element.get('rsc-pattern')}", None, None))
    for resource_set in _children(element, "resource_set"):
        resolved = context.resolve(resource_set)
        if resolved is None:
            continue
        for ref in _children(resolved, "resource_ref"):
            targets.append((context.name(ref.get("id")) or "", resolved.get("role"),
                            resolved.get("score")))
    node = element.get("node")
    for target, set_role, set_score in targets:
        given_score = set_score or element.get("score")
        if node is not None and given_score is not None:
            node_role = role(set_role or element.get("role"))
            _keyed(table, f"{target} on {node}", _common(element, {
                "score": score(given_score),
                "role": None if node_role in ANY_ROLE_LOCATION_NODE else node_role,
                "resource-discovery": None if discovery == "always" else discovery}))
            continue
        for rule in _children(element, "rule"):
            resolved = context.resolve(rule)
            if resolved is None:
                continue
            rule_role = role(resolved.get("role"))
            on_node = _uname_rule(resolved)
            if on_node is not None and rule_role != "Started":
                # `#uname eq NODE` with a score is a location on NODE to Pacemaker
                _keyed(table, f"{target} on {on_node}", _common(element, {
                    "score": score(resolved.get("score")),
                    "role": None if rule_role in ANY_ROLE_LOCATION_NODE else rule_role,
                    "resource-discovery": None if discovery == "always" else discovery}))
                continue
            _keyed(table, f"{target} rule {rule_text(resolved, context)}", _common(element, {
                "score": score(resolved.get("score")) if resolved.get("score") is not None
                else None,
                "score-attribute": resolved.get("score-attribute")
                if resolved.get("score") is None else None,
                "role": None if rule_role in ANY_ROLE_LOCATION_RULE else rule_role,
                "resource-discovery": None if discovery == "always" else discovery}))


def _uname_rule(rule: Element) -> Optional[str]:
    """The node of a rule that is only `#uname eq NODE` with a score; else None."""
    parts = _children(rule)
    if len(parts) != 1 or parts[0].tag != "expression" or rule.get("score") is None:
        return None
    expression = parts[0]
    if expression.get("attribute") != "#uname" or expression.get("operation") != "eq" or \
            expression.get("type") not in (None, "string") or \
            expression.get("value-source") not in (None, "literal"):
        return None
    found: Optional[str] = expression.get("value")
    return found


def _colocation(element: Element, context: _Context, table: Dict[str, Any]) -> None:
    influence = boolean(element.get("influence"))
    node_attribute = element.get("node-attribute")
    common = {"influence": influence,
              "node-attribute": None if node_attribute in (None, "#uname") else node_attribute}
    if _children(element, "resource_set"):
        given = score(element.get("score"))
        if given in (None, "0") and not any(
                score(s.get("score")) not in (None, "0") for s in
                _children(element, "resource_set")):
            return  # Pacemaker ignores every set of it (score 0, or none)
        _keyed(table, f"sets {_sets_text(element, context)}", _common(element, {
            "score": given, **common}))
        return
    given = score(element.get("score"))
    if given in (None, "0"):
        return  # Pacemaker ignores a colocation with score 0 (or none)
    rsc_role = role(element.get("rsc-role"))
    with_role = role(element.get("with-rsc-role"))
    form = {"score": given,
            "score-attribute": element.get("score-attribute"),
            "rsc-role": None if rsc_role in ANY_ROLE_COLOCATION else rsc_role,
            "with-rsc-role": None if with_role in ANY_ROLE_COLOCATION else with_role,
            "rsc-instance": element.get("rsc-instance"),
            "with-rsc-instance": element.get("with-rsc-instance"), **common}
    _keyed(table, f"{context.name(element.get('rsc'))} with "
                  f"{context.name(element.get('with-rsc'))}", _common(element, form))


def _order_kind(element: Element) -> str:
    kind = element.get("kind")
    if kind is None:
        given = element.get("score")
        return "Optional" if given is not None and score(given) == "0" else "Mandatory"
    return {"optional": "Optional", "serialize": "Serialize"}.get(kind.lower(), "Mandatory")


def _order(element: Element, context: _Context, table: Dict[str, Any]) -> None:
    kind = _order_kind(element)
    symmetrical = boolean(element.get("symmetrical"))
    if symmetrical not in ("true", "false"):
        symmetrical = "false" if kind == "Serialize" else "true"
    elif kind == "Serialize":
        symmetrical = "false"  # Pacemaker ignores symmetrical=true with Serialize
    form = {"kind": kind, "symmetrical": symmetrical,
            "require-all": boolean(element.get("require-all"))}
    if _children(element, "resource_set"):
        _keyed(table, f"sets {_sets_text(element, context)}", _common(element, form))
        return
    first_action = element.get("first-action") or "start"
    then_action = element.get("then-action") or first_action
    form["first-instance"] = element.get("first-instance")
    form["then-instance"] = element.get("then-instance")
    _keyed(table, f"{first_action} {context.name(element.get('first'))} then {then_action} "
                  f"{context.name(element.get('then'))}", _common(element, form))


def _ticket(element: Element, context: _Context, table: Dict[str, Any]) -> None:
    ticket_role = role(element.get("rsc-role"))
    form = {"rsc-role": None if ticket_role == "Started" else ticket_role,
            "loss-policy": (element.get("loss-policy") or "stop").lower()}
    target = _sets_text(element, context) if _children(element, "resource_set") else \
        context.name(element.get("rsc")) or ""
    _keyed(table, f"{element.get('ticket')} for {target}", _common(element, form))


def _constraints(section: Optional[Element], context: _Context) -> Canonical:
    tables: Dict[str, Dict[str, Any]] = {"locations": {}, "colocations": {}, "orders": {},
                                         "tickets": {}}
    others: List[Any] = []
    for original in _children(section) if section is not None else []:
        element = expand_references(original, context)
        if element.tag == "rsc_location":
            _locations(element, context, tables["locations"])
        elif element.tag == "rsc_colocation":
            _colocation(element, context, tables["colocations"])
        elif element.tag == "rsc_order":
            _order(element, context, tables["orders"])
        elif element.tag == "rsc_ticket":
            _ticket(element, context, tables["tickets"])
        else:
            others.append(repr(_raw(element)))
    form: Canonical = dict(tables)
    if others:
        form["others"] = sorted(others)
    return form


# -- the rest ------------------------------------------------------------------------

def _nodes(configuration: Element, context: _Context) -> Dict[str, Any]:
    nodes: Dict[str, Any] = {}
    for node in configuration.findall("nodes/node"):
        form: Dict[str, Any] = {
            "attributes": nvsets(node, "instance_attributes", context),
            "utilization": nvsets(node, "utilization", context)}
        if node.get("score") is not None:
            form["score"] = score(node.get("score"))
        if not any(form.values()):
            continue  # a node with nothing configured: corosync makes it a member
        form["id"] = node.get("id")
        kind = node.get("type") or "member"
        if kind not in ("member", "normal"):
            form["type"] = kind
        _keyed(nodes, node.get("uname") or node.get("id") or "", form)
    return nodes


def _fencing_levels(configuration: Element) -> Dict[str, Any]:
    levels: Dict[str, Any] = {}
    for level in configuration.findall("fencing-topology/fencing-level"):
        if level.get("target") is not None:
            target = level.get("target", "")
        elif level.get("target-pattern") is not None:
            target = f"pattern {level.get('target-pattern')}"
        else:
            target = f"attribute {level.get('target-attribute')}={level.get('target-value')}"
        devices = [d for d in (level.get("devices") or "").replace(" ", ",").split(",") if d]
        _keyed(levels, f"{target} level {level.get('index')}", devices)
    return levels


def _alerts(configuration: Element, context: _Context) -> Dict[str, Any]:
    alerts: Dict[str, Any] = {}
    for alert in configuration.findall("alerts/alert"):
        form: Dict[str, Any] = {"options": nvsets(alert, "instance_attributes", context),
                                "meta": nvsets(alert, "meta_attributes", context)}
        _description(alert, form)
        select = alert.find("select")
        if select is not None:
            form["select"] = repr(_raw(select))
        recipients: Dict[str, Any] = {}
        for recipient in _children(alert, "recipient"):
            item = {"options": nvsets(recipient, "instance_attributes", context),
                    "meta": nvsets(recipient, "meta_attributes", context)}
            _description(recipient, item)
            _keyed(recipients, recipient.get("value", ""), item)
        form["recipients"] = recipients
        _keyed(alerts, alert.get("path", ""), form)
    return alerts


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


def acl_grants(element: Element, roles: Dict[str, Element]) -> List[Any]:
    """What a user or group may do, in order: the permissions of its roles (role or,
    in 1.x, role_ref) and its own (1.x)."""
    found: List[Any] = []
    for child in _children(element):
        if child.tag in ("role", "role_ref"):
            role = roles.get(child.get("id", ""))
            found += [acl_permission(p) for p in _children(role)] if role is not None \
                else [("missing role", child.get("id", ""), "")]
        else:
            found.append(acl_permission(child) or repr(_raw(child)))
    return found


def _acls(configuration: Element) -> Dict[str, Any]:
    """Who may do what: ACL roles mean what their users and groups get (a role no one
    has changes nothing), Pacemaker 1.x forms (acl_user, read/write/deny) included."""
    acls: Dict[str, Any] = {}
    section = configuration.find("acls")
    if section is None:
        return acls
    roles = {r.get("id", ""): r for r in _children(section, "acl_role")}
    for element in _children(section):
        if element.tag == "acl_role":
            continue
        kind = "group" if element.tag == "acl_group" else "user"
        name = element.get("name") or element.get("id") or ""
        _keyed(acls, f"{kind} {name}", acl_grants(element, roles))
    return acls


def _default_timeout(op_defaults: Any) -> Optional[str]:
    """The timeout an operation without one gets, when it does not depend on rules."""
    if isinstance(op_defaults, dict) and "then" in op_defaults and \
            any("timeout" in layer["values"] for layer in op_defaults["then"]):
        return None
    given = _plain_values(op_defaults).get("timeout")
    if given is None:
        return duration(str(DEFAULT_OP_TIMEOUT_MS) + "ms")
    return duration(given)


def _values_of(form: Any) -> Dict[str, str]:
    """The unconditional values of a form nvsets() made, to change in place."""
    if isinstance(form, dict) and "then" in form:
        values_form: Dict[str, str] = form["values"]
        return values_form
    plain: Dict[str, str] = form
    return plain


def _upgrade_legacy(crm_config: Any, rsc_defaults: Any, op_defaults: Any) -> None:
    """Pacemaker 1.x property names, where Pacemaker's schema upgrade puts them."""
    from pcsgen.cluster_options import legacy

    properties = _values_of(crm_config)
    sections = {"crm_config": properties, "rsc_defaults": _values_of(rsc_defaults),
                "op_defaults": _values_of(op_defaults)}
    for name, value in list(properties.items()):
        moved = legacy(name, value)
        if moved is None:
            continue
        del properties[name]
        if moved.section is not None and moved.name is not None:
            sections[moved.section].setdefault(moved.name, moved.value)


def settings(configuration: Element, context: _Context) -> Tuple[Any, Any, Any]:
    """crm_config, rsc_defaults and op_defaults, legacy names where Pacemaker puts them."""
    crm_config = nvsets(configuration.find("crm_config"), "cluster_property_set", context,
                        first_id="cib-bootstrap-options", dropped=MAINTAINED_PROPERTIES)
    rsc_defaults = nvsets(configuration.find("rsc_defaults"), "meta_attributes", context,
                          normalise=META_VALUES)
    op_defaults = nvsets(configuration.find("op_defaults"), "meta_attributes", context)
    _upgrade_legacy(crm_config, rsc_defaults, op_defaults)
    return crm_config, rsc_defaults, op_defaults


def default_timeout_of(configuration: Element, context: _Context) -> Optional[str]:
    return _default_timeout(settings(configuration, context)[2])


def canonical(cib: Element) -> Canonical:
    configuration = cib.find("configuration") if cib.tag == "cib" else cib
    if configuration is None:
        raise ValueError("no <configuration> in the CIB")
    context = _Context(cib)
    crm_config, rsc_defaults, op_defaults = settings(configuration, context)
    default_timeout = _default_timeout(op_defaults)
    resources: Dict[str, Any] = {}
    section = configuration.find("resources")
    for element in _children(section, *RESOURCE_TAGS) if section is not None else []:
        resource = _resource(element, context, default_timeout)
        _keyed(resources, resource["id"] or "", resource)
    tags = {tag.get("id"): [r.get("id", "") for r in _children(tag, "obj_ref")]
            for tag in configuration.findall("tags/tag")}
    return {
        "crm_config": crm_config,
        "nodes": _nodes(configuration, context),
        "resources": resources,
        "constraints": _constraints(configuration.find("constraints"), context),
        "rsc_defaults": rsc_defaults,
        "op_defaults": op_defaults,
        "fencing_levels": _fencing_levels(configuration),
        "alerts": _alerts(configuration, context),
        "tags": tags,
        "acls": _acls(configuration),
    }


def parse_cib(data: bytes) -> Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True,
                             remove_comments=True, huge_tree=False)
    return etree.fromstring(data, parser)


def differences(a: Any, b: Any) -> List[str]:
    """The differences between two canonical forms, one line each, as diff prints them."""
    from pcsgen.cluster.diff import format_text, semantic_diff

    return format_text(semantic_diff(a, b)).splitlines()
