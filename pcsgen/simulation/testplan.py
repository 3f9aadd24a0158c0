"""A simulation as a failure test plan (障害試験項目書): one numbered row per scenario,
with the operation the tester performs, the result Pacemaker's scheduler expects, the
check that confirms it, and empty cells for the result and who checked it.

Rendered here as text and JSON; `pcsgen.simulation.testplan_sheet` makes the CSV and the
xlsx workbook.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Dict, List, Optional

from pcsgen.diagnostics.messages import text
from pcsgen.pcs.quoting import quote
from pcsgen.simulation.simulate import (
    ATTRIBUTE_CHANGE,
    ATTRIBUTE_UNSET,
    MONITOR_FAILURE,
    NODE_FAILURE,
    START_FAILURE,
    STEADY,
    STOP_FAILURE,
    Action,
    Injection,
    Placements,
    ScenarioResult,
    Simulation,
    node_of,
    nowhere,
)


@dataclass(frozen=True)
class PlanRow:
    number: int
    category: str
    scenario: str
    operation: str
    inject: str
    verdict: List[str]  # what it comes to, in a sentence or two
    actions: str  # what Pacemaker does ('' for the start-up row)
    after: str  # where everything is afterwards
    stopped: List[str]  # resources running nowhere afterwards: flagged
    check: str
    restore: str

    def expected(self, lang: str) -> List[str]:
        """The expected result, as the test plan's cell holds it."""
        lines = list(self.verdict)
        if self.actions:
            lines.append(f"{text('sim_label_actions', lang)}: {self.actions}")
        lines.append(f"{text('sim_label_after', lang)}: {self.after}")
        if self.stopped:
            lines.append(text("sim_v_stopped", lang, resources=", ".join(self.stopped)))
        return lines


def results(simulation: Simulation) -> List[ScenarioResult]:
    """The rows of the plan: every scenario, or the steady state, each node failing and
    the event asked for."""
    if simulation.scenarios:
        return list(simulation.scenarios)
    found: List[ScenarioResult] = [simulation.steady] if simulation.steady is not None else []
    found += list(simulation.failover_results.values())
    if simulation.event is not None:
        found.append(simulation.event)
    return found


# --- words --------------------------------------------------------------------------------


def _value(value: Optional[str], lang: str) -> str:
    return value if value is not None else text("sim_unset", lang)


def _words(**values: str) -> Dict[str, str]:
    """VALUES as the words of a command a tester runs as root, each quoted as the pcs
    script quotes its words: a node, resource or attribute named `x;id>/tmp/x` stays one
    word and runs nothing. (Names such as lb01 read as they are.)"""
    return {key: quote(value) for key, value in values.items()}


def inject_text(injection: Injection) -> str:
    """What crm_simulate is given, as its own command line would say it."""
    if injection.kind == NODE_FAILURE:
        return f"--node-fail {quote(injection.node)}"
    if injection.resource:
        return "--op-inject " + quote(injection.arguments()[1])
    if injection.value is None:
        return f"{injection.node}:{injection.attribute} (unset)"
    return f"{injection.node}:{injection.attribute}={injection.value}"


def _is_ping(result: ScenarioResult) -> bool:
    return result.publisher == "ping"


def category(result: ScenarioResult, lang: str) -> str:
    if result.kind in (ATTRIBUTE_CHANGE, ATTRIBUTE_UNSET) and _is_ping(result):
        return text("sim_cat_ping", lang)
    return text(f"sim_cat_{result.kind}", lang)


def _title(injection: Injection, publisher: str, lang: str) -> str:
    kind = injection.kind
    if kind == ATTRIBUTE_CHANGE and publisher == "ping":
        kind = "ping"
    return text(
        f"sim_sc_{kind}",
        lang,
        node=injection.node,
        resource=injection.resource,
        name=injection.attribute,
        value=_value(injection.value, lang),
    )


def scenario(result: ScenarioResult, nodes: List[str], lang: str) -> str:
    if result.kind == STEADY:
        return text("sim_sc_steady-state", lang, nodes=", ".join(nodes))
    if not result.injections:  # a failure nothing would notice
        return text("sim_sc_monitor-failure", lang, node=result.node, resource=result.subject)
    return "; ".join(_title(i, result.publisher, lang) for i in result.injections)


