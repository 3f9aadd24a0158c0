"""Agent parameters and actions, checked against the agent's metadata; secrets in cells."""

from __future__ import annotations

import difflib
import os
from typing import Dict, List, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.agents.catalogue import known_agents
from pcsgen.agents.metadata import AgentMetadata
from pcsgen.agents.provider import MetadataProvider
from pcsgen.agents.system import FENCE_DIRS, OCF_ROOT
from pcsgen.cib.values import BOOLEAN_TRUE
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Source
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.secrets import is_secret_name

# pcs accepts these on every agent (Pacemaker's own fencing options and the like).
GENERIC_STONITH_PREFIX = "pcmk_"
GENERIC_PARAMETERS = frozenset({"trace_ra", "trace_file"})
# Fence-agent parameters Pacemaker fills in itself (the action, the target node).
STONITH_SUPPLIED = frozenset({"action", "port", "plug", "nodename"})
# Operations every resource has, whatever its metadata lists (fence agents declare
# their own actions, not Pacemaker's start and stop).
ALWAYS_ALLOWED_OPS = frozenset({"start", "stop", "monitor"})


def _hint(word: str, choices: List[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f" (did you mean {close[0]}?)" if close else ""


def _installed_agent_names(agent: ir.AgentName) -> Optional[List[str]]:
    """Every agent of the same provider (or every fence agent) installed here; None when
    this machine has none, so their absence proves nothing."""
    if agent.standard == "ocf" and agent.provider:
        directory = os.path.join(OCF_ROOT, "resource.d", agent.provider)
        if os.path.isdir(directory):
            return sorted(os.listdir(directory))
        return None
    if agent.standard == "stonith":
        names: List[str] = []
        for directory in FENCE_DIRS:
            if os.path.isdir(directory):
                names += [n for n in os.listdir(directory) if n.startswith("fence_")]
        return sorted(set(names)) or None
    return None


def _unknown_agent(primitive: ir.Primitive, diagnostics: Diagnostics) -> bool:
    agent = primitive.agent
    installed = _installed_agent_names(agent)
    catalogue = [
        a.rsplit(":", 1)[-1]
        for a in known_agents()
        if a.rsplit(":", 1)[0] == str(agent).rsplit(":", 1)[0]
    ]
    if installed is None and not catalogue:
        return False
    choices = sorted(set((installed or []) + catalogue))
    diagnostics.warning(
        "PG412",
        primitive.definition or primitive.location,
        agent=str(agent),
        hint=_hint(agent.type, choices),
    )
    return True


def unknown_parameters(metadata: AgentMetadata, stonith: bool, names: List[str]) -> List[str]:
    """The names pcs refuses (unless forced) as not the agent's parameters; the import
    asks the same of a CIB's primitives."""
    known = {p.name for p in metadata.parameters}
    return [
        name
        for name in names
        if name not in known
        and name not in GENERIC_PARAMETERS
        and not (stonith and name.startswith(GENERIC_STONITH_PREFIX))
    ]


def missing_parameters(metadata: AgentMetadata, stonith: bool, given: Set[str]) -> List[str]:
    """The required parameters pcs refuses (unless forced) a resource without; the import
    asks the same of a CIB's primitives."""
    return [
        p.name
        for p in metadata.parameters
        if p.required
        and not p.deprecated
        and p.name not in given
        and not (stonith and p.name in STONITH_SUPPLIED)
    ]


def _parameters(primitive: ir.Primitive, metadata: AgentMetadata, diagnostics: Diagnostics) -> None:
    names = [p.name for p in metadata.parameters]
    unknown = set(
        unknown_parameters(
            metadata, primitive.is_stonith, [pair.name for pair in primitive.instance_attributes]
        )
    )
    for pair in primitive.instance_attributes:
        if pair.name in unknown:
            diagnostics.error(
                "PG410",
                pair.location,
                agent=str(primitive.agent),
                name=pair.name,
                hint=_hint(pair.name, names),
            )
    given = {pair.name for pair in primitive.instance_attributes}
    for name in missing_parameters(metadata, primitive.is_stonith, given):
        diagnostics.error(
            "PG411",
            primitive.definition or primitive.location,
            agent=str(primitive.agent),
            name=name,
        )


def _actions(primitive: ir.Primitive, metadata: AgentMetadata, diagnostics: Diagnostics) -> None:
    actions = sorted({a.name for a in metadata.actions})
    if not actions:
        return
    for op in primitive.operations:
        if not op.from_agent and op.name not in actions and op.name not in ALWAYS_ALLOWED_OPS:
            diagnostics.warning(
                "PG414",
                op.location,
                op=op.name,
                agent=str(primitive.agent),
                actions=", ".join(actions),
            )


def _secrets(
    primitive: ir.Primitive,
    metadata: Optional[AgentMetadata],
    diagnostics: Diagnostics,
    placeholder_rows: Set[Tuple[Source, int]],
) -> None:
    flagged = {p.name for p in metadata.parameters if p.secret} if metadata else set()
    for pair in primitive.instance_attributes:
        if (pair.location.source, pair.location.row) in placeholder_rows:
            continue  # filled from a variable, not written in the workbook
        if not pair.value:
            continue
        if pair.name in flagged or is_secret_name(pair.name):
            safer = Phrase("safer_password_script" if primitive.is_stonith else "safer_variable")
            diagnostics.warning(
                "PG413", pair.location, name=pair.name, id=primitive.id, safer=safer
            )


def _case_twin(agent: ir.AgentName) -> Optional[str]:
    """The agent, installed here or in the catalogue, whose name differs from this one's
    only in case (pcs refuses such a name: the cluster looks agents up case-sensitively)."""
    names = set(known_agents())
    if agent.standard == "ocf" and agent.provider:
        root = os.path.join(OCF_ROOT, "resource.d")
        providers = os.listdir(root) if os.path.isdir(root) else []
        for provider in providers:
            directory = os.path.join(root, provider)
            if provider.lower() == agent.provider.lower() and os.path.isdir(directory):
                names.update(f"ocf:{provider}:{name}" for name in os.listdir(directory))
    elif agent.standard == "stonith":
        names.update(f"stonith:{name}" for name in _installed_agent_names(agent) or [])
    wanted = str(agent)
    return next(
        (name for name in sorted(names) if name.lower() == wanted.lower() and name != wanted), None
    )


def _unique_parameters(
    cluster: ir.Cluster, provider: MetadataProvider, diagnostics: Diagnostics
) -> None:
    """pcs refuses a resource whose values for a unique parameter group (e.g. ping's
    name) equal those of a resource of the same agent created before it."""
    from pcsgen.compiler.emit.order import creation_order

    # (agent, group, values) -> the resources created with them so far
    taken: Dict[Tuple[ir.AgentName, str, Tuple[str, ...]], List[str]] = {}
    groups_of: Dict[ir.AgentName, Dict[str, List[str]]] = {}
    for primitive in creation_order(cluster.resources):
        if not primitive.agent.type:
            continue
        groups = groups_of.get(primitive.agent)
        if groups is None:
            metadata = provider.get(primitive.agent)
            groups = groups_of[primitive.agent] = _unique_groups(metadata)
        if not groups:
            continue
        given = {pair.name: pair for pair in primitive.instance_attributes}
        for group, names in groups.items():
            mine = tuple(given[name].value if name in given else "" for name in names)
            if not any(mine):
                continue
            same = taken.setdefault((primitive.agent, group, mine), [])
            if same:
                _not_unique(primitive, group, names, mine, same, given, diagnostics)
            same.append(primitive.id)


def _unique_groups(metadata: Optional[AgentMetadata]) -> Dict[str, List[str]]:
    groups: Dict[str, List[str]] = {}
    for parameter in metadata.parameters if metadata is not None else []:
        if parameter.unique_group:
            groups.setdefault(parameter.unique_group, []).append(parameter.name)
    return groups


def _not_unique(
    primitive: ir.Primitive,
    group: str,
    names: List[str],
    mine: Tuple[str, ...],
    same: List[str],
    given: Dict[str, ir.NvPair],
    diagnostics: Diagnostics,
) -> None:
    where = next(given[name].location for name, value in zip(names, mine) if value)
    others = ", ".join(f"'{rid}'" for rid in sorted(same))
    if len(names) == 1:
        diagnostics.error(
            "PG243", where, name=names[0], value=mine[0], agent=str(primitive.agent), ids=others
        )
        return
    listed = sorted(zip(names, mine))
    diagnostics.error(
        "PG244",
        where,
        group=group,
        names=", ".join(f"'{n}'" for n, _ in listed),
        values=", ".join(f"'{v}'" for _, v in listed),
        agent=str(primitive.agent),
        ids=others,
    )


def _true_meta(clone: ir.Clone, name: str) -> Optional[ir.NvPair]:
    return next(
        (
            pair
            for pair in clone.meta_attributes
            if pair.name == name and pair.value.lower() in BOOLEAN_TRUE
        ),
        None,
    )


def _promotable_clones(
    cluster: ir.Cluster,
    provider: MetadataProvider,
    diagnostics: Diagnostics,
    promotable_checked: bool,
) -> None:
    """`pcs resource promotable` (and `pcs resource meta CLONE promotable=true`) refuses
    an agent that cannot be promoted: any agent not OCF, and an OCF 1.1 agent without
    promote and demote (--force lets it through only for the members of a group); the
    latter from pcs 0.11.4 on (promotable_checked). globally-unique=true it refuses for
    an agent not OCF."""
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if not isinstance(item, ir.Clone) or item.child is None:
                continue
            promotable_meta = _true_meta(item, "promotable")
            unique_meta = _true_meta(item, "globally-unique")
            if not item.promotable and promotable_meta is None and unique_meta is None:
                continue
            where = (
                item.location
                if item.promotable or promotable_meta is None
                else promotable_meta.location
            )
            group = item.child if isinstance(item.child, ir.Group) else None
            in_group = f" in group '{group.id}'" if group else ""
            for primitive in ir.primitives_of(item.child):
                if not primitive.agent.type:
                    continue
                agent = str(primitive.agent)
                if primitive.agent.standard != "ocf":
                    if unique_meta is not None:
                        diagnostics.error(
                            "PG253",
                            unique_meta.location,
                            clone=item.id,
                            id=primitive.id,
                            agent=agent,
                            in_group=in_group,
                        )
                    if item.promotable or promotable_meta is not None:
                        diagnostics.error(
                            "PG242",
                            where,
                            clone=item.id,
                            id=primitive.id,
                            agent=agent,
                            in_group=in_group,
                        )
                    continue
                if not promotable_checked or (not item.promotable and promotable_meta is None):
                    continue
                metadata = provider.get(primitive.agent)
                if metadata is None or metadata.promotable:
                    continue
                if group is not None:
                    diagnostics.error(
                        "PG250", where, clone=item.id, id=primitive.id, agent=agent, group=group.id
                    )
                else:
                    diagnostics.error(
                        "PG242", where, clone=item.id, id=primitive.id, agent=agent, in_group=""
                    )


def check_agents(
    cluster: ir.Cluster,
    provider: MetadataProvider,
    diagnostics: Diagnostics,
    promotable_checked: bool = True,
) -> None:
    reported: Set[ir.AgentName] = set()
    for primitive in cluster.primitives():
        if not primitive.agent.type:
            continue
        action = next(
            (
                pair
                for pair in primitive.instance_attributes
                if pair.name == "action" and pair.value
            ),
            None,
        )
        if primitive.is_stonith and action is not None:
            # pcs refuses it (deprecated): Pacemaker chooses the action per request
            diagnostics.error("PG255", action.location, id=primitive.id)
        metadata = provider.get(primitive.agent)
        if metadata is None:
            twin = _case_twin(primitive.agent)
            if twin is not None:
                diagnostics.error(
                    "PG249",
                    primitive.agent_location or primitive.location,
                    agent=str(primitive.agent),
                    known=twin,
                )
                continue
            if primitive.agent not in reported:
                reported.add(primitive.agent)
                if not _unknown_agent(primitive, diagnostics):
                    diagnostics.info(
                        "PG506",
                        primitive.definition or primitive.location,
                        agent=str(primitive.agent),
                    )
        else:
            _parameters(primitive, metadata, diagnostics)
            _actions(primitive, metadata, diagnostics)
        _secrets(primitive, metadata, diagnostics, cluster.placeholder_rows)
    _unique_parameters(cluster, provider, diagnostics)
    _promotable_clones(cluster, provider, diagnostics, promotable_checked)
