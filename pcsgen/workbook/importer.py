"""`pcsgen import`: an existing CIB -> a definition document (and so a workbook).

What the format cannot express (bundles, resource sets, ticket constraints, ACLs,
tags, rules with date expressions ...) becomes pcs commands in ADDITIONAL_CONFIG, each
named in a warning, so that compiling the definition rebuilds it.
"""

from __future__ import annotations

import shlex
from typing import Any, Dict, List, Optional, Tuple

from lxml import etree

from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.location import Location, Source
from pcsgen.workbook.writer import Document

Element = Any  # lxml's _Element
# Properties Pacemaker maintains itself: importing them would freeze stale values.
MAINTAINED_PROPERTIES = frozenset({"dc-version", "cluster-infrastructure", "cluster-name",
                                   "have-watchdog", "last-lrm-refresh"})
SIMPLE_OPS = frozenset({"lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined"})
OP_ATTRIBUTES = ("timeout", "interval", "on-fail", "role", "start-delay", "interval-origin",
                 "record-pending", "enabled", "description")


def _q(word: str) -> str:
    return shlex.quote(word)


def _pairs(element: Element, tag: str) -> List[Tuple[str, str]]:
    found: List[Tuple[str, str]] = []
    for nvset in element.findall(tag):
        for nvpair in nvset.findall("nvpair"):
            found.append((nvpair.get("name", ""), nvpair.get("value", "")))
    return found


def _has_rules(element: Element, tag: str) -> bool:
    return any(nvset.find("rule") is not None for nvset in element.findall(tag))