def _operation(
    injection: Injection, result: ScenarioResult, simulation: Simulation, lang: str
) -> str:
    kind = injection.kind
    args = _words(
        node=injection.node,
        resource=injection.resource,
        name=injection.attribute,
        value=_value(injection.value, lang),
        interval=injection.interval,
    )
    if kind == MONITOR_FAILURE:
        standard, _, unit = result.agent.partition(":")
        if standard == "systemd":
            return text("sim_op_kill", lang, unit=quote(unit.rpartition(":")[2]), **args)
        if standard == "stonith":
            return text("sim_op_fence_device", lang, **args)
        return text("sim_op_force_stop", lang, **args)
    if kind == ATTRIBUTE_CHANGE:
        publisher = result.publisher
        key = {"ping": "sim_op_ping", "health": "sim_op_health"}.get(publisher, "sim_op_attribute")
        if publisher == "health":
            args["resource"] = quote(
                next((r for r in simulation.rule_owners.get(injection.attribute, [])), "")
            )
        return text(key, lang, **args)
    return text(f"sim_op_{kind}", lang, **args)


def operation(result: ScenarioResult, simulation: Simulation, lang: str) -> str:
    if result.kind == STEADY:
        return text("sim_op_steady-state", lang)
    if not result.injections:
        fake = Injection(MONITOR_FAILURE, result.node, result.subject)
        return _operation(fake, result, simulation, lang)
    return "\n".join(_operation(i, result, simulation, lang) for i in result.injections)


def action_text(action: Action, lang: str) -> str:
    blocked = text("sim_blocked", lang) if action.blocked else ""
    resource = action.resource + (f" ({action.role})" if action.role else "")
    if action.action in ("fence", "shutdown"):
        return text(f"sim_a_{action.action}", lang, node=action.node) + blocked
    if action.target:
        verb = {
            "move": "sim_a_move",
            "migrate": "sim_a_migrate",
            "recover": "sim_a_recover_to",
        }.get(action.action)
        word = text(verb, lang) if verb else action.action
        return (
            text(
                "sim_a_moving",
                lang,
                action=word,
                resource=resource,
                node=action.node,
                target=action.target,
            )
            + blocked
        )
    key = f"sim_a_{action.action}"
    if key in _ACTION_KEYS:
        return text(key, lang, resource=resource, node=action.node) + blocked
    return (
        text("sim_a_other", lang, action=action.action, resource=resource, node=action.node)
        + blocked
    )


_ACTION_KEYS = {
    f"sim_a_{a}"
    for a in ("start", "stop", "restart", "recover", "promote", "demote", "re-promote", "reload")
}


def placements_text(placed: Placements) -> str:
    return " | ".join(f"{rid} {', '.join(where) or '-'}" for rid, where in placed.items())


def verdict(result: ScenarioResult, lang: str) -> List[str]:
    """What the scenario comes to, in a sentence or two."""
    lines: List[str] = []
    args = dict(resource=result.subject, node=result.node, target=", ".join(result.destination))
    for node in result.after.fenced:
        lines.append(text("sim_v_fence", lang, node=node))
    for node in result.after.standby:
        lines.append(text("sim_v_standby", lang, node=node))
    if result.kind == STEADY:
        lines.append(text("sim_v_started", lang))
    elif result.kind in (MONITOR_FAILURE, START_FAILURE, STOP_FAILURE):
        if result.verdict == "fence":
            still = result.after.placements.get(result.subject, [])
            if result.destination:
                lines.append(text("sim_v_move", lang, **args))
            elif not still:
                lines.append(text("sim_v_stop", lang, **args))
            elif result.node not in {node_of(w) for w in still}:
                lines.append(text("sim_v_stop_here", lang, where=", ".join(still), **args))
        elif result.verdict == "stop" and result.after.placements.get(result.subject):
            lines.append(
                text(
                    "sim_v_stop_here",
                    lang,
                    where=", ".join(result.after.placements[result.subject]),
                    **args,
                )
            )
        else:
            lines.append(text(f"sim_v_{result.verdict}", lang, **args))
    else:
        left = [
            rid
            for rid, (was, now) in result.changes.items()
            if result.node in {node_of(w) for w in was}
            and result.node not in {node_of(w) for w in now}
        ]
        if left:
            lines.append(text("sim_v_leave", lang, node=result.node, resources=", ".join(left)))
        elif not result.after.fenced and result.verdict == "none":
            lines.append(text("sim_v_none", lang))
    return lines


def actions_text(result: ScenarioResult, lang: str) -> str:
    if result.kind == STEADY:
        return ""
    return "; ".join(action_text(a, lang) for a in result.after.actions) or text(
        "sim_actions_none", lang
    )


