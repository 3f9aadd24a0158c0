"""Secrets out of what simulate shows: a secret in a test plan is masked wherever it
stands (`--show-secrets` reveals them)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from pcsgen.secrets import MASK, Redactor
from pcsgen.simulation.scenarios import Injection
from pcsgen.simulation.simulate import Simulation


def redact_simulation(simulation: Simulation, redactor: Redactor) -> Simulation:
    """SIMULATION as it may be shown: the values of secret variables masked wherever they
    stand (a node, a resource id, an attribute's value), and the value of a node
    attribute whose name says it is secret (`api_token`) masked whatever it is. Every
    rendering of the test plan (text, JSON, CSV, xlsx) is made from what this returns."""
    masked: Simulation = _masked(simulation, redactor)
    masked.attributes = {
        node: {name: _attribute_value(name, value, redactor) for name, value in values.items()}
        for node, values in masked.attributes.items()
    }
    return masked


def redact_value(value: Any, redactor: Redactor) -> Any:
    """VALUE (text, or dataclasses, named tuples, mappings and lists of them) with the
    secrets REDACTOR knows masked wherever they stand."""
    return _masked(value, redactor)


def _attribute_value(name: str, value: str, redactor: Redactor) -> str:
    return MASK if value and redactor.name_is_secret(name) else value


def _masked(value: Any, redactor: Redactor) -> Any:
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
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(_masked(item, redactor) for item in value))
    if isinstance(value, (list, tuple)):
        return type(value)(_masked(item, redactor) for item in value)
    return value


def _fields(value: Any, redactor: Redactor) -> Any:
    return replace(
        value,
        **{f.name: _masked(getattr(value, f.name), redactor) for f in fields(value) if f.init},
    )
