"""ADDITIONAL_CONFIG cells -> typed pcs commands (ir.AdditionalConfig), parsed once.

A definition often comes from someone else, and compiling it must be as safe as opening
it. So only the pcs commands that edit a CIB file run (compiler.additional runs them),
each read here against an allow-list of command words and options:

- every word is parsed as pcs parses it (options anywhere before `--`, negative numbers
  kept as arguments), and the command is written again in one form, `pcs -f FILE
  FAMILY SUBCOMMAND [OPTIONS] -- ARGUMENTS`, for the compile-time run and for the
  script alike: after `--` pcs takes every word as an argument, whatever it starts with;
- only full option names from a short list pass (no abbreviation, no `-f` of another
  file, no `--corosync_conf`, no `--agent-validation`);
- agent names are checked as in the PRIMITIVE and STONITH tables: no path in them.

A command refused here keeps its refusal in the IR; check.commands reports it, with
what the target's pcs lacks.
"""

from __future__ import annotations

import shlex
from typing import Dict, FrozenSet, List, Optional, Tuple

from pcsgen import ir
from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location
from pcsgen.diagnostics.phrase import Joined, Phrase

# The command words allowed, as a tree: a word leads to the words that may follow it,
# or to True (any arguments follow). "=" stands for a NAME=VALUE argument right there
# (`pcs resource defaults NAME=VALUE`). Everything here edits the CIB file pcs is given
# and nothing else: no cluster, corosync, pcsd, status or debug command, none that runs
# an agent's action or an editor, reads or writes another file.
_DEFAULTS: Dict[str, object] = {
    "update": True,
    "=": True,
    "set": {"create": True, "delete": True, "remove": True, "update": True},
}
ALLOWED: Dict[str, object] = {
    "resource": {
        "create": True,
        "delete": True,
        "remove": True,
        "update": True,
        "meta": True,
        "utilization": True,
        "clone": True,
        "promotable": True,
        "unclone": True,
        "ungroup": True,
        "description": True,
        "enable": True,
        "disable": True,
        "manage": True,
        "unmanage": True,
        "group": {"add": True, "remove": True, "delete": True},
        "bundle": {"create": True, "reset": True, "update": True},
        "op": {"add": True, "delete": True, "remove": True, "defaults": _DEFAULTS},
        "defaults": _DEFAULTS,
    },
    "stonith": {
        "create": True,
        "delete": True,
        "remove": True,
        "update": True,
        "meta": True,
        "description": True,
        "enable": True,
        "disable": True,
        "level": {"add": True, "clear": True, "delete": True, "remove": True},
        "op": {"add": True, "delete": True, "remove": True, "defaults": _DEFAULTS},
        "defaults": _DEFAULTS,
    },
    "constraint": {
        "location": True,
        "order": True,
        "delete": True,
        "remove": True,
        "colocation": {"add": True, "set": True, "delete": True, "remove": True},
        "ticket": {"add": True, "set": True, "delete": True, "remove": True},
        "rule": {"add": True, "delete": True, "remove": True},
    },
    "property": {"set": True, "unset": True},
    "alert": {
        "create": True,
        "update": True,
        "delete": True,
        "remove": True,
        "recipient": {"add": True, "update": True, "delete": True, "remove": True},
    },
    "acl": {
        "enable": True,
        "disable": True,
        "role": {"create": True, "delete": True, "remove": True, "assign": True, "unassign": True},
        "user": {"create": True, "delete": True, "remove": True},
        "group": {"create": True, "delete": True, "remove": True},
        "permission": {"add": True, "delete": True, "remove": True},
    },
    "tag": {"create": True, "delete": True, "remove": True, "update": True},
    "node": {"attribute": True, "utilization": True},
    "cib": {"element": {"description": True}},
}
# Commands of the allow-list that one pcs generation lacks (from each one's usage).
MISSING_IN: Dict[Tuple[str, ...], FrozenSet[str]] = {
    ("constraint", "rule"): frozenset({"0.12"}),
    ("stonith", "meta"): frozenset({"0.10"}),
    ("stonith", "op"): frozenset({"0.10"}),
    ("stonith", "defaults"): frozenset({"0.10"}),
    ("resource", "defaults", "="): frozenset({"0.12"}),
    ("resource", "op", "defaults", "="): frozenset({"0.12"}),
    ("stonith", "defaults", "="): frozenset({"0.12"}),
    ("stonith", "op", "defaults", "="): frozenset({"0.12"}),
}
# The commands that set a CIB element's description (pcs 0.12.2 on), which pcsgen
# applies itself (pcsgen.pcs.element_description)
DESCRIPTION_PATHS = (
    ("resource", "description"),
    ("stonith", "description"),
    ("cib", "element", "description"),
)
DESCRIPTION_COMMANDS = frozenset(" ".join(path) for path in DESCRIPTION_PATHS)
# Commands of the allow-list that came with a pcs release: the pcs_changes entry
# (schemas/generations.json) whose dialect attribute says whether the target's pcs has it.
SINCE_CHANGE: Dict[Tuple[str, ...], str] = {
    path: "element_descriptions" for path in DESCRIPTION_PATHS
}
# Options that change only how a CIB edit is done. Full names only: pcs resolves
# abbreviations against its own list, which differs between generations.
FLAG_OPTIONS = frozenset(
    {
        "--force",
        "--no-default-ops",
        "--disabled",
        "--promoted",
        "--master",
        "--future",
        "--no-expire-check",
    }
)
VALUE_OPTIONS = frozenset({"--group", "--after", "--before"})
# pcs replaces any word starting with this, even after `--` (its --wait=N handling).
WAIT_PREFIX = "--wait="


