"""The message catalogue: every code has an English and a Japanese text, and they agree
on the placeholders they use."""

from __future__ import annotations

import re
import string

from pcsgen.diagnostics.messages import CATALOGUE, default_lang, render


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages() -> None:
    for code, message in CATALOGUE.items():
        assert re.fullmatch(r"PG\d{3}", code)
        assert message.en.strip() and message.ja.strip(), code
        assert _fields(message.en) == _fields(message.ja), code
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", message.ja) or message.ja == message.en, (
            f"{code}: the Japanese text is not Japanese"
        )


def test_every_code_the_source_uses_is_catalogued() -> None:
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "pcsgen"
    used = set()
    for path in source.rglob("*.py"):
        used |= set(re.findall(r"\"(PG\d{3})\"", path.read_text("utf-8")))
    missing = used - set(CATALOGUE)
    assert not missing, missing


def test_every_catalogued_code_is_reported_somewhere() -> None:
    """A code no source names is a text no user can meet: retired, it leaves the
    catalogue."""
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "pcsgen"
    used = set()
    for path in source.rglob("*.py"):
        if path.name != "messages.py":
            used |= set(re.findall(r"PG\d{3}", path.read_text("utf-8")))
    unused = set(CATALOGUE) - used
    assert not unused, sorted(unused)


def test_render_fills_placeholders_in_both_languages() -> None:
    assert render("PG301", "en", {"id": "vip"}) == "no resource 'vip' is defined"
    assert render("PG301", "ja", {"id": "vip"}) == "リソース 'vip' は定義されていません"


def test_language_follows_the_locale() -> None:
    assert default_lang({"LANG": "ja_JP.UTF-8"}) == "ja"
    assert default_lang({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}) == "en"
    assert default_lang({"LANG": "en_US.UTF-8"}) == "en"
