"""Cluster properties against the target's cluster options, so that pcs refuses nothing
in the script:

- a name the target knows: set as given (deprecated ones with a warning);
- a Pacemaker 1.x name: moved by the completion step (compiler.complete.properties),
  which says so; the name it was moved to is not judged again;
- any other name: an error at its cell (pcs refuses it unless forced, and Pacemaker
  ignores it: a typo would silently do nothing), which says what the target calls it
  when it knows it by another name, or the known name it is closest to. A CIB brought in
  by import keeps such a property through a forced command in ADDITIONAL_CONFIG.
"""

from __future__ import annotations

import difflib
from typing import Any, Dict

from pcsgen import ir
from pcsgen.cluster_options import renamed, target_options
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.phrase import Phrase


def closest_option(name: str, options: Dict[str, Any]) -> Any:
    """ "did you mean" the known option closest to a name, or nothing."""
    close = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.75)
    return Phrase("did_you_mean", {"name": close[0]}) if close else ""


def check_properties(cluster: ir.Cluster, target: str, diagnostics: Diagnostics) -> None:
    known = target_options(target)
    options = known["options"]
    version = known["pacemaker"]
    for pair in cluster.properties:
        if pair.written_as is not None:
            continue
        if pair.name in options:
            if options[pair.name].get("deprecated"):
                diagnostics.warning(
                    "PG452", pair.location, name=pair.name, target=target, pacemaker=version
                )
            continue
        replacement = renamed(pair.name)
        if replacement is not None and replacement in options:
            diagnostics.error(
                "PG451",
                pair.location,
                name=pair.name,
                target=target,
                pacemaker=version,
                replacement=replacement,
            )
        else:
            diagnostics.error(
                "PG450",
                pair.location,
                name=pair.name,
                target=target,
                pacemaker=version,
                hint=closest_option(pair.name, options),
            )
