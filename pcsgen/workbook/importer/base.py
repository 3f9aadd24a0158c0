"""What every part of the import shares: its state (the CIB, the tables and
commands made so far, the resources kept and left out), how a message points at
the CIB and how a command is recorded, and the small readings of nvpair forms."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set, Tuple

from pcsgen.cib import reading as rd
from pcsgen.cib import values as cv
from pcsgen.cib.element import Element
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.pcs import commands as pcs
from pcsgen.pcs import refusals

# the names a message lists at most (then "…")
MAX_NAMES_SHOWN = 20
# ADDITIONAL_CONFIG runs in this order: what a command names exists before it (a tag
# may hold a bundle or a clone the resources' commands make)
PHASES = ("resources", "tags", "settings", "defaults", "constraints", "levels", "acls")


# meta attributes read as Pacemaker reads them, durations apart: pcs takes `60` and `1m`
# as written, and the definition keeps the user's spelling (diff reads them alike)
META_AS_WRITTEN = {
    name: convert for name, convert in cv.META_VALUES.items() if convert is not cv.duration
}


def say(key: str, **args: Any) -> Phrase:
    """A part of a message (what the CIB holds) in the reader's language."""
    return Phrase(key, args)


def kind_phrase(kind: str) -> Phrase:
    """The kind of a thing a message names (primitive, Group, node attribute ...)."""
    return Phrase("imp_kind_" + kind.replace(" ", "_"))


def quoted(names: Any) -> str:
    return ", ".join(f"'{name}'" for name in names)


def name_value_rows(pairs: Dict[str, str]) -> List[Dict[str, str]]:
    return [{"name": name, "value": value} for name, value in pairs.items()]


def base_of(form: Any) -> Dict[str, str]:
    return dict(form["values"]) if isinstance(form, dict) and "then" in form else dict(form)


def layers_of(form: Any) -> List[Dict[str, Any]]:
    return list(form["then"]) if isinstance(form, dict) and "then" in form else []


# what the reader trims from a cell, or turns into one space inside it
_TRIMMED = " \t\r\n\u3000"


def _cell_safe(value: str) -> bool:
    """A value a table cell carries unchanged."""
    return value == value.strip(_TRIMMED) and "\n" not in value and "\r" not in value


def cell_split(pairs: Dict[str, str]) -> Tuple[Dict[str, str], Dict[str, str]]:
    """(the pairs a table can hold, those only a pcs command keeps as they are)."""
    safe = {n: v for n, v in pairs.items() if _cell_safe(v)}
    return safe, {n: v for n, v in pairs.items() if n not in safe}


def children_of(element: Element, *tags: str) -> List[Element]:
    return [c for c in element if isinstance(c.tag, str) and (not tags or c.tag in tags)]


def pcs_agent(element: Element) -> str:
    standard = element.get("class", "")
    if standard == "stonith":
        return f"stonith:{element.get('type', '')}"
    if element.get("provider"):
        return f"{standard}:{element.get('provider')}:{element.get('type', '')}"
    return f"{standard}:{element.get('type', '')}"


