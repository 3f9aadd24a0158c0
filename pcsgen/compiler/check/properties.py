"""Cluster properties against the target's cluster options, so that the CIB and the
script agree on what is set and pcs refuses nothing in the script:

- a name the target knows: set as given (deprecated ones with a warning);
- a Pacemaker 1.x name: put where Pacemaker's schema upgrade puts it (renamed, moved to
  rsc_defaults / op_defaults, or dropped), since the 3.x schemas refuse it;
- any other name: an error at its cell (pcs refuses it unless forced, and Pacemaker
  ignores it: a typo would silently do nothing), which says what the target calls it
  when it knows it by another name, or the known name it is closest to. A CIB brought in
  by import keeps such a property through a forced command in ADDITIONAL_CONFIG.
"""

from __future__ import annotations

import difflib
from typing import Any, Dict, List

from pcsgen import ir
from pcsgen.cluster_options import legacy, renamed, target_options
from pcsgen.diagnostics import Diagnostics
from pcsgen.phrase import Phrase


def closest_option(name: str, options: Dict[str, Any]) -> Any:
    """"did you mean" the known option closest to a name, or nothing."""
    close = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.75)
    return Phrase("did_you_mean", {"name": close[0]}) if close else ""


def check_properties(cluster: ir.Cluster, target: str, diagnostics: Diagnostics) -> None:
    known = target_options(target)
    options = known["options"]
    version = known["pacemaker"]
    kept: List[ir.NvPair] = []
    given = {p.name for p in cluster.properties}
    for pair in cluster.properties:
        if pair.name in options:
            if options[pair.name].get("deprecated"):
                diagnostics.warning("PG452", pair.location, name=pair.name, target=target,
                                    pacemaker=version)
            kept.append(pair)
            continue
        moved = legacy(pair.name, pair.value)
        if moved is not None:
            if moved.section is None or moved.name is None:
                diagnostics.warning("PG454", pair.location, name=pair.name)
                continue
            diagnostics.warning("PG453", pair.location, name=pair.name, section=moved.section,
                                replacement=moved.name)
            new = ir.NvPair(moved.name, moved.value, pair.location)
            if moved.section == "crm_config":
                if moved.name not in given:
                    kept.append(new)
            elif moved.section == "rsc_defaults":
                if not any(p.name == moved.name for p in cluster.rsc_defaults):
                    cluster.rsc_defaults.append(new)
            elif not any(p.name == moved.name for p in cluster.op_defaults):
                cluster.op_defaults.append(new)
            continue
        replacement = renamed(pair.name)
        if replacement is not None and replacement in options:
            diagnostics.error("PG451", pair.location, name=pair.name, target=target,
                              pacemaker=version, replacement=replacement)
        else:
            diagnostics.error("PG450", pair.location, name=pair.name, target=target,
                              pacemaker=version, hint=closest_option(pair.name, options))
        kept.append(pair)
    cluster.properties = kept