def is_negative_number(word: str) -> bool:
    """As pcs decides that a word starting with '-' is an argument, not an option."""
    if not word.startswith("-"):
        return False
    rest = word[1:]
    if rest.isdigit() or rest.lower() == "infinity":
        return True
    try:
        float(word)
    except ValueError:
        return False
    return True


def _shell_words(text: str, location: Location) -> List[str]:
    try:
        return shlex.split(text.replace("\n", " "), comments=False, posix=True)
    except ValueError as exc:
        raise PcsgenError("PG505", location, reason=str(exc)) from None


def _pcs_words(words: List[str], location: Location) -> List[str]:
    if not words or words[0] != "pcs":
        raise PcsgenError(
            "PG505", location, reason=Phrase("cmd_not_pcs", {"word": words[0] if words else ""})
        )
    return words[1:]


def _split_options(
    words: List[str], location: Location
) -> Tuple[List[str], List[str], Optional[PcsgenError]]:
    """(options, positional words, the first refusal of an option), as pcs's getopt
    splits them; `-f FILE` dropped."""
    options: List[str] = []
    positional: List[str] = []
    refusal: Optional[PcsgenError] = None
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == "--":
            rest = words[index:]
            waits = [w for w in rest if w.startswith(WAIT_PREFIX)]
            if waits:  # even after `--`
                refusal = refusal or PcsgenError(
                    "PG521",
                    location,
                    option=waits[0],
                    reason=Phrase("why_pcs_wait", {"wait": "--wait"}),
                )
            positional.extend(w for w in rest if not w.startswith(WAIT_PREFIX))
            break
        if word.startswith(WAIT_PREFIX):
            refusal = refusal or PcsgenError(
                "PG521", location, option=word, reason=Phrase("why_pcs_wait", {"wait": "--wait"})
            )
            continue
        if not word.startswith("-") or word == "-" or is_negative_number(word):
            positional.append(word)
            continue
        if word == "-f":
            index += 1  # the CIB file: pcsgen gives its own
            continue
        if word.startswith("-f") and not word.startswith("--"):
            continue
        name, equals, value = word.partition("=")
        if name in FLAG_OPTIONS and not equals:
            options.append(name)
        elif name in VALUE_OPTIONS:
            if not equals:
                if index >= len(words):
                    refusal = refusal or PcsgenError(
                        "PG521", location, option=word, reason=Phrase("cmd_needs_value")
                    )
                    continue
                value = words[index]
                index += 1
            options.append(f"{name}={value}")
        else:
            allowed = ", ".join(sorted(FLAG_OPTIONS | VALUE_OPTIONS))
            refusal = refusal or PcsgenError(
                "PG521",
                location,
                option=word,
                reason=Phrase("cmd_options_allowed", {"allowed": allowed}),
            )
    return options, positional, refusal


def _other_file(words: List[str]) -> Optional[str]:
    """The file a command names first with `pcs -f FILE`, when it is not the CIB being
    built (a shell variable such as "${xmlfile}" means that CIB): pm_pcsgen runs such a
    command as written, on that file, and so does the script; the CIB never has it."""
    if len(words) < 2 or words[0] != "pcs":
        return None
    if words[1] == "-f" and len(words) > 2:
        name = words[2]
    elif words[1].startswith("-f") and not words[1].startswith("--") and len(words[1]) > 2:
        name = words[1][2:]
    else:
        return None
    return name if name and "$" not in name else None


