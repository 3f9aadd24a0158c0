"""ADDITIONAL_CONFIG: raw pcs commands, applied to the CIB with the real pcs.

A definition often comes from someone else, and compiling it must be as safe as opening
it. So only the pcs commands that edit a CIB file run, each checked against an
allow-list of command words and options before it runs:

- every word is parsed as pcs parses it (options anywhere before `--`, negative numbers
  kept as arguments), and the command is written again in one form, `pcs -f FILE
  FAMILY SUBCOMMAND [OPTIONS] -- ARGUMENTS`, for the compile-time run and for the
  script alike: after `--` pcs takes every word as an argument, whatever it starts with;
- only full option names from a short list pass (no abbreviation, no `-f` of another
  file, no `--corosync_conf`, no `--agent-validation`);
- agent names are checked as in the PRIMITIVE and STONITH tables: no path in them;
- pcs runs with a clean environment (no EDITOR, no CIB_*), stdin closed, in a private
  temporary directory, within a time bound; its whole process group is killed after.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from typing import Any, Dict, FrozenSet, List, NamedTuple, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.compiler.pcs_runner import PcsRunner
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.phrase import Phrase

PCS_TIMEOUT_SECONDS = 60

# The command words allowed, as a tree: a word leads to the words that may follow it,
# or to True (any arguments follow). "=" stands for a NAME=VALUE argument right there
# (`pcs resource defaults NAME=VALUE`). Everything here edits the CIB file pcs is given
# and nothing else: no cluster, corosync, pcsd, status or debug command, none that runs
# an agent's action or an editor, reads or writes another file.
_DEFAULTS: Dict[str, object] = {
    "update": True, "=": True,
    "set": {"create": True, "delete": True, "remove": True, "update": True},
}
ALLOWED: Dict[str, object] = {
    "resource": {
        "create": True, "delete": True, "remove": True, "update": True, "meta": True,
        "utilization": True, "clone": True, "promotable": True, "unclone": True,
        "ungroup": True, "enable": True, "disable": True, "manage": True,
        "unmanage": True,
        "group": {"add": True, "remove": True, "delete": True},
        "bundle": {"create": True, "reset": True, "update": True},
        "op": {"add": True, "delete": True, "remove": True, "defaults": _DEFAULTS},
        "defaults": _DEFAULTS,
    },
    "stonith": {
        "create": True, "delete": True, "remove": True, "update": True, "meta": True,
        "enable": True, "disable": True,
        "level": {"add": True, "clear": True, "delete": True, "remove": True},
        "op": {"add": True, "delete": True, "remove": True, "defaults": _DEFAULTS},
        "defaults": _DEFAULTS,
    },
    "constraint": {
        "location": True, "order": True, "delete": True, "remove": True,
        "colocation": {"add": True, "set": True, "delete": True, "remove": True},
        "ticket": {"add": True, "set": True, "delete": True, "remove": True},
        "rule": {"add": True, "delete": True, "remove": True},
    },
    "property": {"set": True, "unset": True},
    "alert": {
        "create": True, "update": True, "delete": True, "remove": True,
        "recipient": {"add": True, "update": True, "delete": True, "remove": True},
    },
    "acl": {
        "enable": True, "disable": True,
        "role": {"create": True, "delete": True, "remove": True, "assign": True,
                 "unassign": True},
        "user": {"create": True, "delete": True, "remove": True},
        "group": {"create": True, "delete": True, "remove": True},
        "permission": {"add": True, "delete": True, "remove": True},
    },
    "tag": {"create": True, "delete": True, "remove": True, "update": True},
    "node": {"attribute": True, "utilization": True},
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
# Options that change only how a CIB edit is done. Full names only: pcs resolves
# abbreviations against its own list, which differs between generations.
FLAG_OPTIONS = frozenset({"--force", "--no-default-ops", "--disabled", "--promoted",
                          "--master", "--future", "--no-expire-check"})
VALUE_OPTIONS = frozenset({"--group", "--after", "--before"})
# pcs replaces any word starting with this, even after `--` (its --wait=N handling).
WAIT_PREFIX = "--wait="


class PcsCommand(NamedTuple):
    """One ADDITIONAL_CONFIG command as pcs will read it."""

    command: List[str]  # the allowed command words (`resource`, `create`)
    options: List[str]  # full option words (`--force`, `--group=g`)
    arguments: List[str]  # what follows `--`

    @property
    def argv(self) -> List[str]:
        """pcs's arguments after `-f FILE`."""
        return [*self.command, *self.options, "--", *self.arguments]


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


def _words(item: ir.AdditionalConfig) -> List[str]:
    try:
        words = shlex.split(item.text.replace("\n", " "), comments=False, posix=True)
    except ValueError as exc:
        raise PcsgenError("PG505", item.location, reason=str(exc)) from None
    if not words or words[0] != "pcs":
        raise PcsgenError("PG505", item.location,
                          reason=f"'{words[0] if words else ''}' is not pcs")
    return words[1:]


