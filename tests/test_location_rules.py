"""Location rules in pcs 0.12's form (one text), which pcsgen applies itself for a
rhel10 target (pcsgen.pcs.location_rule): what pcs 0.12 makes, and pcs's own decision
wherever pcsgen is not sure."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from lxml import etree

from pcsgen.pcs.location_rule import Boolean, add_location_rule, parse
from tests.definitions import minimal
from tests.helpers import compile_document, generation_of

# (arguments after `constraint location`, forced): each one pcsgen applies itself; run
# one after the other on the same CIB, so that later ids meet earlier ones
APPLIED: List[Tuple[List[str], bool]] = [
    (["grp", "rule", "score=0", "resource-discovery=exclusive", "rabbitmq-role eq true"], False),
    (["grp", "rule", "date-spec weekdays=1-5 hours=9-16 or rack eq r2"], True),
    (
        [
            "grp",
            "rule",
            "score-attribute=pingd",
            "defined pingd and (pingd gt integer 0 or #uname eq n1)",
        ],
        True,
    ),
    (
        [
            "grp",
            "rule",
            "constraint-id=loc-window",
            "id=loc-window-rule",
            "role=promoted",
            "date in_range 2024-01-01 to duration months=2 days=3",
        ],
        True,
    ),
    (["grp", "rule", "score=-INFINITY", "date gt 2024-01-01T10:00 and date lt 2025-06-30"], True),
    (["regexp%^d[0-9]", "rule", "#uname eq n1"], False),
    (["resource%d1", "rule", "score=50", "a eq 1 or b eq 2 and c ne 3"], False),
    (["d2", "rule", "(A EQ STRING b)"], False),
    (["d2", "rule", "x lt version 1.2.3", "or", "y gte number 2.5"], True),
    (["grp", "rule", "date in_range to 2030-01-01 or not_defined site"], True),
]

# what pcsgen leaves to pcs (the CIB untouched): keyword values, invalid values or
# options, resources pcs may refuse, a possible duplicate, rule kinds a location lacks
LEFT: List[Tuple[List[str], bool]] = [
    (["grp", "rule", "x eq and"], True),
    (["grp", "rule", "x eq string"], True),
    (["grp", "rule", "date gt 2024-13-01"], True),
    (["grp", "rule", "date in_range 2025-01-01 to 2024-01-01"], True),
    (["grp", "rule", "date-spec hours=9-9"], True),
    (["grp", "rule", "date-spec moon=1"], True),
    (["grp", "rule", "x eq integer 1.5"], True),
    (["grp", "rule", "score=+INFINITY", "x eq 1"], True),
    (["grp", "rule", "score=1", "score-attribute=a", "x eq 1"], True),
    (["grp", "rule", "role=master", "x eq 1"], True),
    (["grp", "rule", "resource-discovery=sometimes", "x eq 1"], True),
    (["grp", "rule", "constraint-id=grp", "x eq 1"], True),
    (["grp", "rule", "op monitor"], True),
    (["grp", "rule", "resource ocf:heartbeat:IPaddr2"], True),
    (["grp", "rule", "(x eq 1"], True),
    (["grp", "rule", ""], True),
    (["nothing", "rule", "x eq 1"], True),
    (["st", "rule", "x eq 1"], False),  # within a clone: pcs wants --force
    (["other%grp", "rule", "x eq 1"], True),
]


@pytest.fixture(scope="module")
def rhel10_cib(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    compiled = compile_document(minimal(), tmp_path_factory.mktemp("rules"), "rhel10")
    assert compiled.cib is not None
    return compiled.cib


def _apply(cib: bytes, commands: List[Tuple[List[str], bool]]) -> Tuple[etree._Element, List[bool]]:
    root = etree.fromstring(cib)
    return root, [add_location_rule(root, arguments, forced) for arguments, forced in commands]


def _constraints(root: etree._Element) -> List[Tuple[str, Dict[str, str], List[object]]]:
    """Every location constraint as (tag, attributes, children), whole."""

    def whole(element: etree._Element) -> Tuple[str, Dict[str, str], List[object]]:
        return element.tag, dict(element.attrib), [whole(child) for child in element]

    return [whole(c) for c in root.iterfind("configuration/constraints/rsc_location")]


def test_pcs_0_12_makes_the_same_constraints(rhel10_cib: bytes, tmp_path: Path) -> None:
    """Each command applied by pcsgen and by trixie's pcs 0.12, one after the other on the
    same CIB: the same constraints, rules, expressions and ids."""
    root, applied = _apply(rhel10_cib, APPLIED)
    assert all(applied), applied
    generation = generation_of("rhel10")
    cib = tmp_path / "cib.xml"
    cib.write_bytes(rhel10_cib)
    lines = [
        shlex.join(
            ["pcs", "-f", "cib.xml", "constraint", "location", *arguments]
            + (["--force"] if forced else [])
        )
        for arguments, forced in APPLIED
    ]
    result, produced = generation.run(" && ".join(lines), [cib])
    assert result.returncode == 0, result.stderr
    theirs = etree.fromstring(produced["cib.xml"])
    assert _constraints(root) == _constraints(theirs)


@pytest.mark.parametrize(("arguments", "forced"), LEFT, ids=[" ".join(a) for a, _ in LEFT])
def test_what_pcs_may_read_otherwise_is_left_to_it(
    rhel10_cib: bytes, arguments: List[str], forced: bool
) -> None:
    root, applied = _apply(rhel10_cib, [(arguments, forced)])
    assert applied == [False]
    assert etree.tostring(root) == etree.tostring(etree.fromstring(rhel10_cib))


def test_a_second_rule_of_a_resource_is_left_to_pcs_unless_forced(rhel10_cib: bytes) -> None:
    """pcs 0.12 refuses a rule it finds the same in another constraint of the resource,
    unless forced: pcsgen does not guess which it finds the same."""
    first = (["grp", "rule", "x eq 1"], False)
    _, applied = _apply(rhel10_cib, [first, (["grp", "rule", "y eq 2"], False)])
    assert applied == [True, False]
    _, forced = _apply(rhel10_cib, [first, (["grp", "rule", "y eq 2"], True)])
    assert forced == [True, True]


def test_operators_are_read_from_the_left() -> None:
    """A change of operator makes what came before one operand, as pcs's parser does;
    parentheses nest."""
    tree = parse("a eq 1 or b eq 2 and c eq 3")
    assert isinstance(tree, Boolean) and tree.operation == "and"
    assert isinstance(tree.children[0], Boolean) and tree.children[0].operation == "or"
    flat = parse("a eq 1 and b eq 2 and c eq 3")
    assert flat is not None and len(flat.children) == 3
    single = parse("(a eq 1)")
    assert single is not None and single.operation == "and" and len(single.children) == 1


def test_a_rhel10_definition_gets_the_rule_without_pcs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled for rhel10 on a machine without pcs, the command's constraint is in the
    CIB, and no warning says it is left to the script."""
    from pcsgen.compiler import additional

    monkeypatch.setattr(additional, "find_pcs", lambda: None)
    document = minimal()
    document["tables"].append(  # type: ignore[union-attr]
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [{"config": "pcs constraint location grp rule score=100 'site eq east'"}],
        }
    )
    compiled = compile_document(document, tmp_path, "rhel10")
    assert compiled.cib is not None
    codes = {d.code for d in compiled.analysis.diagnostics}
    assert not codes & {"PG503", "PG526"}, codes
    rules = etree.fromstring(compiled.cib).findall(".//rsc_location[@rsc='grp']/rule")
    assert [r.get("score") for r in rules] == ["100"]
    expression = rules[0].find("expression")
    assert expression is not None and expression.get("attribute") == "site"
    rhel9 = compile_document(document, tmp_path, "rhel9")
    assert "PG503" in {d.code for d in rhel9.analysis.diagnostics}


