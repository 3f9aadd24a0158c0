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
- colocations with score 0, and constraints naming a resource the CIB does not hold
  (Pacemaker ignores both).

What the form resolves, as Pacemaker does: id-refs, resource templates, the order in
which nvpair blocks are read (score, then the later block first, the first value of
a name winning), default values (first-action, then-action, kind, symmetrical,
roles that mean "any role", resource-discovery ...), spellings (INFINITY, +INFINITY,
1000000; Master and Promoted; 60, 60s, 1min; ISO 8601 intervals; true, yes, on).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from lxml import etree

from pcsgen.cib.constraint_forms import constraints as constraint_forms
from pcsgen.cib.element import Element
from pcsgen.cib.keyed import Keyed, keyed, numbered
from pcsgen.cib.reading import (
    Context,
    OpSettings,
    acl_grants,
    children,
    default_timeout,
    expand_template,
    inert,
    nvsets,
    op_settings,
    raw,
    repeated_recurring,
    settings,
    values_of,
)
from pcsgen.cib.values import (
    META_VALUES,
    OP_VALUES,
    RESOURCE_TAGS,
    interval,
    score,
)
from pcsgen.diagnostics.phrase import Phrase

Canonical = Dict[str, Any]


# -- resources -----------------------------------------------------------------------


def _description(element: Element, form: Canonical) -> None:
    if element.get("description") is not None:
        form["description"] = element.get("description")


def _operations(settings: List[OpSettings], default_timeout: Optional[str]) -> Dict[str, Any]:
    found: Keyed = {}
    configured: set = set()  # type: ignore[type-arg]
    # Pacemaker schedules no recurring action of a name and interval given twice
    twice = repeated_recurring(settings)
    for op in settings:
        if (op.name, interval(op.interval)) in twice:
            continue
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
        keyed(found, key, attributes)
    return numbered(found)


def _resource(
    element: Element,
    context: Context,
    default_timeout: Optional[str],
    inherited: Optional[Dict[str, str]] = None,
) -> Canonical:
    """A resource's form. A group's or clone's instance attributes are its members'
    (Pacemaker reads a primitive's parameters from its own blocks, then its parents'):
    without rules they are moved down to the primitives, where they mean something."""
    if element.tag == "primitive":
        element = expand_template(element, context)
    kind = "clone" if element.tag == "master" else element.tag
    form: Canonical = {"kind": kind, "id": element.get("id")}
    _description(element, form)
    if element.tag == "primitive":
        agent = [
            element.get("class") or "",
            element.get("provider") or "",
            element.get("type") or "",
        ]
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
        form["container"] = {
            "runtime": child.tag,
            **{str(k): str(v) for k, v in child.attrib.items()},
        }
    network = element.find("network")
    if network is not None:
        form["network"] = {str(k): str(v) for k, v in network.attrib.items() if k != "id"}
        form["port-mappings"] = sorted(
            tuple(sorted((str(k), str(v)) for k, v in p.attrib.items() if k != "id"))
            for p in children(network, "port-mapping")
        )
    storage = element.find("storage")
    if storage is not None:
        form["storage-mappings"] = sorted(
            tuple(sorted((str(k), str(v)) for k, v in m.attrib.items() if k != "id"))
            for m in children(storage, "storage-mapping")
        )
    return form


# -- the rest ------------------------------------------------------------------------


def _nodes(configuration: Element, context: Context) -> Dict[str, Any]:
    nodes: Keyed = {}
    for node in configuration.findall("nodes/node"):
        form: Dict[str, Any] = {
            "attributes": nvsets(node, "instance_attributes", context),
            "utilization": nvsets(node, "utilization", context),
        }
        if node.get("score") is not None:
            form["score"] = score(node.get("score"))
        if not any(form.values()):
            continue  # a node with nothing configured: corosync makes it a member
        form["id"] = node.get("id")
        kind = node.get("type") or "member"
        if kind not in ("member", "normal"):
            form["type"] = kind
        keyed(nodes, node.get("uname") or node.get("id") or "", form)
    return numbered(nodes)


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
        keyed(levels, f"{target} level {level.get('index')}", devices)
    return numbered(levels)


def _alerts(configuration: Element, context: Context) -> Dict[str, Any]:
    alerts: Keyed = {}
    for alert in configuration.findall("alerts/alert"):
        form: Dict[str, Any] = {
            "options": nvsets(alert, "instance_attributes", context),
            "meta": nvsets(alert, "meta_attributes", context),
        }
        _description(alert, form)
        select = alert.find("select")
        if select is not None:
            form["select"] = repr(raw(select))
        recipients: Keyed = {}
        for recipient in children(alert, "recipient"):
            item = {
                "options": nvsets(recipient, "instance_attributes", context),
                "meta": nvsets(recipient, "meta_attributes", context),
            }
            _description(recipient, item)
            keyed(recipients, recipient.get("value", ""), item)
        form["recipients"] = numbered(recipients)
        keyed(alerts, alert.get("path", ""), form)
    return numbered(alerts)


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
        keyed(acls, f"{kind} {name}", acl_grants(element, roles, context))
    return numbered(acls)


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
        keyed(resources, resource["id"] or "", resource)
    tags = {
        tag.get("id"): [r.get("id", "") for r in children(tag, "obj_ref")]
        for tag in configuration.findall("tags/tag")
    }
    return {
        "crm_config": crm_config,
        "nodes": _nodes(configuration, context),
        "resources": numbered(resources),
        "constraints": constraint_forms(configuration.find("constraints"), context),
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
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        remove_blank_text=True,
        remove_comments=True,
        huge_tree=False,
    )
    root = (
        etree.fromstring(data, parser, base_url=path)
        if path is not None
        else etree.fromstring(data, parser)
    )
    # what canonical() reads as a number must be one: the schema says so, and a
    # hostile file would otherwise stop the comparison with an internal error
    for level in root.iter("fencing-level"):
        index = level.get("index", "")
        if not index.isdigit():
            # (message, code, line, column): what a parse error carries, so callers
            # report it as they report any malformed CIB
            syntax_error: Any = etree.XMLSyntaxError
            where = level.sourceline or 0
            error = syntax_error(
                f"fencing-level {level.get('id', '')!r}: index {index!r} is not a positive integer",
                0,
                where,
                0,
            )
            # what xml_reason says, in the reader's language: libxml2 has no code for it
            error.phrase = Phrase(
                "cib_fencing_index", {"id": level.get("id", ""), "index": index, "line": where}
            )
            raise error
    return root
