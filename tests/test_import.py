"""import: a CIB pcsgen did not write comes back as the same configuration, or the
import names what is lost; what pcs rebuilds is quoted and ordered so that it runs."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import List

import pytest

from pcsgen.diagnostics import Diagnostics
from pcsgen.workbook.importer import import_cib
from tests.conftest import need_tool, run_pcsgen
from tests.corpus import round_trip, unexplained
from tests.test_canonical import PROMOTABLE, TWO, cib, dummy, meta, ops


def _import(tmp_path: Path, text: str, target: str = "rhel9") -> Diagnostics:
    (tmp_path / "in.xml").write_text(text)
    diagnostics = Diagnostics()
    import_cib(str(tmp_path / "in.xml"), "in", diagnostics, target)
    return diagnostics


def _commands(diagnostics: Diagnostics) -> List[str]:
    return [d.args["command"] for d in diagnostics if d.code == "PG703"]


def _trip(tmp_path: Path, text: str) -> List[str]:
    """The differences a round trip leaves (import -> compile -> diff)."""
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict in ("equal", "warned"), result
    return result.changes


@pytest.mark.parametrize("what,text", [
    ("a location's role Promoted", cib(PROMOTABLE, '<rsc_location id="l" rsc="ms" node="n1" '
                                                   'score="50" role="Promoted"/>')),
    ("then-action omitted", cib(PROMOTABLE + dummy("a"), '<rsc_order id="o" first="ms" '
                                                         'then="a" first-action="demote"/>')),
    ("a name set twice", cib(dummy(body=meta(("priority", "1"), ("priority", "2"))))),
    ("an nvpair with an empty value", cib(dummy(body=meta(("fake", ""),
                                                          tag="instance_attributes")))),
    ("ISO 8601 durations", cib(dummy(body=ops('name="monitor" interval="PT10S" '
                                              'timeout="P20S"')))),
    ("an order's kind given by score", cib(TWO, '<rsc_order id="o" first="a" then="b" '
                                                'score="0"/>')),
    ("a <master>", cib('<master id="ms"><primitive id="s" class="ocf" provider="pacemaker" '
                       'type="Stateful"/></master>')),
    ("a group's instance attributes", cib('<group id="g">' + dummy("a") + meta(
        ("fake", "1"), tag="instance_attributes") + "</group>")),
    ("a value with spaces at an end", cib(dummy(body=meta(("fake", " x "),
                                                          tag="instance_attributes")))),
    ("operations by id-ref", cib(dummy("a", '<operations id="s"><op id="o1" name="monitor" '
                                            'interval="17s"/></operations>') +
                                 dummy("b", '<operations id-ref="s"/>'))),
    ("zero-interval ops told apart by role", cib(PROMOTABLE.replace(
        'type="Stateful"/>', 'type="Stateful">' + ops(
            'name="monitor" interval="0" timeout="5s" role="Promoted"',
            'name="monitor" interval="0" timeout="9s" role="Unpromoted"',
            'name="monitor" interval="9s" role="Promoted"',
            'name="monitor" interval="11s" role="Unpromoted"') + "</primitive>"))),
    ("a self-order demote then promote", cib(PROMOTABLE, '<rsc_order id="o" first="ms" '
                                                         'then="ms" first-action="demote" '
                                                         'then-action="promote"/>')),
    ("an agent's operations the CIB does not configure", cib(
        '<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">' +
        meta(("device", "/dev/x"), ("directory", "/d"), ("fstype", "xfs"),
             tag="instance_attributes") + "</primitive>")),
    ("an empty configuration", cib()),
])
def test_round_trip_is_exact(what: str, text: str, tmp_path: Path) -> None:
    assert _trip(tmp_path, text) == []


@pytest.mark.parametrize("what,text", [
    ("a tag named by constraints", cib(TWO + dummy("c"), '<rsc_location id="l" rsc="t" '
                                       'node="n1" score="10"/><rsc_order id="o" first="t" '
                                       'then="c"/>', extra='<tags><tag id="t"><obj_ref id="a"/>'
                                       '<obj_ref id="b"/></tag></tags>')),
    ("resource-discovery, influence, require-all", cib(
        TWO + '<clone id="cl">' + dummy("c") + "</clone>",
        '<rsc_location id="l" rsc="a" node="n1" score="10" resource-discovery="never"/>'
        '<rsc_colocation id="co" rsc="a" with-rsc="b" score="10" influence="false"/>'
        '<rsc_order id="o" first="cl" then="b" require-all="false"/>')),
    ("a set order", cib(TWO + dummy("c"), '<rsc_order id="o" kind="Optional"><resource_set '
                        'id="s1" sequential="false"><resource_ref id="a"/><resource_ref '
                        'id="b"/></resource_set><resource_set id="s2"><resource_ref id="c"/>'
                        '</resource_set></rsc_order>')),
    ("a date with spaces in a rule", cib(TWO, '<rsc_location id="l" rsc="a"><rule id="r" '
                                         'score="10"><date_expression id="d" operation="lt" '
                                         'end="2030-01-02 03:04:05 +01:00"/></rule>'
                                         '</rsc_location>')),
    ("defaults under a rule", cib(TWO, extra='<rsc_defaults>' + meta(
        ("resource-stickiness", "5"), set_id="r1").replace(
        "</meta_attributes>", '<rule id="r" score="0"><rsc_expression id="e" class="ocf" '
                              'provider="pacemaker" type="Dummy"/></rule></meta_attributes>') +
        meta(("resource-stickiness", "1"), set_id="r0") + "</rsc_defaults>")),
    ("a bundle that holds a primitive", cib(
        '<bundle id="b"><docker image="pcmktest:http" replicas="2"/><network '
        'control-port="3121"/>' + dummy("inside", ops('name="monitor" interval="20s"')) +
        "</bundle>" + dummy("a"), '<rsc_order id="o" first="b" then="a"/>')),
])
def test_round_trip_through_pcs_commands(what: str, text: str, tmp_path: Path) -> None:
    need_tool("pcs")
    assert _trip(tmp_path, text) == []


@pytest.mark.parametrize("what,text,code", [
    ("a description", cib(dummy(body="").replace('type="Dummy"', 'type="Dummy" '
                                                 'description="mine"')), "PG712"),
    ("values under a rule", cib(dummy(body=meta(("fake", "1"), tag="instance_attributes") +
                                      meta(("fake", "2"), set_id="m2",
                                           tag="instance_attributes").replace(
        "</instance_attributes>", '<rule id="r" score="0"><expression id="e" '
                                  'attribute="#uname" operation="eq" value="n1"/></rule>'
                                  '</instance_attributes>'))), "PG710"),
    ("an operation's own parameters", cib(dummy(body='<operations><op id="o" name="start" '
                                                     'interval="0">' + meta(
        ("trace_ra", "1"), set_id="oi", tag="instance_attributes") + "</op></operations>")),
     "PG715"),
])
def test_what_is_lost_is_named(what: str, text: str, code: str, tmp_path: Path) -> None:
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict == "warned" and result.changes
    assert any(w.startswith(code) for w in result.warnings), result.warnings
    assert not unexplained(result)


HOSTILE = "x; touch /tmp/pwned $(id) `id` 'q'"


def test_every_word_of_a_command_is_quoted(tmp_path: Path) -> None:
    """Values from a (hostile) CIB reach pcs as single words, never as shell code."""
    text = cib(TWO, f'<rsc_ticket id="t" ticket="{HOSTILE}" rsc="a" rsc-role="{HOSTILE}" '
                    f'loss-policy="{HOSTILE}"/><rsc_location id="l" rsc="a"><rule id="r" '
                    f'score="{HOSTILE}" role="{HOSTILE}"><expression id="e" attribute="x" '
                    f'operation="eq" value="{HOSTILE}"/><date_expression id="d" '
                    f'operation="gt" start="2020-01-01"/></rule></rsc_location>',
               extra=f'<fencing-topology><fencing-level id="f" index="{HOSTILE}" '
                     f'target-pattern="{HOSTILE}" devices="a"/></fencing-topology>')
    commands = _commands(_import(tmp_path, text))
    assert len(commands) == 3
    for command in commands:
        words = shlex.split(command)
        assert any(HOSTILE in word for word in words), command
        assert all(HOSTILE in word or " " not in word for word in words), command


def test_additional_config_order_names_nothing_before_it_exists(tmp_path: Path) -> None:
    text = cib('<bundle id="b"><docker image="i"/><network control-port="3121"/>' +
               dummy("in") + "</bundle>" + TWO,
               '<rsc_order id="o" first="t" then="b"/>',
               extra='<tags><tag id="t"><obj_ref id="a"/><obj_ref id="b"/></tag></tags>')
    (tmp_path / "in.xml").write_text(text)
    document = import_cib(str(tmp_path / "in.xml"), "in", Diagnostics())
    rows = next(t["rows"] for t in document["tables"] if t["table"] == "ADDITIONAL_CONFIG")
    commands = [shlex.split(row["config"])[1:3] for row in rows]
    assert commands.index(["tag", "create"]) < commands.index(["resource", "bundle"]) < \
        commands.index(["resource", "create"]) < commands.index(["constraint", "order"])


def test_rhel10_rules_are_one_argument_and_dates_without_spaces(tmp_path: Path) -> None:
    text = cib(TWO, '<rsc_location id="l" rsc="a"><rule id="r" score="10"><expression '
                    'id="e" attribute="x" operation="gt" type="integer" value="5"/>'
                    '<date_expression id="d" operation="lt" end="2030-01-02 03:04:05 +01:00"/>'
                    '</rule></rsc_location>')
    nine = shlex.split(_commands(_import(tmp_path, text))[0])
    ten = shlex.split(_commands(_import(tmp_path, text, "rhel10"))[0])
    assert nine[-9:] == ["x", "gt", "integer", "5", "and", "date", "lt",
                         "2030-01-02 03:04:05 +01:00", "--force"]
    assert ten[-2:] == ["x gt integer 5 and date lt 2030-01-02T02:04:05Z", "--force"]


def test_import_reports_pacemaker_maintained_and_ignored_things(tmp_path: Path) -> None:
    result = run_pcsgen(["import", "in.xml", "-o", "out.csv"], tmp_path) \
        if (tmp_path / "in.xml").write_text(cib(
            TWO, '<rsc_colocation id="c" rsc="a" with-rsc="b" score="0"/>', crm_config=(
                '<cluster_property_set id="cib-bootstrap-options"><nvpair id="v" '
                'name="dc-version" value="2.1.5"/></cluster_property_set>'))) else None
    assert result is not None and result.returncode == 0, result.stderr if result else ""
    assert "info PG706" in result.stderr and "info PG718" in result.stderr
