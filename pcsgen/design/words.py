"""The words of the diagram and the report, in English and Japanese: the catalogue's
`design_` phrases (pcsgen.diagnostics.texts)."""

from __future__ import annotations

from typing import Any

from pcsgen.diagnostics.texts import TEXTS

PREFIX = "design_"


class Words:
    """word("level", index=1) -> 'level 1' (or 'レベル 1')."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = "ja" if lang == "ja" else "en"

    def __call__(self, key: str, **args: Any) -> str:
        english, japanese = TEXTS[PREFIX + key]
        text = japanese if self.lang == "ja" else english
        return text.format(**args) if args else text
