"""The words of the diagram and the report, in English and Japanese (labels.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

LABELS = Path(__file__).resolve().parent / "labels.json"


@lru_cache(maxsize=None)
def _all() -> Dict[str, Dict[str, str]]:
    data: Dict[str, Dict[str, str]] = json.loads(LABELS.read_text("utf-8"))
    return data


class Words:
    """word("level", index=1) -> 'level 1' (or 'レベル 1')."""

    def __init__(self, lang: str = "en") -> None:
        labels = _all()
        self.lang = lang if lang in labels else "en"
        self.table = labels[self.lang]

    def __call__(self, key: str, **args: Any) -> str:
        text = self.table[key]
        return text.format(**args) if args else text