class ImporterBase:
    """The state the parts share, and the helpers they call."""

    def __init__(
        self,
        root: Element,
        source: Source,
        diagnostics: Diagnostics,
        target: str = "rhel9",
        system_agents: bool = True,
    ) -> None:
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
        self.unique = refusals.UniqueValues(lambda agent: self._metadata_provider().get(agent))
        self.constraint_keys: Set[Tuple[str, ...]] = set()
        self.ids: Set[Optional[str]] = set()  # every id of the CIB, once one is made
        # defaults a 1.x cluster option becomes (section -> name -> value)
        self.legacy_defaults: Dict[str, Dict[str, str]] = {}
        # ids of the cluster properties the definition writes, as pcs makes them (an
        # ACL permission may name them)
        self.property_ids: Set[str] = set()
        self.requires: Dict[str, str] = {}  # resource -> its ops' 'requires' (1.x schema)
        self.default_timeout = rd.default_timeout_of(self.configuration, self.context)
        self._provider: Any = None

    def _where(self, element: Element) -> Location:
        return Location(self.source, element.sourceline or 0)

    def _command(self, phase: str, element: Element, what: Any, words: List[str]) -> None:
        text = pcs.command(*words)
        self.commands[phase].append(text)
        self.diagnostics.warning("PG703", self._where(element), what=what, command=text)

    def _description(self, element: Element, kind: str, rid: str, stonith: bool = False) -> None:
        """A resource's description: a command where the target's pcs has one (0.12.2
        on), else named as left out."""
        text = element.get("description")
        if text is None:
            return
        if self.dialect.element_descriptions and text:
            family = "stonith" if stonith else "resource"
            self._command(
                "resources",
                element,
                say("imp_description_of", id=rid),
                ["pcs", family, "description", rid, text],
            )
            return
        self.diagnostics.warning(
            "PG712", self._where(element), kind=kind_phrase(kind), id=rid, description=text
        )

    def _lost(self, element: Element, what: Any) -> None:
        self.diagnostics.warning("PG704", self._where(element), what=what)

    def _forced(
        self, phase: str, element: Element, what: Any, words: List[str], reason: Any
    ) -> None:
        """What pcs takes only with --force: a command that carries it."""
        text = pcs.command(*words)
        self.commands[phase].append(text)
        self.diagnostics.warning(
            "PG721", self._where(element), what=what, reason=reason, command=text
        )

    def _constraint_command(
        self, element: Element, what: Any, words: List[str], duplicate: Optional[Phrase]
    ) -> None:
        """A constraint written as a pcs command: forced when it repeats one pcs already
        holds between the same resources (`duplicate` says how), plain otherwise."""
        if duplicate is not None:
            self._forced(
                "constraints",
                element,
                say("imp_with_note", what=what, note=duplicate),
                words,
                refusals.reason(refusals.DUPLICATE),
            )
        else:
            self._command("constraints", element, what, words)

    def _refused(self, element: Element, what: Any, reason: Any) -> None:
        """What pcs refuses even with --force: left out."""
        self.diagnostics.warning(
            "PG722", self._where(element), what=what, reason=reason, pcs=self.dialect.pcs_version
        )

    def _writable(
        self, element: Element, kind: str, owner: Any, pairs: Dict[str, str]
    ) -> Dict[str, str]:
        """The pairs pcs can set as written; the others are named and left out."""
        kept: Dict[str, str] = {}
        for name, value in pairs.items():
            problem = refusals.pair_problem(kind, name, value)
            if problem is None:
                kept[name] = value
                continue
            self.diagnostics.warning(
                "PG725",
                self._where(element),
                kind=kind_phrase(kind),
                name=name,
                value=value,
                owner=owner,
                pcs=self.dialect.pcs_version,
                reason=problem,
            )
        return kept

    def _duplicate(self, *key: str) -> bool:
        """Whether the tables already hold a constraint pcs finds the same as this one
        (it refuses the second unless forced); records it otherwise."""
        if key in self.constraint_keys:
            return True
        self.constraint_keys.add(key)
        return False

    def _verbatim(
        self, element: Element, owner: Any, pairs: Dict[str, str], words: List[str]
    ) -> None:
        """Values a cell would trim (leading or trailing spaces): set by pcs commands
        after the tables. A value with a line break survives neither."""
        for name, value in pairs.items():
            if "\n" in value or "\r" in value:
                self._lost(element, say("imp_value_line_break", name=name, owner=owner))
                continue
            self._command(
                "settings",
                element,
                say("imp_value_spaces", name=name, owner=owner),
                [*words, f"{name}={value}"],
            )

    def _rule_layers(self, element: Element, owner: Any, kind: str, form: Any) -> None:
        """Blocks read after a rule: no table holds them, and no pcs command writes them
        for this owner."""
        for layer in layers_of(form):
            names = ", ".join(f"{n}={v}" for n, v in layer["values"].items())
            self.diagnostics.warning(
                "PG710",
                self._where(element),
                owner=owner,
                kind=kind,
                rule=layer.get("rule") or say("imp_no_rule"),
                names=names,
            )

    def _rule_words(self, allow: Tuple[str, ...], spaces: bool = False) -> pcs.RuleWords:
        return pcs.RuleWords(self.context.resolve, allow, spaces)

    def _argv(self, tokens: List[Any]) -> List[str]:
        return pcs.rule_argv(tokens, self.dialect.rule_as_one_argument)

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
                    self.diagnostics.info(
                        "PG711",
                        self._where(pair),
                        name=name,
                        owner=label,
                        value=seen[name],
                        ignored=value,
                    )
                seen.setdefault(name, value)

    def _metadata_provider(self) -> Any:
        if self._provider is None:
            from pcsgen.agents.provider import MetadataProvider

            self._provider = MetadataProvider(
                use_system=self.system_agents, target_name=self.dialect.name
            )
        return self._provider

    def _extras(self, element: Element, kind: str, inherited: Dict[str, str]) -> Dict[str, str]:
        """What groups, clones and bundles may carry that no table holds. Their instance
        attributes are their members' parameters (Pacemaker reads a primitive's own,
        then its parents'): they go down to the primitives, unless they hang on rules."""
        rid = element.get("id", "")
        self._description(element, kind, rid)
        instance = rd.nvsets(element, "instance_attributes", self.context)
        if layers_of(instance):
            names = ", ".join(f"{n}={v}" for n, v in base_of(instance).items())
            self.diagnostics.warning(
                "PG713", self._where(element), kind=kind_phrase(kind), id=rid, names=names or "-"
            )
            self._rule_layers(element, rid, "instance_attributes", instance)
            return inherited
        return {**inherited, **base_of(instance)}

    def _fence_device(self, element: Element) -> bool:
        return (
            element.tag == "primitive"
            and (rd.expand_template(element, self.context).get("class") or "").lower() == "stonith"
        )

    def _name(self, rid: str) -> str:
        """A resource as Pacemaker reads a constraint naming it (a clone left out: its
        fence device)."""
        top = self.owner.get(rid, rid)
        return self.renamed.get(top, top)

    def _tabled(self, *ids: str) -> bool:
        return all(self._name(rid) in self.in_tables for rid in ids)
