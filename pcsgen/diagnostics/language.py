"""The reader's language when none is asked for: the locale's. Apart from the catalogue
so that choosing it loads no text (the command line asks at every start)."""

from __future__ import annotations

import locale
import os
from typing import Mapping, Optional


def default_lang(environ: Optional[Mapping[str, str]] = None) -> str:
    """Japanese when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    if environ is None:
        try:
            loc = locale.getlocale()[0] or ""
        except ValueError:
            loc = ""
        if loc.lower().startswith("ja"):
            return "ja"
    return "en"
