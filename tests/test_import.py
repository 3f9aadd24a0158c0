"""import: a CIB pcsgen did not write comes back as the same configuration, or the
import names what is lost; what pcs rebuilds is quoted and ordered so that it runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import List, Tuple

import pytest

from pcsgen.diagnostics import Diagnostics
from pcsgen.workbook.importer import import_cib
from tests.corpus import round_trip, unexplained
from tests.helpers import need_tool, run_pcsgen, run_script
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


@pytest.mark.parametrize(
    "what,text",
    [
        (
            "a location's role Promoted",
            cib(PROMOTABLE, '<rsc_location id="l" rsc="ms" node="n1" score="50" role="Promoted"/>'),
        ),
        (
            "then-action omitted",
            cib(
                PROMOTABLE + dummy("a"),
                '<rsc_order id="o" first="ms" then="a" first-action="demote"/>',
            ),
        ),
        ("a name set twice", cib(dummy(body=meta(("priority", "1"), ("priority", "2"))))),
        (
            "an nvpair with an empty value",
            cib(dummy(body=meta(("fake", ""), tag="instance_attributes"))),
        ),
        (
            "ISO 8601 durations",
            cib(dummy(body=ops('name="monitor" interval="PT10S" timeout="P20S"'))),
        ),
        (
            "an order's kind given by score",
            cib(TWO, '<rsc_order id="o" first="a" then="b" score="0"/>'),
        ),
        (
            "a <master>",
            cib(
                '<master id="ms"><primitive id="s" class="ocf" provider="pacemaker" '
                'type="Stateful"/></master>'
            ),
        ),
        (
            "a group's instance attributes",
            cib(
                '<group id="g">'
                + dummy("a")
                + meta(("fake", "1"), tag="instance_attributes")
                + "</group>"
            ),
        ),
        (
            "a value with spaces at an end",
            cib(dummy(body=meta(("fake", " x "), tag="instance_attributes"))),
        ),
        (
            "operations by id-ref",
            cib(
                dummy(
                    "a",
                    '<operations id="s"><op id="o1" name="monitor" interval="17s"/></operations>',
                )
                + dummy("b", '<operations id-ref="s"/>')
            ),
        ),
        (
            "zero-interval ops told apart by role",
            cib(
                PROMOTABLE.replace(
                    'type="Stateful"/>',
                    'type="Stateful">'
                    + ops(
                        'name="monitor" interval="0" timeout="5s" role="Promoted"',
                        'name="monitor" interval="0" timeout="9s" role="Unpromoted"',
                        'name="monitor" interval="9s" role="Promoted"',
                        'name="monitor" interval="11s" role="Unpromoted"',
                    )
                    + "</primitive>",
                )
            ),
        ),
        (
            "a self-order demote then promote",
            cib(
                PROMOTABLE,
                '<rsc_order id="o" first="ms" '
                'then="ms" first-action="demote" '
                'then-action="promote"/>',
            ),
        ),
        (
            "an agent's operations the CIB does not configure",
            cib(
                '<primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">'
                + meta(
                    ("device", "/dev/x"),
                    ("directory", "/d"),
                    ("fstype", "xfs"),
                    tag="instance_attributes",
                )
                + "</primitive>"
            ),
        ),
        ("an empty configuration", cib()),
    ],
)
def test_round_trip_is_exact(what: str, text: str, tmp_path: Path) -> None:
    assert _trip(tmp_path, text) == []


@pytest.mark.parametrize(
    "what,text",
    [
        (
            "a tag named by constraints",
            cib(
                TWO + dummy("c"),
                '<rsc_location id="l" rsc="t" '
                'node="n1" score="10"/><rsc_order id="o" first="t" '
                'then="c"/>',
                extra='<tags><tag id="t"><obj_ref id="a"/><obj_ref id="b"/></tag></tags>',
            ),
        ),
        (
            "resource-discovery, influence, require-all",
            cib(
                TWO + '<clone id="cl">' + dummy("c") + "</clone>",
                '<rsc_location id="l" rsc="a" node="n1" score="10" resource-discovery="never"/>'
                '<rsc_colocation id="co" rsc="a" with-rsc="b" score="10" influence="false"/>'
                '<rsc_order id="o" first="cl" then="b" require-all="false"/>',
            ),
        ),
        (
            "a set order",
            cib(
                TWO + dummy("c"),
                '<rsc_order id="o" kind="Optional"><resource_set '
                'id="s1" sequential="false"><resource_ref id="a"/><resource_ref '
                'id="b"/></resource_set><resource_set id="s2"><resource_ref id="c"/>'
                "</resource_set></rsc_order>",
            ),
        ),
        (
            "a date with spaces in a rule",
            cib(
                TWO,
                '<rsc_location id="l" rsc="a"><rule id="r" '
                'score="10"><date_expression id="d" operation="lt" '
                'end="2030-01-02 03:04:05 +01:00"/></rule>'
                "</rsc_location>",
            ),
        ),
        (
            "defaults under a rule",
            cib(
                TWO,
                extra="<rsc_defaults>"
                + meta(("resource-stickiness", "5"), set_id="r1").replace(
                    "</meta_attributes>",
                    '<rule id="r" score="0"><rsc_expression id="e" class="ocf" '
                    'provider="pacemaker" type="Dummy"/></rule></meta_attributes>',
                )
                + meta(("resource-stickiness", "1"), set_id="r0")
                + "</rsc_defaults>",
            ),
        ),
        (
            "a comparison typed string that is not the default",
            cib(
                TWO,
                '<rsc_location id="l" rsc="a"><rule id="r" score="1" boolean-op="and"><expression '
                'id="e1" attribute="#id" operation="lt" value="uuid3" type="string"/><expression '
                'id="e2" attribute="x" operation="eq" value="y" type="string"/></rule>'
                "</rsc_location>",
            ),
        ),
        (
            "a bundle that holds a primitive",
            cib(
                '<bundle id="b"><docker image="pcmktest:http" replicas="2"/><network '
                'control-port="3121"/>'
                + dummy("inside", ops('name="monitor" interval="20s"'))
                + "</bundle>"
                + dummy("a"),
                '<rsc_order id="o" first="b" then="a"/>',
            ),
        ),
    ],
)
def test_round_trip_through_pcs_commands(what: str, text: str, tmp_path: Path) -> None:
    need_tool("pcs")
    assert _trip(tmp_path, text) == []


@pytest.mark.parametrize(
    "what,text,code",
    [
        (
            "a description",
            cib(dummy(body="").replace('type="Dummy"', 'type="Dummy" description="mine"')),
            "PG712",
        ),
        (
            "values under a rule",
            cib(
                dummy(
                    body=meta(("fake", "1"), tag="instance_attributes")
                    + meta(("fake", "2"), set_id="m2", tag="instance_attributes").replace(
                        "</instance_attributes>",
                        '<rule id="r" score="0"><expression id="e" '
                        'attribute="#uname" operation="eq" value="n1"/></rule>'
                        "</instance_attributes>",
                    )
                )
            ),
            "PG710",
        ),
        (
            "an operation's own parameters",
            cib(
                dummy(
                    body='<operations><op id="o" name="start" '
                    'interval="0">'
                    + meta(("trace_ra", "1"), set_id="oi", tag="instance_attributes")
                    + "</op></operations>"
                )
            ),
            "PG715",
        ),
    ],
)
def test_what_is_lost_is_named(what: str, text: str, code: str, tmp_path: Path) -> None:
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict == "warned" and result.changes
    assert any(w.startswith(code) for w in result.warnings), result.warnings
    assert not unexplained(result)


HOSTILE = "x; touch /tmp/pwned $(id) `id` 'q'"
# one pcs's rule parser reads as written (no parenthesis): still shell code
HOSTILE_WORD = "x; touch /tmp/pwned `id` 'q'"


def test_every_word_of_a_command_is_quoted(tmp_path: Path) -> None:
    """Values from a (hostile) CIB reach pcs as single words, never as shell code."""
    text = cib(
        TWO,
        f'<rsc_ticket id="t" ticket="{HOSTILE}" rsc="a" rsc-role="{HOSTILE}" '
        f'loss-policy="{HOSTILE}"/><rsc_location id="l" rsc="a"><rule id="r" '
        f'score="{HOSTILE}" role="{HOSTILE}"><expression id="e" attribute="x" '
        f'operation="eq" value="{HOSTILE_WORD}"/><date_expression id="d" '
        f'operation="gt" start="2020-01-01"/></rule></rsc_location>',
        extra=f'<fencing-topology><fencing-level id="f" index="{HOSTILE}" '
        f'target-pattern="{HOSTILE}" devices="a"/></fencing-topology>',
    )
    commands = _commands(_import(tmp_path, text))
    assert len(commands) == 3
    for command in commands:
        words = shlex.split(command)
        assert any(HOSTILE in word for word in words), command
        assert all(HOSTILE in word or HOSTILE_WORD in word or " " not in word for word in words), (
            command
        )


def test_additional_config_order_names_nothing_before_it_exists(tmp_path: Path) -> None:
    text = cib(
        '<bundle id="bu"><docker image="i"/><network control-port="3121"/>'
        + dummy("in")
        + "</bundle>"
        + TWO,
        '<rsc_order id="o" first="t" then="b"/>',
        extra='<tags><tag id="t"><obj_ref id="a"/><obj_ref id="bu"/></tag></tags>',
    )
    (tmp_path / "in.xml").write_text(text)
    need_tool("pcs")
    assert round_trip(tmp_path / "in.xml", workdir=tmp_path).verdict == "equal"
    document = import_cib(str(tmp_path / "in.xml"), "in", Diagnostics())
    rows = next(t["rows"] for t in document["tables"] if t["table"] == "ADDITIONAL_CONFIG")
    commands = [shlex.split(row["config"])[1:3] for row in rows]
    # the tag holds the bundle: the bundle (with its primitive) first, then the tag, then
    # the constraint naming the tag
    assert (
        commands.index(["resource", "bundle"])
        < commands.index(["resource", "create"])
        < commands.index(["tag", "create"])
        < commands.index(["constraint", "order"])
    )


def test_rhel10_rules_are_one_argument_and_dates_without_spaces(tmp_path: Path) -> None:
    text = cib(
        TWO,
        '<rsc_location id="l" rsc="a"><rule id="r" score="10"><expression '
        'id="e" attribute="x" operation="gt" type="integer" value="5"/>'
        '<date_expression id="d" operation="lt" end="2030-01-02 03:04:05 +01:00"/>'
        "</rule></rsc_location>",
    )
    nine = shlex.split(_commands(_import(tmp_path, text))[0])
    ten = shlex.split(_commands(_import(tmp_path, text, "rhel10"))[0])
    assert nine[-9:] == [
        "x",
        "gt",
        "integer",
        "5",
        "and",
        "date",
        "lt",
        "2030-01-02 03:04:05 +01:00",
        "--force",
    ]
    assert ten[-2:] == ["x gt integer 5 and date lt 2030-01-02T02:04:05Z", "--force"]


def test_import_reports_pacemaker_maintained_and_ignored_things(tmp_path: Path) -> None:
    result = (
        run_pcsgen(["import", "in.xml", "-o", "out.csv"], tmp_path)
        if (tmp_path / "in.xml").write_text(
            cib(
                TWO,
                '<rsc_colocation id="c" rsc="a" with-rsc="b" score="0"/>',
                crm_config=(
                    '<cluster_property_set id="cib-bootstrap-options"><nvpair id="v" '
                    'name="dc-version" value="2.1.5"/></cluster_property_set>'
                ),
            )
        )
        else None
    )
    assert result is not None and result.returncode == 0, result.stderr if result else ""
    assert "info PG706" in result.stderr and "info PG718" in result.stderr


# --- what pcs takes only when forced, or not at all ----------------------------------

FENCE = '<primitive id="f1" class="stonith" type="fence_xvm"/>'
STATEFUL = '<primitive id="s" class="ocf" provider="pacemaker" type="Stateful"/>'
IP = (
    '<primitive id="{id}" class="ocf" provider="heartbeat" type="IPaddr2">'
    + meta(("ip", "192.0.2.10"), set_id="{id}-i", tag="instance_attributes")
    + "</primitive>"
)
# an IPaddr2 without its required 'ip' (Pacemaker's scheduler tests hold such)
IP_NONE = (
    '<primitive id="{id}" class="ocf" provider="heartbeat" type="IPaddr2">'
    + meta(("nic", "eth0"), set_id="{id}-i", tag="instance_attributes")
    + "</primitive>"
)


def _warned(tmp_path: Path, text: str, target: str = "rhel9") -> List[str]:
    """The import's warnings (code: message) of a round trip that must be exact."""
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", target=target, workdir=tmp_path)
    assert result.verdict == "equal", result
    diagnostics = _import(tmp_path, text, target)
    return [f"{d.code}: {d.message()}" for d in diagnostics]


