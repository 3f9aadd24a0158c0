"""LOCATION_NODE, LOCATION_RULE, COLOCATION and ORDER tables."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from pcsgen import ir, values
from pcsgen.compiler.builders.common import RowReader, row_readers
from pcsgen.compiler.tables import RawTable
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location

UNARY_OPS = ("defined", "not_defined")


def location_nodes(tables: List[RawTable], diagnostics: Diagnostics) -> List[ir.LocationNode]:
    """The node locations the CIB ends up with: pm_pcsgen runs one `pcs constraint
    location` per row, grouped by resource, then by prefers/avoids (each in the order of
    its first row); pcs replaces any earlier location of the same resource on the same
    node (or with the same id) with the new one, which goes last."""
    found: List[ir.LocationNode] = []
    for row, reader in row_readers(tables, diagnostics):
        rsc = reader.required("rsc")
        side = reader.choice("prefers/avoids", required=True)
        node = reader.required("node")
        written = reader.score("score")
        if not reader.ok or side is None:
            continue
        prefers = side == "prefers"
        if written is None:
            score = "INFINITY" if prefers else "-INFINITY"
        elif prefers:
            score = written
        else:
            score = values.negate_score(written)
            # what pcs is given for the score it makes (without a '+' pcs would keep)
            written = written.lstrip("+")
            if values.is_positive_score(score):
                diagnostics.warning(
                    "PG241",
                    row["score"].location,
                    rsc=rsc,
                    node=node,
                    value=row["score"].value,
                    score=score,
                )
        found.append(
            ir.LocationNode(
                rsc, node, score, prefers, row["node"].location, written, where=row.where()
            )
        )
    return _as_pcs_leaves_them(_in_pm_pcsgen_order(found), diagnostics)


def _in_pm_pcsgen_order(items: List[ir.LocationNode]) -> List[ir.LocationNode]:
    rank: Dict[Tuple[str, ...], int] = {}
    for item in items:
        rank.setdefault((item.rsc,), len(rank))
        rank.setdefault((item.rsc, str(item.prefers)), len(rank))
    return sorted(items, key=lambda i: (rank[(i.rsc,)], rank[(i.rsc, str(i.prefers))]))


def location_node_id(item: ir.LocationNode) -> str:
    """The id pcs gives a node location (and by which it replaces one)."""
    from pcsgen.compiler.emit.cib.ids import sanitize_id

    return sanitize_id(f"location-{item.rsc}-{item.node}-{item.score}")


def _as_pcs_leaves_them(
    items: List[ir.LocationNode], diagnostics: Diagnostics
) -> List[ir.LocationNode]:
    kept: Dict[int, ir.LocationNode] = {}  # in order; keyed by position, for removal
    by_pair: Dict[Tuple[str, str], int] = {}
    by_id: Dict[str, int] = {}
    for position, item in enumerate(items):
        key = location_node_id(item)
        for earlier_position in {by_pair.get((item.rsc, item.node)), by_id.get(key)}:
            earlier = kept.pop(earlier_position, None) if earlier_position is not None else None
            if earlier is None:
                continue
            diagnostics.warning(
                "PG225",
                earlier.location,
                rsc=earlier.rsc,
                node=earlier.node,
                row=item.location.row,
                score=item.score,
            )
            by_pair.pop((earlier.rsc, earlier.node), None)
            by_id.pop(location_node_id(earlier), None)
        kept[position] = item
        by_pair[(item.rsc, item.node)] = position
        by_id[key] = position
    return list(kept.values())


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
                    current is not None and not row["rsc"].inherited and rsc != current.rsc
                )
                if starts_rule:
                    score = reader.score("score") if row["score"].value else None
                    if score is None and not row["score"].value:
                        reader.required("score")
                    bool_op = reader.choice("bool_op")
                    role = reader.role("role")
                    if role in (ir.ROLE_STARTED, ir.ROLE_STOPPED):
                        # pcs takes only the roles of promotable clones in a rule
                        reader.error("PG251", row["role"], value=row["role"].value)
                    current = ir.LocationRule(
                        rsc,
                        score or "INFINITY",
                        row["score"].location,
                        bool_op.lower() if bool_op else None,
                        role,
                        where=row.where(),
                    )
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
    # pm_pcsgen runs the rules grouped by resource, in the order of each one's first rule
    rank: Dict[str, int] = {}
    for rule in rules:
        rank.setdefault(rule.rsc, len(rank))
    return sorted(rules, key=lambda r: rank[r.rsc])


def _expression(reader: RowReader) -> Optional[ir.RuleExpression]:
    attribute = reader.required("attribute")
    op = reader.choice("op", required=True)
    value_cell = reader.cell("value")
    if op is None or not attribute:
        return None
    if op in UNARY_OPS:
        if value_cell.value:
            reader.diagnostics.warning("PG213", value_cell.location, op=op, value=value_cell.value)
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
        found.append(
            ir.Colocation(
                rsc, with_rsc, score, row["rsc"].location, rsc_role, with_role, where=row.where()
            )
        )
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
        found.append(
            ir.Order(
                first,
                then,
                row["first-rsc"].location,
                kind,
                first_action,
                then_action,
                symmetrical,
                where=row.where(),
            )
        )
    return found
