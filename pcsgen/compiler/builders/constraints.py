"""LOCATION_NODE, LOCATION_RULE, COLOCATION and ORDER tables."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from pcsgen import ir, values
from pcsgen.compiler.builders.common import RowReader, row_readers
from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics
from pcsgen.location import Location

UNARY_OPS = ("defined", "not_defined")


def location_nodes(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.LocationNode]:
    found: List[ir.LocationNode] = []
    seen: Dict[Tuple[str, str], ir.LocationNode] = {}
    for row, reader in row_readers(tables, diagnostics):
        rsc = reader.required("rsc")
        side = reader.choice("prefers/avoids", required=True)
        node = reader.required("node")
        written = reader.score("score")
        if not reader.ok or side is None:
            continue
        prefers = side == "prefers"
        score = written if written is not None else "INFINITY"
        if not prefers:
            score = values.negate_score(score)
        item = ir.LocationNode(rsc, node, score, prefers, row["node"].location,
                               written, where=row.where())
        first = seen.get((rsc, node))
        if first is not None:
            diagnostics.warning("PG225", row["node"].location, rsc=rsc, side=side,
                                node=node, first_row=first.location.row)
        seen.setdefault((rsc, node), item)
        found.append(item)
    return found


def location_rules(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.LocationRule]:
    rules: List[ir.LocationRule] = []
    bool_op_cells: List[Location] = []  # beside `rules`: where each rule's bool_op belongs
    for table in tables:
        for section in table.sections:
            current: Optional[ir.LocationRule] = None
            for row in section.rows:
                reader = RowReader(row, section.spec, diagnostics)
                rsc = reader.required("rsc")
                starts_rule = bool(row["score"].value) or (
                    current is not None and not row["rsc"].inherited and rsc != current.rsc)
                if starts_rule:
                    score = reader.score("score") if row["score"].value else None
                    if score is None and not row["score"].value:
                        reader.required("score")
                    bool_op = reader.choice("bool_op")
                    role = reader.role("role")
                    current = ir.LocationRule(rsc, score or "INFINITY", row["score"].location,
                                              bool_op.lower() if bool_op else None, role,
                                              where=row.where())
                    if reader.ok:
                        rules.append(current)
                        bool_op_cells.append(row["bool_op"].location)
                elif current is None:
                    reader.required("score")
                else:
                    for key in ("bool_op", "role"):
                        if row[key].value:
                            diagnostics.warning("PG212", row[key].location, column=key)
                expression = _expression(reader)
                if expression is not None and current is not None and reader.ok:
                    current.expressions.append(expression)
    for rule, bool_op_cell in zip(rules, bool_op_cells):
        if len(rule.expressions) > 1 and rule.bool_op is None:
            diagnostics.error("PG211", bool_op_cell, count=len(rule.expressions))
        elif len(rule.expressions) == 1 and rule.bool_op is not None:
            diagnostics.warning("PG401", bool_op_cell, value=rule.bool_op)
    return rules


def _expression(reader: RowReader) -> Optional[ir.RuleExpression]:
    attribute = reader.required("attribute")
    op = reader.choice("op", required=True)
    value_cell = reader.cell("value")
    if op is None or not attribute:
        return None
    if op in UNARY_OPS:
        if value_cell.value:
            reader.diagnostics.warning("PG213", value_cell.location, op=op,
                                       value=value_cell.value)
        return ir.RuleExpression(attribute, op, None, reader.cell("attribute").location)
    if not value_cell.value:
        reader.error("PG214", value_cell, op=op)
        return None
    return ir.RuleExpression(attribute, op, value_cell.value, reader.cell("attribute").location)


def colocations(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.Colocation]:
    found: List[ir.Colocation] = []
    for row, reader in row_readers(tables, diagnostics):
        rsc = reader.required("rsc")
        with_rsc = reader.required("with-rsc")
        reader.required("score")
        score = reader.score("score")
        rsc_role = reader.role("rsc-role")
        with_role = reader.role("with-rsc-role")
        if not reader.ok or score is None:
            continue
        found.append(ir.Colocation(rsc, with_rsc, score, row["rsc"].location,
                                   rsc_role, with_role, where=row.where()))
    return found


def orders(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.Order]:
    found: List[ir.Order] = []
    for row, reader in row_readers(tables, diagnostics):
        first = reader.required("first-rsc")
        then = reader.required("then-rsc")
        kind = reader.choice("kind")
        first_action = reader.choice("first-action")
        then_action = reader.choice("then-action")
        symmetrical = reader.boolean("symmetrical")
        if not reader.ok:
            continue
        found.append(ir.Order(first, then, row["first-rsc"].location, kind,
                              first_action, then_action, symmetrical,
                              where=row.where()))
    return found
