"""Secrets out of what diff, plan, apply and simulate show: a changed secret is reported
as changed, without either value; a secret in a test plan is masked (`--show-secrets`
reveals them)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Set

from lxml import etree

from pcsgen.cluster.diff import Change
from pcsgen.secrets import MASK, Redactor

if TYPE_CHECKING:
    from pcsgen.cluster.simulate import Simulation


def metadata_secret_names(*cibs: etree._Element) -> Set[str]:
    """Parameters the agents' metadata marks as passwords, for the agents these CIBs use.
    Only the built-in catalogue is asked: nothing named in a CIB is ever run to learn it."""
    from pcsgen import ir
    from pcsgen.agents.provider import MetadataProvider

    provider = MetadataProvider(use_system=False)
    # each agent once: a large configuration runs thousands of primitives of a few agents
    agents = {(primitive.get("class"), primitive.get("provider"), primitive.get("type"))
              for cib in cibs for primitive in cib.iter("primitive")}
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
            if under_secret or redactor.holds_secret(change.old) or \
                    redactor.holds_secret(change.new):
                shown.append(Change(change.kind, change.path, secret=True))
                continue
            shown.append(change)
        else:
            shown.append(Change(change.kind, change.path, redactor.redact(change.old),
                                redactor.redact(change.new)))
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
    return any(isinstance(element.tag, str) and
               any(redactor.holds_secret(value) for value in element.attrib.values())
               for element in cib.iter())


def redact_simulation(simulation: Simulation, redactor: Redactor) -> Simulation:
    """SIMULATION as it may be shown: the values of secret variables masked wherever they
    stand (a node, a resource id, an attribute's value), and the value of a node
    attribute whose name says it is secret (`api_token`) masked whatever it is. Every
    rendering of the test plan (text, JSON, CSV, xlsx) is made from what this returns."""
    masked: Simulation = _masked(simulation, redactor)
    masked.attributes = {node: {name: _attribute_value(name, value, redactor)
                                for name, value in values.items()}
                         for node, values in masked.attributes.items()}
    return masked


def _attribute_value(name: str, value: str, redactor: Redactor) -> str:
    return MASK if value and redactor.name_is_secret(name) else value


def _masked(value: Any, redactor: Redactor) -> Any:
    from pcsgen.cluster.scenarios import Injection  # loaded by then: simulate ran

    if isinstance(value, str):
        return redactor.redact(value)
    if isinstance(value, Injection):
        found = _fields(value, redactor)
        if found.value is None:  # the attribute disappears: nothing to mask
            return found
        return replace(found, value=_attribute_value(value.attribute, found.value, redactor))
    if is_dataclass(value) and not isinstance(value, type):
        return _fields(value, redactor)
    if isinstance(value, dict):
        return {_masked(k, redactor): _masked(v, redactor) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_masked(item, redactor) for item in value)
    return value


def _fields(value: Any, redactor: Redactor) -> Any:
    return replace(value, **{f.name: _masked(getattr(value, f.name), redactor)
                             for f in fields(value) if f.init})
