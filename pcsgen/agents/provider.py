"""One place to ask for an agent's metadata: the system first, then the catalogue."""

from __future__ import annotations

from typing import Dict, Optional

from pcsgen import ir
from pcsgen.agents.catalogue import catalogue_metadata
from pcsgen.agents.metadata import AgentMetadata


class MetadataProvider:
    def __init__(self, use_system: bool = True, use_catalogue: bool = True) -> None:
        self.use_system = use_system
        self.use_catalogue = use_catalogue
        self._memo: Dict[ir.AgentName, Optional[AgentMetadata]] = {}

    def get(self, agent: ir.AgentName) -> Optional[AgentMetadata]:
        if agent not in self._memo:
            self._memo[agent] = self._lookup(agent)
        return self._memo[agent]

    def _lookup(self, agent: ir.AgentName) -> Optional[AgentMetadata]:
        if self.use_system:
            from pcsgen.agents.system import installed_metadata

            found = installed_metadata(agent)
            if found is not None:
                return found
        if self.use_catalogue:
            return catalogue_metadata(agent)
        return None
