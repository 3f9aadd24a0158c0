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

from typing import Any, Dict, List, Optional, Tuple

from lxml import etree

from pcsgen.cib.reading import (
    Context,
    OpSettings,
    acl_grants,
    children,
    default_timeout,
    expand_references,
    expand_template,
    inert,
    nvsets,
    op_settings,
    order_kind,
    raw,
    rule_text,
    settings,
    values_of,
)
from pcsgen.cib.values import (
    ANY_ROLE_COLOCATION,
    ANY_ROLE_LOCATION_NODE,
    ANY_ROLE_LOCATION_RULE,
    META_VALUES,
    OP_VALUES,
    RESOURCE_TAGS,
    boolean,
    interval,
    role,
    score,
)

Canonical = Dict[str, Any]
Element = Any  # lxml's _Element
Keyed = Dict[str, List[Any]]  # what _keyed collects: every value of a key, in order


# -- resources -----------------------------------------------------------------------

def _description(element: Element, form: Canonical) -> None:
    if element.get("description") is not None:
        form["description"] = element.get("description")


def _operations(settings: List[OpSettings], default_timeout: Optional[str]) -> \
        Dict[str, Any]:
    found: Keyed = {}
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
            if inert(op.name, attributes, default_timeout):
                continue
        key = f"{op.name} {op_interval}"
        if attributes.get("role") and op_interval != "0s":
            key += f" {attributes.pop('role')}"
        _keyed(found, key, attributes)
    return _numbered(found)


def _resource(element: Element, context: Context, default_timeout: Optional[str],
              inherited: Optional[Dict[str, str]] = None) -> Canonical:
    """A resource's form. A group's or clone's instance attributes are its members'
    (Pacemaker reads a primitive's parameters from its own blocks, then its parents'):
    without rules they are moved down to the primitives, where they mean something."""
    if element.tag == "primitive":
        element = expand_template(element, context)
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
                values_of(meta).setdefault("requires", op.requires)
    if element.tag == "bundle":
        form.update(_bundle(element))
    inner = children(element, *RESOURCE_TAGS)
    if inner:
        forms = [_resource(child, context, default_timeout, passed) for child in inner]
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
    for child in children(element, "docker", "podman", "rkt"):
        form["container"] = {"runtime": child.tag, **{str(k): str(v) for k, v in
                                                     child.attrib.items()}}
    network = element.find("network")
    if network is not None:
        form["network"] = {str(k): str(v) for k, v in network.attrib.items() if k != "id"}
        form["port-mappings"] = sorted(
            tuple(sorted((str(k), str(v)) for k, v in p.attrib.items() if k != "id"))
            for p in children(network, "port-mapping"))
    storage = element.find("storage")
    if storage is not None:
        form["storage-mappings"] = sorted(
            tuple(sorted((str(k), str(v)) for k, v in m.attrib.items() if k != "id"))
            for m in children(storage, "storage-mapping"))
    return form


def _keyed(table: Keyed, key: str, value: Any) -> None:
    table.setdefault(key, []).append(value)


def _numbered(table: Keyed) -> Dict[str, Any]:
    """The same key twice (two constraints on the same pair) is numbered: in the order
    of their values, which means nothing, not of the document. Numbered once, at the
    end, so that thousands of equal constraints cost a sort, not a sort each."""
    found: Dict[str, Any] = {}
    for key, same in table.items():
        if len(same) > 1:
            same = sorted(same, key=repr)
        found[key] = same[0]
        for index, item in enumerate(same[1:], start=2):
            found[f"{key} #{index}"] = item
    return found


def _set_text(resource_set: Element, context: Context, attributes: Dict[str, Any]) -> str:
    resolved = context.resolve(resource_set)
    if resolved is None:
        return f"set(missing {resource_set.get('id-ref')})"
    refs = [context.name(r.get("id", "")) or "" for r in children(resolved, "resource_ref")]
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


def _sets_text(element: Element, context: Context) -> str:
    return " ".join(_set_text(s, context, {}) for s in children(element, "resource_set"))


