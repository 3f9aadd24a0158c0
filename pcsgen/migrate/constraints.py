"""COLOCATION, ORDER, RSC_TICKET and ADDITIONAL_CONFIG of pm_crmgen -> pm_pcsgen's
constraints, with a ticket and every crm command pcs can say as a pcs command, and the
crm commands pcs cannot say kept as comments."""

from __future__ import annotations

import re

from pcsgen.migrate.convert_words import FALSE_WORDS as _FALSE
from pcsgen.migrate.convert_words import TRUE_WORDS as _TRUE
from pcsgen.migrate.convert_words import score_word as score
from pcsgen.migrate.crm_commands import translate
from pcsgen.migrate.state import Converter


def colocations(conv: Converter) -> None:
    for row in conv.table_rows("COLOCATION"):
        rsc, with_rsc = row.value("rsc"), row.value("with-rsc")
        if not (rsc and with_rsc and row.value("score")):
            conv.diagnostics.error(
                "PG975", row.location, table="COLOCATION", column="rsc, with-rsc, score"
            )
            continue
        if not conv.known(rsc, row.cells.get("rsc")) or not conv.known(
            with_rsc, row.cells.get("with-rsc")
        ):
            continue
        value = score(row.value("score"))
        roles = (
            conv.role(row.cells.get("rsc-role"), rsc),
            conv.role(row.cells.get("with-rsc-role"), with_rsc),
        )
        conv.record_pair(("colocation", rsc, with_rsc, value, *roles))
        conv.add(
            "COLOCATION",
            {
                "rsc": rsc,
                "with-rsc": with_rsc,
                "score": value,
                "rsc-role": roles[0],
                "with-rsc-role": roles[1],
            },
        )


def orders(conv: Converter) -> None:
    for row in conv.table_rows("ORDER"):
        first, then = row.value("first-rsc"), row.value("then-rsc")
        if not (first and then and row.value("score")):
            conv.diagnostics.error(
                "PG975", row.location, table="ORDER", column="first-rsc, then-rsc, score"
            )
            continue
        if not conv.known(first, row.cells.get("first-rsc")) or not conv.known(
            then, row.cells.get("then-rsc")
        ):
            continue
        value = score(row.value("score"))
        kind = "Optional" if value in ("0", "+0", "-0") else "Mandatory"
        conv.changes.add(
            "PG999",
            row.cells["score"].location,
            "a Pacemaker order's score "
            "0 is kind Optional, any other score Mandatory; pm_pcsgen's "
            "format says the kind",
            (first, then),
            old=row.value("score"),
            new=kind,
        )
        symmetrical = row.value("symmetrical").lower()
        if symmetrical:
            symmetrical = (
                "true"
                if symmetrical in _TRUE
                else "false"
                if symmetrical in _FALSE
                else symmetrical
            )
        actions = (row.value("first-action").lower(), row.value("then-action").lower())
        conv.record_pair(("order", first, then, value, *actions, symmetrical))
        conv.add(
            "ORDER",
            {
                "first-rsc": first,
                "then-rsc": then,
                "kind": kind,
                "first-action": actions[0],
                "then-action": actions[1],
                "symmetrical": symmetrical,
            },
        )


def tickets(conv: Converter) -> None:
    source = conv.data["ticket_source"]
    for row in conv.table_rows("RSC_TICKET"):
        ticket, rsc = row.value("ticket"), row.value("rsc")
        if not ticket or not rsc or not conv.known(rsc, row.cells.get("rsc")):
            continue
        words = ["pcs", "constraint", "ticket", "add", ticket]
        role = conv.role(row.cells.get("role"), rsc)
        if role:
            words.append(role)
        words.append(rsc)
        if row.value("loss-policy"):
            words.append(f"loss-policy={row.value('loss-policy')}")
        command = " ".join(words)
        conv.commands.append({"config": command})
        conv.changes.add(
            "PG976",
            row.location,
            source,
            (rsc, ticket),
            old=f"rsc_ticket {ticket}",
            command=command,
        )


def additional(conv: Converter) -> None:
    for row in conv.table_rows("ADDITIONAL_CONFIG"):
        cell = row.cells.get("config")
        if cell is None:
            continue
        command, why = translate(cell.value, conv.target)
        if command is not None:
            if _duplicate(conv, command):
                # crmsh took a second constraint on the same resources; pcs takes it
                # only when forced
                command += " --force"
            conv.commands.append({"config": command})
            conv.changes.add("PG976", cell.location, why, (), old=cell.value, command=command)
        else:
            conv.comments.append(cell.value)
            ids = conv.tree_ids()
            named = [w for w in re.split(r"[\s():,]+", cell.value) if w in ids]
            conv.changes.add("PG980", cell.location, why, named, old=cell.value)


def _duplicate(conv: Converter, command: str) -> bool:
    words = command.split()
    if words[:3] == ["pcs", "constraint", "order"]:
        names = [w for w in words[3:] if w in conv.tree_ids()]
        return ("order", frozenset(names[:2])) in conv.linked
    if words[:4] == ["pcs", "constraint", "colocation", "add"]:
        names = [w for w in words[4:] if w in conv.tree_ids()]
        return ("colocation", frozenset(names[:2])) in conv.linked
    return False