@pytest.mark.parametrize(
    "what,text,command",
    [
        (
            "a cloned fence device",
            cib(
                dummy("a")
                + '<clone id="fc">'
                + FENCE
                + meta(("interleave", "true"), set_id="fcm")
                + "</clone>",
                '<rsc_order id="o" first="fc" then="a"/>',
            ),
            "pcs resource clone f1 fc --force",
        ),
        (
            "a fence device's action",
            cib(
                FENCE.replace(
                    "/>", ">" + meta(("action", "off"), tag="instance_attributes") + "</primitive>"
                )
            ),
            "pcs stonith update f1 action=off --force",
        ),
        (
            "a unique parameter repeated",
            cib(
                dummy("d1").replace(
                    "</primitive>",
                    meta(("state", "/run/s"), set_id="d1-i", tag="instance_attributes")
                    + "</primitive>",
                )
                + dummy("d2").replace(
                    "</primitive>",
                    meta(("state", "/run/s"), set_id="d2-i", tag="instance_attributes")
                    + "</primitive>",
                )
            ),
            "pcs resource update d2 state=/run/s --force",
        ),
        # required: it cannot leave the create, so the create itself is forced
        (
            "a unique required parameter repeated",
            cib(IP.format(id="ip1") + IP.format(id="ip2")),
            "pcs resource create ip2 ocf:heartbeat:IPaddr2 ip=192.0.2.10 --no-default-ops --force",
        ),
        (
            "a parameter the agent does not know",
            cib(
                dummy("d").replace(
                    "</primitive>",
                    meta(
                        ("clone-max", "2"),
                        ("target-role", "Started"),
                        set_id="d-i",
                        tag="instance_attributes",
                    )
                    + "</primitive>",
                )
            ),
            "pcs resource update --force -- d clone-max=2 target-role=Started",
        ),
        (
            "a fence device's parameter its agent does not know",
            cib(
                '<primitive id="f3" class="stonith" type="fence_ilo2">'
                + meta(
                    ("ip", "192.0.2.1"),
                    ("username", "u"),
                    ("mode", "pass"),
                    set_id="f3-i",
                    tag="instance_attributes",
                )
                + "</primitive>"
            ),
            "pcs stonith update --force -- f3 mode=pass",
        ),
        # a typo Pacemaker ignores: the compile refuses it in a table, the cluster holds it
        (
            "an unknown cluster property",
            cib(
                TWO,
                crm_config=(
                    '<cluster_property_set id="cib-bootstrap-options"><nvpair id="p1" '
                    'name="stonith-enable" value="false"/><nvpair id="p2" name="no-quorum-policy" '
                    'value="freeze"/></cluster_property_set>'
                ),
            ),
            "pcs property set --force -- stonith-enable=false",
        ),
        (
            "a required parameter missing",
            cib(IP_NONE.format(id="ip1")),
            "pcs resource create ip1 ocf:heartbeat:IPaddr2 nic=eth0 --no-default-ops --force",
        ),
        (
            "a required parameter missing in a group's first member",
            cib(
                '<group id="g">'
                + IP_NONE.format(id="ip1")
                + dummy("d")
                + IP_NONE.format(id="ip2")
                + "</group>",
                '<rsc_location id="l" rsc="ip1" node="n1" score="10"/>',
            ),
            "pcs resource create ip1 ocf:heartbeat:IPaddr2 nic=eth0 --group g --before d "
            "--no-default-ops --force",
        ),
        (
            "a required parameter missing in a group's later member",
            cib(
                '<group id="g">'
                + IP_NONE.format(id="ip1")
                + dummy("d")
                + IP_NONE.format(id="ip2")
                + "</group>"
            ),
            "pcs resource create ip2 ocf:heartbeat:IPaddr2 nic=eth0 --group g --after d "
            "--no-default-ops --force",
        ),
        # a table holds no empty group: the first create makes it
        (
            "a group whose members all lack a required parameter",
            cib(
                '<group id="g">'
                + IP_NONE.format(id="ip1")
                + IP_NONE.format(id="ip2")
                + meta(("target-role", "Stopped"), set_id="gm")
                + "</group>",
                '<rsc_location id="l" rsc="g" node="n1" score="10"/>',
            ),
            "pcs resource create ip2 ocf:heartbeat:IPaddr2 nic=eth0 --group g --after ip1 "
            "--no-default-ops --force",
        ),
        (
            "a fence device without a required parameter",
            cib(
                '<primitive id="f2" class="stonith" type="fence_ilo2">'
                + meta(("ip", "192.0.2.1"), set_id="f2-i", tag="instance_attributes")
                + "</primitive>"
            ),
            "pcs stonith create f2 fence_ilo2 ip=192.0.2.1 --no-default-ops --force",
        ),
        (
            "a second colocation between the same resources",
            cib(
                TWO,
                '<rsc_colocation id="c1" rsc="a" with-rsc="b" score="10"/>'
                '<rsc_colocation id="c2" rsc="a" with-rsc="b" score="20"/>',
            ),
            "pcs constraint colocation add a with b score=20 id=c2 --force",
        ),
        (
            "a second order between the same resources",
            cib(
                TWO,
                '<rsc_order id="o1" first="a" then="b" kind="Optional"/>'
                '<rsc_order id="o2" first="a" then="b"/>',
            ),
            "pcs constraint order a then b id=o2 --force",
        ),
        (
            "a second location rule with the same expression",
            cib(
                TWO,
                '<rsc_location id="l1" rsc="a"><rule id="r1" score="10"><expression id="e1" '
                'attribute="x" operation="eq" value="1"/></rule></rsc_location>'
                '<rsc_location id="l2" rsc="a"><rule id="r2" score="20"><expression id="e2" '
                'attribute="x" operation="eq" value="1"/></rule></rsc_location>',
            ),
            "pcs constraint location a rule score=20 x eq 1 --force",
        ),
        (
            "a promotable clone of an agent that cannot be promoted",
            cib(
                '<clone id="dc">'
                + dummy("d")
                + meta(("promotable", "true"), ("interleave", "true"), set_id="dcm")
                + "</clone>"
                + dummy("a"),
                '<rsc_colocation id="c" rsc="a" with-rsc="dc" score="10"/>',
            ),
            "pcs resource create d ocf:pacemaker:Dummy promotable dc --no-default-ops --force",
        ),
        (
            "a promotable group that holds such an agent",
            cib(
                '<clone id="gc"><group id="g">'
                + dummy("d")
                + STATEFUL
                + "</group>"
                + meta(("promotable", "true"), set_id="gcm")
                + "</clone>"
            ),
            "pcs resource promotable g gc --force",
        ),
    ],
)
def test_what_pcs_takes_forced_comes_back_exact(
    what: str, text: str, command: str, tmp_path: Path
) -> None:
    """pcs refuses it unless forced: the import writes the forced pcs command (PG721),
    and the definition compiles back to the same configuration."""
    need_tool("pcs")
    warnings = _warned(tmp_path, text)
    forced = [w for w in warnings if w.startswith("PG721")]
    assert any(f"`{command}`" in w for w in forced), warnings