def check(result: ScenarioResult, lang: str) -> str:
    lines = [text("sim_check_status", lang)]
    for node in result.after.fenced:
        lines.append(text("sim_check_fence", lang, **_words(node=node)))
    for injection in result.injections:
        if injection.resource:
            lines.append(
                text(
                    "sim_check_failcount",
                    lang,
                    **_words(resource=injection.resource, node=injection.node),
                )
            )
        elif injection.attribute:
            lines.append(
                text(
                    "sim_check_attribute",
                    lang,
                    **_words(name=injection.attribute, node=injection.node),
                )
            )
    return "\n".join(lines)


def restore(result: ScenarioResult, simulation: Simulation, lang: str) -> str:
    lines: List[str] = []
    down = [i.node for i in result.injections if i.kind == NODE_FAILURE]
    for node in down + [n for n in result.after.fenced if n not in down]:
        lines.append(text("sim_restore_node", lang, **_words(node=node)))
    for injection in result.injections:
        if injection.resource:
            lines.append(text("sim_restore_cleanup", lang, **_words(resource=injection.resource)))
        elif injection.attribute:
            healthy = simulation.attributes.get(injection.node, {}).get(injection.attribute)
            words = _words(name=injection.attribute, node=injection.node)
            if healthy is None:  # not there in the steady state: restoring deletes it
                lines.append(text("sim_restore_attribute_unset", lang, **words))
            else:
                lines.append(text("sim_restore_attribute", lang, value=quote(healthy), **words))
    return "\n".join(lines) or "-"


def rows(simulation: Simulation, lang: str = "en") -> List[PlanRow]:
    found: List[PlanRow] = []
    for number, result in enumerate(results(simulation), 1):
        found.append(
            PlanRow(
                number,
                category(result, lang),
                scenario(result, simulation.nodes, lang),
                operation(result, simulation, lang),
                "\n".join(inject_text(i) for i in result.injections) or "-",
                verdict(result, lang),
                actions_text(result, lang),
                placements_text(result.after.placements),
                result.stopped,
                check(result, lang),
                restore(result, simulation, lang),
            )
        )
    return found


# --- text -----------------------------------------------------------------------------------


def _table(simulation: Simulation, lang: str) -> List[str]:
    resources = sorted(simulation.initial)
    header = [text("sim_resource", lang), text("sim_all_up", lang)] + [
        text("sim_node_fails", lang, node=n) for n in simulation.failovers
    ]
    table = [header]
    for rid in resources:
        row = [rid, ", ".join(simulation.initial[rid]) or "-"]
        for placed in simulation.failovers.values():
            row.append(", ".join(placed.get(rid, [])) or "-")
        table.append(row)
    widths = [max(display_width(r[i]) for r in table) for i in range(len(header))]
    lines = [
        "  ".join(
            cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)
        ).rstrip()
        for row in table
    ]
    stopped = nowhere(simulation.initial)
    if stopped:
        lines.append(text("sim_nowhere", lang, resources=", ".join(stopped)))
    for node, placed in simulation.failovers.items():
        lost = [r for r in nowhere(placed) if r not in stopped]
        if lost:
            lines.append(text("sim_nowhere_when", lang, node=node, resources=", ".join(lost)))
    return lines


def display_width(cell: str) -> int:
    """Columns a string takes in a terminal: East Asian wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in cell)


def _block(row: PlanRow, lang: str) -> List[str]:
    checks = row.check.split("\n")
    labelled = [
        (text("sim_label_inject", lang), row.inject.replace("\n", "; ")),
        (text("sim_label_expected", lang), "; ".join(row.verdict)),
    ]
    if row.actions:
        labelled.append((text("sim_label_actions", lang), row.actions))
    labelled.append((text("sim_label_after", lang), row.after))
    if row.stopped:
        labelled.append(("", text("sim_v_stopped", lang, resources=", ".join(row.stopped))))
    labelled += [(text("sim_label_check", lang), line) for line in checks[1:] or checks]
    width = max(display_width(label) for label, _ in labelled)
    lines = [f"[{row.number}] {row.category}: {row.scenario}"]
    for label, value in labelled:
        head = f"{label}:" if label else ""
        lines.append(f"    {head}{' ' * (width + 2 - display_width(head))}{value}")
    return lines


def format_text(simulation: Simulation, lang: str = "en") -> str:
    lines: List[str] = []
    if not simulation.reached:
        lines.append(text("sim_not_reached", lang))
    lines += _table(simulation, lang)
    plan = rows(simulation, lang)
    shown = plan if simulation.scenarios else plan[-1:] if simulation.event is not None else []
    for row in shown:
        lines.append("")
        lines += _block(row, lang)
    return "\n".join(lines) + "\n"


def format_json(simulation: Simulation) -> str:
    return json.dumps(simulation.as_dict(), ensure_ascii=False, indent=2) + "\n"
