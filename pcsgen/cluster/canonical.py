"""A CIB's configuration in canonical form: what Pacemaker means by it, without the ids
and the orders that mean nothing. Two CIBs are equivalent when their forms are equal."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from lxml import etree

ROLE_ALIASES = {"master": "Promoted", "slave": "Unpromoted", "promoted": "Promoted",
                "unpromoted": "Unpromoted", "started": "Started", "stopped": "Stopped"}
Canonical = Dict[str, Any]


def _role(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    return ROLE_ALIASES.get(value.lower(), value)


def _seconds(value: Optional[str]) -> Optional[str]:
    """'10s', '10', '10000ms' -> '10': intervals compare by duration."""
    if value is None:
        return None
    from pcsgen.values import duration_seconds

    seconds = duration_seconds(value)
    if seconds is None:
        return value
    return f"{seconds:g}"


def _nvsets(element: etree._Element, tag: str) -> Dict[str, str]:
    pairs: Dict[str, str] = {}
    for nvset in element.findall(tag):
        for nvpair in nvset.findall("nvpair"):
            pairs[nvpair.get("name", "")] = nvpair.get("value", "")
    return pairs


def _operation(op: etree._Element) -> Tuple[Any, ...]:
    attributes = {str(k): str(v) for k, v in op.attrib.items() if k not in ("id", "name")}
    attributes["interval"] = _seconds(attributes.get("interval", "0")) or "0"
    if "role" in attributes:
        attributes["role"] = _role(attributes["role"]) or ""
    for key in ("timeout", "start-delay"):
        if key in attributes:
            attributes[key] = _seconds(attributes[key]) or attributes[key]
    attributes.update({f"instance:{k}": v for k, v in _nvsets(op, "instance_attributes").items()})
    attributes.update({f"meta:{k}": v for k, v in _nvsets(op, "meta_attributes").items()})
    return (op.get("name"), tuple(sorted(attributes.items())))


def _resource(element: etree._Element) -> Canonical:
    form: Canonical = {"kind": element.tag, "id": element.get("id")}
    if element.tag == "primitive":
        form["agent"] = (element.get("class"), element.get("provider"), element.get("type"))
        form["instance"] = _nvsets(element, "instance_attributes")
        form["utilization"] = _nvsets(element, "utilization")
        form["operations"] = sorted(_operation(op) for op in element.findall("operations/op"))
    form["meta"] = _nvsets(element, "meta_attributes")
    if element.tag == "bundle":
        form["bundle"] = sorted(
            (child.tag, tuple(sorted((k, v) for k, v in child.attrib.items() if k != "id")))
            for child in element.iter() if child is not element and child.tag in (
                "docker", "podman", "rkt", "network", "port-mapping", "storage-mapping"))
    children = [c for c in element if c.tag in ("primitive", "group", "clone", "bundle")]
    if children:
        # group members start in this order; a clone has one child
        form["children"] = [_resource(c) for c in children]
    return form


def _without_id(element: etree._Element) -> Tuple[Any, ...]:
    return (element.tag, tuple(sorted((str(k), str(v)) for k, v in element.attrib.items()
                                      if k != "id")),
            tuple(_without_id(child) for child in element if isinstance(child.tag, str)))


def _rule_text(rule: etree._Element) -> str:
    parts: List[str] = []
    for child in rule:
        if child.tag == "expression":
            operation = child.get("operation", "")
            if operation in ("defined", "not_defined"):
                parts.append(f"{operation} {child.get('attribute')}")
            else:
                typed = f" {child.get('type')}" if child.get("type") else ""
                parts.append(f"{child.get('attribute')} {operation}{typed} {child.get('value')}")
        elif isinstance(child.tag, str):
            parts.append(repr(_without_id(child)))
    joiner = f" {rule.get('boolean-op', 'and')} " if len(parts) > 1 else ""
    return joiner.join(sorted(parts))


def _keyed(table: Dict[str, Any], key: str, value: Any) -> None:
    """Constraints are keyed by what they bind, so a diff says which one changed; the
    same key twice (two constraints on the same pair) is numbered."""
    final, count = key, 1
    while final in table:
        count += 1
        final = f"{key} #{count}"
    table[final] = value


def _constraints(section: Optional[etree._Element]) -> Canonical:
    locations: Dict[str, Any] = {}
    colocations: Dict[str, Any] = {}
    orders: Dict[str, Any] = {}
    others: List[Any] = []
    elements = list(section) if section is not None else []
    for element in elements:
        if not isinstance(element.tag, str):
            continue
        if element.find("resource_set") is not None or element.tag == "rsc_ticket":
            others.append(_without_id(element))
        elif element.tag == "rsc_location":
            target = element.get("rsc") or f"pattern {element.get('rsc-pattern')}"
            if element.get("node") is not None:
                _keyed(locations, f"{target} on {element.get('node')}",
                       {"score": element.get("score"), "role": _role(element.get("role"))})
            for rule in element.findall("rule"):
                _keyed(locations, f"{target} rule {_rule_text(rule)}",
                       {"score": rule.get("score"),
                        "score-attribute": rule.get("score-attribute"),
                        "role": _role(rule.get("role") or element.get("role"))})
        elif element.tag == "rsc_colocation":
            _keyed(colocations, f"{element.get('rsc')} with {element.get('with-rsc')}",
                   {"score": element.get("score"),
                    "rsc-role": _role(element.get("rsc-role", "Started")),
                    "with-rsc-role": _role(element.get("with-rsc-role", "Started"))})
        elif element.tag == "rsc_order":
            first_action = element.get("first-action", "start")
            then_action = element.get("then-action", first_action)
            _keyed(orders, f"{first_action} {element.get('first')} then {then_action} "
                           f"{element.get('then')}",
                   {"kind": element.get("kind", "Mandatory"),
                    "symmetrical": element.get("symmetrical", "true")})
        else:
            others.append(_without_id(element))
    return {"locations": locations, "colocations": colocations, "orders": orders,
            "others": sorted(others, key=repr)}


def canonical(cib: etree._Element) -> Canonical:
    configuration = cib.find("configuration") if cib.tag == "cib" else cib
    if configuration is None:
        raise ValueError("no <configuration> in the CIB")
    crm_config: Dict[str, str] = {}
    for nvset in configuration.findall("crm_config/cluster_property_set"):
        for nvpair in nvset.findall("nvpair"):
            crm_config[nvpair.get("name", "")] = nvpair.get("value", "")
    nodes = {}
    for node in configuration.findall("nodes/node"):
        nodes[node.get("uname")] = {
            "id": node.get("id"),
            "attributes": _nvsets(node, "instance_attributes"),
            "utilization": _nvsets(node, "utilization"),
        }
    resources = [_resource(r) for r in configuration.findall("resources/*")
                 if isinstance(r.tag, str)]
    levels = sorted((lv.get("target") or "", lv.get("target-attribute") or "",
                     lv.get("target-pattern") or "", int(lv.get("index", "0")),
                     (lv.get("devices") or "").replace(" ", ","))
                    for lv in configuration.findall("fencing-topology/fencing-level"))
    alerts = []
    for alert in configuration.findall("alerts/alert"):
        recipients = sorted((r.get("value"), tuple(sorted(_nvsets(r, "instance_attributes")
                                                          .items())),
                             tuple(sorted(_nvsets(r, "meta_attributes").items())))
                            for r in alert.findall("recipient"))
        alerts.append((alert.get("id"), alert.get("path"),
                       tuple(sorted(_nvsets(alert, "instance_attributes").items())),
                       tuple(sorted(_nvsets(alert, "meta_attributes").items())),
                       tuple(recipients)))
    tags = {tag.get("id"): sorted(r.get("id", "") for r in tag.findall("obj_ref"))
            for tag in configuration.findall("tags/tag")}
    acls = sorted(
        (element.tag, element.get("name") or element.get("id"),
         tuple(sorted((p.get("kind"), p.get("xpath"), p.get("reference"))
                      for p in element.findall("acl_permission"))),
         tuple(sorted(r.get("id", "") for r in element.findall("role"))))
        for element in configuration.findall("acls/*") if isinstance(element.tag, str))
    return {
        "tags": tags,
        "acls": acls,
        "crm_config": crm_config,
        "nodes": nodes,
        # the order of top-level resources means nothing to Pacemaker
        "resources": sorted(resources, key=lambda r: str(r["id"])),
        "constraints": _constraints(configuration.find("constraints")),
        "rsc_defaults": _nvsets(configuration, "rsc_defaults/meta_attributes"),
        "op_defaults": _nvsets(configuration, "op_defaults/meta_attributes"),
        "fencing_levels": levels,
        "alerts": sorted(alerts, key=repr),
    }


def parse_cib(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    root = etree.fromstring(data, parser)
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


def differences(a: Any, b: Any, path: str = "") -> List[str]:
    """Human-readable differences between two canonical forms."""
    if isinstance(a, dict) and isinstance(b, dict):
        found: List[str] = []
        for key in sorted(set(a) | set(b), key=str):
            where = f"{path}/{key}"
            if key not in a:
                found.append(f"+ {where}: {b[key]!r}")
            elif key not in b:
                found.append(f"- {where}: {a[key]!r}")
            else:
                found.extend(differences(a[key], b[key], where))
        return found
    if isinstance(a, list) and isinstance(b, list) and all(isinstance(x, dict) for x in a + b) \
            and all("id" in x for x in a + b):
        return differences({x["id"]: x for x in a}, {x["id"]: x for x in b}, path)
    if a != b:
        if isinstance(a, list) and isinstance(b, list):
            only_a = [x for x in a if x not in b]
            only_b = [x for x in b if x not in a]
            return [f"- {path}: {x!r}" for x in only_a] + [f"+ {path}: {x!r}" for x in only_b]
        return [f"~ {path}: {a!r} -> {b!r}"]
    return []