@pytest.mark.parametrize("target", ["rhel8", "rhel9", "rhel10"])
def test_parameters_pcs_refuses_build_with_each_generations_pcs(
    target: str, tmp_path: Path
) -> None:
    """Unknown and missing agent parameters: the imported definition compiles back to
    the CIB for each target, and its script, run by that generation's own pcs, builds
    what the compile wrote (pcs 0.10 also wants --force to update a resource that lacks
    a required parameter)."""
    from tests.helpers import assert_same_cib, generation_of

    generation = generation_of(target)
    text = cib(
        '<group id="g">'
        + IP_NONE.format(id="ip1")
        + dummy("d").replace(
            "</primitive>",
            meta(("clone-max", "-1"), set_id="d-i", tag="instance_attributes") + "</primitive>",
        )
        + "</group>"
        + '<primitive id="f2" class="stonith" type="fence_ilo2">'
        + meta(("ip", "192.0.2.1"), set_id="f2-i", tag="instance_attributes")
        + "</primitive>"
    )
    warnings = _warned(tmp_path, text, target)
    assert len([w for w in warnings if w.startswith("PG721")]) == 3, warnings
    imported = run_pcsgen(["import", "in.xml", "-o", "def.csv", "--target", target], tmp_path)
    assert imported.returncode in (0, 2), imported.stderr
    compiled = run_pcsgen(["def.csv", "--target", target, "--corosync-conf", ""], tmp_path)
    assert compiled.returncode in (0, 2), compiled.stderr
    assert_same_cib((tmp_path / "def.xml").read_bytes(), generation.build(tmp_path / "def.sh"))


