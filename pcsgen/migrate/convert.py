"""pm_crmgen tables -> a pm_pcsgen document (the importer's plain-data form), recording
every change the new generation asks for (generations.json) with the old cell.

This module runs the steps in their order and lays the tables out; each step is a module
of its own (settings, primitives, resources, stonith, constraints, locations) over the
conversion's state (state.py)."""

from __future__ import annotations

from typing import Any, Dict, List

from pcsgen.diagnostics import Diagnostics
from pcsgen.migrate import constraints, locations, primitives, resources, settings, stonith
from pcsgen.migrate.changes import Changes
from pcsgen.migrate.crmgen_tables import Table
from pcsgen.migrate.state import Converter, Document
from pcsgen.workbook.writer import TABLE_ORDER


def convert(
    tables: List[Table],
    target: str,
    diagnostics: Diagnostics,
    changes: Changes,
    name: str,
    title: str,
) -> Document:
    """The document TABLES make for TARGET; errors in DIAGNOSTICS, changes in CHANGES."""
    conv = Converter(tables, target, diagnostics, changes)
    settings.nodes(conv)
    settings.options(conv)
    primitives.read_primitives(conv)
    resources.resources(conv)
    resources.write_resources(conv)
    resources.resource_attributes(conv)
    stonith.fencing(conv)
    constraints.colocations(conv)
    constraints.orders(conv)
    locations.locations(conv)
    constraints.tickets(conv)
    constraints.additional(conv)
    settings.alerts(conv)
    locations.node_rules(conv)
    if conv.commands:
        conv.out["ADDITIONAL_CONFIG"] = conv.commands
    laid_out: List[Dict[str, Any]] = []
    for marker in TABLE_ORDER:
        items = conv.out.get(marker)
        if not items:
            continue
        if marker in ("PRIMITIVE", "STONITH", "ALERT"):
            laid_out.extend(items)
        elif marker == "RESOURCES":
            laid_out.append({"table": marker, "rows": items[0]})
        else:
            laid_out.append({"table": marker, "rows": items})
    if not laid_out:
        laid_out.append({"table": "PROPERTY", "rows": []})
    return {"name": name, "title": title, "tables": laid_out}
