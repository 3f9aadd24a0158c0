"""The table of what changed between the crmsh and the pcs generations (generations.json):
loaded once, read by the conversion."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

DATA = Path(__file__).resolve().parent / "generations.json"


@lru_cache(maxsize=1)
def generations() -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(DATA.read_text("utf-8"))
    return data