def test_rhel10_leaves_a_cloned_fence_device_unclone(tmp_path: Path) -> None:
    """pcs 0.12 clones no fence device, even forced: the clone is named as left out and
    what named it names the device."""
    need_tool("pcs")
    text = cib(
        dummy("a") + '<clone id="fc">' + FENCE + "</clone>",
        '<rsc_order id="o" first="fc" then="a"/>',
    )
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", target="rhel10", workdir=tmp_path)
    assert result.verdict == "warned", result
    assert any(
        w.startswith("PG722") and "'fc'" in w and "pcs 0.12" in w for w in result.warnings
    ), result.warnings
    assert not unexplained(result)
    commands = _commands(_import(tmp_path, text, "rhel10"))
    assert "pcs constraint order f1 then a id=o --force" not in commands  # in the table
    assert not any("clone" in c for c in commands), commands


def test_cloned_fence_device_for_rhel8_is_not_forced(tmp_path: Path) -> None:
    """pcs 0.10 clones a fence device unforced, and refuses --force there."""
    text = cib('<clone id="fc">' + FENCE + "</clone>")
    diagnostics = _import(tmp_path, text, "rhel8")
    assert "pcs resource clone f1 fc" in _commands(diagnostics)


@pytest.mark.parametrize(
    "what,text,lost",
    [
        (
            "a promotable clone of an lsb agent",
            cib('<master id="lc"><primitive id="l" class="lsb" type="foo"/></master>'),
            "the promotable setting of 'lc'",
        ),
    ],
)
def test_what_pcs_refuses_even_forced_is_named(
    what: str, text: str, lost: str, tmp_path: Path
) -> None:
    need_tool("pcs")
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict == "warned" and result.changes, result
    assert any(
        w.startswith("PG722") and lost in w and "even with --force" in w for w in result.warnings
    ), result.warnings
    assert not unexplained(result)


@pytest.mark.parametrize(
    "what,text",
    [
        (
            "a globally unique clone of an lsb agent",
            cib(
                '<clone id="lc"><primitive id="l" class="lsb" type="foo"/>'
                + meta(("globally-unique", "true"), ("clone-max", "3"), set_id="lcm")
                + "</clone>"
            ),
        ),
        (
            "a globally unique clone of a fence device",
            cib(
                dummy("a")
                + '<clone id="fc">'
                + FENCE
                + meta(("globally-unique", "true"), set_id="fcm")
                + "</clone>",
                '<rsc_order id="o" first="fc" then="a"/>',
            ),
        ),
        (
            "a globally unique clone of a group with an lsb agent",
            cib(
                '<clone id="gc"><group id="g">'
                + dummy("d")
                + '<primitive id="l" class="lsb" type="foo"/>'
                + meta(("ordered", "false"), set_id="gm")
                + "</group>"
                + meta(("globally-unique", "true"), set_id="gcm")
                + "</clone>"
            ),
        ),
    ],
)
def test_globally_unique_clones_pcs_refuses_are_built_in_steps(
    what: str, text: str, tmp_path: Path
) -> None:
    """pcs refuses globally-unique=true for a clone of a non-OCF agent, even forced,
    though Pacemaker runs it: the import builds it through a placeholder (PG726) and
    the definition compiles back to the same configuration."""
    need_tool("pcs")
    warnings = _warned(tmp_path, text)
    assert any(w.startswith("PG726") and "placeholder" in w for w in warnings), warnings


def test_cluster_glue_fence_plugins_come_back_exact(tmp_path: Path) -> None:
    need_tool("pcs")
    text = cib(
        '<primitive id="sbd" class="stonith" type="external/sbd">'
        + meta(("sbd_device", "/dev/vdb"), set_id="si", tag="instance_attributes")
        + "</primitive>"
    )
    assert not [w for w in _warned(tmp_path, text) if w.startswith(("PG723", "PG704"))]