def _common(element: Element, form: Dict[str, Any]) -> Dict[str, Any]:
    lifetime = children(element, "lifetime")
    if lifetime:
        form["lifetime"] = repr([raw(x) for x in lifetime])
    return {k: v for k, v in form.items() if v is not None}


def _locations(element: Element, context: Context, table: Keyed) -> None:
    """One entry per resource and node or rule: a location with several rules, or a
    set of resources, is several locations to Pacemaker."""
    discovery = (element.get("resource-discovery") or "always").lower()
    targets: List[Tuple[str, Optional[str], Optional[str]]] = []  # target, role, score
    if element.get("rsc") is not None:
        for member in context.members(element.get("rsc", ""), element) or \
                [element.get("rsc", "")]:
            targets.append((context.name(member) or "", None, None))
    if element.get("rsc-pattern") is not None:
        targets.append((f"pattern {element.get('rsc-pattern')}", None, None))
    for resource_set in children(element, "resource_set"):
        resolved = context.resolve(resource_set)
        if resolved is None:
            continue
        for ref in children(resolved, "resource_ref"):
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
        for rule in children(element, "rule"):
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
    parts = children(rule)
    if len(parts) != 1 or parts[0].tag != "expression" or rule.get("score") is None:
        return None
    expression = parts[0]
    if expression.get("attribute") != "#uname" or expression.get("operation") != "eq" or \
            expression.get("type") not in (None, "string") or \
            expression.get("value-source") not in (None, "literal"):
        return None
    found: Optional[str] = expression.get("value")
    return found


def _colocation(element: Element, context: Context, table: Keyed) -> None:
    influence = boolean(element.get("influence"))
    node_attribute = element.get("node-attribute")
    common = {"influence": influence,
              "node-attribute": None if node_attribute in (None, "#uname") else node_attribute}
    if children(element, "resource_set"):
        given = score(element.get("score"))
        if given in (None, "0") and not any(
                score(s.get("score")) not in (None, "0") for s in
                children(element, "resource_set")):
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


def _order(element: Element, context: Context, table: Keyed) -> None:
    kind = order_kind(element)
    symmetrical = boolean(element.get("symmetrical"))
    if symmetrical not in ("true", "false"):
        symmetrical = "false" if kind == "Serialize" else "true"
    elif kind == "Serialize":
        symmetrical = "false"  # Pacemaker ignores symmetrical=true with Serialize
    form = {"kind": kind, "symmetrical": symmetrical,
            "require-all": boolean(element.get("require-all"))}
    if children(element, "resource_set"):
        _keyed(table, f"sets {_sets_text(element, context)}", _common(element, form))
        return
    first_action = element.get("first-action") or "start"
    then_action = element.get("then-action") or first_action
    form["first-instance"] = element.get("first-instance")
    form["then-instance"] = element.get("then-instance")
    _keyed(table, f"{first_action} {context.name(element.get('first'))} then {then_action} "
                  f"{context.name(element.get('then'))}", _common(element, form))


def _ticket(element: Element, context: Context, table: Keyed) -> None:
    ticket_role = role(element.get("rsc-role"))
    form = {"rsc-role": None if ticket_role == "Started" else ticket_role,
            "loss-policy": (element.get("loss-policy") or "stop").lower()}
    target = _sets_text(element, context) if children(element, "resource_set") else \
        context.name(element.get("rsc")) or ""
    _keyed(table, f"{element.get('ticket')} for {target}", _common(element, form))


def _constraints(section: Optional[Element], context: Context) -> Canonical:
    tables: Dict[str, Keyed] = {"locations": {}, "colocations": {}, "orders": {},
                                         "tickets": {}}
    others: List[Any] = []
    for original in children(section) if section is not None else []:
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
            others.append(repr(raw(element)))
    form: Canonical = {kind: _numbered(table) for kind, table in tables.items()}
    if others:
        form["others"] = sorted(others)
    return form


# -- the rest ------------------------------------------------------------------------

def _nodes(configuration: Element, context: Context) -> Dict[str, Any]:
    nodes: Keyed = {}
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
    return _numbered(nodes)


