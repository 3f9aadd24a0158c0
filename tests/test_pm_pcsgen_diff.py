"""Differential test against the real pm_pcsgen and pcs, through their recorded outputs.

Each tests/data/pm_pcsgen/NAME.csv was given to pm_pcsgen 1.8 driving pcs 0.11.5
(tests/data/pm_pcsgen/README.md says how); NAME.log holds its exit status and messages,
NAME.xml the CIB it wrote. What pm_pcsgen accepted must compile to the same
configuration, element by element, ids and order included; what it refused (pcs's
refusals and its own) must be refused, but for the differences listed below, each a
fault of pm_pcsgen or the work of another check."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional

import pytest
from lxml import etree

from tests.helpers import compile_file, need_tool

DATA = Path(__file__).resolve().parent / "data" / "pm_pcsgen"
TARGET = "rhel9"  # pm_pcsgen ran in its RHEL 9 mode

# pm_pcsgen refused these, pcsgen takes them: why each is right.
PCSGEN_ACCEPTS = {
    "j08-systemd-not-installed": "pm_pcsgen asks the pcs of the machine it runs on for the "
    "agent, which is not installed there; pcsgen compiles for the cluster, where it may be "
    "(info PG506)",
    "k01-rsc-attr-value-with-space": "pm_pcsgen writes a group's meta value unquoted into the "
    "pcs command line, so pcs reads 'two words' as two options; pcsgen quotes every value",
}
# Refused by pcs, not yet by pcsgen: the check belongs to other work. strict: the test
# fails once pcsgen refuses them, so the entry is removed then.
PENDING: Dict[str, str] = {}
# The error pcsgen gives for a refusal, where the case is about one check.
REFUSED_WITH = {
    "a02-resources-id-between": "PG113",
    "c02-meta-duplicate-different": "PG218",
    "j01-promotable-dummy": "PG242",
    "j02-ping-unique-name": "PG243",
    "j03-clone-stonith": "PG245",
    "j04-unknown-property": "PG450",
    "j05-duplicate-colocation": "PG246",
    "j06-duplicate-order": "PG247",
    "j07-agent-lowercase-dummy": "PG249",
    "j09-options-duplicate-different": "PG218",
    "j10-op-requires": "PG228",
}


class Recorded(NamedTuple):
    name: str
    status: int  # pm_pcsgen's exit status
    log: str

    @property
    def accepted(self) -> bool:
        return self.status in (0, 2)


def _recorded(name: str) -> Recorded:
    log = (DATA / f"{name}.log").read_text(encoding="utf-8")
    match = re.search(r"^# exit status: (\d+)$", log, re.MULTILINE)
    assert match is not None, f"{name}.log has no exit status"
    return Recorded(name, int(match.group(1)), log)


CASES = [_recorded(path.stem) for path in sorted(DATA.glob("*.csv"))]
ACCEPTED = [case for case in CASES if case.accepted]
REFUSED = [case for case in CASES if not case.accepted]


def _pcsgen_output(case: Recorded) -> tuple[Optional[bytes], List[str], List[str]]:
    """The CIB pcsgen writes (None on errors), its error codes and all its messages."""
    source = (DATA / f"{case.name}.csv").read_text(encoding="utf-8")
    corosync: Optional[str] = None
    if re.search(r"^[^#\n]*,NODE,", source, re.MULTILINE):
        # node ids come from the cluster pm_pcsgen ran against
        own = DATA / f"{case.name}.corosync.conf"
        corosync = str(own if own.exists() else DATA / "corosync.conf")
    if re.search(r"^[^#\n]*,ADDITIONAL_CONFIG,", source, re.MULTILINE):
        need_tool("pcs")  # the commands are applied to the CIB with pcs
    # the agents pm_pcsgen saw were installed (the catalogue stands in where they are not)
    result = compile_file(
        DATA / f"{case.name}.csv", TARGET, corosync_conf=corosync, system_agents=True
    )
    diagnostics = list(result.analysis.diagnostics)
    errors = [d.code for d in diagnostics if d.severity.label == "error"]
    return result.cib, errors, [f"{d.location}: {d.code} {d.message()}" for d in diagnostics]


def _configuration(data: bytes) -> etree._Element:
    root = etree.fromstring(
        data, etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    )
    configuration = root.find("configuration")
    assert configuration is not None
    return configuration


def _describe(element: etree._Element) -> str:
    return f"{element.tag}[{element.get('id') or ''}]"


def structural_differences(
    expected: etree._Element, actual: etree._Element, path: str = ""
) -> List[str]:
    """Every difference of tag, attribute or child order, with where it is."""
    here = f"{path}/{_describe(expected)}"
    if expected.tag != actual.tag:
        return [f"{path}: {_describe(expected)} != {_describe(actual)}"]
    found: List[str] = []
    if dict(expected.attrib) != dict(actual.attrib):
        found.append(f"{here}: attributes {dict(expected.attrib)} != {dict(actual.attrib)}")
    mine, theirs = list(expected), list(actual)
    if [_describe(e) for e in mine] != [_describe(e) for e in theirs]:
        return found + [
            f"{here}: children {[_describe(e) for e in mine]} != {[_describe(e) for e in theirs]}"
        ]
    for one, other in zip(mine, theirs):
        found.extend(structural_differences(one, other, here))
    return found


def test_the_recorded_corpus_is_here() -> None:
    assert len(ACCEPTED) >= 10 and len(REFUSED) >= 5, [c.name for c in CASES]
    for case in CASES:
        if case.accepted:
            assert (DATA / f"{case.name}.xml").exists(), case.name


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.name for c in ACCEPTED])
def test_what_pm_pcsgen_accepts_gives_the_same_cib(case: Recorded) -> None:
    cib, errors, messages = _pcsgen_output(case)
    assert cib is not None and not errors, "\n".join(messages)
    expected = _configuration((DATA / f"{case.name}.xml").read_bytes())
    differences = structural_differences(expected, _configuration(cib))
    assert not differences, "\n".join(differences)


def _refused_params() -> List[object]:
    params: List[object] = []
    for case in REFUSED:
        marks = []
        if case.name in PENDING:
            marks.append(pytest.mark.xfail(strict=True, reason=PENDING[case.name]))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.parametrize("case", _refused_params())
def test_what_pm_pcsgen_refuses_is_refused(case: Recorded) -> None:
    cib, errors, messages = _pcsgen_output(case)
    if case.name in PCSGEN_ACCEPTS:
        assert cib is not None and not errors, "\n".join(messages)
        return
    assert cib is None and errors, f"pcsgen accepts what pm_pcsgen refused:\n{case.log}"
    wanted = REFUSED_WITH.get(case.name)
    assert wanted is None or wanted in errors, "\n".join(messages)


def test_the_listed_exceptions_exist() -> None:
    names = {case.name for case in CASES}
    listed: Dict[str, str] = {**PCSGEN_ACCEPTS, **PENDING, **REFUSED_WITH}
    assert set(listed) <= names, set(listed) - names
