"""The command line's help in Japanese: every command's and option's help has its text
in the catalogue, and `--help --lang ja` (or a Japanese locale) shows no English
sentence, while the English help stays as it is."""

from __future__ import annotations

import re
from typing import List, Set

import pytest
import typer.main

from pcsgen.cli import command_app, main
from pcsgen.cli.localise import commands_and_options, help_language, help_table
from pcsgen.diagnostics.help_texts import HELP_FRAME_JA, HELP_JA

_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")


def _help_texts() -> Set[str]:
    root = typer.main.get_command(command_app())
    return {
        value
        for item in commands_and_options(root)
        for value in (getattr(item, "help", None), getattr(item, "short_help", None))
        if value
    }


def _command_lines() -> List[List[str]]:
    root = typer.main.get_command(command_app())
    lines: List[List[str]] = [[]]
    for name, command in getattr(root, "commands", {}).items():
        lines.append([name])
        for sub in getattr(command, "commands", {}) or {}:
            lines.append([name, sub])
    return lines


def test_every_help_text_has_its_japanese() -> None:
    missing = _help_texts() - set(help_table("ja"))
    assert not missing, sorted(missing)


def test_every_japanese_help_text_is_of_a_help_text() -> None:
    unused = set(HELP_JA) - _help_texts()
    assert not unused, sorted(unused)


def _help(args: List[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as ended:
        main(args)
    assert ended.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", _command_lines(), ids=lambda c: " ".join(c) or "pcsgen")
def test_the_help_in_japanese_holds_no_english_sentence(
    command: List[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    shown = _help([*command, "--help"], capsys)
    assert shown.startswith("使い方: pcsgen")
    for english, _japanese in HELP_FRAME_JA:
        assert english.strip("[: ") not in shown, english
    # the help column only: the usage line, option names and metavars stay as typed
    helps = [re.split(r"\s{2,}", line.strip(), maxsplit=1)[-1] for line in shown.splitlines()[1:]]
    bare = re.sub(r"`[^`]*`|'[^']*'|\[[^\]]*\]|\([^)]*\)", "", "\n".join(helps))
    assert not _ENGLISH_RUN.findall(bare), _ENGLISH_RUN.findall(bare)


def test_no_japanese_help_text_holds_an_english_sentence() -> None:
    for japanese in help_table("ja").values():
        bare = re.sub(r"`[^`]*`|'[^']*'", "", japanese)
        assert not _ENGLISH_RUN.findall(bare), japanese


def test_the_english_help_is_unchanged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    shown = _help(["compile", "--help"], capsys)
    assert shown.startswith("Usage: pcsgen compile")
    assert "Show this message and exit." in shown
    assert "Compile a definition into NAME.xml (CIB) and NAME.sh (pcs script)." in shown
    japanese = _help(["compile", "--help", "--lang", "ja"], capsys)
    assert "定義書を NAME.xml (CIB) と NAME.sh (pcs スクリプト) にコンパイルします。" in japanese
    assert "このヘルプを表示して終了します。" in japanese


def test_the_language_of_the_help_follows_lang_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert help_language(["compile", "--help"]) == "ja"
    assert help_language(["compile", "--lang", "en", "--help"]) == "en"
    assert help_language(["compile", "--lang=en", "--help"]) == "en"
    assert help_language(["lab", "exec", "n1", "--", "x", "--lang", "en"]) == "ja"
