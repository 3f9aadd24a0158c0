"""The design report's placements: where each resource runs with every node up and
after each node fails, from crm_simulate, or why they are not shown."""

from __future__ import annotations

from typing import Any, Dict, NamedTuple, Optional, Sequence, Tuple

from pcsgen.api.options import Options
from pcsgen.design.load import Design
from pcsgen.design.words import Words
from pcsgen.diagnostics import Diagnostics, PcsgenError


class Simulated(NamedTuple):
    """What the report says about placements: a state and, when run, the tables."""

    state: str  # ok | missing | failed | off
    reason: str = ""
    attributes: str = ""
    header: Tuple[str, ...] = ()
    rows: Tuple[Tuple[str, ...], ...] = ()
    notes: Tuple[str, ...] = ()


def simulate_design(
    design: Design,
    options: Options,
    nodes: Sequence[str],
    attributes: Sequence[str],
    words: Words,
    diagnostics: Diagnostics,
    max_simulations: Optional[int] = None,
    started: Optional[float] = None,
) -> Simulated:
    """Placements and failovers from crm_simulate, or why there are none."""
    import shutil

    from pcsgen.simulation.simulate import (
        MAX_SIMULATIONS,
        attribute_values,
        node_list,
        simulate,
        skipped_diagnostics,
    )

    if shutil.which("crm_simulate") is None:
        diagnostics.info("PG743", None)
        return Simulated("missing")
    values: Dict[str, Dict[str, str]] = {}
    try:
        values = attribute_values(attributes)
        cib = _configuration(design, options)
        fallback = sorted(
            {n.node for n in design.cluster.locations_node}
            | {lv.target for lv in design.cluster.fencing_levels}
        )
        result = simulate(
            cib,
            node_list(cib, nodes, fallback),
            values,
            max_runs=max_simulations or MAX_SIMULATIONS,
            started=started,
        )
    except PcsgenError as exc:
        reason = exc.diagnostic.message(words.lang)
        diagnostics.warning("PG744", None, reason=reason)
        return Simulated("failed", reason=reason)
    skipped_diagnostics(result, diagnostics)
    assumed = ", ".join(
        f"{node}:{key}={value}" for node, pairs in values.items() for key, value in pairs.items()
    ) or words("none")
    header = (
        words("resource"),
        words("all_up"),
        *(words("fails", node=n) for n in result.failovers),
    )
    rows = []
    for rid in sorted(result.initial):
        cells = [rid, ", ".join(result.initial[rid]) or "-"]
        cells += [", ".join(placed.get(rid, [])) or "-" for placed in result.failovers.values()]
        rows.append(tuple(cells))
    notes = []
    nowhere = result.nowhere(result.initial)
    if nowhere:
        notes.append(f"{words('all_up')}: {words('nowhere')}: {', '.join(nowhere)}")
    for node, placed in result.failovers.items():
        lost = [r for r in result.nowhere(placed) if r not in nowhere]
        if lost:
            notes.append(f"{words('fails', node=node)}: {words('nowhere')}: {', '.join(lost)}")
    return Simulated("ok", attributes=assumed, header=header, rows=tuple(rows), notes=tuple(notes))


def _configuration(design: Design, options: Options) -> Any:
    """The CIB to simulate: the file itself, or the definition compiled."""
    from pcsgen.cib.canonical import parse_cib
    from pcsgen.compiler.pipeline import emit
    from pcsgen.inputs import MAX_CIB_BYTES, read_bounded

    if design.from_cib:
        return parse_cib(read_bounded(design.spec, MAX_CIB_BYTES), design.spec)
    compiled = emit(design.analysis, options)
    if compiled.cib is None:
        raise PcsgenError.ending(design.diagnostics)
    return parse_cib(compiled.cib)