def test_a_location_rule_row_is_written_as_pcs_0_12_writes_it(tmp_path: Path) -> None:
    """A LOCATION_RULE row of one expression: pcs 0.12 writes boolean-op on the rule all
    the same (its rule parser makes every rule an `and` at least), pcs 0.11 does not;
    attribute for attribute, pcsgen's rhel10 CIB holds what trixie's pcs builds from
    the script."""
    from tests.definitions import write_csv
    from tests.helpers import run_pcsgen

    source = write_csv(minimal(), tmp_path / "rules.csv")
    done = run_pcsgen([str(source), "--target", "rhel10", "--corosync-conf", ""], tmp_path)
    assert done.returncode == 0, done.stderr
    built = etree.fromstring(generation_of("rhel10").build(tmp_path / "rules.sh"))
    compiled = etree.fromstring((tmp_path / "rules.xml").read_bytes())
    assert _constraints(compiled) == _constraints(built)
    rule = compiled.find(".//rsc_location[@rsc='st-clone']/rule")
    assert rule is not None and rule.get("boolean-op") == "and" and len(rule) == 1
    rhel9 = compile_document(minimal(), tmp_path, "rhel9")
    assert rhel9.cib is not None
    single = etree.fromstring(rhel9.cib).find(".//rsc_location[@rsc='st-clone']/rule")
    assert single is not None and single.get("boolean-op") is None


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000 + "x eq 1" + ")" * 5000,
        " or ".join(f"a{n} eq 1 and b{n} eq 2" for n in range(5000)),
    ],
    ids=["parentheses", "alternating operators"],
)
def test_a_hostile_rule_is_left_to_pcs_at_once(text: str) -> None:
    """Rules nested thousands deep (by parentheses, or by operators that keep changing)
    are pcs's to judge: no recursion runs out of stack here."""
    assert parse(text) is None