class Importer:
    def __init__(self, root: Element, source: Source, diagnostics: Diagnostics,
                 rule_as_one_argument: bool = False) -> None:
        self.rule_as_one_argument = rule_as_one_argument
        self.root = root
        self.configuration = root.find("configuration") if root.tag == "cib" else root
        self.source = source
        self.diagnostics = diagnostics
        self.commands: List[str] = []
        self.tables: List[Dict[str, Any]] = []

    # -- helpers --------------------------------------------------------------------
    def _where(self, element: Element) -> Location:
        return Location(self.source, element.sourceline or 0)

    def unsupported(self, element: Element, what: str, command: Optional[str]) -> None:
        if command is None:
            self.diagnostics.warning("PG704", self._where(element), what=what)
            return
        self.commands.append(command)
        self.diagnostics.warning("PG703", self._where(element), what=what, command=command)

    # -- sections ---------------------------------------------------------------------
    def properties(self) -> None:
        rows = []
        for nvset in self.configuration.findall("crm_config/cluster_property_set"):
            for name, value in [(p.get("name", ""), p.get("value", ""))
                                for p in nvset.findall("nvpair")]:
                if name in MAINTAINED_PROPERTIES:
                    self.diagnostics.info("PG706", self._where(nvset), what=name)
                    continue
                rows.append({"name": name, "value": value})
        if rows:
            self.tables.append({"table": "PROPERTY", "rows": rows})

    def defaults(self, tag: str, marker: str, pcs_words: str) -> None:
        section = self.configuration.find(tag)
        if section is None:
            return
        rows = []
        for nvset in section.findall("meta_attributes"):
            if nvset.find("rule") is not None:
                pairs = " ".join(f"{_q(n)}={_q(v)}" for n, v in
                                 _pairs(section, "meta_attributes"))
                self.unsupported(nvset, f"{tag} with a rule",
                                 f"pcs {pcs_words} set create meta {pairs}")
                continue
            rows += [{"name": p.get("name", ""), "value": p.get("value", "")}
                     for p in nvset.findall("nvpair")]
        if rows:
            self.tables.append({"table": marker, "rows": rows})

    def nodes(self) -> None:
        rows = []
        for node in self.configuration.findall("nodes/node"):
            uname = node.get("uname", "")
            for kind, tag in (("attribute", "instance_attributes"),
                              ("utilization", "utilization")):
                for name, value in _pairs(node, tag):
                    rows.append({"uname": uname, "type": kind, "name": name, "value": value})
        if rows:
            self.tables.append({"table": "NODE", "rows": rows})

    def resources(self) -> None:
        tree: List[Dict[str, Any]] = []
        meta_rows: List[Dict[str, str]] = []
        definitions: List[Dict[str, Any]] = []
        for element in self.configuration.findall("resources/*"):
            if not isinstance(element.tag, str):
                continue
            self._resource(element, 0, tree, meta_rows, definitions)
        if tree:
            self.tables.append({"table": "RESOURCES", "rows": tree})
        if meta_rows:
            self.tables.append({"table": "RSC_ATTRIBUTES", "rows": meta_rows})
        self.tables += definitions

    def _resource(self, element: Element, depth: int, tree: List[Dict[str, Any]],
                  meta_rows: List[Dict[str, str]], definitions: List[Dict[str, Any]]) -> None:
        rid = element.get("id", "")
        if element.tag == "primitive":
            stonith = element.get("class") == "stonith"
            tree.append({"depth": depth, "kind": "Stonith" if stonith else "Primitive", "id": rid})
            definitions.append(self._primitive(element, stonith))
            return
        if element.tag == "group":
            tree.append({"depth": depth, "kind": "Group", "id": rid})
            meta_rows += [{"id": rid, "name": n, "value": v}
                          for n, v in _pairs(element, "meta_attributes")]
            for child in element.findall("primitive"):
                self._resource(child, depth + 1, tree, meta_rows, definitions)
            return
        if element.tag == "clone":
            meta = _pairs(element, "meta_attributes")
            promotable = any(n == "promotable" and v.lower() in ("true", "yes", "1", "on")
                             for n, v in meta)
            tree.append({"depth": depth, "kind": "Promotable" if promotable else "Clone",
                         "id": rid})
            meta_rows += [{"id": rid, "name": n, "value": v} for n, v in meta
                          if not (promotable and n == "promotable")]
            for child in element:
                if child.tag in ("primitive", "group"):
                    self._resource(child, depth + 1, tree, meta_rows, definitions)
            return
        if element.tag == "master":  # Pacemaker 1.1's promotable clone
            tree.append({"depth": depth, "kind": "Promotable", "id": rid})
            meta_rows += [{"id": rid, "name": n, "value": v}
                          for n, v in _pairs(element, "meta_attributes")]
            for child in element:
                if child.tag in ("primitive", "group"):
                    self._resource(child, depth + 1, tree, meta_rows, definitions)
            return
        self.unsupported(element, f"the {element.tag} '{rid}'", self._bundle_command(element))

    def _primitive(self, element: Element, stonith: bool) -> Dict[str, Any]:
        rid = element.get("id", "")
        head: Dict[str, str] = {"id": rid, "type": element.get("type", "")}
        if not stonith:
            head["class"] = element.get("class", "")
            head["provider"] = element.get("provider", "")
        attributes: List[Dict[str, str]] = []
        for kind, tag in (("options", "instance_attributes"), ("meta", "meta_attributes"),
                          ("utilization", "utilization")):
            attributes += [{"type": kind, "name": n, "value": v}
                           for n, v in _pairs(element, tag)]
        operations = []
        for op in element.findall("operations/op"):
            item = {"type": op.get("name", "")}
            for key in OP_ATTRIBUTES:
                if op.get(key) is not None:
                    item[key] = op.get(key)
            for name, value in _pairs(op, "instance_attributes"):
                item[name] = value  # OCF_CHECK_LEVEL
            operations.append(item)
        return {"table": "STONITH" if stonith else "PRIMITIVE", "P": head, "A": attributes,
                "O": operations}

    def _bundle_command(self, element: Element) -> Optional[str]:
        if element.tag != "bundle":
            return None
        words = ["pcs", "resource", "bundle", "create", element.get("id", "")]
        runtime = next((c for c in element if c.tag in ("docker", "podman", "rkt")), None)
        if runtime is None:
            return None
        words += ["container", runtime.tag]
        words += [f"{k}={v}" for k, v in runtime.attrib.items() if k != "id"]
        network = element.find("network")
        if network is not None:
            words += ["network"] + [f"{k}={v}" for k, v in network.attrib.items() if k != "id"]
            for port in network.findall("port-mapping"):
                words += ["port-map"] + [f"{k}={v}" for k, v in port.attrib.items() if k != "id"]
        storage = element.find("storage")
        if storage is not None:
            for mapping in storage.findall("storage-mapping"):
                words += ["storage-map"]
                words += [f"{k}={v}" for k, v in mapping.attrib.items() if k != "id"]
        meta = _pairs(element, "meta_attributes")
        if meta:
            words += ["meta"] + [f"{n}={v}" for n, v in meta]
        if element.find("primitive") is not None:
            return None  # a bundle with a resource inside needs two commands and --force
        return " ".join(_q(w) for w in words)

    # -- constraints ------------------------------------------------------------------
    def constraints(self) -> None:
        nodes: List[Dict[str, str]] = []
        rules: List[Dict[str, str]] = []
        colocations: List[Dict[str, str]] = []
        orders: List[Dict[str, str]] = []
        section = self.configuration.find("constraints")
        if section is None:
            return
        for element in section:
            if not isinstance(element.tag, str):
                continue
            if element.tag == "rsc_location":
                self._location(element, nodes, rules)
            elif element.tag == "rsc_colocation":
                self._colocation(element, colocations)
            elif element.tag == "rsc_order":
                self._order(element, orders)
            elif element.tag == "rsc_ticket":
                self.unsupported(element, f"the ticket constraint '{element.get('id')}'",
                                 self._ticket_command(element))
            else:
                self.unsupported(element, f"the constraint '{element.get('id')}'", None)
        for marker, rows in (("LOCATION_NODE", nodes), ("LOCATION_RULE", rules),
                             ("COLOCATION", colocations), ("ORDER", orders)):
            if rows:
                self.tables.append({"table": marker, "rows": rows})

    def _location(self, element: Element, nodes: List[Dict[str, str]],
                  rules: List[Dict[str, str]]) -> None:
        rsc = element.get("rsc")
        cid = element.get("id", "")
        simple = rsc is not None and element.find("resource_set") is None and \
            element.get("role") is None and element.get("resource-discovery") is None
        if simple and element.get("node") is not None and element.get("score") is not None:
            score = element.get("score", "")
            negative = score.startswith("-")
            magnitude = score.lstrip("+-")
            written = "" if magnitude == "INFINITY" else magnitude
            nodes.append({"rsc": rsc, "prefers/avoids": "avoids" if negative else "prefers",
                          "node": element.get("node", ""), "score": written})
            return
        rule_elements = element.findall("rule")
        if simple and rule_elements and all(self._simple_rule(r) for r in rule_elements):
            for rule in rule_elements:
                expressions = rule.findall("expression")
                for index, expression in enumerate(expressions):
                    row = {"rsc": rsc or "", "attribute": expression.get("attribute", ""),
                           "op": expression.get("operation", ""),
                           "value": expression.get("value", "")}
                    if index == 0:
                        row["score"] = rule.get("score", "")
                        if len(expressions) > 1:
                            row["bool_op"] = rule.get("boolean-op", "and")
                        if rule.get("role"):
                            row["role"] = rule.get("role", "")
                    else:
                        row["rsc"] = ""
                    rules.append(row)
            return
        self.unsupported(element, f"the location constraint '{cid}'",
                         self._location_command(element))

    @staticmethod
    def _simple_rule(rule: Element) -> bool:
        expressions = rule.findall("expression")
        return bool(expressions) and len(expressions) == len(rule) and \
            rule.get("score") is not None and rule.get("score-attribute") is None and \
            all(e.get("operation") in SIMPLE_OPS and e.get("type") in (None, "string") and
                e.get("value-source") in (None, "literal") for e in expressions)

    def _rule_text(self, rule: Element) -> Optional[str]:
        parts: List[str] = []
        for child in rule:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "expression":
                op = child.get("operation", "")
                attribute = child.get("attribute", "")
                if op in ("defined", "not_defined"):
                    parts.append(f"{op} {attribute}")
                else:
                    kind = child.get("type")
                    typed = f"{kind} " if kind in ("integer", "number", "version") else ""
                    parts.append(f"{attribute} {op} {typed}{child.get('value', '')}")
            elif child.tag == "date_expression":
                op = child.get("operation", "")
                if op == "gt":
                    parts.append(f"date gt {child.get('start', '')}")
                elif op == "lt":
                    parts.append(f"date lt {child.get('end', '')}")
                elif op == "in_range" and child.get("end"):
                    parts.append(f"date in_range {child.get('start', '')} to "
                                 f"{child.get('end', '')}")
                else:
                    return None
            elif child.tag == "rule":
                inner = self._rule_text(child)
                if inner is None:
                    return None
                parts.append(f"({inner})")
            else:
                return None
        if not parts:
            return None
        return f" {rule.get('boolean-op', 'and')} ".join(parts)

    def _location_command(self, element: Element) -> Optional[str]:
        rsc = element.get("rsc")
        pattern = element.get("rsc-pattern")
        if element.find("resource_set") is not None:
            return None
        target = rsc if rsc is not None else f"regexp%{pattern}"
        if element.get("node") is not None:
            score = element.get("score", "INFINITY")
            side = "avoids" if score.startswith("-") else "prefers"
            magnitude = score.lstrip("+-")
            node = element.get("node", "")
            spec = node if magnitude == "INFINITY" else f"{node}={magnitude}"
            return f"pcs constraint location {_q(target)} {side} {_q(spec)}"
        rules = element.findall("rule")
        if len(rules) != 1:
            return None
        rule = rules[0]
        text = self._rule_text(rule)
        if text is None or rule.get("score") is None:
            return None
        words = ["pcs", "constraint", "location", _q(target), "rule"]
        if rule.get("id"):
            words.append(f"id={_q(rule.get('id', ''))}")
        if rule.get("role") or element.get("role"):
            words.append(f"role={rule.get('role') or element.get('role')}")
        words.append(f"score={rule.get('score')}")
        # pcs 0.12 takes the rule as one argument, older ones as words
        words.append(_q(text) if self.rule_as_one_argument else
                     " ".join(_q(w) for w in text.split(" ")))
        return " ".join(words)

    def _colocation(self, element: Element, rows: List[Dict[str, str]]) -> None:
        if element.find("resource_set") is None and element.get("node-attribute") is None \
                and element.get("influence") is None and element.get("rsc") is not None:
            row = {"rsc": element.get("rsc", ""), "with-rsc": element.get("with-rsc", ""),
                   "score": element.get("score", "INFINITY")}
            for key in ("rsc-role", "with-rsc-role"):
                if element.get(key) and not (element.get(key) == "Started" and
                                             not self._other_role(element, key)):
                    row[key] = element.get(key, "")
            rows.append(row)
            return
        self.unsupported(element, f"the colocation constraint '{element.get('id')}'",
                         self._set_command(element, "colocation"))

    @staticmethod
    def _other_role(element: Element, key: str) -> bool:
        other = "with-rsc-role" if key == "rsc-role" else "rsc-role"
        return element.get(other) not in (None, "Started")

    def _order(self, element: Element, rows: List[Dict[str, str]]) -> None:
        if element.find("resource_set") is None and element.get("first") is not None and \
                element.get("require-all") is None:
            row = {"first-rsc": element.get("first", ""), "then-rsc": element.get("then", "")}
            for key, column in (("kind", "kind"), ("first-action", "first-action"),
                                ("then-action", "then-action"),
                                ("symmetrical", "symmetrical")):
                if element.get(key) is not None:
                    row[column] = element.get(key, "")
            if element.get("score") is not None and "kind" not in row:
                row["kind"] = "Mandatory" if element.get("score") not in ("0",) else "Optional"
            rows.append(row)
            return
        self.unsupported(element, f"the order constraint '{element.get('id')}'",
                         self._set_command(element, "order"))

    def _set_command(self, element: Element, kind: str) -> Optional[str]:
        sets = element.findall("resource_set")
        if not sets:
            return None
        words = ["pcs", "constraint", kind, "set"]
        for index, resource_set in enumerate(sets):
            if index:
                words.append("set")
            words += [_q(ref.get("id", "")) for ref in resource_set.findall("resource_ref")]
            words += [f"{k}={_q(v)}" for k, v in resource_set.attrib.items() if k != "id"]
        setoptions = [f"{k}={_q(v)}" for k, v in element.attrib.items()
                      if k in ("kind", "symmetrical", "score", "id")]
        if setoptions:
            words += ["setoptions"] + setoptions
        return " ".join(words)

    def _ticket_command(self, element: Element) -> Optional[str]:
        if element.find("resource_set") is not None:
            return None
        words = ["pcs", "constraint", "ticket", "add", _q(element.get("ticket", ""))]
        if element.get("rsc-role"):
            words.append(element.get("rsc-role", ""))
        words.append(_q(element.get("rsc", "")))
        if element.get("loss-policy"):
            words.append(f"loss-policy={element.get('loss-policy')}")
        words.append(f"id={_q(element.get('id', ''))}")
        return " ".join(words)

    # -- the rest ---------------------------------------------------------------------
    def fencing(self) -> None:
        rows = []
        for level in self.configuration.findall("fencing-topology/fencing-level"):
            target = level.get("target")
            devices = (level.get("devices") or "").replace(",", " ")
            if target is None:
                pattern = level.get("target-pattern")
                attribute = level.get("target-attribute")
                spec = f"regexp%{pattern}" if pattern else \
                    f"attrib%{attribute}={level.get('target-value', '')}" if attribute else None
                command = None if spec is None else \
                    f"pcs stonith level add {level.get('index')} {_q(spec)} " + \
                    " ".join(_q(d) for d in devices.split()) + " --force"
                self.unsupported(level, f"the fencing level '{level.get('id')}'", command)
                continue
            rows.append({"node": target, "id": devices, "level": level.get("index", "")})
        if rows:
            self.tables.append({"table": "STONITH_LEVEL", "rows": rows})

    def alerts(self) -> None:
        for alert in self.configuration.findall("alerts/alert"):
            if alert.find("select") is not None:
                self.unsupported(alert, f"the alert '{alert.get('id')}' with select", None)
            table: Dict[str, Any] = {
                "table": "ALERT", "P": {"path": alert.get("path", "")},
                "A": [{"type": "options", "name": n, "value": v}
                      for n, v in _pairs(alert, "instance_attributes")] +
                     [{"type": "meta", "name": n, "value": v}
                      for n, v in _pairs(alert, "meta_attributes")],
                "R": [],
            }
            for recipient in alert.findall("recipient"):
                table["R"].append({
                    "recipient": recipient.get("value", ""),
                    "A": [{"type": "options", "name": n, "value": v}
                          for n, v in _pairs(recipient, "instance_attributes")] +
                         [{"type": "meta", "name": n, "value": v}
                          for n, v in _pairs(recipient, "meta_attributes")]})
            self.tables.append(table)

    def tags(self) -> None:
        for tag in self.configuration.findall("tags/tag"):
            refs = " ".join(_q(r.get("id", "")) for r in tag.findall("obj_ref"))
            self.unsupported(tag, f"the tag '{tag.get('id')}'",
                             f"pcs tag create {_q(tag.get('id', ''))} {refs}")

    def acls(self) -> None:
        acls = self.configuration.find("acls")
        if acls is None:
            return
        for role in acls.findall("acl_role"):
            words = ["pcs", "acl", "role", "create", _q(role.get("id", ""))]
            ok = True
            for permission in role.findall("acl_permission"):
                kind = permission.get("kind")
                if permission.get("xpath"):
                    words += [kind or "read", "xpath", _q(permission.get("xpath", ""))]
                elif permission.get("reference"):
                    words += [kind or "read", "id", _q(permission.get("reference", ""))]
                else:
                    ok = False
            self.unsupported(role, f"the ACL role '{role.get('id')}'",
                             " ".join(words) if ok else None)
        for tag, kind in (("acl_target", "user"), ("acl_group", "group")):
            for target in acls.findall(tag):
                roles = " ".join(_q(r.get("id", "")) for r in target.findall("role"))
                name = target.get("name") or target.get("id", "")
                self.unsupported(target, f"the ACL {kind} '{name}'",
                                 f"pcs acl {kind} create {_q(name)} {roles}".rstrip())

    def document(self, name: str) -> Document:
        self.properties()
        self.nodes()
        self.defaults("rsc_defaults", "RSC_DEFAULTS", "resource defaults")
        self.defaults("op_defaults", "OP_DEFAULTS", "resource op defaults")
        self.resources()
        self.fencing()
        self.constraints()
        self.alerts()
        self.tags()
        self.acls()
        ordered = _in_format_order(self.tables)
        if self.commands:
            ordered.append({"table": "ADDITIONAL_CONFIG",
                            "rows": [{"config": c} for c in self.commands]})
        return {"name": name, "title": f"Imported from {self.source.file}", "tables": ordered}


FORMAT_ORDER = ["NODE", "PROPERTY", "RSC_DEFAULTS", "OP_DEFAULTS", "RESOURCES",
                "RSC_ATTRIBUTES", "STONITH_LEVEL", "PRIMITIVE", "STONITH", "LOCATION_NODE",
                "LOCATION_RULE", "COLOCATION", "ORDER", "ALERT"]


def _in_format_order(tables: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    rank = {marker: index for index, marker in enumerate(FORMAT_ORDER)}
    return sorted(tables, key=lambda t: rank.get(t["table"], len(rank)))


def import_cib(path: str, name: str, diagnostics: Diagnostics, target: str = "rhel9") -> \
        Document:
    source = Source(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise PcsgenError("PG001", Location(source), reason=exc.strerror or str(exc)) from None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PcsgenError("PG705", Location(source), path=path, reason=str(exc)) from None
    if root.tag not in ("cib", "configuration") or (
            root.tag == "cib" and root.find("configuration") is None):
        raise PcsgenError("PG705", Location(source), path=path,
                          reason="no <cib><configuration>")
    from pcsgen.compiler.emit.dialects import dialect

    one_argument = dialect(target).rule_as_one_argument
    return Importer(root, source, diagnostics, one_argument).document(name)
