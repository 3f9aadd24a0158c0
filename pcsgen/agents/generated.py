"""Metadata Pacemaker generates itself (systemd units, service, LSB init scripts): fixed
per Pacemaker release, whatever is installed (generated.json holds the facts)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

from pcsgen import ir
from pcsgen.agents.metadata import AgentAction, AgentMetadata
from pcsgen.generations import version

GENERATED_FILE = Path(__file__).resolve().parent / "generated.json"


@lru_cache(maxsize=None)
def _data() -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(GENERATED_FILE.read_text("utf-8"))
    return data


def generates_metadata(standard: str) -> bool:
    """Whether Pacemaker writes the metadata of this class itself."""
    return standard in _data()["classes"]


def generated_metadata(agent: ir.AgentName, pacemaker: str) -> Optional[AgentMetadata]:
    """The metadata the given Pacemaker release generates for the agent, None for a class
    whose agents bring their own."""
    kind = _data()["classes"].get(agent.standard)
    if kind is None:
        return None
    wanted = version(pacemaker)
    chosen = None
    for variant in _data()["metadata"][kind]:
        if version(variant["since"]) <= wanted:
            chosen = variant
    if chosen is None:
        chosen = _data()["metadata"][kind][0]
    actions = [AgentAction(**raw) for raw in chosen["actions"]]
    return AgentMetadata(str(agent), actions, [], "generated")
