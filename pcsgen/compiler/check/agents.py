"""Agent parameters and actions, checked against the agent's metadata; secrets in cells."""

from __future__ import annotations

import difflib
import os
from typing import List, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.agents.catalogue import known_agents
from pcsgen.agents.metadata import AgentMetadata
from pcsgen.agents.provider import MetadataProvider
from pcsgen.agents.system import FENCE_DIRS, OCF_ROOT
from pcsgen.diagnostics import Diagnostics
from pcsgen.location import Source
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
    catalogue = [a.rsplit(":", 1)[-1] for a in known_agents()
                 if a.rsplit(":", 1)[0] == str(agent).rsplit(":", 1)[0]]
    if installed is None and not catalogue:
        return False
    choices = sorted(set((installed or []) + catalogue))
    diagnostics.warning("PG412", primitive.definition or primitive.location, agent=str(agent),
                        hint=_hint(agent.type, choices))
    return True


def _parameters(primitive: ir.Primitive, metadata: AgentMetadata,
                diagnostics: Diagnostics) -> None:
    names = [p.name for p in metadata.parameters]
    given = {pair.name for pair in primitive.instance_attributes}
    for pair in primitive.instance_attributes:
        if pair.name in names or pair.name in GENERIC_PARAMETERS:
            continue
        if primitive.is_stonith and pair.name.startswith(GENERIC_STONITH_PREFIX):
            continue
        diagnostics.warning("PG410", pair.location, agent=str(primitive.agent), name=pair.name,
                            hint=_hint(pair.name, names))
    for parameter in metadata.parameters:
        if parameter.required and not parameter.deprecated and parameter.name not in given:
            if primitive.is_stonith and parameter.name in STONITH_SUPPLIED:
                continue
            diagnostics.warning("PG411", primitive.definition or primitive.location,
                                agent=str(primitive.agent), name=parameter.name)


def _actions(primitive: ir.Primitive, metadata: AgentMetadata, diagnostics: Diagnostics) -> None:
    actions = sorted({a.name for a in metadata.actions})
    if not actions:
        return
    for op in primitive.operations:
        if not op.from_agent and op.name not in actions and op.name not in ALWAYS_ALLOWED_OPS:
            diagnostics.warning("PG414", op.location, op=op.name, agent=str(primitive.agent),
                                actions=", ".join(actions))


def _secrets(primitive: ir.Primitive, metadata: Optional[AgentMetadata],
             diagnostics: Diagnostics, placeholder_rows: Set[Tuple[Source, int]]) -> None:
    flagged = {p.name for p in metadata.parameters if p.secret} if metadata else set()
    for pair in primitive.instance_attributes:
        if (pair.location.source, pair.location.row) in placeholder_rows:
            continue  # filled from a variable, not written in the workbook
        if not pair.value:
            continue
        if pair.name in flagged or is_secret_name(pair.name):
            safer = "password_script (a command that prints it)" if primitive.is_stonith \
                else "a variable ({{ name }}) filled at compile time, or a vault"
            diagnostics.warning("PG413", pair.location, name=pair.name, id=primitive.id,
                                safer=safer)


def check_agents(cluster: ir.Cluster, provider: MetadataProvider,
                 diagnostics: Diagnostics) -> None:
    reported: Set[ir.AgentName] = set()
    for primitive in cluster.primitives():
        if not primitive.agent.type:
            continue
        metadata = provider.get(primitive.agent)
        if metadata is None:
            if primitive.agent not in reported:
                reported.add(primitive.agent)
                if not _unknown_agent(primitive, diagnostics):
                    diagnostics.info("PG506", primitive.definition or primitive.location,
                                     agent=str(primitive.agent))
        else:
            _parameters(primitive, metadata, diagnostics)
            _actions(primitive, metadata, diagnostics)
        _secrets(primitive, metadata, diagnostics, cluster.placeholder_rows)
