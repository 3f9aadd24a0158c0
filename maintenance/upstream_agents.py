"""Record, for each RHEL minor release, the facts of the agents its packages were built
from, read from git copies of the upstream projects at the tags of those releases:

    python -m maintenance.upstream_agents [--pacemaker GIT_DIR]
        [--resource-agents GIT_DIR] [--check]

Pacemaker's own OCF agents (ocf:pacemaker:*) come with Pacemaker, so a minor's are those
of its Pacemaker release. resource-agents' (ocf:heartbeat:*) are read at the release a
minor's package is built from where that release is newer than its generation's oracle's:
RHEL adds backports to one base release within a major, so an older base is no better
evidence than the oracle's newer agents (and would refuse parameters RHEL backported).
An entry keeps, under "generations", the minor's facts where they differ from its
generation's (which the generation's oracle measured); the oracles' own minors keep what
they measured. --check changes nothing and exits 1 when the catalogue differs."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from pcsgen.agents.catalogue import (
    CATALOGUE_FILE,
    entry_facts,
    format_catalogue,
    read_catalogue,
)
from pcsgen.agents.metadata import parse_metadata_xml
from pcsgen.generations import Target, all_target_names, target, version

_METADATA = re.compile(rb"<\?xml.*?</resource-agent>|<resource-agent.*?</resource-agent>", re.S)


class Source(NamedTuple):
    """Where one provider's agents lie upstream, and which tag a minor's are read at."""

    provider: str  # ocf:pacemaker:
    places: Tuple[str, ...]  # the agent's path in the tree, the first the tag has
    tag: Callable[[Target], str]
    read_for: Callable[[Target], bool]  # whether a minor's facts come from upstream


def _newer_than_oracle(item: Target) -> bool:
    oracle = item.tested.get("resource_agents")
    return oracle is not None and version(item.resource_agents) > version(oracle)


PACEMAKER = Source(
    "ocf:pacemaker:",
    # moved to agents/ocf in 2.1.6
    (
        "agents/ocf/{name}.in",
        "agents/ocf/{name}",
        "extra/resources/{name}.in",
        "extra/resources/{name}",
    ),
    lambda item: f"Pacemaker-{item.reproduces}",
    lambda item: True,
)
RESOURCE_AGENTS = Source(
    "ocf:heartbeat:",
    ("heartbeat/{name}", "heartbeat/{name}.in"),
    lambda item: f"v{item.resource_agents}",
    _newer_than_oracle,
)


def _source(git_dir: str, tag: str, places: Tuple[str, ...], name: str) -> Optional[bytes]:
    for place in places:
        completed = subprocess.run(
            ["git", "--git-dir", git_dir, "show", f"{tag}:{place.format(name=name)}"],
            capture_output=True,
            check=False,
        )
        if completed.returncode == 0:
            return completed.stdout
    return None


def upstream_facts(git_dir: str, source: Source, tag: str, agent: str) -> Optional[Dict[str, Any]]:
    """The facts of one agent at a tag, as the catalogue holds them; None when that
    release has no such agent or its metadata does not parse."""
    from maintenance.refresh_agents import parse_agent

    text = _source(git_dir, tag, source.places, agent[len(source.provider) :])
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


def record(entries: List[Dict[str, Any]], git_dir: str, source: Source = PACEMAKER) -> List[str]:
    """Put each minor's facts into the entries of the source's agents; what changed."""
    changed: List[str] = []
    for entry in entries:
        if not entry["agent"].startswith(source.provider):
            continue
        others: Dict[str, Any] = dict(entry.get("generations", {}))
        for name in minors():
            item = target(name)
            facts = None
            if source.read_for(item):
                facts = upstream_facts(git_dir, source, source.tag(item), entry["agent"])
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
        description="Record the facts of the agents each RHEL minor release ships, from git "
        "copies of ClusterLabs/pacemaker and ClusterLabs/resource-agents.",
    )
    parser.add_argument("--pacemaker", help="the pacemaker repository's git directory")
    parser.add_argument("--resource-agents", help="the resource-agents repository's git directory")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when the catalogue differs"
    )
    options = parser.parse_args(argv)
    data = read_catalogue()
    changed: List[str] = []
    for source, git_dir in (
        (PACEMAKER, options.pacemaker),
        (RESOURCE_AGENTS, options.resource_agents),
    ):
        if git_dir:
            changed += record(data["agents"], git_dir, source)
    for line in changed:
        print(line, file=sys.stderr)
    if options.check:
        return 1 if changed else 0
    CATALOGUE_FILE.write_text(format_catalogue(data), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
