"""The command line as typed, read before typer sees it: the default command (`pcsgen
FILE` compiles), a mistyped command, the language asked for, a shell asking for
completions."""

import os
from typing import List, Optional, Sequence

from pcsgen.cli.parameters import chosen_language

# The options of pcsgen itself, before a command (typer's completion options included).
OWN_OPTIONS = ("-h", "--help", "--version", "--install-completion", "--show-completion")


def with_default_command(
    argv: List[str], names: Sequence[str], groups: Sequence[str] = ()
) -> List[str]:
    """`pcsgen FILE ...` and `pcsgen --target rhel8 FILE` mean `pcsgen compile ...`;
    `pcsgen --lang ja lint FILE` means `pcsgen lint --lang ja FILE`. Only help, version
    and completion are options of pcsgen itself. NAMES: the commands; GROUPS: those of
    them with commands of their own, whose command moves along with them."""
    if not argv or any(word in OWN_OPTIONS for word in argv):
        return argv
    for index, word in enumerate(argv):
        if word.startswith("-"):
            continue
        previous = argv[index - 1] if index else ""
        if previous.startswith("-") and "=" not in previous:
            continue  # an option's value, or a flag's neighbour: look further
        if word in names:
            end = index + 1
            if word in groups and end < len(argv) and not argv[end].startswith("-"):
                end += 1
            return [*argv[index:end], *argv[:index], *argv[end:]]
        break
    return ["compile", *argv]


def unknown_command(argv: List[str], names: Sequence[str]) -> Optional[str]:
    """The mistyped command that starts ARGV (`pcsgen complie book.xlsx`), if any: a
    first word that names no command and no file, and could not be a file's name."""
    if not argv or argv[0].startswith("-") or argv[0] in names:
        return None
    word = argv[0]
    if os.path.lexists(word) or any(c in word for c in "./:\\"):
        return None
    return word


def language_of(argv: List[str]) -> str:
    """The language ARGV asks for (before typer has read it), else the locale's."""
    for index, word in enumerate(argv):
        value = (
            word[len("--lang=") :]
            if word.startswith("--lang=")
            else (argv[index + 1] if word == "--lang" and index + 1 < len(argv) else None)
        )
        if value in ("en", "ja"):
            return value
    return chosen_language(None)


def completing() -> bool:
    """The shell asks for completions (typer's completion protocol)."""
    return any(key.startswith("_") and key.endswith("_COMPLETE") for key in os.environ)