def test_agent_with_a_path_is_left_out_with_what_names_it(tmp_path: Path) -> None:
    """An agent name pcsgen refuses (a path): the resource, the clone left empty, and
    the constraints, tags and levels naming them are each named and left out; the
    rest compiles back exact."""
    need_tool("pcs")
    text = cib(
        TWO + '<primitive id="bad" class="lsb" type="/usr/lib/heartbeat/cts/LSBDummy"/>'
        '<clone id="bc"><primitive id="bad2" class="ocf" provider="heartbeat" '
        'type="../../../../bin/sh"/></clone>',
        '<rsc_colocation id="c1" rsc="bad" with-rsc="a" score="10"/>'
        '<rsc_order id="o1" first="a" then="bc"/>'
        '<rsc_order id="o2" first="a" then="b"/>',
        extra='<tags><tag id="t"><obj_ref id="bad"/><obj_ref id="a"/></tag></tags>',
    )
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict == "warned", result
    said = " ".join(result.warnings)
    for name in ("'bad'", "'bad2'", "the clone 'bc'", "'c1'", "'o1'", "the tag 't'"):
        assert name in said, (name, result.warnings)
    assert "'o2'" not in said
    assert not unexplained(result)
    assert not any("o2" in change or "/a:" in change for change in result.changes)


@pytest.mark.parametrize(
    "what,text,code,named",
    [
        (
            "a node attribute crm_attribute cannot name",
            cib(
                nodes=(
                    '<node id="1" uname="n1">'
                    + meta(("#health-x", "red"), set_id="na", tag="instance_attributes")
                    + "</node>"
                )
            ),
            "PG725",
            "'#health-x'",
        ),
        (
            "a node attribute value crm_attribute reads as options",
            cib(
                nodes=(
                    '<node id="1" uname="n1">'
                    + meta(("ok", "1"), ("x", "-INFINITY"), set_id="na", tag="instance_attributes")
                    + "</node>"
                )
            ),
            "PG725",
            "'-INFINITY'",
        ),
        (
            "a utilization that is not an integer",
            cib(dummy(body=meta(("cpu", "2"), ("disk", "big"), set_id="u", tag="utilization"))),
            "PG725",
            "'disk'",
        ),
        (
            "a rule value pcs reads as a parenthesis",
            cib(
                TWO,
                (
                    '<rsc_location id="l" rsc="a"><rule id="r" score="10"><expression id="e" '
                    'attribute="x" operation="eq" value="(y)"/></rule></rsc_location>'
                ),
            ),
            "PG704",
            "'(y)'",
        ),
        (
            "an operation attribute pcs does not know",
            cib(dummy(body=ops('name="monitor" interval="10s" can_fail="true"'))),
            "PG715",
            "can_fail=true",
        ),
    ],
)
def test_what_pcs_cannot_write_is_named(
    what: str, text: str, code: str, named: str, tmp_path: Path
) -> None:
    need_tool("pcs")
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict == "warned" and result.changes, result
    assert any(w.startswith(code) and named in w for w in result.warnings), result.warnings
    assert not unexplained(result)


@pytest.mark.parametrize(
    "what,text,code,named,lost",
    [
        (
            "a constraint naming a resource the CIB lacks",
            cib(
                TWO,
                (
                    '<rsc_location id="gone" rsc="nothing" node="n1" score="-INFINITY"/>'
                    '<rsc_order id="o" first="a" then="b"/>'
                ),
            ),
            "PG727",
            "'nothing'",
            ["nothing"],
        ),
        (
            "an id used twice, its group left empty",
            cib(
                TWO + '<group id="g">' + dummy("a") + "</group>",
                '<rsc_colocation id="c" rsc="g" with-rsc="b" score="10"/>',
            ),
            "PG728",
            "'a'",
            ["resources/g:", "g with b"],
        ),
        (
            "a clone holding two resources",
            cib(
                '<clone id="cl">' + dummy("first") + '<group id="g2">' + dummy("x") + "</group>"
                "</clone>" + dummy("b"),
                '<rsc_order id="o" first="x" then="b"/>',
            ),
            "PG729",
            "'g2'",
            ["g2", "cl then start b"],
        ),
        (
            "an operation role Pacemaker does not know",
            cib(
                dummy(
                    body=ops(
                        'name="monitor" interval="10s" role="Primary"',
                        'name="monitor" interval="20s"',
                    )
                )
            ),
            "PG730",
            "'Primary'",
            ["monitor 10s"],
        ),
        (
            "a primitive with no type, a clone holding nothing",
            cib(
                '<primitive id="notype" class="ocf" provider="heartbeat"/><clone id="empty"/>'
                + TWO,
                '<rsc_order id="o1" first="empty" then="a"/>'
                '<rsc_order id="o2" first="a" then="b"/>',
            ),
            "PG731",
            "'type'",
            ["notype", "empty"],
        ),
        (
            "a group emptied by what is left out",
            cib(
                '<group id="g">' + dummy("a").replace('type="Dummy"', "") + "</group>" + dummy("b")
            ),
            "PG732",
            "'g'",
            ["resources/g:"],
        ),
    ],
)
def test_what_pacemaker_ignores_or_refuses_is_left_out_named(
    what: str, text: str, code: str, named: str, lost: List[str], tmp_path: Path
) -> None:
    """A CIB from the field with what Pacemaker reads past (a constraint on nothing) or
    refuses (an id twice, a clone of two, an unknown role) still compiles back: that
    is left out and named, with whatever names it; the rest comes back."""
    need_tool("pcs")
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict in ("equal", "warned"), result
    assert any(w.startswith(code) and named in w for w in result.warnings), result.warnings
    assert not unexplained(result)
    # every difference left is what was left out, nothing else
    assert all(any(w in c for w in lost) for c in result.changes), result.changes


def test_meta_durations_keep_the_users_spelling(tmp_path: Path) -> None:
    """failure-timeout `60` and `1m` stay as written (pcs takes both as they are), in
    a resource, a group and the defaults; diff reads them as Pacemaker does, alike."""
    need_tool("pcs")
    text = cib(
        dummy("a", meta(("failure-timeout", "60"), set_id="ma"))
        + '<group id="g">'
        + meta(("failure-timeout", "1m"), set_id="mg")
        + dummy("b")
        + "</group>",
        extra="<rsc_defaults>" + meta(("failure-timeout", "120"), set_id="rd") + "</rsc_defaults>",
    )
    (tmp_path / "in.xml").write_text(text)
    assert run_pcsgen(["import", "in.xml", "-o", "def.csv"], tmp_path).returncode in (0, 2)
    assert run_pcsgen(["def.csv"], tmp_path).returncode in (0, 2)
    built = run_script(tmp_path / "def.sh", tmp_path).read_text()
    for written in ("def.xml", "built.xml"):
        cib_text = (tmp_path / written).read_text() if written == "def.xml" else built
        values = sorted(re.findall(r'name="failure-timeout" value="([^"]*)"', cib_text))
        assert values == ["120", "1m", "60"], (written, values)
    assert _trip(tmp_path, text) == []


