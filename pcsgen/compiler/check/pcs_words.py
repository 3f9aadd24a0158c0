"""The check that every word of the script reaches the CIB as written through pcs:
refused at compile time, so that the script never builds another CIB than the XML.

Two things stand between a word of the script and the CIB: how pcs reads its
arguments (pcsgen.pcs.arguments, pcsgen.pcs.rules: PG231), and how the Pacemaker
under pcs writes the CIB file (below: PG232-PG235).

Pacemaker (PG232-PG235). Every pcs command ends with Pacemaker writing the whole CIB
file, escaped by Pacemaker's own code, which differs by release. This applies to every
text of the definition the script carries (names, values, descriptions, node names,
rule words, alert paths and recipients, ADDITIONAL_CONFIG words), and to none of the
XML pcsgen writes itself:

- pcs 0.10 (rhel8, tested with Pacemaker 2.0.5): each byte beyond ASCII becomes an
  octal escape (`\37777777703\37777777651` for 'é'), in names and values alike, and
  pcs 0.10 refuses such ids itself: nothing beyond ASCII (PG232);
- Pacemaker before 2.1.8 (rhel8, rhel9): a tab becomes four spaces, DEL an octal
  escape (PG233);
- pcs 0.11 (rhel9, tested with Pacemaker 2.1.5): Pacemaker 2.1.3 to 2.1.7 stop
  escaping at the first character beyond ASCII, so a '<', '&' or '"' after it is
  dropped or breaks the file; before it, and "'" or '>' anywhere, are kept (PG234).
  (The Pacemaker 2.1.2 of RHEL 9.0 writes octal escapes as 2.0.5 does: not refused.)
- pcs 0.12 (rhel10, Pacemaker 3.0) writes every character as given.

ADDITIONAL_CONFIG commands reach the XML through this machine's pcs at compile time,
and the CIB through the target's: their words must pass both, this machine's taken as
a Pacemaker 2.1.3 to 2.1.7 as tested (PG235 where only that one would change them).
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.pcs.arguments import (
    CREATE_KEYWORDS,
    ID_NAME,
    OPERATION_RESERVED,
    WAIT,
    crm_attribute_problem,
    id_reason,
    name_problem,
    utilization_problem,
)
from pcsgen.pcs.rules import rule_check


def _pairs(cluster: ir.Cluster) -> Iterator[Tuple[ir.NvPair, str]]:
    """Every name/value pair a pcs command line carries, with what it belongs to."""
    for pair in cluster.properties:
        yield pair, "property"
    for pair in cluster.rsc_defaults + cluster.op_defaults:
        yield pair, "defaults"
    for node in cluster.nodes:
        for pair in node.attributes:
            yield pair, "node attribute"
        for pair in node.utilization:
            yield pair, "utilization"
    for resource in cluster.all_resources().values():
        # a group's or a clone's meta attributes are set by `pcs resource meta`, whose
        # code takes the XML id from the name as it is (a primitive's come with create)
        for pair in resource.meta_attributes:
            yield pair, "meta" if isinstance(resource, ir.Primitive) else "resource meta"
        if isinstance(resource, ir.Primitive):
            for pair in resource.instance_attributes:
                yield pair, "primitive"
            for pair in resource.utilization:
                yield pair, "utilization"
    for alert in cluster.alerts:
        for pair in alert.options + alert.meta:
            yield pair, "alert"
        for recipient in alert.recipients:
            for pair in recipient.options + recipient.meta:
                yield pair, "alert"


def _operation_problems(primitive: ir.Primitive) -> Iterator[Tuple[str, Location, Phrase]]:
    for operation in primitive.operations:
        if operation.from_agent:
            continue
        if "=" in operation.name:
            yield operation.name, operation.location, Phrase("why_op_name_equals")
        elif operation.name in CREATE_KEYWORDS:
            yield operation.name, operation.location, Phrase("why_create_keyword")
        for key in operation.attributes:
            problem = name_problem(key)
            if problem is None and key in OPERATION_RESERVED:
                problem = Phrase("why_op_reserved", {"key": key})
            if problem is not None:
                yield key, operation.location, problem


# What Pacemaker 2.1.3 to 2.1.7 lose after the first character beyond ASCII: the
# characters it would have escaped that XML cannot hold raw in an attribute.
_LOST_AFTER_ESCAPING_STOPS = frozenset('<&"')


def _escaping_stops_problem(text: str) -> bool:
    if text.isascii():
        return False
    first = next(i for i, c in enumerate(text) if not c.isascii())
    return not _LOST_AFTER_ESCAPING_STOPS.isdisjoint(text[first:])


def _tab_or_del(text: str) -> bool:
    return "\t" in text or "\x7f" in text


def _written_problem(text: str, dialect: Dialect) -> Optional[str]:
    """The message code when the target's Pacemaker would not write the text into the
    CIB as given (see the module's docstring)."""
    if dialect.ascii_only and not text.isascii():
        return "PG232"
    if dialect.tab_and_del_mangled and _tab_or_del(text):
        return "PG233"
    if dialect.escaping_stops_beyond_ascii and _escaping_stops_problem(text):
        return "PG234"
    return None


def _compile_time_problem(text: str) -> bool:
    """ADDITIONAL_CONFIG reaches the XML through this machine's pcs, whose Pacemaker
    pcsgen does not know: such words must also pass Pacemaker 2.1.3 to 2.1.7 (the
    tested one, 2.1.5, included) unchanged, whatever the target."""
    return _tab_or_del(text) or _escaping_stops_problem(text)


def _script_texts(cluster: ir.Cluster) -> Iterator[Tuple[str, Location]]:
    """Every text of the definition the script hands to pcs (or cibadmin), with its
    cell: what compiler.emit.script writes, command by command (but ADDITIONAL_CONFIG,
    see _additional_words)."""
    for pair, _ in _pairs(cluster):  # properties, defaults, attributes, utilization
        yield pair.name, pair.location
        yield pair.value, pair.location
    for node in cluster.nodes:  # the nodes section, node attributes and utilization
        if node.id is not None or node.attributes or node.utilization:
            yield node.uname, node.location or cluster_location(cluster)
    for resource in cluster.all_resources().values():
        yield resource.id, resource.location
    for primitive in cluster.primitives():
        where = primitive.agent_location or primitive.definition or primitive.location
        for part in primitive.agent:
            if part:
                yield part, where
        for operation in primitive.operations:
            if not operation.from_agent:
                for word in (operation.name, *operation.attributes, *operation.attributes.values()):
                    yield word, operation.location
    for level in cluster.fencing_levels:
        yield level.target, level.at("node")
    for item in cluster.locations_node:
        yield item.node, item.at("node")
    for rule in cluster.locations_rule:
        for expression in rule.expressions:
            yield expression.attribute, expression.location
            if expression.value is not None:
                yield expression.value, expression.location
    for alert in cluster.alerts:
        yield alert.path, alert.location
        for recipient in alert.recipients:
            yield recipient.value, recipient.location


def _additional_words(item: ir.AdditionalConfig) -> List[str]:
    """The words of an ADDITIONAL_CONFIG command the script carries (none when the
    command is refused: check.commands says why)."""
    command = item.accepted
    return command.argv if command is not None else []


def check_pcs_words(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    generation = dialect.pcs_version
    found: List[Tuple[str, Location, Phrase]] = []
    for pair, owner in _pairs(cluster):
        problem = name_problem(pair.name)
        if problem is not None:
            found.append((pair.name, pair.location, problem))
        elif owner == "node attribute":
            for text, is_name in ((pair.name, True), (pair.value, False)):
                problem = crm_attribute_problem(text, is_name)
                if problem is not None:
                    found.append((text, pair.location, problem))
                    break
        elif owner == "utilization":
            refused = utilization_problem(pair.name, pair.value)
            if refused is not None:
                found.append((refused[0], pair.location, refused[1]))
        elif owner == "resource meta" and not ID_NAME.fullmatch(pair.name):
            found.append((pair.name, pair.location, id_reason("pcs", "why_what_meta")))
    for primitive in cluster.primitives():
        found.extend(_operation_problems(primitive))
    for node in cluster.nodes:
        if node.attributes and (node.uname.startswith("-") or not node.uname.isascii()):
            found.append(
                (
                    node.uname,
                    node.location or cluster_location(cluster),
                    Phrase("why_crm_attribute_node"),
                )
            )
    for alert in cluster.alerts:
        for recipient in alert.recipients:
            if "'" in recipient.value:
                found.append((recipient.value, recipient.location, Phrase("why_recipient_quote")))
    for item in cluster.locations_node:
        where = item.at("node")
        if "=" in item.node:
            found.append((item.node, where, Phrase("why_node_score_equals")))
        elif item.node == WAIT:
            found.append((item.node, where, Phrase("why_pcs_wait", {"wait": WAIT})))
    for level in cluster.fencing_levels:
        if "%" in level.target:
            found.append((level.target, level.at("node"), Phrase("why_fencing_target")))
    rule_problem = rule_check(dialect.rule_as_one_argument)
    for rule in cluster.locations_rule:
        for expression in rule.expressions:
            checks = [(expression.attribute, True)]
            if expression.value is not None:
                checks.append((expression.value, False))
            for text, is_attribute in checks:
                problem = rule_problem(text, is_attribute, expression.operation)
                if problem is not None:
                    found.append((text, expression.location, problem))
    for value, location, reason in found:
        diagnostics.error("PG231", location, value=value, pcs=generation, reason=reason)
    reported = {(value, location) for value, location, _ in found}
    for text, location in _script_texts(cluster):
        code = _written_problem(text, dialect)
        if code is not None and (text, location) not in reported:
            reported.add((text, location))
            diagnostics.error(code, location, value=text, target=dialect.name, pcs=generation)
    for command in cluster.additional_config:
        for word in _additional_words(command):
            code = _written_problem(word, dialect)
            if code is None and _compile_time_problem(word):
                code = "PG235"
            if code is not None:
                diagnostics.error(
                    code, command.location, value=word, target=dialect.name, pcs=generation
                )


def cluster_location(cluster: ir.Cluster) -> Location:
    from pcsgen.diagnostics.location import Source

    return Location(cluster.source or Source(cluster.name))
