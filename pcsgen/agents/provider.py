"""One place to ask for an agent's metadata, for one target generation: what Pacemaker
generates itself (systemd, service, lsb), else the agent installed here, else the
catalogue. When this machine is of another generation than the target, the
catalogue's facts for the target come before the agents installed here."""

from __future__ import annotations

from typing import Dict, Optional

from pcsgen import ir
from pcsgen.agents.catalogue import catalogue_metadata
from pcsgen.agents.metadata import AgentMetadata
from pcsgen.generations import generations, host_generation, same_generation, target


class MetadataProvider:
    def __init__(
        self, use_system: bool = True, use_catalogue: bool = True, target_name: Optional[str] = None
    ) -> None:
        self.use_system = use_system
        self.use_catalogue = use_catalogue
        self.target = target_name or generations().default_target
        self._memo: Dict[ir.AgentName, Optional[AgentMetadata]] = {}

    def get(self, agent: ir.AgentName) -> Optional[AgentMetadata]:
        if agent not in self._memo:
            self._memo[agent] = self._lookup(agent)
        return self._memo[agent]

    def _system(self, agent: ir.AgentName) -> Optional[AgentMetadata]:
        from pcsgen.agents.system import installed_metadata

        return installed_metadata(agent)

    def _lookup(self, agent: ir.AgentName) -> Optional[AgentMetadata]:
        from pcsgen.agents.generated import generated_metadata

        generated = generated_metadata(agent, target(self.target).reproduces)
        if generated is not None:
            return generated
        here = host_generation()
        system_first = self.use_system and (here is None or same_generation(here, self.target))
        if system_first:
            found = self._system(agent)
            if found is not None:
                return found
        if self.use_catalogue:
            found = catalogue_metadata(agent, self.target)
            if found is not None:
                return found
        if self.use_system and not system_first:
            return self._system(agent)
        return None
