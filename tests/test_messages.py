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


# Japanese texts that hold English on purpose: pcs's own words, quoted as pcs prints them
# so that a user can search for them, commands to type, and keyword lists.
QUOTING_ENGLISH = frozenset(
    {
        "PG207", "PG215", "PG218", "PG242", "PG243", "PG244", "PG245", "PG246", "PG247",
        "PG248", "PG249", "PG250", "PG251", "PG253", "PG254", "PG255", "PG256", "PG257",
        "PG263", "PG918", "PG970", "sim_op_steady-state", "sim_op_node-failure",
        "sim_restore_node", "sim_restore_cleanup",
    }
)  # fmt: skip
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")


def test_no_japanese_text_holds_an_english_sentence() -> None:
    """Every Japanese text, its fields filled, holds no three English words in a row
    outside quotes and backticks, but for the texts that quote pcs or a command."""
    from pcsgen.diagnostics.texts import TEXTS

    texts = {code: message.ja for code, message in CATALOGUE.items()}
    texts.update((key, japanese) for key, (_english, japanese) in TEXTS.items())
    english_left = {}
    for key, japanese in texts.items():
        filled = japanese.format(**{name: "1" for name in _fields(japanese)})
        bare = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"", "", filled)
        found = _ENGLISH_RUN.findall(bare)
        if found and key not in QUOTING_ENGLISH:
            english_left[key] = found
    assert not english_left, english_left
    assert set(texts) >= QUOTING_ENGLISH, QUOTING_ENGLISH - set(texts)


def test_every_phrase_has_the_same_fields_in_both_languages() -> None:
    from pcsgen.diagnostics.texts import TEXTS

    for key, (english, japanese) in TEXTS.items():
        assert english.strip() and japanese.strip(), key
        assert _fields(english) == _fields(japanese), key
