"""The LOCATION tables of pm_crmgen -> LOCATION_NODE and LOCATION_RULE rows: its shorthand
columns (score:N, ping[d]:ATTR:VALUE, diskd:ATTR) with the colocation and order it
generated beside them, and LOCATION_EXPERT rules, a fence group's given to its devices."""

from __future__ import annotations

from typing import Dict, List, Tuple

from pcsgen.compiler.tables import Cell
from pcsgen.diagnostics.location import Location
from pcsgen.migrate.convert_words import FALSE_WORDS as _FALSE
from pcsgen.migrate.convert_words import TRUE_WORDS as _TRUE
from pcsgen.migrate.convert_words import score_word as score
from pcsgen.migrate.state import Converter


def targets(conv: Converter, rid: str) -> List[str]:
    """A dissolved stonith group stands for its devices."""
    if rid in conv.dissolved:
        return [d for d in conv.dissolved[rid] if d not in conv.dropped]
    return [rid]


def locations(conv: Converter) -> None:
    for row in conv.table_rows("LOCATION"):
        rsc = row.value("rsc")
        if not rsc or not conv.known(rsc, row.cells.get("rsc")):
            continue
        for key, cell in row.cells.items():
            if key == "rsc":
                continue
            kind = key.split(":")[0]
            if kind == "score":
                location_score(conv, rsc, key.split(":", 1)[1], cell)
            elif cell.value.lower() in _TRUE:
                location_attribute(conv, rsc, key, cell)
            elif cell.value.lower() not in _FALSE:
                conv.diagnostics.error("PG978", cell.location, value=cell.value, column=key)
    rsc = ""
    # (resource, first row, further expressions, where): written once each is whole,
    # so that a fence group's rule is repeated for each of its devices
    rules: List[Tuple[str, Dict[str, str], List[Dict[str, str]], Location]] = []
    for row in conv.table_rows("LOCATION_EXPERT"):
        rsc = row.value("rsc") or rsc
        if not rsc or not conv.known(rsc, row.cells.get("rsc") or row.cells.get("score")):
            continue
        spec = row.cells.get("id_spec")
        if spec is not None:
            conv.changes.add(
                "PG997",
                spec.location,
                "pcs names rules itself; Pacemaker does not use their ids",
                (rsc,),
                what=spec.value,
            )
            if "-ref" in spec.value and not row.value("score"):
                conv.changes.add(
                    "PG997", spec.location, "pcs makes no rule references", (rsc,), what=spec.value
                )
                continue
        expression = {
            "attribute": row.value("attribute"),
            "op": row.value("op"),
            "value": row.value("value"),
        }
        if row.value("score"):
            head = dict(
                rsc=rsc,
                score=score(row.value("score")),
                bool_op=row.value("bool_op"),
                role=conv.role(row.cells.get("role"), rsc),
                **expression,
            )
            rules.append((rsc, head, [], row.location))
        elif rules and rules[-1][0] == rsc:
            rules[-1][2].append(expression)
        else:
            conv.diagnostics.error("PG975", row.location, table="LOCATION_EXPERT", column="score")
    for owner, head, more, where in rules:
        for target in targets(conv, owner):
            conv.add("LOCATION_RULE", dict(head, rsc=target))
            for expression in more:
                conv.add("LOCATION_RULE", expression)
            if target != owner:
                conv.changes.add(
                    "PG995",
                    where,
                    "pcs 0.11 refuses fence devices in "
                    "groups; the group's constraint held each member",
                    (owner, target),
                    old=owner,
                    new=target,
                )


def location_score(conv: Converter, rsc: str, value: str, cell: Cell) -> None:
    number = score(value)
    for node in cell.value.split():
        for target in targets(conv, rsc):
            if number.startswith("-"):
                conv.add(
                    "LOCATION_NODE",
                    {
                        "rsc": target,
                        "prefers/avoids": "avoids",
                        "node": node,
                        "score": "" if number == "-INFINITY" else number[1:],
                    },
                )
            else:
                conv.add(
                    "LOCATION_NODE",
                    {
                        "rsc": target,
                        "prefers/avoids": "prefers",
                        "node": node,
                        "score": "" if number == "INFINITY" else number,
                    },
                )
        conv.changes.add(
            "PG996",
            cell.location,
            "pm_crmgen 2.2 writes score:N columns as "
            "'rule N: #uname eq NODE', the same as a node location",
            (rsc,),
            rsc=rsc,
            shorthand=f"score:{value} {node}",
            new=f"LOCATION_NODE {node} {number}",
        )