@pytest.mark.parametrize(
    "defaults",
    ["", "<rsc_defaults>" + meta(("resource-stickiness", "5"), set_id="rd") + "</rsc_defaults>"],
)
def test_obsolete_1x_options_say_what_becomes_of_them(defaults: str, tmp_path: Path) -> None:
    """expected-quorum-votes is ignored since Pacemaker 2.0: named, not imported;
    default-resource-stickiness is moved into rsc_defaults by the schema upgrade: named,
    and imported there unless rsc_defaults sets the name. Both come back the same."""
    need_tool("pcs")
    text = cib(
        TWO,
        crm_config=(
            '<cluster_property_set id="cib-bootstrap-options">'
            '<nvpair id="p1" name="expected-quorum-votes" value="2"/>'
            '<nvpair id="p2" name="default-resource-stickiness" value="100"/>'
            "</cluster_property_set>"
        ),
        extra=defaults,
        schema="pacemaker-1.2",
    )
    diagnostics = _import(tmp_path, text)
    said = {d.code: d.args for d in diagnostics if d.code in ("PG733", "PG734")}
    assert said["PG733"]["name"] == "expected-quorum-votes"
    assert said["PG734"]["name"] == "default-resource-stickiness"
    assert said["PG734"]["moved"] == "resource-stickiness=100"
    assert _trip(tmp_path, text) == []


def test_rule_resource_expression_without_a_type_comes_back_exact(tmp_path: Path) -> None:
    need_tool("pcs")
    text = cib(
        TWO,
        extra='<rsc_defaults><meta_attributes id="r"><rule id="rr" '
        'score="INFINITY"><rsc_expression id="re" class="ocf" '
        'provider="pacemaker"/></rule><nvpair id="rn" name="is-managed" '
        'value="false"/></meta_attributes></rsc_defaults>',
    )
    assert not [w for w in _warned(tmp_path, text) if w.startswith(("PG704", "PG710"))]


def _lost(diagnostics: Diagnostics) -> List[str]:
    return [str(d.args["what"]) for d in diagnostics if d.code == "PG704"]


def test_a_rule_never_carries_a_value_pcs_would_split(tmp_path: Path) -> None:
    # pcs's rule parser takes a value as a run without spaces or parentheses and knows
    # no quoting (pcs 0.12's location rules, and the defaults rules of every generation,
    # whose words pcs joins with spaces); the older location-rule parser splits a word
    # at parentheses
    def role_on_node(node: str) -> str:
        return cib(
            PROMOTABLE,
            f'<rsc_location id="l" rsc="ms" node="{node}" score="50" '
            f'role="Promoted"/><rsc_location id="l2" rsc="ms" '
            f'node="{node}" score="60" role="Promoted"/>',
        )

    nine = _import(tmp_path, role_on_node("node a"))
    assert not _lost(nine)
    assert any("#uname' eq 'node a'" in d.args["command"] for d in nine if d.code == "PG721")
    for target, node in (("rhel10", "node a"), ("rhel9", "n(a)"), ("rhel8", "n(a)")):
        diagnostics = _import(tmp_path, role_on_node(node), target)
        assert sum(f"'{node}'" in what for what in _lost(diagnostics)) == 2, target
        assert not any(node in str(d.args.get("command")) for d in diagnostics), target
    defaults = cib(
        TWO,
        extra='<op_defaults><meta_attributes id="r"><rule id="rr" '
        'score="INFINITY"><op_expression id="oe" name="mon x"/>'
        '</rule><nvpair id="rn" name="timeout" value="30s"/>'
        "</meta_attributes></op_defaults>",
    )
    for target in ("rhel8", "rhel9", "rhel10"):
        diagnostics = _import(tmp_path, defaults, target)
        assert not any("mon x" in str(d.args.get("command")) for d in diagnostics), target
        assert any(d.code in ("PG704", "PG710") for d in diagnostics), target


def _looping_rules() -> List[Tuple[str, str]]:
    expression = '<expression id="{id}" attribute="x" operation="eq" value="1"/>'
    chain = "".join(
        f'<rsc_location id="c{i}" rsc="a"><rule id="q{i}" score="1">'
        + expression.format(id=f"qe{i}")
        + (f'<rule id-ref="q{i + 1}"/>' if i < 299 else "")
        + "</rule></rsc_location>"
        for i in range(300)
    )
    return [
        (
            "a rule holding itself",
            cib(
                TWO,
                '<rsc_location id="l" rsc="a"><rule id="r1" '
                'score="10">'
                + expression.format(id="e")
                + '<rule id-ref="r1"/></rule></rsc_location>',
            ),
        ),
        (
            "two rules holding each other",
            cib(
                TWO,
                (
                    '<rsc_location id="l1" rsc="a"><rule id="r1" score="10">'
                    + expression.format(id="e1")
                    + '<rule id-ref="r2"/></rule></rsc_location>'
                    '<rsc_location id="l2" rsc="b"><rule id="r2" score="10">'
                    + expression.format(id="e2")
                    + '<rule id-ref="r1"/></rule></rsc_location>'
                ),
            ),
        ),
        ("a chain of 300 id-refs", cib(TWO, chain)),
        (
            "a defaults rule holding itself",
            cib(
                TWO,
                extra=(
                    '<rsc_defaults><meta_attributes id="m"><rule id="dr" score="1">'
                    '<date_expression id="d" operation="gt" start="2020-01-01"/><rule id-ref="dr"/>'
                    '</rule><nvpair id="n" name="is-managed" value="false"/></meta_attributes>'
                    "</rsc_defaults>"
                ),
            ),
        ),
    ]


@pytest.mark.parametrize("what,text", _looping_rules())
def test_rules_that_never_end_are_left_out_not_followed(
    what: str, text: str, tmp_path: Path
) -> None:
    """A hostile CIB may make a rule hold itself through id-refs: reading it would never
    end. Import names it as lost; diff and graph read on."""
    (tmp_path / "in.xml").write_text(text)
    for command in (
        ["import", "in.xml", "-o", "out.csv"],
        ["diff", "in.xml", "in.xml"],
        ["graph", "in.xml", "-o", "out.svg"],
    ):
        result = run_pcsgen(command, tmp_path)
        assert result.returncode in (0, 2), (command, result.stderr)
        assert "PG507" not in result.stderr and "Traceback" not in result.stderr, command
    imported = run_pcsgen(["import", "in.xml", "-o", "again.csv"], tmp_path)
    expected = (
        "(missing rule dr)"
        if "defaults" in what
        else "holds itself through id-refs, or rules nest too deep"
    )
    assert expected in imported.stderr, imported.stderr


