"""`pcsgen import`: an existing CIB -> a definition document (and so a workbook).

Nothing is lost silently. Every construct of the CIB either maps onto the format's
tables, or becomes pcs commands in ADDITIONAL_CONFIG that rebuild it (tags first,
then bundles with their primitives, then what names them), or, where no pcs command
can express it, is named in a warning that says exactly what is left out.

The CIB is read as Pacemaker reads it (pcsgen.cluster.canonical): id-refs and
templates resolved, nvpair blocks in Pacemaker's order with the first value of a
name winning, defaults applied, so that compiling the definition gives a CIB that
`pcsgen diff` finds equal to the original.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from lxml import etree

from pcsgen.cluster import cib_values as cv
from pcsgen.cluster import reading as rd
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.inputs import MAX_CIB_BYTES, read_bounded
from pcsgen.location import Location, Source
from pcsgen.phrase import Joined, Phrase, os_reason
from pcsgen.workbook import cib_commands as pcs
from pcsgen.workbook import pcs_limits as limits
from pcsgen.workbook.writer import Document

Element = Any  # lxml's _Element
SIMPLE_OPS = frozenset({"lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined"})
# ADDITIONAL_CONFIG runs in this order: what a command names exists before it (a tag
# may hold a bundle or a clone the resources' commands make)
# the names a message lists at most (then "…")
MAX_NAMES_SHOWN = 20
PHASES = ("resources", "tags", "settings", "defaults", "constraints", "levels", "acls")
STONITH_COPIED = frozenset({"monitor"})  # what pcs copies from a fence agent's metadata


def _say(key: str, **args: Any) -> Phrase:
    """A part of a message (what the CIB holds) in the reader's language."""
    return Phrase(key, args)


def _kind(kind: str) -> Phrase:
    """The kind of a thing a message names (primitive, Group, node attribute ...)."""
    return Phrase("imp_kind_" + kind.replace(" ", "_"))


def _quoted(names: Any) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _rows(pairs: Dict[str, str]) -> List[Dict[str, str]]:
    return [{"name": name, "value": value} for name, value in pairs.items()]


def _base(form: Any) -> Dict[str, str]:
    return dict(form["values"]) if isinstance(form, dict) and "then" in form else dict(form)


def _layers(form: Any) -> List[Dict[str, Any]]:
    return list(form["then"]) if isinstance(form, dict) and "then" in form else []


# what the reader trims from a cell, or turns into one space inside it
_TRIMMED = " \t\r\n\u3000"


def _cell_safe(value: str) -> bool:
    """A value a table cell carries unchanged."""
    return value == value.strip(_TRIMMED) and "\n" not in value and "\r" not in value


def _split(pairs: Dict[str, str]) -> Tuple[Dict[str, str], Dict[str, str]]:
    """(the pairs a table can hold, those only a pcs command keeps as they are)."""
    safe = {n: v for n, v in pairs.items() if _cell_safe(v)}
    return safe, {n: v for n, v in pairs.items() if n not in safe}