def location_attribute(conv: Converter, rsc: str, key: str, cell: Cell) -> None:
    parts = key.split(":")
    kind, attribute = parts[0], parts[1]
    test = ("lt", parts[2]) if kind.startswith("ping") else ("eq", "ERROR")
    for target in targets(conv, rsc):
        conv.add(
            "LOCATION_RULE",
            {
                "rsc": target,
                "score": "-INFINITY",
                "bool_op": "or",
                "attribute": attribute,
                "op": "not_defined",
            },
        )
        conv.add("LOCATION_RULE", {"attribute": attribute, "op": test[0], "value": test[1]})
    source = (
        "pm_crmgen 2.2 writes this column as 'rule -INFINITY: not_defined ATTR or "
        "ATTR lt|eq VALUE' and, without -C/-O, a colocation INFINITY and an order "
        "score 0 symmetrical=false with the clone of the agent setting ATTR"
    )
    conv.changes.add(
        "PG996",
        cell.location,
        source,
        (rsc,),
        rsc=rsc,
        shorthand=key,
        new=f"LOCATION_RULE -INFINITY: not_defined {attribute} or {attribute} {test[0]} {test[1]}",
    )
    for owner in setters(conv, kind, attribute):
        autogen_colocation(conv, rsc, owner, cell)
        autogen_order(conv, owner, rsc, cell)


def setters(conv: Converter, kind: str, attribute: str) -> List[str]:
    """The top resources holding a primitive of type KIND whose parameter name is
    ATTRIBUTE (as pm_crmgen looks them up)."""
    found: List[str] = []
    for rid, primitive in conv.primitives.items():
        if primitive.head.value("type") != kind:
            continue
        if any(
            r.value("name") == "name" and r.value("value") == attribute
            for r in primitive.attributes
        ):
            top = rid
            while top in conv.parents:
                top = conv.parents[top]
            if top not in found:
                found.append(top)
    return found


def autogen_colocation(conv: Converter, rsc: str, with_rsc: str, cell: Cell) -> None:
    key = ("colocation", rsc, with_rsc, "INFINITY", "", "")
    if key in conv.pairs:
        return
    conv.record_pair(key)
    conv.add("COLOCATION", {"rsc": rsc, "with-rsc": with_rsc, "score": "INFINITY"})
    conv.changes.add(
        "PG998",
        cell.location,
        "pm_crmgen 2.2 generates it (option -C turns it off)",
        (rsc, with_rsc),
        what=f"colocation {rsc} with {with_rsc} INFINITY",
    )


def autogen_order(conv: Converter, first: str, then: str, cell: Cell) -> None:
    key = ("order", first, then, "0", "", "", "false")
    if key in conv.pairs:
        return
    conv.record_pair(key)
    conv.add(
        "ORDER", {"first-rsc": first, "then-rsc": then, "kind": "Optional", "symmetrical": "false"}
    )
    conv.changes.add(
        "PG998",
        cell.location,
        "pm_crmgen 2.2 generates it (option -O turns it off)",
        (first, then),
        what=f"order {first} then {then} Optional symmetrical=false",
    )


def node_rules(conv: Converter) -> None:
    """A rule that only tests `#uname eq NODE` is a node location: written so, pcsgen's
    checks see it (a fence device kept off the node it fences)."""
    rules: List[List[Dict[str, str]]] = []
    for item in conv.out.get("LOCATION_RULE", []):
        if item.get("score") or not rules:
            rules.append([item])
        else:
            rules[-1].append(item)
    kept: List[Dict[str, str]] = []
    for rule in rules:
        head = rule[0]
        if (
            len(rule) == 1
            and head["attribute"] == "#uname"
            and head["op"] == "eq"
            and not head.get("role")
            and head["value"]
        ):
            number = head["score"]
            negative = number.startswith("-")
            value = number[1:] if negative else number
            conv.add(
                "LOCATION_NODE",
                {
                    "rsc": head["rsc"],
                    "prefers/avoids": "avoids" if negative else "prefers",
                    "node": head["value"],
                    "score": "" if value == "INFINITY" else value,
                },
            )
        else:
            kept.extend(rule)
    conv.out["LOCATION_RULE"] = kept
