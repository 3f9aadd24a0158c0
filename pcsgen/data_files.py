"""The data files under schemas/ (the table layouts, the generations and targets, the
cluster options), read one way: a source checkout reads its own schemas/, an installed
pcsgen its package data (`pcsgen.schemas`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

_CHECKOUT = Path(__file__).resolve().parent.parent


def read_json(name: str) -> Dict[str, Any]:
    """schemas/NAME as JSON. A checkout comes first: an editable install of another
    checkout maps `pcsgen.schemas` to that one's folder, not this one's."""
    local = _CHECKOUT / "schemas" / name
    if (_CHECKOUT / "pyproject.toml").exists() and local.exists():
        text = local.read_text(encoding="utf-8")
    else:
        from importlib.resources import files

        text = files("pcsgen.schemas").joinpath(name).read_text(encoding="utf-8")
    data: Dict[str, Any] = json.loads(text)
    return data