def test_rhel10_rule_values_are_written_as_pcs_reads_them(tmp_path: Path) -> None:
    # pcs 0.12's rule parser has no quoting: a quote or a backslash is part of the value
    # (resource-discovery: a rule no LOCATION_RULE row holds, so a pcs command)
    text = cib(
        TWO,
        '<rsc_location id="l" rsc="a" resource-discovery="never"><rule id="r" '
        'score="10"><expression '
        'id="e" attribute="x" operation="eq" value="a&quot;b\\c\'d"/>'
        '<expression id="e2" attribute="y" operation="eq" value="z"/>'
        "</rule></rsc_location>",
    )
    commands = [shlex.split(c) for c in _commands(_import(tmp_path, text, "rhel10"))]
    assert any(words[-2:] == ["x eq a\"b\\c'd and y eq z", "--force"] for words in commands), (
        commands
    )


# names of things, the same in both languages (Pacemaker's and pcs's words, CIB sections
# and attributes, operation names)
_JA_TERMS = {
    "Pacemaker",
    "pcsgen",
    "STONITH",
    "utilization",
    "interval",
    "monitor",
    "start",
    "stop",
    "restart",
    "promote",
    "demote",
    "notify",
    "reload",
    "status",
}


def _english_words(message: str) -> List[str]:
    """Runs of 4+ ASCII letters in a message, but for what it quotes: ids and names in
    quotes, pcs commands in backquotes, agents, paths, options and name=value pairs."""
    import re

    kept = re.sub(r"(`[^`]*`|'[^']*'|\S*[/.~$_:=-]\S*|PG\d+)", " ", message)
    return [word for word in re.findall(r"[A-Za-z]{4,}", kept) if word not in _JA_TERMS]


