"""Secrets out of what diff, plan and apply show: a changed secret is reported as
changed, without either value (`--show-secrets` reveals them); whether a CIB holds a
secret at all. A simulation's are masked by pcsgen.simulation.redact."""

from __future__ import annotations

from typing import Dict, Iterable, List, Set

from lxml import etree

from pcsgen.cib.diff import Change
from pcsgen.secrets import Redactor


def metadata_secret_names(*cibs: etree._Element) -> Set[str]:
    """Parameters the agents' metadata marks as passwords, for the agents these CIBs use.
    Only the built-in catalogue is asked: nothing named in a CIB is ever run to learn it."""
    from pcsgen import ir
    from pcsgen.agents.provider import MetadataProvider

    provider = MetadataProvider(use_system=False)
    # each agent once: a large configuration runs thousands of primitives of a few agents
    agents = {
        (primitive.get("class"), primitive.get("provider"), primitive.get("type"))
        for cib in cibs
        for primitive in cib.iter("primitive")
    }
    names: Set[str] = set()
    for standard, agent_provider, kind in agents:
        if not standard or not kind:
            continue
        metadata = provider.get(ir.AgentName(standard, agent_provider, kind))
        if metadata is not None:
            names.update(p.name for p in metadata.parameters if p.secret)
    return names


def redact_changes(changes: Iterable[Change], redactor: Redactor) -> List[Change]:
    shown: List[Change] = []
    for change in changes:
        under_secret = any(redactor.name_is_secret(part) for part in change.path[-1:])
        if change.kind == "changed" or under_secret:
            if (
                under_secret
                or redactor.holds_secret(change.old)
                or redactor.holds_secret(change.new)
            ):
                shown.append(Change(change.kind, change.path, secret=True))
                continue
            shown.append(change)
        else:
            shown.append(
                Change(
                    change.kind,
                    change.path,
                    redactor.redact(change.old),
                    redactor.redact(change.new),
                )
            )
    return shown


def holds_secret(cib: etree._Element, secret_values: Iterable[str] = ()) -> bool:
    """The CIB holds a secret value: a non-empty value under a secret name (or one the
    agent's metadata marks as a password), or a secret variable's value anywhere."""
    redactor = Redactor(metadata_secret_names(cib), secret_values)
    # each name judged once: thousands of nvpairs share a few names
    judged: Dict[str, bool] = {}
    for pair in cib.iter("nvpair"):
        name = pair.get("name") or ""
        if pair.get("value"):
            secret = judged.get(name)
            if secret is None:
                secret = judged[name] = redactor.name_is_secret(name)
            if secret:
                return True
    if not redactor.values:
        return False
    return any(
        isinstance(element.tag, str)
        and any(redactor.holds_secret(value) for value in element.attrib.values())
        for element in cib.iter()
    )