def _match_command(positional: List[str], location: Location) -> int:
    """How many leading words are command words of the allow-list; refuses the rest."""
    node: object = ALLOWED
    count = 0
    while isinstance(node, dict):
        if count == len(positional):
            shown = " ".join(positional[:count]) or "(nothing)"
            raise PcsgenError("PG520", location, command=shown, reason=Phrase("cmd_edits_nothing"))
        word = positional[count]
        if word in node:
            node = node[word]
            count += 1
        elif "=" in node and "=" in word:
            node = node["="]
        else:
            shown = " ".join(positional[: count + 1])
            if count == 0:
                reason = Phrase("cmd_only_edits", {"commands": Joined(tuple(sorted(ALLOWED)))})
            else:
                choices = ", ".join(sorted(k for k in node if k != "="))
                reason = Phrase("cmd_allowed_here", {"choices": choices})
            raise PcsgenError("PG520", location, command=shown, reason=reason)
    return count


def _check_agents(command: List[str], arguments: List[str], location: Location) -> None:
    from pcsgen.agents.names import (
        expression_problem,
        looks_like_agent,
        part_problem,
        spec_problem,
    )

    agents: List[Tuple[str, Optional[Phrase]]] = []
    if command in (["resource", "create"], ["stonith", "create"]) and len(arguments) > 1:
        word = arguments[1]
        if command[0] == "stonith" and ":" not in word:
            agents.append((word, part_problem("type", word, "stonith")))
        else:
            agents.append((word, spec_problem(word)))
    # any other word naming an agent: an agent pcs would run, or a rule's resource
    # expression (`ocf:pacemaker:`, `systemd::httpd`), whose parts may be empty
    agents += [
        (w, spec_problem(w) and expression_problem(w)) for w in arguments if looks_like_agent(w)
    ]
    for word, problem in agents:
        if problem is not None:
            raise PcsgenError("PG230", location, value=word, part="name", reason=problem)


def missing_in(command: ir.PcsCommand, pcs_version: str) -> bool:
    """Whether the pcs of that version (0.10, ...) lacks the command."""
    arguments = command.arguments
    path = tuple(command.command) + (("=",) if arguments and "=" in arguments[0] else ())
    return any(
        pcs_version in MISSING_IN.get(path[:length], frozenset())
        for length in range(len(path), 0, -1)
    )


def change_needed(command: ir.PcsCommand) -> Optional[str]:
    """The pcs_changes entry the command came with (None: every release of a series
    without it in MISSING_IN has it)."""
    return SINCE_CHANGE.get(tuple(command.command))


def _made(command: List[str], arguments: List[str]) -> Tuple[Optional[str], List[str]]:
    """The id of the tag, bundle or resource a command creates, and a tag's members
    (words pcs reads as options after `--` are not ids)."""
    words = [w for w in arguments if not w.startswith("--")]
    if not words or command not in (
        ["tag", "create"],
        ["resource", "bundle", "create"],
        ["resource", "create"],
        ["stonith", "create"],
    ):
        return None, []
    return words[0], words[1:] if command[0] == "tag" else []


def read_command(text: str, location: Location) -> ir.AdditionalConfig:
    """The cell's command as pcs will read it, or the refusal that keeps it from pcs."""
    file = None
    try:
        words = _shell_words(text, location)
        file = _other_file(words)
        options, positional, refusal = _split_options(_pcs_words(words, location), location)
        count = _match_command(positional, location)  # the command first: the clearer refusal
        if refusal is not None:
            raise refusal
    except PcsgenError as exc:
        return ir.AdditionalConfig(text, location, None, exc.diagnostic, file)
    command, arguments = positional[:count], positional[count:]
    made, members = _made(command, arguments)
    parsed = ir.PcsCommand(command, options, arguments, made, members)
    try:
        _check_agents(command, arguments, location)
    except PcsgenError as exc:
        # kept with its command: the target's pcs lacking the command is said first
        return ir.AdditionalConfig(text, location, parsed, exc.diagnostic, file)
    return ir.AdditionalConfig(text, location, parsed, None, file)


def additional_config(
    tables: List[RawTable], diagnostics: Diagnostics
) -> List[ir.AdditionalConfig]:
    found: List[ir.AdditionalConfig] = []
    for table in tables:
        for section in table.sections:
            for row in section.rows:
                cell = row["config"]
                if not cell.value:
                    continue
                # A trailing backslash continues a line, as in the shell; the
                # lines of one cell form one command.
                lines = [line.rstrip().rstrip("\\").rstrip() for line in cell.value.split("\n")]
                text = "\n".join(line for line in lines if line.strip())
                found.append(read_command(text, cell.location))
    return found
