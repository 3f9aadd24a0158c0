"""Score spellings, with each generation's own pcs: in every place a definition gives a
score (LOCATION_NODE prefers and avoids, LOCATION_RULE, COLOCATION, and a colocation
naming a tag, which the script writes as a set), every spelling the target's pcs takes
is built by that pcs, offline, into the CIB pcsgen wrote, score for score and id for
id; every spelling it refuses is an error at its cell.

What each pcs does was measured with pcs 0.10.8, 0.11.5 and 0.12.0.2 (see the
dialects); the tables below are that measurement, and the tests hold both pcsgen and
each pcs to it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

import pytest
from lxml import etree

from pcsgen import values
from pcsgen.compiler.pipeline import Compiled
from pcsgen.generations import oracle_target, target_names
from tests.definitions import primitive
from tests.helpers import (
    Generation,
    assert_same_cib,
    compile_document,
    errors_of,
    generation_of,
)

# Cell spellings: INFINITY in any case and sign, integers signed or not, with leading
# zeros, beyond 32 and 64 bits, and in full-width digits.
SPELLINGS = [
    "INFINITY",
    "+INFINITY",
    "-INFINITY",
    "inf",
    "+inf",
    "-inf",
    "INF",
    "Infinity",
    "-Infinity",
    "100",
    "+100",
    "-100",
    "0",
    "+0",
    "-0",
    "00",
    "010",
    "+010",
    "-010",
    "1000000",
    "1000001",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999",
    "\uff11\uff10\uff10",
]
# A set takes the score as its options: the spellings as pcs is given them.
SET_SPELLINGS = [
    "INFINITY",
    "+INFINITY",
    "-INFINITY",
    "+100",
    "-100",
    "+0",
    "-0",
    "010",
    "+010",
    "-010",
    "99999999999999999999",
    "-9223372036854775809",
]
PLACES = ("prefers", "avoids", "rule", "colocation")
# What each target's pcs refuses, by place (measured; every other spelling above it
# writes as given, avoids negated): pcs 0.12 names a colocation after its score, and
# an id cannot hold '+'; every pcs does so when the score is a word of its own, as
# ADDITIONAL_CONFIG may give it (`pcs constraint colocation add A with B +100`).
_PLUS = {"+INFINITY", "+inf", "+100", "+0", "+010"}
REFUSED: Dict[str, Dict[str, Set[str]]] = {
    "rhel8": {"colocation_word": _PLUS},
    "rhel9": {"colocation_word": _PLUS},
    "rhel10": {"colocation": _PLUS, "colocation_word": _PLUS},
}
# Not scores to pcsgen (PG203), nor to any pcs, which refuses them in every place (but
# pcs 0.10 in a rule, where it writes `score-attribute=pingd` instead).
NOT_SCORES = ["1e3", "1.5", "++1", "INFINITY+", "- 1"]
DUMMIES = [f"d{index}" for index in range(8)]


def _pairs() -> List[Tuple[str, str]]:
    """Distinct ordered pairs of dummies: pcs takes one colocation per pair unforced."""
    return [(a, b) for a in DUMMIES for b in DUMMIES if a < b]


def _rows(place: str, spellings: List[str]) -> Tuple[str, List[Dict[str, str]]]:
    """The table and its rows giving each spelling a score in one place, each row a
    constraint of its own (another node, attribute or pair)."""
    if place in ("prefers", "avoids"):
        return "LOCATION_NODE", [
            {"rsc": "d0", "prefers/avoids": place, "node": f"{place[0]}{index}", "score": text}
            for index, text in enumerate(spellings)
        ]
    if place == "rule":
        return "LOCATION_RULE", [
            {"rsc": "d0", "score": text, "attribute": f"a{index}", "op": "eq", "value": "v"}
            for index, text in enumerate(spellings)
        ]
    assert len(spellings) <= len(_pairs())
    return "COLOCATION", [
        {"rsc": a, "with-rsc": b, "score": text} for (a, b), text in zip(_pairs(), spellings)
    ]


def _document(places: Dict[str, List[str]], extra: Sequence[Dict[str, Any]] = ()) -> Dict[str, Any]:
    tables: List[Dict[str, Any]] = [
        # no fencing device: crm_verify would refuse to start anything
        {"table": "PROPERTY", "rows": [{"name": "stonith-enabled", "value": "false"}]},
        {
            "table": "RESOURCES",
            "rows": [{"depth": 0, "kind": "Primitive", "id": rid} for rid in DUMMIES],
        },
        *(
            primitive(
                rid,
                "ocf:pacemaker:Dummy",
                [],
                [{"type": "monitor", "timeout": "20s", "interval": "10s"}],
            )
            for rid in DUMMIES
        ),
    ]
    for place, spellings in places.items():
        marker, rows = _rows(place, spellings)
        tables.append({"table": marker, "rows": rows})
    return {"name": "scores", "tables": tables + list(extra)}


def _constraints(cib: bytes) -> etree._Element:
    found = etree.fromstring(cib).find("configuration/constraints")
    assert found is not None
    return found


def _scores(cib: bytes) -> List[str]:
    """Every score of the constraints, as written (the canonical comparison reads
    `+100` and `100` alike; pcs writes one of them)."""
    return sorted(
        str(e.get("score")) for e in _constraints(cib).iter() if e.get("score") is not None
    )


def _ids(cib: bytes) -> List[str]:
    return sorted(str(e.get("id")) for e in _constraints(cib).iter() if e.get("id"))


def _build(compiled: Compiled, generation: Generation, directory: Path) -> bytes:
    assert compiled.cib is not None and compiled.script is not None, [
        (d.code, d.args, str(d.location)) for d in errors_of(compiled)
    ]
    (directory / "scores.xml").write_bytes(compiled.cib)
    (directory / "scores.sh").write_text(compiled.script)
    return generation.build(directory / "scores.sh")


# Beyond which integers each target's oldest Pacemaker logs that it clipped a score
# (2.0.5 of RHEL 8.4: an error beyond 32 bits; 2.1.2 of RHEL 9.0: a warning beyond 64;
# 3.0: never), which pcsgen warns of (PG237).
LOGGED_BEYOND: Dict[str, Optional[int]] = {"rhel8": 32, "rhel9": 64, "rhel10": None}
_CLIPPED = re.compile(
    r"Conversion of (\S+) was clipped|Integer parsed from '([^']+)' was "
    r"clipped"
)


def _assert_verified(compiled: Compiled, generation: Generation, cib: Path) -> None:
    """This generation's Pacemaker takes the CIB, and logs that it clipped a score for
    those pcsgen warned of and no other (where its release logs it: the tested one of
    rhel10 never does)."""
    assert all("was clipped" in line for line in generation.verify(cib))
    result, _ = generation.run(f"crm_verify --xml-file {cib.name} -VVVV", [cib])
    clipped = {a or b for a, b in _CLIPPED.findall(result.stdout + result.stderr)}
    warned = {d.args["value"] for d in compiled.analysis.diagnostics if d.code == "PG237"}
    bits = LOGGED_BEYOND[generation.target]
    assert compiled.cib is not None
    beyond = {
        s
        for s in _scores(compiled.cib)
        if bits is not None
        and s.lstrip("+-") != "INFINITY"
        and not -(2 ** (bits - 1)) <= int(s) < 2 ** (bits - 1)
    }
    assert warned == beyond == clipped


def _accepted(target: str, place: str, spellings: List[str]) -> List[str]:
    return [s for s in spellings if s not in REFUSED[target].get(place, set())]


@pytest.mark.parametrize("target", target_names())
def test_every_accepted_spelling_is_built_as_pcsgen_writes_it(target: str, tmp_path: Path) -> None:
    generation = generation_of(target)
    document = _document({place: _accepted(target, place, SPELLINGS) for place in PLACES})
    compiled = compile_document(document, tmp_path, oracle_target(target))
    assert errors_of(compiled) == []
    built = _build(compiled, generation, tmp_path)
    assert compiled.cib is not None
    assert_same_cib(compiled.cib, built)
    assert _scores(compiled.cib) == _scores(built)
    assert _ids(compiled.cib) == _ids(built)
    _assert_verified(compiled, generation, tmp_path / "scores.xml")
    # a colocation of +INFINITY is built where pcs takes it (and refused below where not)
    assert compiled.script is not None
    colocations = [line for line in compiled.script.splitlines() if "colocation add" in line]
    assert any(line.endswith(" score=+INFINITY") for line in colocations) == (target != "rhel10")


@pytest.mark.parametrize("target", target_names())
def test_a_colocation_on_a_tag_takes_every_spelling(target: str, tmp_path: Path) -> None:
    """A colocation naming a tag is a set to pcs (`setoptions score=S`), which every pcs
    names otherwise than after its score: no spelling is refused there."""
    generation = generation_of(target)
    generation_of("rhel9")  # the pcs ADDITIONAL_CONFIG runs with at compile time
    tags = [f"t{index}" for index in range(len(SET_SPELLINGS))]
    # each tag holds one dummy, and each pair differs: pcs refuses a set it already has
    pairs = [(a, b) for a in DUMMIES for b in DUMMIES if a != b][: len(tags)]
    extra = [
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [{"config": f"pcs tag create {tag} {a}"} for tag, (a, _) in zip(tags, pairs)],
        }
    ]
    document = _document({}, extra)
    document["tables"].append(
        {
            "table": "COLOCATION",
            "rows": [
                {"rsc": tag, "with-rsc": b, "score": text}
                for tag, (_, b), text in zip(tags, pairs, SET_SPELLINGS)
            ],
        }
    )
    compiled = compile_document(document, tmp_path, oracle_target(target))
    assert errors_of(compiled) == []
    assert compiled.script is not None and "setoptions score=+INFINITY" in compiled.script
    built = _build(compiled, generation, tmp_path)
    assert compiled.cib is not None
    assert_same_cib(compiled.cib, built)
    assert _scores(compiled.cib) == _scores(built)


def _refusals(compiled: Compiled, path: Path) -> Set[Tuple[str, str]]:
    """(the text of the cell, the code) of each error, which must be at a cell."""
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        grid = list(csv.reader(handle))
    found: Set[Tuple[str, str]] = set()
    for diagnostic in errors_of(compiled):
        location = diagnostic.location
        assert location is not None and location.row and location.column, diagnostic
        found.add((grid[location.row - 1][location.column - 1], diagnostic.code))
    return found


@pytest.mark.parametrize("target", target_names())
@pytest.mark.parametrize("place", PLACES)
def test_refused_spellings_are_refused_at_their_cell(
    target: str, place: str, tmp_path: Path
) -> None:
    plus = [s for s in SPELLINGS if s.startswith("+")]
    compiled = compile_document(
        _document({place: plus + NOT_SCORES}), tmp_path, oracle_target(target)
    )
    assert compiled.cib is None and compiled.script is None
    expected = {(text, "PG203") for text in NOT_SCORES} | {
        (text, "PG236") for text in REFUSED[target].get(place, set())
    }
    assert _refusals(compiled, tmp_path / "scores.csv") == expected
    if target == "rhel10" and place == "colocation":
        assert ("+INFINITY", "PG236") in expected


# The command the script runs for a score in each place (the tests above build every
# other spelling with it).
COMMANDS = {
    "prefers": "constraint location -- d0 prefers n1={score}",
    "avoids": "constraint location -- d0 avoids n1={score}",
    "rule": "constraint location -- d0 rule score={score} a eq v",
    "colocation": "constraint colocation add -- d0 with d1 score={score}",
    # as ADDITIONAL_CONFIG may give it: the score as a word, or with the id named
    "colocation_word": "constraint colocation add -- d0 with d1 {score}",
    "colocation_named": "constraint colocation add -- d0 with d1 score={score} id=named",
}


@pytest.mark.parametrize("target", target_names())
def test_the_refusals_are_the_target_pcs_own(target: str, tmp_path: Path) -> None:
    """What pcsgen refuses, the target's own pcs refuses on a CIB pcsgen wrote; the
    same spelling elsewhere, or for another target, it takes (the '+' of avoids is left
    out: pcsgen gives pcs the score without it)."""
    import shlex

    generation = generation_of(target)
    compiled = compile_document(_document({}), tmp_path, oracle_target(target))
    assert compiled.cib is not None
    (tmp_path / "base.xml").write_bytes(compiled.cib)
    cases = (
        [(place, text) for place in PLACES if place != "avoids" for text in ("+INFINITY", "+100")]
        + [(place, text) for place in PLACES for text in NOT_SCORES[:2]]
        + [
            (place, text)
            for place in ("colocation_word", "colocation_named")
            for text in ("+100", "100")
        ]
    )
    lines = []
    for index, (place, text) in enumerate(cases):
        words = COMMANDS[place].format(score=values.score(text) or text)
        if generation.target == "rhel10" and place == "rule":
            words = words.replace("a eq v", "'a eq v'")  # pcs 0.12: one argument
        lines.append(
            f"cp base.xml c{index}.xml; pcs -f c{index}.xml "
            f"{' '.join(shlex.quote(w) for w in shlex.split(words))} "
            f">/dev/null 2>&1; echo $? > rc{index}"
        )
    (tmp_path / "cases.sh").write_text("\n".join(lines) + "\n")
    result, produced = generation.run("sh cases.sh", [tmp_path / "base.xml", tmp_path / "cases.sh"])
    assert result.returncode == 0, result.stderr
    for index, (place, text) in enumerate(cases):
        refused = produced[f"rc{index}"].strip() != b"0"
        if text in NOT_SCORES and refused is False:
            # pcs 0.10 takes a rule with an invalid score as a score-attribute instead
            written = _constraints(produced[f"c{index}.xml"])
            assert (
                place == "rule"
                and target == "rhel8"
                and written.find(".//rule[@score-attribute]") is not None
            ), (place, text)
            continue
        refusals = REFUSED[target].get(place, set())
        assert refused == (text in NOT_SCORES or text in refusals), (place, text)


@pytest.mark.parametrize("target", target_names())
def test_additional_config_colocations_are_held_to_the_same(target: str, tmp_path: Path) -> None:
    """A colocation ADDITIONAL_CONFIG adds is named by pcs as the tables' are, or after
    its score whatever the pcs when that is a word of its own: the spellings pcs
    refuses there are refused at the command's cell, unless an id is given."""
    generation_of("rhel9")  # the pcs ADDITIONAL_CONFIG runs with at compile time
    places = {
        "pcs constraint colocation add d0 with d1 score=+INFINITY": "colocation",
        "pcs constraint colocation add Started d2 with d3 +100": "colocation_word",
        "pcs constraint colocation add d4 with d5 score=+5 id=named": None,
        "pcs constraint colocation add d6 with d7 score=-100": "colocation",
    }
    document = _document(
        {}, [{"table": "ADDITIONAL_CONFIG", "rows": [{"config": command} for command in places]}]
    )
    compiled = compile_document(document, tmp_path, oracle_target(target))
    expected = {
        (command, "PG236")
        for command, place in places.items()
        if place is not None and "+" in command and REFUSED[target].get(place)
    }
    assert len(expected) == (2 if target == "rhel10" else 1)
    assert _refusals(compiled, tmp_path / "scores.csv") == expected
    assert (compiled.cib is None) == bool(expected)