class Importer:
    def __init__(self, root: Element, source: Source, diagnostics: Diagnostics,
                 target: str = "rhel9", system_agents: bool = True) -> None:
        from pcsgen.compiler.emit.dialects import dialect

        self.root = root
        self.configuration = root.find("configuration") if root.tag == "cib" else root
        self.source = source
        self.diagnostics = diagnostics
        self.dialect = dialect(target)
        self.system_agents = system_agents
        self.context = rd.Context(root)
        self.commands: Dict[str, List[str]] = {phase: [] for phase in PHASES}
        self.tables: List[Dict[str, Any]] = []
        # resources the tables hold; a constraint naming anything else goes after
        # the command that makes it
        self.in_tables: Set[str] = set()
        self.owner: Dict[str, str] = {}  # id inside a clone or bundle -> the top one
        # resources left out (an agent name pcsgen refuses), and what names them with them
        self.dropped: Set[str] = set()
        # a clone no pcs command can make: constraints on it go to its fence device
        self.renamed: Dict[str, str] = {}
        # what the tables hold that pcs refuses twice: unique parameters, constraints
        self.unique = limits.UniqueValues(lambda agent: self._metadata_provider().get(agent))
        self.constraint_keys: Set[Tuple[str, ...]] = set()
        self.ids: Set[Optional[str]] = set()  # every id of the CIB, once one is made
        self.requires: Dict[str, str] = {}  # resource -> its ops' 'requires' (1.x schema)
        self.default_timeout = rd.default_timeout_of(self.configuration, self.context)
        self._provider: Any = None

    # -- diagnostics and commands ----------------------------------------------------
    def _where(self, element: Element) -> Location:
        return Location(self.source, element.sourceline or 0)

    def _command(self, phase: str, element: Element, what: Any, words: List[str]) -> None:
        text = pcs.command(*words)
        self.commands[phase].append(text)
        self.diagnostics.warning("PG703", self._where(element), what=what, command=text)

    def _lost(self, element: Element, what: Any) -> None:
        self.diagnostics.warning("PG704", self._where(element), what=what)

    def _forced(self, phase: str, element: Element, what: Any, words: List[str],
                reason: Any) -> None:
        """What pcs takes only with --force: a command that carries it."""
        text = pcs.command(*words)
        self.commands[phase].append(text)
        self.diagnostics.warning("PG721", self._where(element), what=what, reason=reason,
                                 command=text)

    def _constraint_command(self, element: Element, what: Any, words: List[str],
                            duplicate: Optional[Phrase]) -> None:
        """A constraint written as a pcs command: forced when it repeats one pcs already
        holds between the same resources (`duplicate` says how), plain otherwise."""
        if duplicate is not None:
            self._forced("constraints", element, _say("imp_with_note", what=what,
                                                      note=duplicate), words,
                         limits.reason(limits.DUPLICATE))
        else:
            self._command("constraints", element, what, words)

    def _refused(self, element: Element, what: Any, reason: Any) -> None:
        """What pcs refuses even with --force: left out."""
        self.diagnostics.warning("PG722", self._where(element), what=what, reason=reason,
                                 pcs=self.dialect.pcs_version)

    def _writable(self, element: Element, kind: str, owner: Any,
                  pairs: Dict[str, str]) -> Dict[str, str]:
        """The pairs pcs can set as written; the others are named and left out."""
        kept: Dict[str, str] = {}
        for name, value in pairs.items():
            problem = limits.pair_problem(kind, name, value)
            if problem is None:
                kept[name] = value
                continue
            self.diagnostics.warning("PG725", self._where(element), kind=_kind(kind), name=name,
                                     value=value, owner=owner, pcs=self.dialect.pcs_version,
                                     reason=problem)
        return kept

    def _duplicate(self, *key: str) -> bool:
        """Whether the tables already hold a constraint pcs finds the same as this one
        (it refuses the second unless forced); records it otherwise."""
        if key in self.constraint_keys:
            return True
        self.constraint_keys.add(key)
        return False

    def _verbatim(self, element: Element, owner: Any, pairs: Dict[str, str],
                  words: List[str]) -> None:
        """Values a cell would trim (leading or trailing spaces): set by pcs commands
        after the tables. A value with a line break survives neither."""
        for name, value in pairs.items():
            if "\n" in value or "\r" in value:
                self._lost(element, _say("imp_value_line_break", name=name, owner=owner))
                continue
            self._command("settings", element, _say("imp_value_spaces", name=name, owner=owner),
                          [*words, f"{name}={value}"])

    def _rule_layers(self, element: Element, owner: Any, kind: str, form: Any) -> None:
        """Blocks read after a rule: no table holds them, and no pcs command writes them
        for this owner."""
        for layer in _layers(form):
            names = ", ".join(f"{n}={v}" for n, v in layer["values"].items())
            self.diagnostics.warning("PG710", self._where(element), owner=owner, kind=kind,
                                     rule=layer.get("rule") or "-", names=names)

    def _rule_words(self, allow: Tuple[str, ...], spaces: bool = False) -> pcs.RuleWords:
        return pcs.RuleWords(self.context.resolve, allow, spaces)

    def _argv(self, tokens: List[Any]) -> List[str]:
        return pcs.rule_argv(tokens, self.dialect.rule_as_one_argument)

    # -- properties, nodes, defaults ------------------------------------------------
    def properties(self) -> None:
        crm_config = self.configuration.find("crm_config")
        if crm_config is not None:
            for pair in crm_config.iter("nvpair"):
                if pair.get("name") in cv.MAINTAINED_PROPERTIES:
                    self.diagnostics.info("PG706", self._where(pair), what=pair.get("name"))
        form = rd.nvsets(crm_config, "cluster_property_set", self.context,
                         first_id="cib-bootstrap-options", dropped=cv.MAINTAINED_PROPERTIES)
        self._duplicates(crm_config, "cluster_property_set", "crm_config")
        if crm_config is not None:
            self._rule_layers(crm_config, "crm_config", "cluster_property_set", form)
        safe, verbatim = _split(self._writable(crm_config, "property", "crm_config",
                                               _base(form)) if crm_config is not None
                                else _base(form))
        if crm_config is not None:
            self._verbatim(crm_config, "crm_config", verbatim,
                           ["pcs", "property", "set", "--force"])
            self._unknown_properties(crm_config, safe)
        if safe:
            self.tables.append({"table": "PROPERTY", "rows": _rows(safe)})

    def _unknown_properties(self, crm_config: Element, values: Dict[str, str]) -> None:
        """Properties the target does not know (nor reads as a 1.x name), taken out of
        `values`: the compile refuses them in a table (a typo would do nothing), but a
        cluster holds them, so a forced `pcs property set` keeps them."""
        from pcsgen.cluster_options import legacy, target_options

        options = target_options(self.dialect.name)["options"]
        for name in [n for n, v in values.items()
                     if n not in options and legacy(n, v) is None]:
            value = values.pop(name)
            older = limits.UNKNOWN_PROPERTY.get(self.dialect.pcs_version)
            self._forced("settings", crm_config, _say("imp_cluster_property", name=name),
                         ["pcs", "property", "set", "--force", "--", f"{name}={value}"],
                         limits.reason(older, name=name) if older else limits.options_reason(
                             limits.INVALID, "cluster_property", [name]))

    def _duplicates(self, owner: Optional[Element], tag: str, label: Any) -> None:
        """A name set twice: Pacemaker takes the first value it reads, and so does the
        definition; say which."""
        if owner is None:
            return
        for block in owner:
            if not isinstance(block.tag, str) or block.tag != tag:
                continue
            seen: Dict[str, str] = {}
            for pair in block.findall("nvpair"):
                name, value = pair.get("name"), pair.get("value")
                if name is None or value is None:
                    continue
                if name in seen and seen[name] != value:
                    self.diagnostics.info("PG711", self._where(pair), name=name, owner=label,
                                          value=seen[name], ignored=value)
                seen.setdefault(name, value)

    def nodes(self) -> None:
        rows = []
        for node in self.configuration.findall("nodes/node"):
            uname = node.get("uname") or node.get("id", "")
            owner = _say("imp_node", name=uname)
            for kind, tag in (("attribute", "instance_attributes"),
                              ("utilization", "utilization")):
                form = rd.nvsets(node, tag, self.context)
                self._duplicates(node, tag, owner)
                self._rule_layers(node, owner, tag, form)
                safe, verbatim = _split(self._writable(
                    node, "node attribute" if kind == "attribute" else kind, owner,
                    _base(form)))
                self._verbatim(node, owner, verbatim,
                               ["pcs", "node", kind if kind == "utilization" else "attribute",
                                uname])
                for name, value in safe.items():
                    rows.append({"uname": uname, "type": kind, "name": name, "value": value})
            if node.get("score") is not None:
                self._lost(node, _say("imp_node_score", name=uname))
            if any(row["uname"] == uname for row in rows) and node.get("type") not in (
                    "remote", "ping") and not (node.get("id") or "").isdigit():
                self.diagnostics.info("PG719", self._where(node), node=uname,
                                      id=node.get("id", ""), path=self.source.file)
        if rows:
            self.tables.append({"table": "NODE", "rows": rows})

    def defaults(self, tag: str, marker: str, pcs_words: List[str]) -> None:
        section = self.configuration.find(tag)
        if section is None:
            return
        form = rd.nvsets(section, "meta_attributes", self.context,
                         normalise=cv.META_VALUES if tag == "rsc_defaults" else None)
        self._duplicates(section, "meta_attributes", tag)
        safe, verbatim = _split(self._writable(section, "default", tag, _base(form)))
        update = ["update"] if self.dialect.defaults_update else []
        self._verbatim(section, tag, verbatim, [*pcs_words, *update])
        if safe:
            self.tables.append({"table": marker, "rows": _rows(safe)})
        # the table's block is read first (score 0); the later blocks get lower
        # scores so that pcs writes them in the order Pacemaker read them
        rules = self._rule_words(("date", "resource", "op") if tag == "op_defaults"
                                 else ("date", "resource"))
        for index, layer in enumerate(_layers(form)):
            words = [*pcs_words, "set", "create", f"score={-(index + 1)}", "meta",
                     *pcs.nvpair_words(layer["values"])]
            block = self._layer_block(section, layer)
            if layer.get("rule") is not None:
                rule = block.find("rule") if block is not None else None
                tokens = rules.tokens(rule) if rule is not None else None
                if tokens is None or not pcs.text_rule_writable(tokens):
                    self._rule_layers(section, tag, "meta_attributes", {"values": {},
                                                                          "then": [layer]})
                    continue
                words += ["rule", *self._argv(tokens)]
            self._command("defaults", block if block is not None else section,
                          _say("imp_defaults_layer", tag=tag), words)

    def _layer_block(self, section: Element, layer: Dict[str, Any]) -> Optional[Element]:
        """The block a layer came from (for its rule and its line)."""
        for block in section.findall("meta_attributes"):
            resolved = self.context.resolve(block)
            if resolved is None:
                continue
            rule = resolved.find("rule")
            text = rd.rule_text(rule, self.context) if rule is not None else None
            if text == layer.get("rule") and any(
                    p.get("name") in layer["values"] for p in resolved.findall("nvpair")):
                return resolved
        return None

    # -- resources --------------------------------------------------------------------
    def resources(self) -> None:
        section = self.configuration.find("resources")
        if section is None:
            return
        tree: List[Dict[str, Any]] = []
        meta_rows: List[Dict[str, str]] = []
        definitions: List[Dict[str, Any]] = []
        for template in section.findall("template"):
            # the context's one pass over the primitives, not one per template
            users = self.context.groups.get(template.get("id", ""), [])
            # a message names a few: a template may make thousands of primitives
            shown = users[:MAX_NAMES_SHOWN] + (["…"] if len(users) > MAX_NAMES_SHOWN else [])
            self.diagnostics.warning("PG714", self._where(template), id=template.get("id"),
                                     users=", ".join(shown) or "-")
        for element in section:
            if not isinstance(element.tag, str) or element.tag == "template":
                continue
            self._owners(element, element.get("id", ""))
            self._resource(element, 0, tree, meta_rows, definitions)
        if tree:
            self.tables.append({"table": "RESOURCES", "rows": tree})
        if meta_rows:
            self.tables.append({"table": "RSC_ATTRIBUTES", "rows": meta_rows})
        self.tables += definitions

    def _owners(self, element: Element, top: str) -> None:
        """Pacemaker applies a constraint on a resource inside a clone or a bundle to
        the clone or bundle at the top."""
        inside = element.tag in ("clone", "master", "bundle")
        for child in element.iter("primitive", "group", "clone", "master"):
            if child is not element and inside:
                self.owner[child.get("id", "")] = top

    def _extras(self, element: Element, kind: str, inherited: Dict[str, str]) -> \
            Dict[str, str]:
        """What groups, clones and bundles may carry that no table holds. Their instance
        attributes are their members' parameters (Pacemaker reads a primitive's own,
        then its parents'): they go down to the primitives, unless they hang on rules."""
        rid = element.get("id", "")
        if element.get("description") is not None:
            self.diagnostics.warning("PG712", self._where(element), kind=_kind(kind), id=rid,
                                     description=element.get("description"))
        instance = rd.nvsets(element, "instance_attributes", self.context)
        if _layers(instance):
            names = ", ".join(f"{n}={v}" for n, v in _base(instance).items())
            self.diagnostics.warning("PG713", self._where(element), kind=_kind(kind), id=rid,
                                     names=names or "-")
            self._rule_layers(element, rid, "instance_attributes", instance)
            return inherited
        return {**inherited, **_base(instance)}

    def left_out(self) -> None:
        """Resources whose agent name pcsgen refuses (a path in it: the cluster would run
        whatever it leads to): each is named and left out, and so is a group or a clone
        left with nothing in it. What names them is left out after them."""
        section = self.configuration.find("resources")

        def visit(element: Element) -> bool:
            rid = element.get("id", "")
            if element.tag == "primitive":
                expanded = rd.expand_template(element, self.context)
                problem = limits.agent_problem(expanded)
                if problem is None:
                    return False
                self.diagnostics.warning("PG723", self._where(element), id=rid,
                                         agent=pcs_agent(expanded), reason=problem)
                self.dropped.add(rid)
                return True
            inside = _children_of(element, "primitive", "group")
            gone = [child.get("id", "") for child in inside if visit(child)]
            if element.tag == "bundle" or not inside or len(gone) < len(inside):
                return False
            kind = "imp_group" if element.tag == "group" else "imp_clone"
            self.diagnostics.warning("PG724", self._where(element), what=_say(kind, id=rid),
                                     id=gone[0])
            self.dropped.add(rid)
            return True

        for element in _children_of(section) if section is not None else []:
            if element.tag in cv.RESOURCE_TAGS:
                visit(element)

    def _names_left_out(self, element: Element) -> Optional[str]:
        """The first resource left out that a constraint names (as Pacemaker reads it)."""
        names = [element.get(k) for k in ("rsc", "with-rsc", "first", "then")]
        names += self.context.members(element.get("rsc") or "", element) or []
        for resource_set in _children_of(element, "resource_set"):
            resolved = self.context.resolve(resource_set)
            if resolved is not None:
                names += [r.get("id") for r in _children_of(resolved, "resource_ref")]
        # a resource inside a clone or a bundle kept stands for it, as Pacemaker reads it
        return next((n for n in names if n is not None and self._name(n) in self.dropped),
                    None)

    def _resource(self, element: Element, depth: int, tree: List[Dict[str, Any]],
                  meta_rows: List[Dict[str, str]], definitions: List[Dict[str, Any]],
                  inherited: Optional[Dict[str, str]] = None) -> None:
        rid = element.get("id", "")
        if rid in self.dropped:
            return
        if element.tag == "primitive":
            expanded = rd.expand_template(element, self.context)
            stonith = expanded.get("class") == "stonith"
            place = self._created_place(element, inherited or {})
            if place is not None:
                tail, reason = place
                self._created_primitive(element, tail, _say("imp_primitive", id=rid),
                                        inherited or {}, reason)
                return
            tree.append({"depth": depth, "kind": "Stonith" if stonith else "Primitive",
                         "id": rid})
            self.in_tables.add(rid)
            definitions.append(self._primitive(element, expanded, stonith, inherited or {}))
            return
        if element.tag in ("group", "clone", "master"):
            meta = rd.nvsets(element, "meta_attributes", self.context,
                             normalise=cv.META_VALUES)
            self._duplicates(element, "meta_attributes", rid)
            self._rule_layers(element, rid, "meta_attributes", meta)
            values = self._writable(element, "resource meta", f"'{rid}'", _base(meta))
            promotable = False
            if element.tag != "group":
                promotable = element.tag == "master" or values.get("promotable") == "true"
                if promotable:
                    values.pop("promotable", None)
            kind = "Group" if element.tag == "group" else \
                "Promotable" if promotable else "Clone"
            passed = self._extras(element, kind, inherited or {})
            if element.tag != "group":
                mode, promotable = self._clone_mode(element, promotable, values)
                kind = "Promotable" if promotable else "Clone"
                if mode != "table":
                    self._clone_by_command(element, mode, values, passed,
                                           lambda child, given: self._resource(
                                               child, depth, tree, meta_rows, definitions,
                                               given))
                    return
            elif self._group_by_commands(element, passed):
                for child in _children_of(element, "primitive"):
                    self._resource(child, depth, tree, meta_rows, definitions, passed)
                writable = {n: v for n, v in values.items() if "\n" not in v and "\r" not in v}
                for name in values:
                    if name not in writable:
                        self._lost(element, _say("imp_value_line_break", name=name,
                                                 owner=f"'{rid}'"))
                if writable:
                    self._command("resources", element, _say("imp_meta_of", id=rid),
                                  ["pcs", "resource", "meta", rid,
                                   *pcs.nvpair_words(writable), "--force"])
                return
            tree.append({"depth": depth, "kind": kind, "id": rid})
            self.in_tables.add(rid)
            values, verbatim = _split(values)
            self._verbatim(element, f"'{rid}'", verbatim, ["pcs", "resource", "meta", rid])
            meta_rows += [{"id": rid, "name": n, "value": v} for n, v in values.items()]
            for child in element:
                if isinstance(child.tag, str) and child.tag in ("primitive", "group"):
                    self._resource(child, depth + 1, tree, meta_rows, definitions, passed)
            return
        if element.tag == "bundle":
            self._bundle(element)
            return
        self._lost(element, _say("imp_element", tag=element.tag, id=rid))

    # -- clones pcs makes only when forced, or not at all -----------------------------
    def _clone_mode(self, element: Element, promotable: bool, values: Dict[str, str]) -> \
            Tuple[str, bool]:
        """How a clone is written: in the tables ("table"); by `pcs resource clone` or
        `promotable` of what the tables hold ("clone", "promotable"); by `pcs resource
        create ... promotable` ("create"); in steps through a placeholder ("steps": a
        globally unique clone of an agent pcs allows none for); or not at all ("lost": its
        fence device alone). What pcs refuses even forced is named and taken out of
        `values` (and promotable, which is returned)."""
        rid = element.get("id", "")
        child = next((c for c in _children_of(element, "primitive", "group")
                      if c.get("id") not in self.dropped), None)
        if child is None:
            return "table", promotable
        primitives = [rd.expand_template(p, self.context) for p in child.iter("primitive")
                      if p.get("id") not in self.dropped]
        foreign = [p for p in primitives if (p.get("class") or "").lower() != "ocf"]
        fence = self._fence_device(child)
        if foreign and promotable:
            self._refused(element, _say("imp_promotable_setting", id=rid), limits.reason(
                limits.INCOMPATIBLE, option="promotable", agent=pcs_agent(foreign[0]),
                id=foreign[0].get("id", "")))
            promotable = False
        if fence and not self.dialect.stonith_in_resource_commands:
            device = child.get("id", "")
            names = ", ".join(f"{n}={v}" for n, v in values.items())
            self._refused(element, _say("imp_fence_clone", id=rid, device=device, meta=_say(
                "imp_fence_clone_meta", names=names) if names else ""),
                          limits.reason(limits.NO_STONITH_HERE))
            return "lost", False
        if foreign and values.get("globally-unique") == "true":
            if self.dialect.pcs_version == "0.10":
                return "clone", promotable  # pcs 0.10 checks no agent there
            return "steps", promotable
        if fence:
            return "clone", promotable
        if promotable and not all(self._promotable_agent(p) for p in primitives):
            return ("promotable" if child.tag == "group" else "create"), promotable
        return "table", promotable

    def _options_as_read(self, element: Element, inherited: Dict[str, str]) -> Dict[str, str]:
        """A (template-expanded) primitive's parameters as a command would set them."""
        form = rd.nvsets(element, "instance_attributes", self.context)
        values = _base(form)
        return {**inherited, **values} if inherited and not _layers(form) else values

    def _create_refusal(self, original: Element, inherited: Dict[str, str]) -> \
            Optional[Phrase]:
        """Why pcs refuses to create this primitive unless forced, as the compile judges
        a table's (the same metadata): a required parameter it lacks, or one whose value
        an earlier resource of the agent holds (it cannot leave the create for a forced
        update). None if a table can hold it."""
        from pcsgen.compiler.check.agents import missing_parameters

        element = rd.expand_template(original, self.context)
        agent = limits.agent_of(element)
        if not agent.type:
            return None
        metadata = self._metadata_provider().get(agent)
        if metadata is None:
            return None
        stonith = agent.standard.lower() == "stonith"
        values = self._options_as_read(element, inherited)
        missing = missing_parameters(metadata, stonith, set(values))
        if missing:
            return limits.options_reason(limits.MISSING, "stonith" if stonith else "resource",
                                         missing)
        required = {p.name for p in metadata.parameters if p.required}
        for names, _first in self.unique.repeated(agent, element.get("id", ""), values,
                                                  record=False):
            shown = next((n for n in names if n in required), None)
            if shown is not None:
                return limits.reason(limits.NOT_UNIQUE, value=values[shown], name=shown,
                                     agent=agent)
        return None

    def _group_by_commands(self, group: Element, inherited: Dict[str, str]) -> bool:
        """Whether every member of a top-level group is made by a forced create: the
        first of them makes the group (a table holds no empty group)."""
        members = [m for m in _children_of(group, "primitive") if m.get("id") not in self.dropped]
        parent = group.getparent()
        return bool(members) and parent is not None and parent.tag == "resources" and \
            all(self._create_refusal(m, inherited) is not None for m in members)

    def _created_place(self, original: Element, inherited: Dict[str, str]) -> \
            Optional[Tuple[List[str], Phrase]]:
        """(where `pcs resource create` puts a primitive pcs makes only when forced, the
        reason), for a primitive at the top or in a group; None when a table holds it
        (or, inside a clone, when no forced create keeps the clone as it is)."""
        reason = self._create_refusal(original, inherited)
        parent = original.getparent()
        if reason is None or parent is None or parent.tag not in ("resources", "group"):
            return None
        if parent.tag == "resources":
            return [], reason
        gid = parent.get("id", "")
        members = [m for m in _children_of(parent, "primitive")
                   if m.get("id") not in self.dropped]
        index = members.index(original)
        if index > 0:  # made after the one before it, whether a table or a command did
            return ["--group", gid, "--after", members[index - 1].get("id", "")], reason
        # the first: before the first member a table holds (those made by a command
        # come after it)
        following = next((m for m in members[1:]
                          if self._create_refusal(m, inherited) is None), None)
        if following is None:
            return ["--group", gid], reason
        return ["--group", gid, "--before", following.get("id", "")], reason

    def _fence_device(self, element: Element) -> bool:
        return element.tag == "primitive" and (rd.expand_template(
            element, self.context).get("class") or "").lower() == "stonith"

    def _promotable_agent(self, primitive: Element) -> bool:
        """Whether pcs lets a promotable clone hold this agent unforced (one it knows
        nothing of, it lets through)."""
        agent = limits.agent_of(primitive)
        if not agent.type:
            return True
        metadata = self._metadata_provider().get(agent)
        return metadata is None or bool(metadata.promotable)

    def _clone_by_command(self, element: Element, mode: str, values: Dict[str, str],
                          passed: Dict[str, str],
                          in_tables: Callable[[Element, Dict[str, str]], None]) -> None:
        """A clone pcs makes only when forced: what it holds goes into the tables (or a
        forced `pcs resource create`), the clone into ADDITIONAL_CONFIG after it."""
        rid = element.get("id", "")
        child = next(c for c in _children_of(element, "primitive", "group")
                     if c.get("id") not in self.dropped)
        cid = child.get("id", "")
        if mode == "lost":
            self.renamed[rid] = cid
            in_tables(child, passed)
            return
        writable = {n: v for n, v in values.items() if "\n" not in v and "\r" not in v}
        for name in values:
            if name not in writable:
                self._lost(element, _say("imp_value_line_break", name=name, owner=f"'{rid}'"))
        if mode == "steps" and child.tag == "group":
            group_meta, inherited = self._group_parts(child, passed)
            members = [m for m in _children_of(child, "primitive")
                       if m.get("id") not in self.dropped]
            for member in members:
                in_tables(member, inherited)
            self._clone_in_steps(element, cid, writable, [m.get("id", "") for m in members],
                                 group_meta)
            return
        if mode == "steps":
            in_tables(child, passed)
            self._clone_in_steps(element, cid, writable)
            return
        force = self.dialect.pcs_version != "0.10"  # whose clone commands take no --force
        if mode == "create":
            agent = pcs_agent(rd.expand_template(child, self.context))
            self._created_primitive(child, ["promotable", rid],
                                    _say("imp_promotable_clone_of", id=rid, child=cid), passed,
                                    limits.reason(limits.INCOMPATIBLE, option="promotable",
                                                  agent=agent, id=cid))
        else:
            in_tables(child, passed)
            words = ["pcs", "resource", mode, cid, rid]
            what = _say("imp_promotable_clone_of" if mode == "promotable" else "imp_clone_of",
                        id=rid, child=cid)
            if mode == "promotable":
                primitive = next(p for p in child.iter("primitive")
                                 if p.get("id") not in self.dropped and
                                 not self._promotable_agent(
                                     rd.expand_template(p, self.context)))
                reason: Any = _say("imp_r_in_group", group=cid, reason=limits.reason(
                    limits.INCOMPATIBLE, option="promotable", id=primitive.get("id", ""),
                    agent=pcs_agent(rd.expand_template(primitive, self.context))))
            elif self._fence_device(child):
                reason = limits.reason(limits.CLONED_FENCE_DEVICE, id=cid)
            else:
                reason = ""
            if force and reason:
                self._forced("resources", element, what, [*words, "--force"], reason)
            else:
                self._command("resources", element, what, words)
        if writable:
            self._command("resources", element, _say("imp_meta_of", id=rid),
                          ["pcs", "resource", "meta", rid, *pcs.nvpair_words(writable),
                           "--force"])

    def _group_parts(self, group: Element, passed: Dict[str, str]) -> \
            Tuple[Dict[str, str], Dict[str, str]]:
        """A group's meta attributes pcs can set, and the instance attributes its
        members get from it and its parents."""
        gid = group.get("id", "")
        meta = rd.nvsets(group, "meta_attributes", self.context, normalise=cv.META_VALUES)
        self._duplicates(group, "meta_attributes", gid)
        self._rule_layers(group, gid, "meta_attributes", meta)
        values = self._writable(group, "resource meta", f"'{gid}'", _base(meta))
        for name in [n for n, v in values.items() if "\n" in v or "\r" in v]:
            self._lost(group, _say("imp_value_line_break", name=name, owner=f"'{gid}'"))
            del values[name]
        return values, self._extras(group, "Group", passed)

    def _clone_in_steps(self, element: Element, child: str, meta: Dict[str, str],
                        members: Optional[List[str]] = None,
                        group_meta: Optional[Dict[str, str]] = None) -> None:
        """A globally unique clone of an agent pcs lets be none (a fence device, lsb,
        systemd ...), which Pacemaker runs: pcs checks the agents when the clone gets its
        meta attributes, not when a resource joins a cloned group. So a placeholder (an
        OCF agent) is cloned in a group (the clone's own, or one made for the step),
        the clone given its meta attributes, the group joined by the resources, and the
        placeholder (and the group made for the step) removed."""
        rid = element.get("id", "")
        placeholder = self._fresh_id(f"{rid}-placeholder")
        group = child if members is not None else self._fresh_id(f"{rid}-placeholder-group")
        steps = [["pcs", "resource", "create", placeholder, "ocf:pacemaker:Dummy", "--group",
                  group, "--no-default-ops", "--force"],
                 ["pcs", "resource", "clone", group, rid, "--force"],
                 ["pcs", "resource", "meta", rid, *pcs.nvpair_words(meta), "--force"],
                 ["pcs", "resource", "group", "add", group,
                  *(members if members is not None else [child])],
                 ["pcs", "resource", "delete", placeholder, "--force"]]
        if members is None:
            steps.append(["pcs", "resource", "ungroup", group])
        elif group_meta:
            steps.append(["pcs", "resource", "meta", group, *pcs.nvpair_words(group_meta),
                          "--force"])
        texts = [pcs.command(*words) for words in steps]
        self.commands["resources"] += texts
        foreign = next(p for p in (rd.expand_template(p, self.context)
                                   for p in element.iter("primitive"))
                       if (p.get("class") or "").lower() != "ocf")
        self.diagnostics.warning(
            "PG726", self._where(element), what=_say("imp_unique_clone_of", id=rid, child=child),
            pcs=self.dialect.pcs_version,
            reason=limits.reason(limits.INCOMPATIBLE, option="globally-unique",
                                 agent=pcs_agent(foreign), id=foreign.get("id", "")),
            placeholder=placeholder, commands="; ".join(texts))

    def _fresh_id(self, wanted: str) -> str:
        """An id no element of the CIB has, nor one made before."""
        if not self.ids:
            self.ids = {e.get("id") for e in self.root.iter()
                        if isinstance(e.tag, str) and e.get("id")}
        found, count = wanted, 0
        while found in self.ids:
            count += 1
            found = f"{wanted}-{count}"
        self.ids.add(found)
        return found

    def _primitive(self, original: Element, element: Element, stonith: bool,
                   inherited: Dict[str, str]) -> Dict[str, Any]:
        rid = element.get("id", "")
        head: Dict[str, str] = {"id": rid, "type": element.get("type", "")}
        if not stonith:
            head["class"] = element.get("class", "")
            head["provider"] = element.get("provider", "")
        if original.get("description") is not None:
            self.diagnostics.warning("PG712", self._where(original), kind=_kind("primitive"),
                                     id=rid, description=original.get("description"))
        operations = self._operations(original, element, rid)
        operations += self._placeholders(element, operations, stonith)
        attributes: List[Dict[str, str]] = []
        commands = {"options": ["pcs", "stonith" if stonith else "resource", "update", rid],
                    "meta": ["pcs", "resource", "meta", rid],
                    "utilization": ["pcs", "resource", "utilization", rid]}
        for kind, tag in (("options", "instance_attributes"), ("meta", "meta_attributes"),
                          ("utilization", "utilization")):
            form = rd.nvsets(element, tag, self.context,
                             normalise=cv.META_VALUES if kind == "meta" else None)
            self._duplicates(element, tag, rid)
            self._rule_layers(original, rid, tag, form)
            values = _base(form)
            if kind == "options" and inherited and not _layers(form):
                values = {**inherited, **values}
            if kind == "meta" and rid in self.requires:
                values.setdefault("requires", self.requires[rid])
            values = self._writable(original, "utilization" if kind == "utilization"
                                    else "primitive", f"'{rid}'", values)
            values, verbatim = _split(values)
            self._verbatim(original, f"'{rid}'", verbatim, commands[kind] + (
                ["--force"] if kind == "options" else []))
            if kind == "options":
                self._forced_options(original, element, stonith, values)
            attributes += [{"type": kind, "name": n, "value": v} for n, v in values.items()]
        return {"table": "STONITH" if stonith else "PRIMITIVE", "P": head, "A": attributes,
                "O": operations}

    def _forced_options(self, original: Element, element: Element, stonith: bool,
                        values: Dict[str, str]) -> None:
        """Parameters pcs sets only when forced, taken out of `values` (the table) and
        set by a forced update after the tables: a fence device's 'action'; values of
        unique parameters an earlier resource of the same agent holds."""
        rid = element.get("id", "")
        update = ["pcs", "stonith" if stonith else "resource", "update", rid]
        if stonith and values.get("action"):
            action = values.pop("action")
            self._forced("settings", original, _say("imp_fence_action", id=rid),
                         [*update, f"action={action}", "--force"],
                         limits.reason(limits.FENCE_ACTION))
        agent = limits.agent_of(element)
        if not agent.type:
            return
        for names, first in self.unique.repeated(agent, rid, values):
            moved = {name: values.pop(name) for name in names}
            shown = next(iter(moved))
            self._forced("settings", original,
                         _say("imp_unique_repeated", names=_quoted(moved), id=rid, first=first),
                         [*update, *pcs.nvpair_words(moved), "--force"],
                         limits.reason(limits.NOT_UNIQUE, value=moved[shown], name=shown,
                                       agent=agent))
        self._unknown_options(original, agent, stonith, values)

    def _unknown_options(self, original: Element, agent: Any, stonith: bool,
                         values: Dict[str, str]) -> None:
        """Parameters the agent's metadata does not know (meta attributes among the
        instance attributes, an older agent's names ...), which Pacemaker passes on but
        pcs sets only when forced: taken out of `values` (the compile refuses them in a
        table) and set by a forced update, judged by the metadata the compile uses."""
        from pcsgen.compiler.check.agents import unknown_parameters

        metadata = self._metadata_provider().get(agent)
        unknown = unknown_parameters(metadata, stonith, list(values)) if metadata else []
        if not unknown:
            return
        rid = original.get("id", "")
        moved = {name: values.pop(name) for name in unknown}
        # `--` before the id: a value may start with a dash
        self._forced("settings", original,
                     _say("imp_unknown_parameters", names=_quoted(moved), id=rid, agent=agent),
                     ["pcs", "stonith" if stonith else "resource", "update", "--force", "--",
                      rid, *pcs.nvpair_words(moved)],
                     limits.options_reason(limits.INVALID, "stonith" if stonith else "resource",
                                           unknown))

    def _op_items(self, original: Element, element: Element, rid: str) -> \
            List[Tuple[rd.OpSettings, Dict[str, str]]]:
        """The operations as Pacemaker reads them; the 'requires' a 1.x-schema CIB gives
        a start or promote op is the resource's (self.requires)."""
        for holder in element.findall("operations"):
            if self.context.resolve(holder) is None:
                self._lost(holder, _say("imp_ops_ref", ref=holder.get("id-ref"), id=rid))
        found: List[Tuple[rd.OpSettings, Dict[str, str]]] = []
        configured: Set[str] = set()
        for op in rd.op_settings(element, self.context):
            if cv.interval(op.interval) == "0s":
                if op.name in configured:
                    self.diagnostics.info("PG720", self._where(op.element), op=op.name,
                                          id=rid)
                    continue
                if cv.boolean(op.attributes.get("enabled")) != "false":
                    configured.add(op.name)
            item: Dict[str, str] = {"type": op.name, "interval": op.interval}
            # what pcs does not take after `op NAME` (the schema lets any name in)
            lost = {n: v for n, v in op.attributes.items()
                    if not limits.operation_attribute_known(n)}
            item.update((n, v) for n, v in op.attributes.items() if n not in lost)
            instance = _base(op.instance)
            check_level = instance.pop("OCF_CHECK_LEVEL", None)
            if check_level is not None:
                item["OCF_CHECK_LEVEL"] = check_level
            parts: List[Any] = [f"{n}={v}" for n, v in lost.items()]
            parts += [_say("imp_op_instance", pair=f"{n}={v}") for n, v in instance.items()]
            for layer in _layers(op.instance) + op.meta_rules:
                parts += [_say("imp_op_under", pair=f"{n}={v}",
                               rule=layer.get("rule") or _say("imp_later_block"))
                          for n, v in layer["values"].items()]
            if parts:
                self.diagnostics.warning("PG715", self._where(op.element), op=op.name,
                                         interval=op.interval, id=rid,
                                         names=Joined(tuple(parts)))
            if op.requires is not None:
                self.requires.setdefault(rid, op.requires)
            found.append((op, item))
        return found

    def _operations(self, original: Element, element: Element, rid: str) -> \
            List[Dict[str, str]]:
        return [item for _op, item in self._op_items(original, element, rid)]

    def _metadata_provider(self) -> Any:
        if self._provider is None:
            from pcsgen.agents.provider import MetadataProvider

            self._provider = MetadataProvider(use_system=self.system_agents,
                                              target_name=self.dialect.name)
        return self._provider

    def _placeholders(self, element: Element, operations: List[Dict[str, str]],
                      stonith: bool) -> List[Dict[str, str]]:
        """Compiling adds the operations an agent's metadata declares, as `pcs resource
        create` does; for a CIB that does not have them, an operation with a zero
        interval and nothing else (which Pacemaker treats as absent) keeps each out."""
        from pcsgen import ir
        from pcsgen.agents.operations import complete_operations

        agent = ir.AgentName("stonith" if stonith else element.get("class", ""),
                             None if stonith else (element.get("provider") or None),
                             element.get("type", ""))
        if not agent.type:
            return []
        location = Location(self.source)
        probe = ir.Primitive(element.get("id", ""), agent, location, operations=[
            ir.Operation(op["type"], {}, location) for op in operations])
        complete_operations(probe, self._metadata_provider().get(agent))
        placeholders: List[Dict[str, str]] = []
        for added in probe.operations:
            if not added.from_agent or any(p["type"] == added.name for p in placeholders):
                continue
            attributes = {k: v for k, v in added.attributes.items() if k != "interval"}
            converted = {k: cv.OP_VALUES[k](v) or v if k in cv.OP_VALUES else v
                         for k, v in attributes.items()}
            interval = cv.interval(added.attributes.get("interval"))
            if interval == "0s" and rd.inert(added.name, converted, self.default_timeout):
                continue
            placeholders.append({"type": added.name, "interval": "0"})
        if placeholders:
            self.diagnostics.info("PG716", self._where(element), id=element.get("id", ""),
                                  ops=", ".join(p["type"] for p in placeholders))
        return placeholders

    # -- bundles --------------------------------------------------------------------
    def _bundle(self, element: Element) -> None:
        rid = element.get("id", "")
        runtime = next((c for c in element if c.tag in ("docker", "podman", "rkt")), None)
        if runtime is None:
            self._lost(element, _say("imp_bundle_no_container", id=rid))
            return
        words = ["pcs", "resource", "bundle", "create", rid, "container", runtime.tag]
        words += [f"{k}={v}" for k, v in runtime.attrib.items() if k != "id"]
        network = element.find("network")
        if network is not None:
            options = [f"{k}={v}" for k, v in network.attrib.items() if k != "id"]
            if options:
                words += ["network", *options]
            for port in network.findall("port-mapping"):
                words += ["port-map"] + [f"{k}={v}" for k, v in port.attrib.items()]
        storage = element.find("storage")
        if storage is not None:
            for mapping in storage.findall("storage-mapping"):
                words += ["storage-map"] + [f"{k}={v}" for k, v in mapping.attrib.items()]
        meta = rd.nvsets(element, "meta_attributes", self.context, normalise=cv.META_VALUES)
        self._rule_layers(element, rid, "meta_attributes", meta)
        if _base(meta):
            words += ["meta", *pcs.nvpair_words(_base(meta))]
        self._extras(element, "bundle", {})
        # pcs checks the container options and refuses a bundle with a resource but
        # no control port unless forced
        self._command("resources", element, _say("imp_bundle", id=rid), words + ["--force"])
        inside = element.find("primitive")
        if inside is not None and inside.get("id") not in self.dropped:
            self._created_primitive(inside, ["bundle", rid],
                                    _say("imp_in_bundle", id=inside.get("id", ""), bundle=rid))

    def _created_primitive(self, original: Element, tail: List[str], what: Any,
                           inherited: Optional[Dict[str, str]] = None,
                           reason: Optional[Any] = None) -> None:
        """A primitive made by `pcs resource create ... TAIL` (in a bundle, or with the
        promotable clone pcs makes only when forced)."""
        element = rd.expand_template(original, self.context)
        rid = element.get("id", "")
        # a fence device alone (or in a group): `stonith create` (pcs 0.12 takes none in
        # `resource create`); in a bundle, only `resource create` takes it
        stonith = self._fence_device(element) and tail[:1] != ["bundle"]
        words = ["pcs", "stonith", "create", rid, element.get("type", "")] if stonith else \
            ["pcs", "resource", "create", rid, pcs_agent(element)]
        operations = self._op_items(original, element, rid)
        for kind, tag in (("", "instance_attributes"), ("meta", "meta_attributes")):
            form = rd.nvsets(element, tag, self.context,
                             normalise=cv.META_VALUES if kind else None)
            self._rule_layers(original, rid, tag, form)
            pairs = _base(form)
            if not kind and inherited and not _layers(form):
                pairs = {**inherited, **pairs}
            if kind and rid in self.requires:
                pairs.setdefault("requires", self.requires[rid])
            pairs = self._writable(original, "meta" if kind else "primitive", f"'{rid}'",
                                   pairs)
            if kind and pairs:
                words.append(kind)
            words += pcs.nvpair_words(pairs)
        for index, (_op, item) in enumerate(operations):
            if index == 0:
                words.append("op")
            words.append(item["type"])
            words += [f"{k}={v}" for k, v in item.items() if k != "type"]
        words += [*tail, "--no-default-ops", "--force"]
        if reason is not None:
            self._forced("resources", original, what, words, reason)
        else:
            self._command("resources", original, what, words)
        if not any(item["type"] == "monitor" for _op, item in operations):
            # pcs adds a monitor even with --no-default-ops
            # pcs 0.12's `resource op delete` takes no fence device; pcs 0.10 has no
            # `stonith op delete`
            kind = "stonith" if stonith and not self.dialect.stonith_in_resource_commands \
                else "resource"
            self._command("resources", original, _say("imp_no_monitor", id=rid),
                          ["pcs", kind, "op", "delete", rid, "monitor"])
        utilization = self._writable(original, "utilization", f"'{rid}'",
                                     _base(rd.nvsets(element, "utilization", self.context)))
        if utilization:
            self._command("resources", original, _say("imp_utilization_of", id=rid),
                          ["pcs", "resource", "utilization", rid,
                           *pcs.nvpair_words(utilization)])
        if original.get("description") is not None:
            self.diagnostics.warning("PG712", self._where(original), kind=_kind("primitive"),
                                     id=rid, description=original.get("description"))

    # -- constraints ------------------------------------------------------------------
    def _name(self, rid: str) -> str:
        """A resource as Pacemaker reads a constraint naming it (a clone left out: its
        fence device)."""
        top = self.owner.get(rid, rid)
        return self.renamed.get(top, top)

    def _tabled(self, *ids: str) -> bool:
        return all(self._name(rid) in self.in_tables for rid in ids)

    def constraints(self) -> None:
        tables: Dict[str, List[Dict[str, str]]] = {"LOCATION_NODE": [], "LOCATION_RULE": [],
                                                   "COLOCATION": [], "ORDER": []}
        section = self.configuration.find("constraints")
        if section is None:
            return
        for original in section:
            if not isinstance(original.tag, str):
                continue
            # tags and templates as Pacemaker expands them (pcs takes neither there)
            element = rd.expand_references(original, self.context)
            gone = self._names_left_out(element)
            if gone is not None:
                self.diagnostics.warning("PG724", self._where(element), id=gone,
                                         what=_say("imp_constraint", id=element.get("id", ""),
                                                   about=self._about(element)))
                continue
            if _children_of(element, "lifetime"):
                self.diagnostics.warning("PG717", self._where(element),
                                         id=element.get("id", ""), about=self._about(element))
            if element.tag == "rsc_location":
                self._location(element, tables)
            elif element.tag == "rsc_colocation":
                self._colocation(element, tables["COLOCATION"])
            elif element.tag == "rsc_order":
                self._order(element, tables["ORDER"])
            elif element.tag == "rsc_ticket":
                self._ticket(element)
            else:
                self._lost(element, _say("imp_constraint_tag", tag=element.tag,
                                         id=element.get("id")))
        for marker, rows in tables.items():
            if rows:
                self.tables.append({"table": marker, "rows": rows})

    def _location(self, element: Element, tables: Dict[str, List[Dict[str, str]]]) -> None:
        cid = element.get("id", "")
        discovery = (element.get("resource-discovery") or "always").lower()
        targets: List[Tuple[str, Optional[str], Optional[str]]] = []
        if element.get("rsc") is not None:
            for member in self.context.members(element.get("rsc", ""), element) or \
                    [element.get("rsc", "")]:
                targets.append((self._name(member), None, None))
        for resource_set in _children_of(element, "resource_set"):
            resolved = self.context.resolve(resource_set)
            if resolved is None:
                continue
            for ref in _children_of(resolved, "resource_ref"):
                targets.append((self._name(ref.get("id", "")), resolved.get("role"),
                                resolved.get("score")))
        pattern = element.get("rsc-pattern")
        if pattern is not None:
            targets.append((f"regexp%{pattern}", None, None))
        node = element.get("node")
        for target, set_role, set_score in targets:
            tabled = not target.startswith("regexp%") and self._tabled(target)
            score = set_score or element.get("score")
            if node is not None and score is not None:
                role = cv.role(set_role or element.get("role"))
                role = None if role in cv.ANY_ROLE_LOCATION_NODE else role
                self._location_node(element, target, node, score, role, discovery, tabled,
                                    tables)
                continue
            for rule in _children_of(element, "rule"):
                resolved = self.context.resolve(rule)
                if resolved is None:
                    why = _say("imp_rule_no_target" if self.context.named_rule(rule) is None
                               else "imp_rule_too_deep")
                    self._lost(rule, _say("imp_rule_of", rule=rule.get("id-ref") or
                                          rule.get("id"), id=cid, why=why))
                    continue
                self._location_rule(element, resolved, target, discovery, tabled, tables)

    def _location_node(self, element: Element, target: str, node: str, score: str,
                       role: Optional[str], discovery: str, tabled: bool,
                       tables: Dict[str, List[Dict[str, str]]]) -> None:
        normal = cv.score(score) or score
        what: Any = _say("imp_location", id=element.get("id"))
        replaced = tabled and discovery == "always" and role is None and \
            self._duplicate("node", target, node)
        repeated = tabled and discovery == "always" and role is not None and \
            self._duplicate("rule", target, f"#uname eq string {node}")
        if replaced:
            # `pcs constraint location R prefers N` replaces the one the table made
            what = _say("imp_with_note", what=what,
                        note=_say("imp_second_location", rsc=target, node=node))
        elif tabled and discovery == "always" and role is None:
            negative = normal.startswith("-")
            magnitude = normal.lstrip("+-")
            tables["LOCATION_NODE"].append({
                "rsc": target, "prefers/avoids": "avoids" if negative else "prefers",
                "node": node, "score": "" if magnitude == "INFINITY" else magnitude})
            return
        # from here on a rule `#uname eq NODE` stands for the node
        problem = limits.rule_value_problem(node, self.dialect.rule_as_one_argument)
        if problem is not None:
            self._lost(element, _say("imp_with_note", what=what, note=_say(
                "imp_rule_names_node", node=node, problem=problem)))
            return
        if tabled and discovery == "always" and not repeated:
            # a role on a node: the rule `#uname eq NODE` is the same to Pacemaker
            tables["LOCATION_RULE"].append({"rsc": target, "score": normal,
                                            "attribute": "#uname", "op": "eq",
                                            "value": node, "role": role or ""})
            return
        words = self._location_rule_start(target, discovery, role)
        words += [f"score={normal}", *self._argv(["#uname", "eq", pcs.Value(node)]),
                  "--force"]
        self._constraint_command(element, what, words, _say(
            "imp_second_rule_on", rsc=target, node=node) if repeated else None)

    def _about(self, element: Element) -> str:
        """' (R1, R3)': the resources a constraint names, for the messages."""
        names: List[str] = []
        for key in ("rsc", "with-rsc", "first", "then", "rsc-pattern"):
            if element.get(key) is not None:
                names.append(self._name(element.get(key, "")))
        for resource_set in _children_of(element, "resource_set"):
            resolved = self.context.resolve(resource_set)
            if resolved is not None:
                names += [self._name(r.get("id", "")) for r in
                          _children_of(resolved, "resource_ref")]
        unique = list(dict.fromkeys(n for n in names if n))
        return f" ({_quoted(unique)})" if unique else ""

    def _location_rule_start(self, target: str, discovery: str,
                             role: Optional[str]) -> List[str]:
        """`pcs constraint location TARGET rule` and its options before the rule."""
        words = ["pcs", "constraint", "location", target, "rule"]
        if discovery != "always":
            words.append(f"resource-discovery={discovery}")
        if role is not None:
            words.append(f"role={self._role_word(role)}")
        return words

    def _role_word(self, role: str) -> str:
        word = self.dialect.role(role) or role
        return word.lower() if self.dialect.rule_role_lowercase else word

    def _location_rule(self, element: Element, rule: Element, target: str, discovery: str,
                       tabled: bool, tables: Dict[str, List[Dict[str, str]]]) -> None:
        role = cv.role(rule.get("role"))
        role = None if role in cv.ANY_ROLE_LOCATION_RULE else role
        unwritable = limits.rule_problem(rule, self.dialect.rule_as_one_argument,
                                         self.context.resolve)
        if unwritable is not None:
            self._lost(rule, _say("imp_location_rule_read_otherwise", rule=rule.get("id"),
                                  id=element.get("id"), about=self._about(element),
                                  pcs=self.dialect.pcs_version, word=unwritable[0],
                                  why=unwritable[1]))
            return
        expressions = _children_of(rule, "expression")
        simple = tabled and discovery == "always" and rule.get("score") is not None and \
            len(expressions) == len(_children_of(rule)) and expressions and all(
                e.get("operation") in SIMPLE_OPS and (e.get("type") is None or (
                    e.get("type") == "string" and
                    e.get("operation") in rd.STRING_BY_DEFAULT)) and
                e.get("value-source") in (None, "literal") and
                (e.get("value") is not None or e.get("operation") in ("defined",
                                                                      "not_defined"))
                for e in expressions)
        repeated = bool(simple) and self._duplicate("rule", target, _rule_key(rule))
        if simple and not repeated:
            for index, expression in enumerate(expressions):
                row = {"rsc": target if index == 0 else "",
                       "attribute": expression.get("attribute", ""),
                       "op": expression.get("operation", ""),
                       "value": "" if expression.get("operation") in ("defined",
                                                                      "not_defined")
                       else expression.get("value", "")}
                if index == 0:
                    row["score"] = cv.score(rule.get("score")) or ""
                    if len(expressions) > 1:
                        row["bool_op"] = (rule.get("boolean-op") or "and").lower()
                    if role is not None:
                        row["role"] = role
                tables["LOCATION_RULE"].append(row)
            return
        # pcs 0.10 and 0.11 read a location rule word by word: a date may hold spaces
        tokens = self._rule_words(("expression", "date"),
                                  not self.dialect.rule_as_one_argument).tokens(rule)
        if tokens is None or (self.dialect.rule_as_one_argument and
                              not pcs.text_rule_writable(tokens)):
            self._lost(rule, _say("imp_location_rule", rule=rule.get("id"),
                                  id=element.get("id"), about=self._about(element)))
            return
        words = self._location_rule_start(target, discovery, role)
        if rule.get("score") is not None:
            words.append(f"score={rule.get('score')}")
        elif rule.get("score-attribute") is not None:
            words.append(f"score-attribute={rule.get('score-attribute')}")
        words += [*self._argv(tokens), "--force"]
        what = _say("imp_location", id=element.get("id"))
        self._constraint_command(element, what, words, _say(
            "imp_second_rule_same", rsc=target) if repeated else None)

    def _colocation(self, element: Element, rows: List[Dict[str, str]]) -> None:
        cid = element.get("id", "")
        what = _say("imp_colocation", id=cid, about=self._about(element))
        score = element.get("score")
        if _children_of(element, "resource_set"):
            if cv.score(score) in (None, "0") and not any(
                    cv.score(s.get("score")) not in (None, "0")
                    for s in _children_of(element, "resource_set")):
                self.diagnostics.info("PG718", self._where(element), id=cid)
                return
            self._sets(element, "colocation", what)
            return
        if score is None or cv.score(score) == "0":
            self.diagnostics.info("PG718", self._where(element), id=cid)
            return
        rsc, with_rsc = self._name(element.get("rsc", "")), self._name(
            element.get("with-rsc", ""))
        roles = {}
        for key in ("rsc-role", "with-rsc-role"):
            role = cv.role(element.get(key))
            if role not in (None, "Started"):
                roles[key] = role
        extra = {k: element.get(k) for k in ("node-attribute", "influence", "rsc-instance",
                                             "with-rsc-instance") if element.get(k) is not None}
        if element.get("score-attribute") is not None:
            self._lost(element, _say("imp_score_attribute_of", what=what))
        tabled = self._tabled(rsc, with_rsc) and not extra
        repeated = tabled and self._duplicate(
            "colocation", rsc, with_rsc, roles.get("rsc-role", "Started"),
            roles.get("with-rsc-role", "Started"))
        if tabled and not repeated:
            rows.append({"rsc": rsc, "with-rsc": with_rsc, "score": cv.score(score) or score,
                         **roles})
            return
        words = ["pcs", "constraint", "colocation", "add"]
        if "rsc-role" in roles:
            words.append(self.dialect.role(roles["rsc-role"]) or roles["rsc-role"])
        words += [rsc, "with"]
        if "with-rsc-role" in roles:
            words.append(self.dialect.role(roles["with-rsc-role"]) or roles["with-rsc-role"])
        words += [with_rsc, f"score={cv.score(score)}"]
        words += [f"{k}={v}" for k, v in extra.items()]
        words += [f"id={cid}", "--force"]
        self._constraint_command(element, what, words,
                                 _say("imp_second_between") if repeated else None)

    def _order(self, element: Element, rows: List[Dict[str, str]]) -> None:
        cid = element.get("id", "")
        what = _say("imp_order", id=cid, about=self._about(element))
        if _children_of(element, "resource_set"):
            self._sets(element, "order", what)
            return
        first, then = self._name(element.get("first", "")), self._name(element.get("then", ""))
        first_action = element.get("first-action")
        # Pacemaker's default for then-action is first-action; pcs's is start
        then_action = element.get("then-action") or first_action
        kind = rd.order_kind(element) if (element.get("kind") or element.get("score")) \
            else None
        symmetrical = cv.boolean(element.get("symmetrical"))
        extra = {k: element.get(k) for k in ("require-all", "first-instance", "then-instance")
                 if element.get(k) is not None}
        tabled = self._tabled(first, then) and not extra
        repeated = tabled and self._duplicate("order", first, then, first_action or "start",
                                              then_action or "start")
        if tabled and not repeated:
            row = {"first-rsc": first, "then-rsc": then}
            for key, value in (("kind", kind), ("first-action", first_action),
                               ("then-action", then_action), ("symmetrical", symmetrical)):
                if value is not None:
                    row[key] = value
            rows.append(row)
            return
        words = ["pcs", "constraint", "order"]
        if first_action:
            words.append(first_action)
        words += [first, "then"]
        if then_action:
            words.append(then_action)
        words.append(then)
        for key, value in (("kind", kind), ("symmetrical", symmetrical)):
            if value is not None:
                words.append(f"{key}={value}")
        words += [f"{k}={v}" for k, v in extra.items()]
        words += [f"id={cid}", "--force"]
        self._constraint_command(element, what, words,
                                 _say("imp_second_between") if repeated else None)

    def _sets(self, element: Element, kind: str, what: Any) -> None:
        copy = element
        if kind == "order" and element.get("score") is not None and element.get("kind") is None:
            from copy import deepcopy

            copy = deepcopy(element)
            copy.set("kind", rd.order_kind(element))
            del copy.attrib["score"]
        words = pcs.sets_command(copy, kind, self.context.resolve, self._name)
        if words is None:
            self._lost(element, what)
            return
        self._command("constraints", element, what, words + ["--force"])

    def _ticket(self, element: Element) -> None:
        cid = element.get("id", "")
        what = _say("imp_ticket", id=cid, about=self._about(element))
        if _children_of(element, "resource_set"):
            self._sets(element, "ticket", what)
            return
        words = ["pcs", "constraint", "ticket", "add", element.get("ticket", "")]
        role = cv.role(element.get("rsc-role"))
        if role is not None:
            words.append(self.dialect.role(role) or role)
        words.append(self._name(element.get("rsc", "")))
        if element.get("loss-policy"):
            words.append(f"loss-policy={element.get('loss-policy')}")
        words += [f"id={cid}", "--force"]
        self._command("constraints", element, what, words)

    # -- the rest ---------------------------------------------------------------------
    def fencing(self) -> None:
        rows = []
        for level in self.configuration.findall("fencing-topology/fencing-level"):
            target = level.get("target")
            devices = [d for d in (level.get("devices") or "").replace(" ", ",").split(",")
                       if d]
            index = level.get("index", "")
            gone = next((d for d in devices if d in self.dropped), None)
            if gone is not None:
                self.diagnostics.warning("PG724", self._where(level), id=gone,
                                         what=_say("imp_fencing_level", id=level.get("id")))
                continue
            if target is not None and index.isdigit() and 1 <= int(index) <= 9 and \
                    all(d in self.in_tables for d in devices):
                rows.append({"node": target, "id": " ".join(devices), "level": index})
                continue
            if target is not None:
                spec = target
            elif level.get("target-pattern") is not None:
                spec = f"regexp%{level.get('target-pattern')}"
            else:
                spec = f"attrib%{level.get('target-attribute')}={level.get('target-value', '')}"
            self._command("levels", level, _say("imp_fencing_level", id=level.get("id")),
                          ["pcs", "stonith", "level", "add", index, spec, *devices, "--force"])
        if rows:
            self.tables.append({"table": "STONITH_LEVEL", "rows": rows})

    def alerts(self) -> None:
        for alert in self.configuration.findall("alerts/alert"):
            aid = alert.get("id", "")
            if alert.find("select") is not None:
                self._lost(alert, _say("imp_alert_select", id=aid))
            if alert.get("description") is not None:
                self.diagnostics.warning("PG712", self._where(alert), kind=_kind("alert"),
                                         id=alert.get("path", aid),
                                         description=alert.get("description"))
            table: Dict[str, Any] = {"table": "ALERT", "P": {"path": alert.get("path", "")},
                                     "A": self._alert_attributes(alert, aid), "R": []}
            for recipient in alert.findall("recipient"):
                if recipient.get("description") is not None:
                    self.diagnostics.warning("PG712", self._where(recipient),
                                             kind=_kind("recipient"), id=recipient.get("value", ""),
                                             description=recipient.get("description"))
                table["R"].append({"recipient": recipient.get("value", ""),
                                   "A": self._alert_attributes(recipient, aid)})
            self.tables.append(table)

    def _alert_attributes(self, element: Element, owner: str) -> List[Dict[str, str]]:
        rows: List[Dict[str, str]] = []
        for kind, tag in (("options", "instance_attributes"), ("meta", "meta_attributes")):
            form = rd.nvsets(element, tag, self.context)
            self._rule_layers(element, owner, tag, form)
            rows += [{"type": kind, "name": n, "value": v} for n, v in _base(form).items()]
        return rows

    def tags(self) -> None:
        resources = self.configuration.find("resources")
        known = {e.get("id") for e in resources.iter() if isinstance(e.tag, str)} \
            if resources is not None else set()
        for tag in self.configuration.findall("tags/tag"):
            refs = [r.get("id", "") for r in tag.findall("obj_ref")]
            tid = tag.get("id", "")
            gone = next((r for r in refs if r in self.dropped), None)
            if gone is not None:
                self.diagnostics.warning("PG724", self._where(tag), id=gone,
                                         what=_say("imp_tag", id=tid))
                continue
            if not refs or not all(r in known for r in refs):
                self._lost(tag, _say("imp_tag_not_resources", id=tid))
                continue
            self._command("tags", tag, _say("imp_tag", id=tid),
                          ["pcs", "tag", "create", tid, *refs])

    def acls(self) -> None:
        """ACL roles, users and groups as pcs makes them; a Pacemaker 1.x user's own
        permissions go into a role of its own (as Pacemaker's schema upgrade does)."""
        acls = self.configuration.find("acls")
        if acls is None:
            return
        kept = self._kept_ids()
        roles = {r.get("id", ""): r for r in acls.findall("acl_role")}
        taken = set(roles)

        def permission_words(permissions: List[Element]) -> Optional[List[str]]:
            words: List[str] = []
            for child in permissions:
                found = rd.acl_permission(child)
                if found is None or found[1] == "object" or (found[1] == "id" and
                                                             found[2] not in kept):
                    return None
                words += list(found)
            return words

        for role in roles.values():
            words = permission_words(_children_of(role))
            if words is None:
                self._lost(role, _say("imp_acl_role", id=role.get("id")))
                continue
            extra = [f"description={role.get('description')}"] if role.get("description") \
                else []
            self._command("acls", role, _say("imp_acl_role", id=role.get("id")),
                          ["pcs", "acl", "role", "create", role.get("id", ""), *extra,
                           *words])
        for element in acls:
            if not isinstance(element.tag, str) or element.tag == "acl_role":
                continue
            name = element.get("name") or element.get("id", "")
            kind = "group" if element.tag == "acl_group" else "user"
            own = [c for c in _children_of(element) if c.tag not in ("role", "role_ref")]
            names = [c.get("id", "") for c in _children_of(element)
                     if c.tag in ("role", "role_ref")]
            if own:
                words = permission_words(own)
                role_id = f"{name}-permissions"
                while role_id in taken:
                    role_id += "-1"
                taken.add(role_id)
                if words is None:
                    self._lost(element, _say(f"imp_acl_{kind}", id=name))
                    continue
                self._command("acls", element, _say("imp_acl_permissions",
                                                    what=_say(f"imp_acl_{kind}", id=name)),
                              ["pcs", "acl", "role", "create", role_id, *words])
                # where its own permissions stood among its roles: first or last
                first = _children_of(element)[0] in own
                names.insert(0 if first else len(names), role_id)
            self._command("acls", element, _say(f"imp_acl_{kind}", id=name),
                          ["pcs", "acl", kind, "create", name, *names])

    def _kept_ids(self) -> Set[str]:
        """Ids the definition keeps (resources and tags); the others are made anew."""
        configuration = self.configuration
        found = {e.get("id", "") for e in configuration.iterfind("resources//*")
                 if isinstance(e.tag, str) and e.tag in cv.RESOURCE_TAGS} - self.dropped
        return found | {t.get("id", "") for t in configuration.iterfind("tags/tag")}

    def others(self) -> None:
        known = {"crm_config", "nodes", "resources", "constraints", "rsc_defaults",
                 "op_defaults", "fencing-topology", "alerts", "tags", "acls"}
        for element in self.configuration:
            if isinstance(element.tag, str) and element.tag not in known:
                self._lost(element, _say("imp_section", tag=element.tag))

    def document(self, name: str) -> Document:
        self.left_out()
        self.properties()
        self.nodes()
        self.defaults("rsc_defaults", "RSC_DEFAULTS", ["pcs", "resource", "defaults"])
        self.defaults("op_defaults", "OP_DEFAULTS", ["pcs", "resource", "op", "defaults"])
        self.resources()
        self.fencing()
        self.constraints()
        self.alerts()
        self.tags()
        self.acls()
        self.others()
        ordered = _in_format_order(self.tables)
        commands = [c for phase in PHASES for c in self.commands[phase]]
        if commands:
            ordered.append({"table": "ADDITIONAL_CONFIG",
                            "rows": [{"config": c} for c in commands]})
        if not ordered:
            # an empty configuration: a definition still needs one table
            ordered.append({"table": "PROPERTY", "rows": []})
        return {"name": name, "title": f"Imported from {self.source.file}", "tables": ordered}


