"""What the chosen target cannot take: commands its pcs refuses (see
pcsgen.compiler.emit.dialects), durations and score spellings its pcs cannot take,
content its oldest Pacemaker's schema lacks (see pcsgen.generations)."""

from __future__ import annotations

import re
from typing import Iterator, List, NamedTuple, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.needs import content_needs
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location
from pcsgen.generations import version
from pcsgen.values import is_valid_id, msec

DURATION_ATTRIBUTES = ("interval", "timeout", "start-delay")


def _pcs_commands(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    if dialect.stonith_in_resource_commands:
        return
    for resource in cluster.resources:
        for item in ir.walk(resource):
            if isinstance(item, ir.Group) and any(m.is_stonith for m in item.members):
                diagnostics.warning("PG417", item.location, id=item.id, pcs=dialect.pcs_version)
            if isinstance(item, ir.Primitive) and item.is_stonith and item.utilization:
                diagnostics.warning(
                    "PG418", item.utilization[0].location, id=item.id, pcs=dialect.pcs_version
                )


def _durations(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    """pcs 0.12 takes a number with an optional unit only (no ISO 8601, no INFINITY)."""
    for primitive in cluster.primitives():
        for operation in primitive.operations:
            if operation.from_agent:
                continue
            for key in DURATION_ATTRIBUTES:
                value = operation.attributes.get(key)
                if value is not None and msec(value) is None:
                    diagnostics.warning(
                        "PG261",
                        operation.location,
                        value=value,
                        column=key,
                        pcs=dialect.pcs_version,
                    )


class _Colocation(NamedTuple):
    """A colocation pcs names after its score (or INFINITY): what it is given."""

    rsc: str
    with_rsc: str
    score: str
    score_as_word: bool  # `R with WITH S` rather than `score=S`
    location: Location


def _colocation_scores(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    """A colocation named after its score as written (by pcs 0.12, or by any pcs when
    ADDITIONAL_CONFIG gives the score as a word): a score spelled with '+' makes an id
    the schema refuses. (A colocation naming a tag made by ADDITIONAL_CONFIG is a set,
    named otherwise, which takes any score.)"""
    tags = _tags(cluster)
    found = [
        _Colocation(
            item.rsc, item.with_rsc, item.score, False, item.where.get("score", item.location)
        )
        for item in cluster.colocations
        if item.rsc not in tags and item.with_rsc not in tags
    ]
    for item in found + list(_additional_colocations(cluster)):
        made = dialect.colocation_id(item.rsc, item.with_rsc, item.score, item.score_as_word)
        if not item.score.startswith("+") or is_valid_id(made):
            continue
        diagnostics.error(
            "PG236",
            item.location,
            value=item.score,
            pcs=dialect.pcs_version,
            target=dialect.name,
            id=made,
            instead=item.score.lstrip("+"),
        )


def _additional_colocations(cluster: ir.Cluster) -> Iterator[_Colocation]:
    """Each `pcs constraint colocation add` of ADDITIONAL_CONFIG that leaves pcs to
    name the constraint."""
    for item in cluster.additional_config:
        parsed = item.accepted
        if parsed is None:
            continue  # refused where the commands are read
        if parsed.kind == "constraint colocation add":
            found = _colocation_words(parsed.arguments, item.location)
            if found is not None:
                yield found


_SCORE_WORD = re.compile(r"[+-]?(INFINITY|[0-9]+)")


def _colocation_words(words: List[str], location: Location) -> Optional[_Colocation]:
    """`[ROLE] RSC with [ROLE] WITH [SCORE] [NAME=VALUE]...` as pcs reads it; None when
    an `id=` names the constraint (or pcs refuses the words)."""
    if "with" not in words[1:3]:
        return None
    at = 1 if words[1] == "with" else 2
    rest = words[at + 1 :]
    if len(rest) > 1 and "=" not in rest[1] and not _SCORE_WORD.fullmatch(rest[1]):
        rest = rest[1:]  # WITH's role
    if not rest:
        return None
    options = rest[1:]
    word = options.pop(0) if options and "=" not in options[0] else None
    pairs = dict(option.split("=", 1) for option in options if "=" in option)
    if "id" in pairs:
        return None
    if "score" in pairs:
        return _Colocation(words[at - 1], rest[0], pairs["score"], False, location)
    return _Colocation(words[at - 1], rest[0], word or "INFINITY", word is not None, location)


def _scores(cluster: ir.Cluster) -> Iterator[Tuple[str, Location]]:
    """Every constraint's score as the CIB holds it, with its cell."""
    for location in cluster.locations_node:
        yield location.score, location.where.get("score", location.location)
    for rule in cluster.locations_rule:
        yield rule.score, rule.location  # a rule is located at its score
    for colocation in cluster.colocations:
        yield colocation.score, colocation.where.get("score", colocation.location)


_INTEGER = re.compile(r"[+-]?[0-9]+")


def _integer(score: str) -> Optional[int]:
    """The score's integer; None for [+-]INFINITY."""
    return int(score) if _INTEGER.fullmatch(score) else None


def _score_range(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    """A score beyond the integers a supported Pacemaker reads it as: it means INFINITY
    there too, but that Pacemaker logs it each time it reads the CIB."""
    for score, location in _scores(cluster):
        number = _integer(score)
        if number is None:
            continue
        for rhel, release in dialect.generation.releases:
            bits = release.score_log_bits
            if bits is None or -(2 ** (bits - 1)) <= number < 2 ** (bits - 1):
                continue
            diagnostics.warning(
                "PG237",
                location,
                value=score,
                target=dialect.name,
                rhel=rhel,
                pacemaker=release.pacemaker,
                bits=bits,
                infinity="INFINITY" if number > 0 else "-INFINITY",
            )
            break


def _tags(cluster: ir.Cluster) -> Set[str]:
    return set(cluster.made_by_commands()[0])


def _schema(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    """Content that needs a newer schema than the target's oldest Pacemaker accepts."""
    generation = dialect.generation
    floor_rhel, floor = generation.releases[0]
    reported: Set[Tuple[Location, str]] = set()
    for found in content_needs(cluster, dialect):
        need = found.need
        if version(need.schema) <= version(floor.schema):
            continue
        if (found.location, found.what) in reported:
            continue
        reported.add((found.location, found.what))
        first = generation.first_release(need.schema)
        if first is None:
            diagnostics.warning(
                "PG421",
                found.location,
                what=found.what,
                schema=need.schema,
                target=generation.name,
                newest=generation.releases[-1][1].schema,
            )
        else:
            rhel, release = first
            diagnostics.warning(
                "PG420",
                found.location,
                what=found.what,
                schema=need.schema,
                target=generation.generation,
                rhel=rhel,
                pacemaker=release.pacemaker,
                floor_rhel=floor_rhel,
                floor=floor.pacemaker,
            )


def check_target(cluster: ir.Cluster, dialect: Dialect, diagnostics: Diagnostics) -> None:
    if not dialect.iso_durations:
        _durations(cluster, dialect, diagnostics)
    _pcs_commands(cluster, dialect, diagnostics)
    _colocation_scores(cluster, dialect, diagnostics)
    _score_range(cluster, dialect, diagnostics)
    _schema(cluster, dialect, diagnostics)
