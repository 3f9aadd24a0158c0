"""STONITH_LEVEL, ALERT and ADDITIONAL_CONFIG tables."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from pcsgen import ir
from pcsgen.compiler.builders.common import NvList, RowReader, attribute_rows, row_readers
from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics

_DEVICE_SEPARATORS = re.compile(r"[\s,]+")


def fencing_levels(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.FencingLevel]:
    levels: List[ir.FencingLevel] = []
    seen: Dict[Tuple[str, int], ir.FencingLevel] = {}
    for row, reader in row_readers(tables, diagnostics):
        node = reader.required("node")
        devices_text = reader.required("id")
        level_text = reader.required("level")
        if not reader.ok:
            continue
        if not level_text.isdigit() or not 1 <= int(level_text) <= 9:
            reader.error("PG210", row["level"], value=level_text)
            continue
        index = int(level_text)
        first = seen.get((node, index))
        if first is not None:
            diagnostics.error(
                "PG309", row["level"].location, level=index, node=node, first_row=first.location.row
            )
            continue
        devices = [d for d in _DEVICE_SEPARATORS.split(devices_text) if d]
        level = ir.FencingLevel(node, index, devices, row["id"].location, where=row.where())
        seen[(node, index)] = level
        levels.append(level)
    return levels


def alerts(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.Alert]:
    found: List[ir.Alert] = []
    paths: Dict[str, ir.Alert] = {}
    for table in tables:
        head = table.section("P")
        if head is None or not head.rows:
            for section in table.sections:
                if section.marker != "P" and section.rows:
                    where = (
                        head.location.at_column(head.columns.get("path", 0))
                        if head
                        else section.rows[0].location
                    )
                    diagnostics.error(
                        "PG226", where, table="ALERT", sub=section.marker, owner="P", column="path"
                    )
                    break
            continue
        # Every P row is an alert (pm_pcsgen's reading); the A and R rows below the
        # P rows belong to the last of them.
        alert: Optional[ir.Alert] = None
        for row in head.rows:
            reader = RowReader(row, head.spec, diagnostics)
            path = reader.required("path")
            if not reader.ok:
                continue
            alert = ir.Alert(f"alert_{len(found) + 1}", path, row["path"].location)
            if path in paths:
                diagnostics.warning(
                    "PG224", row["path"].location, path=path, first_row=paths[path].location.row
                )
            paths.setdefault(path, alert)
            found.append(alert)
        if alert is None:
            continue
        path = alert.path
        target: Optional[object] = alert
        option_lists = {
            id(alert): (
                NvList(f"alert {path} (options)", diagnostics),
                NvList(f"alert {path} (meta)", diagnostics),
            )
        }
        for section in table.sections:
            if section.marker == "R":
                if not section.rows:
                    target = None  # A rows after an empty R belong to no one
                for recipient_row in section.rows:
                    recipient_reader = RowReader(recipient_row, section.spec, diagnostics)
                    value = recipient_reader.required("recipient")
                    if not recipient_reader.ok:
                        continue
                    recipient = ir.Recipient(value, recipient_row["recipient"].location)
                    first = next((r for r in alert.recipients if r.value == value), None)
                    if first is not None:
                        diagnostics.error(
                            "PG257",
                            recipient.location,
                            value=value,
                            alert=alert.id,
                            first_row=first.location.row,
                        )
                    alert.recipients.append(recipient)
                    option_lists[id(recipient)] = (
                        NvList(f"recipient {value} (options)", diagnostics),
                        NvList(f"recipient {value} (meta)", diagnostics),
                    )
                    target = recipient
            elif section.marker == "A":
                if target is None:
                    if section.rows:
                        diagnostics.error(
                            "PG226",
                            section.rows[0].location.at_column(3),
                            table="ALERT",
                            sub="A",
                            owner="R",
                            column="recipient",
                        )
                    continue
                options, meta = option_lists[id(target)]
                attribute_rows(section, {"options": options, "meta": meta}, diagnostics)
        alert.options, alert.meta = (lists.items for lists in option_lists[id(alert)])
        for recipient in alert.recipients:
            recipient.options, recipient.meta = (
                lists.items for lists in option_lists[id(recipient)]
            )
    return found