def test_japanese_import_warnings_carry_no_english_fragment(tmp_path: Path) -> None:
    """What the CIB holds and pcs's reasons are parts of the messages in the reader's
    language (issue 24): a CIB that brings many of the import's warnings, in Japanese."""
    text = cib(
        TWO
        + '<primitive id="f2" class="stonith" type="fence_ilo2">'
        + meta(("ip", "192.0.2.1"), ("action", "off"), set_id="f2-i", tag="instance_attributes")
        + "</primitive>"
        + dummy("d").replace(
            "</primitive>",
            meta(("clone-max", "2"), ("state", " /run/s "), set_id="d-i", tag="instance_attributes")
            + meta(("cap", "big"), set_id="d-u", tag="utilization")
            + "</primitive>",
        )
        + IP_NONE.format(id="ip1")
        + IP.format(id="ip2")
        + IP.format(id="ip3")
        + '<clone id="fc">'
        + FENCE
        + "</clone>"
        + '<master id="lc"><primitive id="l" class="lsb" type="foo"/></master>'
        + '<clone id="uc"><primitive id="u" class="lsb" type="bar"/>'
        + meta(("globally-unique", "true"), set_id="ucm")
        + "</clone>"
        + '<group id="g" description="web"><primitive id="g1" class="ocf" provider="pacemaker" '
        'type="Dummy"><operations><op id="g1-m" name="monitor" interval="10s">'
        '<instance_attributes id="g1-m-i"><nvpair id="g1-m-i-1" name="trace_ra" value="1"/>'
        "</instance_attributes></op></operations></primitive></group>",
        '<rsc_colocation id="c1" rsc="a" with-rsc="b" score="10"/>'
        '<rsc_colocation id="c2" rsc="a" with-rsc="b" score="20"/>'
        '<rsc_order id="o1" first="fc" then="a"/>'
        '<rsc_location id="l1" rsc="ip1" node="n1" score="10"/>',
        crm_config=(
            '<cluster_property_set id="cib-bootstrap-options"><nvpair id="p1" '
            'name="stonith-enable" value="false"/></cluster_property_set>'
        ),
        extra='<fencing-topology><fencing-level id="fl" index="1" target-attribute="rack" '
        'target-value="r1" devices="f2"/></fencing-topology>'
        '<tags><tag id="t"><obj_ref id="a"/><obj_ref id="n1"/></tag></tags>',
    )
    (tmp_path / "in.xml").write_text(text)
    result = run_pcsgen(["import", "--lang", "ja", "in.xml", "-o", "out.csv"], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    lines = [line for line in result.stderr.splitlines() if " PG7" in line]
    codes = {line.split(" PG", 1)[1][:3] for line in lines}
    # the warnings this CIB brings: what pcs takes forced, what it refuses, what is left
    assert {"703", "712", "715", "721", "722", "725", "726"} <= codes, result.stderr
    assert len([line for line in lines if "PG721" in line]) >= 7, result.stderr
    for line in lines:
        message = line.split(" PG", 1)[1].split(":", 1)[1]
        assert not _english_words(message), line
    # the same import in English still says it in English
    english = run_pcsgen(["import", "--lang", "en", "in.xml", "-o", "out2.csv"], tmp_path)
    assert "the cluster property 'stonith-enable'" in english.stderr
    assert "duplicate constraint already exists" in english.stderr


def test_the_document_says_whether_the_cib_holds_a_secret(tmp_path: Path) -> None:
    # what decides whether the written definition is private, without reading the CIB again
    (tmp_path / "in.xml").write_text(cib(dummy("plain") + TWO))
    assert import_cib(str(tmp_path / "in.xml"), "in", Diagnostics())["holds_secret"] is False
    secret = (
        '<instance_attributes id="ia"><nvpair id="ia-p" name="password" '
        'value="hunter2"/></instance_attributes>'
    )
    (tmp_path / "in.xml").write_text(cib(dummy("locked", secret) + TWO))
    assert import_cib(str(tmp_path / "in.xml"), "in", Diagnostics())["holds_secret"] is True


def test_unfencing_device_adds_no_requires_to_any_resource(tmp_path: Path) -> None:
    """A fence device that provides unfencing beside clones: Pacemaker itself makes
    every resource wait for unfencing; neither the compiled CIB nor the CIB the real
    pcs builds from the script may write `requires=unfencing` where the original has
    none, nor lose the device's own `provides`."""
    need_tool("pcs")
    scsi = (
        '<primitive id="scsi" class="stonith" type="fence_scsi">'
        + meta(
            ("devices", "/dev/sdb"),
            ("pcmk_host_list", "n1 n2"),
            set_id="si",
            tag="instance_attributes",
        )
        + meta(("provides", "unfencing"), set_id="sm")
        + "</primitive>"
    )
    clones = (
        '<clone id="c">' + dummy("a") + meta(("interleave", "true"), set_id="cm") + "</clone>"
        '<clone id="cg"><group id="g">' + dummy("b") + dummy("x") + "</group></clone>"
    )
    text = cib(scsi + clones, nodes='<node id="1" uname="n1"/><node id="2" uname="n2"/>')
    assert _trip(tmp_path, text) == []
    (tmp_path / "in.xml").write_text(text)
    assert run_pcsgen(["import", "in.xml", "-o", "def.csv"], tmp_path).returncode in (0, 2)
    assert run_pcsgen(["def.csv"], tmp_path).returncode in (0, 2)
    built = run_script(tmp_path / "def.sh", tmp_path).read_text()
    for written in ((tmp_path / "def.xml").read_text(), built):
        assert 'name="requires"' not in written
        assert re.search(r'name="provides" value="unfencing"', written)


# cluster properties with the ids pcs gives them
ACL_PROPERTIES = (
    '<cluster_property_set id="cib-bootstrap-options">'
    + "".join(
        f'<nvpair id="cib-bootstrap-options-{n}" name="{n}" value="{v}"/>'
        for n, v in (("stonith-enabled", "false"), ("enable-acl", "true"), ("cluster-name", "c"))
    )
    + "</cluster_property_set>"
)


def test_acl_permissions_on_cluster_properties_come_back(tmp_path: Path) -> None:
    """A 1.x user whose own permissions name the cluster properties pcs writes (the
    set cib-bootstrap-options and its cib-bootstrap-options-NAME pairs) comes back
    the same, and the script builds it with the real pcs; a property pcs does not
    write (cluster-name, kept by the cluster itself) is no id to name."""
    need_tool("pcs")
    users = (
        '<acls><acl_user id="fixer">'
        '<write id="w1" ref="cib-bootstrap-options"/>'
        '<deny id="d1" ref="cib-bootstrap-options-enable-acl"/>'
        "</acl_user></acls>"
    )
    text = cib(TWO, crm_config=ACL_PROPERTIES, extra=users, schema="pacemaker-1.2")
    assert _trip(tmp_path, text) == []
    (tmp_path / "in.xml").write_text(text)
    assert run_pcsgen(["import", "in.xml", "-o", "def.csv"], tmp_path).returncode in (0, 2)
    assert run_pcsgen(["def.csv"], tmp_path).returncode in (0, 2)
    built = run_script(tmp_path / "def.sh", tmp_path).read_text()
    assert 'reference="cib-bootstrap-options-enable-acl"' in built
    named = users.replace("cib-bootstrap-options-enable-acl", "cib-bootstrap-options-cluster-name")
    lost = _import(tmp_path, cib(TWO, crm_config=ACL_PROPERTIES, extra=named))
    assert [d.args["what"].args["id"] for d in lost if d.code == "PG704"] == ["fixer"]


def test_a_user_of_a_role_left_out_is_left_out_named(tmp_path: Path) -> None:
    """A role no pcs command can make is left out; a user or group naming it is left
    out too, named (pcs refuses a user of a role that does not exist), and the
    rest still compiles back."""
    need_tool("pcs")
    acls = (
        "<acls>"
        '<acl_target id="u"><role id="r"/></acl_target>'
        '<acl_group id="g"><role id="r"/><role id="ok"/></acl_group>'
        '<acl_target id="v"><role id="ok"/></acl_target>'
        '<acl_role id="r"><acl_permission id="p1" kind="read" reference="l"/></acl_role>'
        '<acl_role id="ok"><acl_permission id="p2" kind="read" reference="a"/></acl_role>'
        "</acls>"
    )
    text = cib(TWO, '<rsc_location id="l" rsc="a" node="n1" score="1"/>', extra=acls)
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict == "warned", result
    assert not unexplained(result), result
    said = [w for w in result.warnings if w.startswith("PG724")]
    assert len(said) == 2 and all("'r'" in w for w in said), said
    assert any("'u'" in w for w in said) and any("'g'" in w for w in said), said
    assert not any("'v'" in c or "/v" in c for c in result.changes), result.changes


def test_recurring_ops_pacemaker_runs_none_of_are_left_out_named(tmp_path: Path) -> None:
    """Two recurring ops of one name and interval (a promoted and an unpromoted
    monitor alike): Pacemaker runs neither, the compile refuses the pair in a table;
    the import leaves both out, said once at the first, and the rest comes back."""
    need_tool("pcs")
    text = cib(
        PROMOTABLE.replace(
            'type="Stateful"/>',
            'type="Stateful">'
            + ops(
                'name="monitor" interval="5" role="Promoted"',
                'name="monitor" interval="5s" role="Unpromoted"',
                'name="monitor" interval="11s" role="Unpromoted"',
            )
            + "</primitive>",
        )
    )
    said = [d for d in _import(tmp_path, text) if d.code == "PG735"]
    # said once, at the first of them (its spelling of the interval)
    assert [(d.args["id"], d.args["count"], d.args["interval"]) for d in said] == [("s", 2, "5")]
    (tmp_path / "in.xml").write_text(text)
    result = round_trip(tmp_path / "in.xml", workdir=tmp_path)
    assert result.verdict == "equal", result
    assert run_pcsgen(["import", "in.xml", "-o", "def.csv"], tmp_path).returncode in (0, 2)
    assert "11s" in (tmp_path / "def.csv").read_text()


def test_a_block_without_a_rule_read_after_a_ruled_one_says_so(tmp_path: Path) -> None:
    """Two instance_attributes blocks, the first under a rule, the second with none:
    PG710 names the second as read after it, in the reader's language (no bare '-')."""
    text = """<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
<configuration><crm_config/><nodes/><resources>
<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy">
  <instance_attributes id="a1" score="3"><rule id="r1" score="INFINITY"><expression
    id="e1" attribute="#uname" operation="eq" value="n1"/></rule>
    <nvpair id="a1-f" name="fake" value="1"/></instance_attributes>
  <instance_attributes id="a2" score="2"><nvpair id="a2-f" name="fake" value="2"/>
    <nvpair id="a2-s" name="op_sleep" value="3"/></instance_attributes>
</primitive></resources><constraints/></configuration><status/></cib>"""
    found = [d.message("en") for d in _import(tmp_path, text) if d.code == "PG710"]
    assert any("(none: it is read after a block under a rule)" in m for m in found), found
    assert not any("(-)" in m for m in found)
    japanese = [d.message("ja") for d in _import(tmp_path, text) if d.code == "PG710"]
    assert any("(なし: ルールの下のブロックの後に読まれます)" in m for m in japanese)