def _fencing_levels(configuration: Element) -> Dict[str, Any]:
    levels: Keyed = {}
    for level in configuration.findall("fencing-topology/fencing-level"):
        if level.get("target") is not None:
            target = level.get("target", "")
        elif level.get("target-pattern") is not None:
            target = f"pattern {level.get('target-pattern')}"
        else:
            target = f"attribute {level.get('target-attribute')}={level.get('target-value')}"
        devices = [d for d in (level.get("devices") or "").replace(" ", ",").split(",") if d]
        _keyed(levels, f"{target} level {level.get('index')}", devices)
    return _numbered(levels)


def _alerts(configuration: Element, context: Context) -> Dict[str, Any]:
    alerts: Keyed = {}
    for alert in configuration.findall("alerts/alert"):
        form: Dict[str, Any] = {"options": nvsets(alert, "instance_attributes", context),
                                "meta": nvsets(alert, "meta_attributes", context)}
        _description(alert, form)
        select = alert.find("select")
        if select is not None:
            form["select"] = repr(raw(select))
        recipients: Keyed = {}
        for recipient in children(alert, "recipient"):
            item = {"options": nvsets(recipient, "instance_attributes", context),
                    "meta": nvsets(recipient, "meta_attributes", context)}
            _description(recipient, item)
            _keyed(recipients, recipient.get("value", ""), item)
        form["recipients"] = _numbered(recipients)
        _keyed(alerts, alert.get("path", ""), form)
    return _numbered(alerts)


def _acls(configuration: Element, context: Context) -> Dict[str, Any]:
    """Who may do what: ACL roles mean what their users and groups get (a role no one
    has changes nothing), Pacemaker 1.x forms (acl_user, read/write/deny) included."""
    acls: Keyed = {}
    section = configuration.find("acls")
    if section is None:
        return {}
    roles = {r.get("id", ""): r for r in children(section, "acl_role")}
    for element in children(section):
        if element.tag == "acl_role":
            continue
        kind = "group" if element.tag == "acl_group" else "user"
        name = element.get("name") or element.get("id") or ""
        _keyed(acls, f"{kind} {name}", acl_grants(element, roles, context))
    return _numbered(acls)


def canonical(cib: Element) -> Canonical:
    configuration = cib.find("configuration") if cib.tag == "cib" else cib
    if configuration is None:
        raise ValueError("no <configuration> in the CIB")
    context = Context(cib)
    crm_config, rsc_defaults, op_defaults = settings(configuration, context)
    op_timeout = default_timeout(op_defaults)
    resources: Keyed = {}
    section = configuration.find("resources")
    for element in children(section, *RESOURCE_TAGS) if section is not None else []:
        resource = _resource(element, context, op_timeout)
        _keyed(resources, resource["id"] or "", resource)
    tags = {tag.get("id"): [r.get("id", "") for r in children(tag, "obj_ref")]
            for tag in configuration.findall("tags/tag")}
    return {
        "crm_config": crm_config,
        "nodes": _nodes(configuration, context),
        "resources": _numbered(resources),
        "constraints": _constraints(configuration.find("constraints"), context),
        "rsc_defaults": rsc_defaults,
        "op_defaults": op_defaults,
        "fencing_levels": _fencing_levels(configuration),
        "alerts": _alerts(configuration, context),
        "tags": tags,
        "acls": _acls(configuration, context),
    }


def parse_cib(data: bytes, path: Optional[str] = None) -> etree._Element:
    """A CIB's text as a tree; PATH, when given, goes with it, so that an error found
    while reading it later (reading.ExpansionTooLarge) names the file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True,
                             remove_comments=True, huge_tree=False)
    root = etree.fromstring(data, parser, base_url=path) if path is not None else \
        etree.fromstring(data, parser)
    # what canonical() reads as a number must be one: the schema says so, and a
    # hostile file would otherwise stop the comparison with an internal error
    for level in root.iter("fencing-level"):
        index = level.get("index", "")
        if not index.isdigit():
            # (message, code, line, column): what a parse error carries, so callers
            # report it as they report any malformed CIB
            syntax_error: Any = etree.XMLSyntaxError
            raise syntax_error(f"fencing-level {level.get('id', '')!r}: index {index!r} is "
                               "not a positive integer", 0, level.sourceline or 0, 0)
    return root
