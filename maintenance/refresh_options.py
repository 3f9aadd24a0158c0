"""Regenerate schemas/cluster-options.json from Pacemaker's own option metadata.

    python -m maintenance.refresh_options rhel8=DIR rhel9=DIR rhel10=DIR

DIR holds the outputs of one Pacemaker release (`pacemaker-based metadata`,
`pacemaker-controld metadata`, `pacemaker-schedulerd metadata`, or
`crm_attribute --list-options=cluster --all --output-as=xml`) as
options-*-{based,controld,schedulerd,crm_attribute}.xml, and a file VERSION with the
release. The names, types, defaults and deprecations come from there; the renames
and legacy names (RENAMED, LEGACY below) from Pacemaker's sources and its schema
upgrade (upgrade-2.10.xsl), which no metadata lists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from lxml import etree

OUTPUT = Path(__file__).resolve().parents[1] / "schemas" / "cluster-options.json"
SOURCES = ("crm_attribute", "based", "controld", "schedulerd")
# Names later Pacemaker releases give options (lib/common/options.c lists the old
# name beside the new one).
RENAMED = {
    "fencing-enabled": "stonith-enabled",
    "fencing-action": "stonith-action",
    "fencing-reaction": "fence-reaction",
    "fencing-timeout": "stonith-timeout",
    "fencing-max-attempts": "stonith-max-attempts",
    "fencing-watchdog-timeout": "stonith-watchdog-timeout",
}
# Names Pacemaker 1.x used: the schema upgrade to pacemaker-3.0 (upgrade-2.10.xsl)
# renames them, moves them to rsc_defaults / op_defaults, or drops them; the 3.x
# schemas refuse them in crm_config.
LEGACY: Dict[str, Dict[str, Optional[str]]] = {
    "cluster_recheck_interval": {"section": "crm_config", "name": "cluster-recheck-interval"},
    "dc_deadtime": {"section": "crm_config", "name": "dc-deadtime"},
    "default-action-timeout": {"section": "op_defaults", "name": "timeout"},
    "default_action_timeout": {"section": "op_defaults", "name": "timeout"},
    "default-migration-threshold": {"section": None, "name": None},
    "default_migration_threshold": {"section": None, "name": None},
    "default-resource-stickiness": {"section": "rsc_defaults", "name": "resource-stickiness"},
    "default_resource_stickiness": {"section": "rsc_defaults", "name": "resource-stickiness"},
    "default-resource-failure-stickiness": {
        "section": "rsc_defaults",
        "name": "migration-threshold",
        "only": "-INFINITY",
        "value": "1",
    },
    "default_resource_failure_stickiness": {
        "section": "rsc_defaults",
        "name": "migration-threshold",
        "only": "-INFINITY",
        "value": "1",
    },
    "election_timeout": {"section": "crm_config", "name": "election-timeout"},
    "expected-quorum-votes": {"section": None, "name": None},
    "is-managed-default": {"section": "rsc_defaults", "name": "is-managed"},
    "is_managed_default": {"section": "rsc_defaults", "name": "is-managed"},
    "no_quorum_policy": {"section": "crm_config", "name": "no-quorum-policy"},
    "notification-agent": {"section": None, "name": None},
    "notification-recipient": {"section": None, "name": None},
    "remove_after_stop": {"section": "crm_config", "name": "remove-after-stop"},
    "shutdown_escalation": {"section": "crm_config", "name": "shutdown-escalation"},
    "startup_fencing": {"section": "crm_config", "name": "startup-fencing"},
    "stonith_action": {"section": "crm_config", "name": "stonith-action"},
    "stonith_enabled": {"section": "crm_config", "name": "stonith-enabled"},
    "stop_orphan_actions": {"section": "crm_config", "name": "stop-orphan-actions"},
    "stop_orphan_resources": {"section": "crm_config", "name": "stop-orphan-resources"},
    "symmetric_cluster": {"section": "crm_config", "name": "symmetric-cluster"},
    "transition_idle_timeout": {"section": "crm_config", "name": "cluster-delay"},
}


def parse_metadata(path: Path) -> List[Dict[str, Any]]:
    root = etree.parse(
        str(path), etree.XMLParser(resolve_entities=False, no_network=True)
    ).getroot()
    options = []
    for parameter in root.iter("parameter"):
        content = parameter.find("content")
        shortdesc = parameter.findtext("shortdesc") or ""
        option: Dict[str, Any] = {"name": parameter.get("name")}
        if content is not None:
            option["type"] = content.get("type")
            if content.get("default") is not None:
                option["default"] = content.get("default")
        if parameter.find("deprecated") is not None or "*** Deprecated ***" in shortdesc:
            option["deprecated"] = True
        if parameter.get("generated") == "1":
            option["generated"] = True
        options.append(option)
    return options


def release(directory: Path) -> Dict[str, Any]:
    options: Dict[str, Dict[str, Any]] = {}
    for source in SOURCES:
        for path in sorted(directory.glob(f"options-*-{source}.xml")):
            for option in parse_metadata(path):
                name = option.pop("name")
                options.setdefault(name, option)
        if source == "crm_attribute" and options:
            break  # one list of every cluster option: the daemons add nothing
    version = (directory / "VERSION").read_text().strip()
    return {"pacemaker": version, "options": dict(sorted(options.items()))}


def main(argv: List[str]) -> int:
    if not argv or any("=" not in argument for argument in argv):
        # without a release to read, the run would write a file of no targets
        print(__doc__, file=sys.stderr)
        return 2
    targets = {}
    for argument in argv:
        target, _, directory = argument.partition("=")
        targets[target] = release(Path(directory))
    data = {
        "comment": "Cluster options (crm_config) per target, from Pacemaker's own metadata "
        "(python -m maintenance.refresh_options); renamed: names of "
        "later releases and what older ones call them; legacy: Pacemaker 1.x "
        "names and where the schema upgrade puts them (section null: dropped).",
        "targets": targets,
        "renamed": RENAMED,
        "legacy": LEGACY,
    }
    OUTPUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