def _rule_key(rule: Element) -> str:
    """What pcs compares to find a location rule already there: its expressions, sorted,
    with their boolean operator (not its score, not its role)."""
    expressions = _children_of(rule, "expression")
    parts = sorted(f"{e.get('operation')} {e.get('attribute')}"
                   if e.get("operation") in ("defined", "not_defined") else
                   f"{e.get('attribute')} {e.get('operation')} string {e.get('value')}"
                   for e in expressions)
    joiner = (rule.get("boolean-op") or "and").lower() if len(parts) > 1 else "or"
    return f" {joiner} ".join(parts)


def _children_of(element: Element, *tags: str) -> List[Element]:
    return [c for c in element if isinstance(c.tag, str) and (not tags or c.tag in tags)]


def pcs_agent(element: Element) -> str:
    standard = element.get("class", "")
    if standard == "stonith":
        return f"stonith:{element.get('type', '')}"
    if element.get("provider"):
        return f"{standard}:{element.get('provider')}:{element.get('type', '')}"
    return f"{standard}:{element.get('type', '')}"


FORMAT_ORDER = ["NODE", "PROPERTY", "RSC_DEFAULTS", "OP_DEFAULTS", "RESOURCES",
                "RSC_ATTRIBUTES", "STONITH_LEVEL", "PRIMITIVE", "STONITH", "LOCATION_NODE",
                "LOCATION_RULE", "COLOCATION", "ORDER", "ALERT"]


def _in_format_order(tables: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    rank = {marker: index for index, marker in enumerate(FORMAT_ORDER)}
    return sorted(tables, key=lambda t: rank.get(t["table"], len(rank)))


def import_cib(path: str, name: str, diagnostics: Diagnostics, target: str = "rhel9",
               system_agents: bool = True) -> Document:
    source = Source(path)
    try:
        data = read_bounded(path, MAX_CIB_BYTES)
    except OSError as exc:
        raise PcsgenError("PG001", Location(source), reason=os_reason(exc)) from None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        # the path goes with the tree, so that an error found deep in the reading names it
        root = etree.fromstring(data, parser, base_url=path)
    except etree.XMLSyntaxError as exc:
        raise PcsgenError("PG705", Location(source), path=path, reason=str(exc)) from None
    if root.tag not in ("cib", "configuration") or (
            root.tag == "cib" and root.find("configuration") is None):
        raise PcsgenError("PG705", Location(source), path=path,
                          reason=Phrase("cib_no_configuration"))
    return Importer(root, source, diagnostics, target, system_agents).document(name)
