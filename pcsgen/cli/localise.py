"""The command line's help in the reader's language: the help of every command and
option, looked up by its English text in the catalogue's help table (`HELP_JA`), and
the words click and typer print around it (Usage:, Options: ...), replaced in the help
they format (`HELP_FRAME_JA`): typer's newest versions keep click's words inside, out
of gettext's reach."""

from __future__ import annotations

import contextlib
from typing import Any, Dict, Iterator, List, Optional, Tuple


def help_language(args: List[str]) -> str:
    """The language of the help: --lang's (before the end of options), else the
    locale's."""
    from pcsgen.diagnostics.language import default_lang

    for index, word in enumerate(args):
        if word == "--":
            break
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
        if word == "--lang" and index + 1 < len(args):
            return args[index + 1]
    return default_lang()


def help_table(lang: str) -> Dict[str, str]:
    """English help text -> its text in LANG (empty for English)."""
    if lang != "ja":
        return {}
    from pcsgen.cli.parameters import TARGET_HELP
    from pcsgen.diagnostics.help_texts import HELP_JA, HELP_TARGET_JA, HELP_TYPER_JA
    from pcsgen.generations import target_ranges

    table = {**HELP_TYPER_JA, **HELP_JA}
    ranges, newest = target_ranges()
    fields = {"ranges": ranges, "newest": newest}
    table[TARGET_HELP.format(**fields)] = HELP_TARGET_JA.format(**fields)
    return table


def commands_and_options(command: Any) -> Iterator[Any]:
    """COMMAND (a click command) and every command and option under it."""
    yield command
    yield from command.params
    for sub in (getattr(command, "commands", None) or {}).values():
        yield from commands_and_options(sub)


def framed(help_text: str, frame: Tuple[Tuple[str, str], ...]) -> str:
    """HELP_TEXT as click formatted it, with its own words in the reader's language."""
    for english, translated in frame:
        help_text = help_text.replace(english, translated)
    return help_text


@contextlib.contextmanager
def localised(command: Any, lang: str) -> Iterator[None]:
    """Within it, COMMAND's help reads in LANG."""
    table = help_table(lang)
    if not table:
        yield
        return
    from pcsgen.diagnostics.help_texts import HELP_FRAME_JA

    for item in commands_and_options(command):
        for attribute in ("help", "short_help"):
            value: Optional[str] = getattr(item, attribute, None)
            if value:
                setattr(item, attribute, table.get(value, value))
    # the class that formats the help: click's Command, or typer's copy of it
    owner = next(c for c in type(command).__mro__ if "get_help" in vars(c))
    original = vars(owner)["get_help"]

    def get_help(self: Any, ctx: Any) -> str:
        return framed(original(self, ctx), HELP_FRAME_JA)

    setattr(owner, "get_help", get_help)  # noqa: B010
    try:
        yield
    finally:
        setattr(owner, "get_help", original)  # noqa: B010
