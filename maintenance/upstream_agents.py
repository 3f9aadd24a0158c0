"""Record the facts of Pacemaker's own OCF agents (ocf:pacemaker:*) for each RHEL minor
release in the catalogue, read from a git copy of ClusterLabs/pacemaker at the tag of
the Pacemaker that minor ships:

    python -m maintenance.upstream_agents PACEMAKER_GIT_DIR [--check]

These agents come with Pacemaker, so a minor's are those of its Pacemaker release. An
entry keeps, under "generations", the minor's facts where they differ from its
generation's (which the generation's oracle measured); the oracles' own minors keep
what they measured. --check changes nothing and exits 1 when the catalogue differs."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from typing import Any, Dict, List, Optional

from pcsgen.agents.catalogue import (
    CATALOGUE_FILE,
    entry_facts,
    format_catalogue,
    read_catalogue,
)
from pcsgen.agents.metadata import parse_metadata_xml
from pcsgen.generations import all_target_names, target

PROVIDER = "ocf:pacemaker:"
# where an agent's source lies in the tree, by release (moved to agents/ocf in 2.1.6)
PLACES = (
    "agents/ocf/{name}.in",
    "agents/ocf/{name}",
    "extra/resources/{name}.in",
    "extra/resources/{name}",
)
_METADATA = re.compile(rb"<\?xml.*?</resource-agent>|<resource-agent.*?</resource-agent>", re.S)


def _source(git_dir: str, tag: str, name: str) -> Optional[bytes]:
    for place in PLACES:  # the first that the tag has
        completed = subprocess.run(
            ["git", "--git-dir", git_dir, "show", f"{tag}:{place.format(name=name)}"],
            capture_output=True,
            check=False,
        )
        if completed.returncode == 0:
            return completed.stdout
    return None


def upstream_facts(git_dir: str, pacemaker: str, agent: str) -> Optional[Dict[str, Any]]:
    """The facts of one of Pacemaker's own agents at a release, as the catalogue holds
    them; None when that release has no such agent or its metadata does not parse."""
    from maintenance.refresh_agents import parse_agent

    text = _source(git_dir, f"Pacemaker-{pacemaker}", agent[len(PROVIDER) :])
    found = _METADATA.search(text) if text is not None else None
    if found is None:
        return None
    metadata = parse_metadata_xml(found.group(0), parse_agent(agent))
    if metadata is None:
        return None
    return {k: v for k, v in metadata.to_json().items() if k != "agent"}


def minors() -> List[str]:
    """The minor targets whose agents are not measured by an oracle."""
    return [
        name
        for name in all_target_names()
        if target(name).minor and name != target(name).generation and not target(name).oracle
    ]


def record(entries: List[Dict[str, Any]], git_dir: str) -> List[str]:
    """Put each minor's facts into the entries of Pacemaker's own agents; what changed."""
    changed: List[str] = []
    for entry in entries:
        if not entry["agent"].startswith(PROVIDER):
            continue
        others: Dict[str, Any] = dict(entry.get("generations", {}))
        for name in minors():
            item = target(name)
            facts = upstream_facts(git_dir, item.reproduces, entry["agent"])
            generation = entry_facts({**entry, "generations": others}, item.generation) or {}
            different = {k: v for k, v in (facts or {}).items() if generation.get(k) != v}
            if different != others.get(name, {}):
                changed.append(f"{entry['agent']} {name}")
            if different:
                others[name] = different
            else:
                others.pop(name, None)
        entry.pop("generations", None)
        if others:
            entry["generations"] = dict(sorted(others.items()))
    return changed


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m maintenance.upstream_agents",
        description="Record the facts of Pacemaker's own agents for each RHEL minor release, "
        "from a git copy of ClusterLabs/pacemaker.",
    )
    parser.add_argument("git_dir", help="the pacemaker repository's git directory")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when the catalogue differs"
    )
    options = parser.parse_args(argv)
    data = read_catalogue()
    changed = record(data["agents"], options.git_dir)
    for line in changed:
        print(line, file=sys.stderr)
    if options.check:
        return 1 if changed else 0
    CATALOGUE_FILE.write_text(format_catalogue(data), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