def _split_options(words: List[str], item: ir.AdditionalConfig) -> \
        Tuple[List[str], List[str], Optional[PcsgenError]]:
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
                    "PG521", item.location, option=waits[0],
                    reason="pcs reads it as its --wait option wherever it stands")
            positional.extend(w for w in rest if not w.startswith(WAIT_PREFIX))
            break
        if word.startswith(WAIT_PREFIX):
            refusal = refusal or PcsgenError(
                "PG521", item.location, option=word,
                reason="pcs reads it as its --wait option wherever it stands")
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
                    refusal = refusal or PcsgenError("PG521", item.location, option=word,
                                                     reason="it needs a value")
                    continue
                value = words[index]
                index += 1
            options.append(f"{name}={value}")
        else:
            allowed = ", ".join(sorted(FLAG_OPTIONS | VALUE_OPTIONS))
            refusal = refusal or PcsgenError(
                "PG521", item.location, option=word,
                reason=f"only these options are allowed: {allowed}")
    return options, positional, refusal


def other_file(item: ir.AdditionalConfig) -> Optional[str]:
    """The file a command names first with `pcs -f FILE`, when it is not the CIB being
    built (a shell variable such as "${xmlfile}" means that CIB): pm_pcsgen runs such a
    command as written, on that file, and so does the script; the CIB never has it."""
    try:
        words = shlex.split(item.text.replace("\n", " "), comments=False, posix=True)
    except ValueError:
        return None
    if len(words) < 2 or words[0] != "pcs":
        return None
    if words[1] == "-f" and len(words) > 2:
        name = words[2]
    elif words[1].startswith("-f") and not words[1].startswith("--") and len(words[1]) > 2:
        name = words[1][2:]
    else:
        return None
    return name if name and "$" not in name else None


def _match_command(positional: List[str], item: ir.AdditionalConfig) -> int:
    """How many leading words are command words of the allow-list; refuses the rest."""
    node: object = ALLOWED
    count = 0
    while isinstance(node, dict):
        if count == len(positional):
            shown = " ".join(positional[:count]) or "(nothing)"
            raise PcsgenError("PG520", item.location, command=shown,
                              reason="it does not edit the configuration (say what to "
                                     "change)")
        word = positional[count]
        if word in node:
            node = node[word]
            count += 1
        elif "=" in node and "=" in word:
            node = node["="]
        else:
            shown = " ".join(positional[:count + 1])
            if count == 0:
                reason = "only commands that edit the configuration run at compile time (" \
                         + ", ".join(sorted(ALLOWED)) + ")"
            else:
                choices = ", ".join(sorted(k for k in node if k != "="))
                reason = f"allowed here: {choices}"
            raise PcsgenError("PG520", item.location, command=shown, reason=reason)
    return count


def _check_agents(command: List[str], arguments: List[str],
                  item: ir.AdditionalConfig) -> None:
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
    agents += [(w, spec_problem(w) and expression_problem(w)) for w in arguments
               if looks_like_agent(w)]
    for word, problem in agents:
        if problem is not None:
            raise PcsgenError("PG230", item.location, value=word, part="name",
                              reason=problem)


def parse_command(item: ir.AdditionalConfig, pcs_version: Optional[str] = None) -> \
        PcsCommand:
    """The cell's command, checked; raises a located error when it may not run."""
    options, positional, refusal = _split_options(_words(item), item)
    count = _match_command(positional, item)  # the command first: the clearer refusal
    if refusal is not None:
        raise refusal
    command, arguments = positional[:count], positional[count:]
    if pcs_version is not None:
        path = tuple(command) + (("=",) if arguments and "=" in arguments[0] else ())
        for length in range(len(path), 0, -1):
            if pcs_version in MISSING_IN.get(path[:length], frozenset()):
                raise PcsgenError("PG520", item.location, command=" ".join(positional[:3]),
                                  reason=f"pcs {pcs_version} has no such command")
    _check_agents(command, arguments, item)
    return PcsCommand(command, options, arguments)


def command_words(item: ir.AdditionalConfig) -> List[str]:
    """The argv of one ADDITIONAL_CONFIG cell, without `pcs -f FILE`."""
    return parse_command(item).argv


def created(cluster: ir.Cluster) -> Tuple[Dict[str, List[str]], Set[str]]:
    """What ADDITIONAL_CONFIG makes that constraints may name: tags (id -> members) and
    resources (bundles, and primitives put in them)."""
    tags: Dict[str, List[str]] = {}
    resources: Set[str] = set()
    for item in cluster.additional_config:
        try:
            words = [w for w in command_words(item) if not w.startswith("--")]
        except PcsgenError:
            continue
        if words[:2] == ["tag", "create"] and len(words) > 2:
            tags[words[2]] = words[3:]
        elif words[:3] == ["resource", "bundle", "create"] and len(words) > 3:
            resources.add(words[3])
        elif words[:2] in (["resource", "create"], ["stonith", "create"]) and len(words) > 2:
            resources.add(words[2])
    return tags, resources


