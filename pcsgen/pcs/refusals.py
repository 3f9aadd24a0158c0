"""What pcs refuses unless forced (or at all), with pcs's reasons, for the import: the
same tests the compile applies to a definition (pcsgen.compiler.check), asked of the
CIB's values before they go into a table, so that the import writes them where pcs
takes them (a forced command) or names them as left out.

Each function answers with pcs's reason (its own words where it has some), or None when
pcs takes the value as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from pcsgen import ir
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.pcs import arguments

if TYPE_CHECKING:
    from pcsgen.cib.element import Element

# pcs's words for what it refuses unless forced (quoted in the import's warnings): keys of
# the catalogue's texts (pcsgen.diagnostics.texts.TEXTS), so that a Japanese message says them in
# Japanese
CLONED_FENCE_DEVICE = "imp_r_cloned_fence_device"  # id
NO_STONITH_HERE = "imp_r_no_stonith_here"
FENCE_ACTION = "imp_r_fence_action"
NOT_UNIQUE = "imp_r_not_unique"  # value, name, agent
DUPLICATE = "imp_r_duplicate"
INCOMPATIBLE = "imp_r_incompatible"  # option, agent, id
NOT_INTEGER = "imp_r_not_integer"
MISSING = "imp_r_missing"
INVALID = "imp_r_invalid"
UNKNOWN_PROPERTY = {"0.10": "imp_r_unknown_property"}  # name; else INVALID's words


def reason(key: str, **args: Any) -> Phrase:
    """One of pcs's reasons above, with its fields."""
    return Phrase(key, args)


def options_reason(key: str, kind: str, names: List[str]) -> Phrase:
    """pcs's words for options it refuses unless forced (it names them all); key: MISSING
    or INVALID; kind: resource, stonith, cluster_property."""
    return Phrase(
        key if len(names) == 1 else f"{key}_several",
        {"kind": Phrase(f"imp_k_{kind}"), "names": ", ".join(f"'{name}'" for name in names)},
    )


def agent_of(primitive: Element) -> ir.AgentName:
    """A (template-expanded) primitive's agent."""
    standard = primitive.get("class", "")
    stonith = standard.lower() == "stonith"
    return ir.AgentName(
        standard,
        None if stonith else (primitive.get("provider") or None),
        primitive.get("type", ""),
    )


def agent_problem(primitive: Element) -> Optional[Phrase]:
    """Why pcsgen refuses this primitive's agent name (a path in it); None if it takes
    it. As the PRIMITIVE and STONITH tables check their cells."""
    from pcsgen.agents.names import part_problem

    agent = agent_of(primitive)
    parts = [("type", agent.type)]
    if agent.standard.lower() != "stonith":
        parts = [("class", agent.standard), ("provider", agent.provider or "")] + parts
    for part, value in parts:
        if part == "provider" and not value:
            continue
        if part == "type" and not value:
            return None  # no agent at all (a broken template): not a path
        problem = part_problem(part, value, agent.standard)
        if problem is not None:
            return problem
    return None


def unique_groups(metadata: Any) -> Dict[str, List[str]]:
    """An agent's unique parameter groups, as pcs reads its metadata."""
    groups: Dict[str, List[str]] = {}
    for parameter in metadata.parameters if metadata is not None else []:
        if parameter.unique_group:
            groups.setdefault(parameter.unique_group, []).append(parameter.name)
    return groups


class UniqueValues:
    """The values of unique parameters the resources in the tables hold so far: pcs
    refuses (unless forced) a resource that repeats those of an earlier one of the same
    agent."""

    def __init__(self, metadata_of: Any) -> None:
        self.metadata_of = metadata_of
        self.taken: Dict[Tuple[str, str, Tuple[str, ...]], str] = {}

    def repeated(
        self, agent: ir.AgentName, rid: str, values: Dict[str, str], record: bool = True
    ) -> List[Tuple[List[str], str]]:
        """(the names whose values repeat those of an earlier resource, that resource);
        records this resource's values otherwise (unless `record` is false: a resource
        made after the tables repeats what it likes, forced)."""
        found: List[Tuple[List[str], str]] = []
        for group, names in unique_groups(self.metadata_of(agent)).items():
            mine = tuple(values.get(name, "") for name in names)
            if not any(mine):
                continue
            key = (str(agent), group, mine)
            first = self.taken.setdefault(key, rid) if record else self.taken.get(key, rid)
            if first != rid:
                found.append(([n for n in names if values.get(n)], first))
        return found


def pair_problem(kind: str, name: str, value: str) -> Optional[Any]:
    """Why pcs cannot set this name and value as written; None if it can. kind: node
    attribute, utilization, resource meta (of a group or a clone), or any other."""
    problem = arguments.name_problem(name)
    if problem is not None:
        return problem
    if kind == "node attribute":
        return arguments.crm_attribute_problem(name, True) or arguments.crm_attribute_problem(
            value, False
        )
    if kind == "utilization":
        if not arguments.is_integer(value):
            return reason(NOT_INTEGER)
        refused = arguments.utilization_problem(name, value)
        return refused[1] if refused is not None else None
    if kind == "resource meta" and not arguments.ID_NAME.fullmatch(name):
        return arguments.id_reason("pcs", "why_what_meta")
    return None