def set_aside(cib: Any, cluster: ir.Cluster) -> List[Any]:
    """Take out of the CIB the constraints that name what ADDITIONAL_CONFIG makes."""
    tags, resources = created(cluster)
    made = set(tags) | resources
    section = cib.find("configuration/constraints")
    if not made or section is None:
        return []
    late = [c for c in section if any(c.get(k) in made for k in
                                      ("rsc", "with-rsc", "first", "then"))]
    for constraint in late:
        section.remove(constraint)
    return late


def check_commands(cluster: ir.Cluster, diagnostics: Diagnostics,
                   pcs_version: Optional[str] = None) -> None:
    for item in cluster.additional_config:
        try:
            parse_command(item, pcs_version)
        except PcsgenError as exc:
            diagnostics.report(exc)
            continue
        name = other_file(item)
        if name is not None:
            diagnostics.warning("PG252", item.location, file=name)


def find_pcs() -> Optional[str]:
    return shutil.which("pcs")


def apply_additional_config(cib: bytes, cluster: ir.Cluster, diagnostics: Diagnostics,
                            pcs: Optional[str], target_pcs: Optional[str] = None) -> bytes:
    """Run every command with `pcs -f` on a copy of the CIB and return the result; a
    warning when this machine's pcs is not the target's (`target_pcs`: 0.11, ...)."""
    if not cluster.additional_config:
        return cib
    if pcs is None:
        diagnostics.warning("PG503", cluster.additional_config[0].location,
                            count=len(cluster.additional_config))
        return cib
    with tempfile.TemporaryDirectory(prefix="pcsgen-") as directory:
        os.chmod(directory, 0o700)
        path = os.path.join(directory, "cib.xml")
        with open(path, "wb") as handle:
            handle.write(cib)
        with PcsRunner(pcs, directory, PCS_TIMEOUT_SECONDS) as runner:
            if target_pcs is not None:
                _compare_versions(runner, target_pcs, cluster, diagnostics)
            _upgrade(runner, path, cib)
            _run_commands(runner, path, cluster, diagnostics)
        with open(path, "rb") as handle:
            return handle.read()


def _compare_versions(runner: PcsRunner, target_pcs: str, cluster: ir.Cluster,
                      diagnostics: Diagnostics) -> None:
    status, output = runner.run(["--version"])
    # (a warning pcs printed instead would come back in place of the version)
    found = re.fullmatch(r"(\d+\.\d+(?:\.\d+)*)(?:\+\S*)?", output.strip())
    if status != 0 or found is None:
        return
    local = found.group(1)
    if local != target_pcs and not local.startswith(target_pcs + "."):
        diagnostics.warning("PG524", cluster.additional_config[0].location, local=local,
                            target=target_pcs)


def _upgrade(runner: PcsRunner, path: str, cib: bytes) -> None:
    """Declare the newest schema this machine's Pacemaker knows, as a live cluster's CIB
    does: a command may add what the lowest schema the content needed so far lacks (a
    colocation's influence ...). The caller declares again what the result needs; the
    epochs stay as they were (an upgrade raises admin_epoch)."""
    from lxml import etree

    before = etree.fromstring(cib, etree.XMLParser(resolve_entities=False))
    status, _output = runner.run(["-f", path, "cluster", "cib-upgrade"])
    if status != 0:
        return  # the commands then run on the CIB as declared
    with open(path, "rb") as handle:
        after = etree.fromstring(handle.read(), etree.XMLParser(resolve_entities=False))
    for name in ("admin_epoch", "epoch", "num_updates"):
        value = before.get(name)
        if value is not None:
            after.set(name, value)
    with open(path, "wb") as handle:
        handle.write(etree.tostring(after, xml_declaration=False, encoding="utf-8"))


def _run_commands(runner: PcsRunner, path: str, cluster: ir.Cluster,
                  diagnostics: Diagnostics) -> None:
    for item in cluster.additional_config:
        if other_file(item) is not None:
            continue  # it works on its own file, in the script
        try:
            argv = parse_command(item).argv
        except PcsgenError as exc:  # checked before, unless called on its own
            diagnostics.report(exc)
            continue
        try:
            status, output = runner.run(["-f", path, *argv])
        except (OSError, subprocess.SubprocessError) as exc:
            diagnostics.error("PG504", item.location, reason=str(exc))
            continue
        if status != 0:
            diagnostics.error("PG504", item.location, reason=output)
