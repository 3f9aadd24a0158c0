"""The canonical model: each equivalence Pacemaker makes, on a small pair of CIBs that
it treats alike (equal forms), beside a pair it does not (different forms)."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest

from pcsgen.cib.canonical import canonical, parse_cib
from pcsgen.cib.diff import differences

DUMMY = '<primitive id="{id}" class="ocf" provider="pacemaker" type="Dummy">{body}</primitive>'


def cib(
    resources: str = "",
    constraints: str = "",
    crm_config: str = "",
    nodes: str = "",
    extra: str = "",
    schema: str = "pacemaker-3.9",
) -> str:
    return (
        f'<cib validate-with="{schema}" epoch="1" num_updates="0" admin_epoch="0">'
        f"<configuration><crm_config>{crm_config}</crm_config><nodes>{nodes}</nodes>"
        f"<resources>{resources}</resources><constraints>{constraints}</constraints>"
        f"{extra}</configuration><status/></cib>"
    )


def dummy(rid: str = "d", body: str = "") -> str:
    return DUMMY.format(id=rid, body=body)


def props(*pairs: Tuple[str, str], set_id: str = "cib-bootstrap-options", score: str = "") -> str:
    score_attr = f' score="{score}"' if score else ""
    inner = "".join(
        f'<nvpair id="{set_id}-{n}-{i}" name="{n}" value="{v}"/>' for i, (n, v) in enumerate(pairs)
    )
    return f'<cluster_property_set id="{set_id}"{score_attr}>{inner}</cluster_property_set>'


def meta(
    *pairs: Tuple[str, str], set_id: str = "m", extra: str = "", tag: str = "meta_attributes"
) -> str:
    inner = "".join(
        f'<nvpair id="{set_id}-{i}" name="{n}" value="{v}"/>' for i, (n, v) in enumerate(pairs)
    )
    return f'<{tag} id="{set_id}"{extra}>{inner}</{tag}>'


def ops(*ops: str) -> str:
    return (
        "<operations>"
        + "".join(f'<op id="op{i}" {op}/>' for i, op in enumerate(ops))
        + "</operations>"
    )


TWO = dummy("a") + dummy("b")
PROMOTABLE = (
    '<clone id="ms"><primitive id="s" class="ocf" provider="pacemaker" '
    'type="Stateful"/>' + meta(("promotable", "true"), set_id="msm") + "</clone>"
)
MASTER = (
    '<master id="ms"><primitive id="s" class="ocf" provider="pacemaker" type="Stateful"/></master>'
)
NODE1 = '<node id="1" uname="n1"/>'


def loc(attrs: str) -> str:
    return f'<rsc_location id="l" rsc="a" node="n1" score="100" {attrs}/>'


# (what, CIB a, CIB b, equal?)
CASES: List[Tuple[str, str, str, bool]] = [
    # locations
    (
        "location role Started means any role",
        cib(PROMOTABLE, loc('role="Started"').replace('rsc="a"', 'rsc="ms"')),
        cib(PROMOTABLE, loc("").replace('rsc="a"', 'rsc="ms"')),
        True,
    ),
    (
        "location role Unpromoted means any role",
        cib(PROMOTABLE, loc('role="Slave"').replace('rsc="a"', 'rsc="ms"')),
        cib(PROMOTABLE, loc("").replace('rsc="a"', 'rsc="ms"')),
        True,
    ),
    (
        "location role Promoted is kept",
        cib(PROMOTABLE, loc('role="Promoted"').replace('rsc="a"', 'rsc="ms"')),
        cib(PROMOTABLE, loc("").replace('rsc="a"', 'rsc="ms"')),
        False,
    ),
    (
        "Master and Promoted are one role",
        cib(PROMOTABLE, loc('role="Master"').replace('rsc="a"', 'rsc="ms"')),
        cib(PROMOTABLE, loc('role="Promoted"').replace('rsc="a"', 'rsc="ms"')),
        True,
    ),
    (
        "+INFINITY, INFINITY and 1000000 are one score",
        cib(TWO, loc("").replace('score="100"', 'score="+INFINITY"')),
        cib(TWO, loc("").replace('score="100"', 'score="1000000"')),
        True,
    ),
    (
        "a score is a score",
        cib(TWO, loc("")),
        cib(TWO, loc("").replace('score="100"', 'score="INFINITY"')),
        False,
    ),
    (
        "resource-discovery always is the default",
        cib(TWO, loc('resource-discovery="always"')),
        cib(TWO, loc("")),
        True,
    ),
    (
        "resource-discovery never is not",
        cib(TWO, loc('resource-discovery="never"')),
        cib(TWO, loc("")),
        False,
    ),
    (
        "a constraint naming a resource the CIB lacks is ignored",
        cib(
            TWO,
            loc("").replace('rsc="a"', 'rsc="nothing"')
            + '<rsc_order id="o" first="a" then="gone"/>',
        ),
        cib(TWO),
        True,
    ),
    ("a constraint naming resources the CIB holds is not", cib(TWO, loc("")), cib(TWO), False),
    (
        "a set naming a resource the CIB lacks is ignored",
        cib(
            TWO,
            (
                '<rsc_colocation id="c" score="10"><resource_set id="s"><resource_ref id="a"/>'
                '<resource_ref id="gone"/></resource_set></rsc_colocation>'
            ),
        ),
        cib(TWO),
        True,
    ),
    (
        "a rule #uname eq N with a score is a location on N",
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="100"><expression id="e" '
            'attribute="#uname" operation="eq" value="n1"/></rule></rsc_location>',
        ),
        cib(TWO, loc("")),
        True,
    ),
    (
        "eq compares as strings unless typed",
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><expression id="e" '
            'attribute="x" operation="eq" value="1" type="string"/></rule></rsc_location>',
        ),
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><expression id="e" '
            'attribute="x" operation="eq" value="1"/></rule></rsc_location>',
        ),
        True,
    ),
    (
        "lt compares as numbers unless typed string",
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><expression id="e" '
            'attribute="x" operation="lt" value="10" type="string"/></rule></rsc_location>',
        ),
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><expression id="e" '
            'attribute="x" operation="lt" value="10"/></rule></rsc_location>',
        ),
        False,
    ),
    (
        "two rules in one location are two locations",
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r1" score="5"><expression id="e1" '
            'attribute="x" operation="defined"/></rule><rule id="r2" score="7"><expression '
            'id="e2" attribute="y" operation="eq" value="1"/></rule></rsc_location>',
        ),
        cib(
            TWO,
            '<rsc_location id="l1" rsc="a"><rule id="r1" score="5"><expression id="e1" '
            'attribute="x" operation="defined"/></rule></rsc_location><rsc_location id="l2" '
            'rsc="a"><rule id="r2" score="7"><expression id="e2" attribute="y" '
            'operation="eq" value="1"/></rule></rsc_location>',
        ),
        True,
    ),
    (
        "a date with an offset is the instant it names",
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><date_expression id="d" '
            'operation="lt" end="2019-09-20 15:10:52 +02:00"/></rule></rsc_location>',
        ),
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><date_expression id="d" '
            'operation="lt" end="2019-09-20T13:10:52Z"/></rule></rsc_location>',
        ),
        True,
    ),
    (
        "a date is a date",
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><date_expression id="d" '
            'operation="lt" end="2019-09-20 15:10:52 +02:00"/></rule></rsc_location>',
        ),
        cib(
            TWO,
            '<rsc_location id="l" rsc="a"><rule id="r" score="5"><date_expression id="d" '
            'operation="lt" end="2019-09-20T15:10:52Z"/></rule></rsc_location>',
        ),
        False,
    ),
    # colocations
    (
        "colocation role Started is no role",
        cib(
            TWO,
            '<rsc_colocation id="c" rsc="a" with-rsc="b" score="10" rsc-role="Started" '
            'with-rsc-role="Started"/>',
        ),
        cib(TWO, '<rsc_colocation id="c" rsc="a" with-rsc="b" score="10"/>'),
        True,
    ),
    (
        "colocation influence is kept",
        cib(TWO, '<rsc_colocation id="c" rsc="a" with-rsc="b" score="10" influence="false"/>'),
        cib(TWO, '<rsc_colocation id="c" rsc="a" with-rsc="b" score="10"/>'),
        False,
    ),
    (
        "a colocation with score 0 is ignored",
        cib(TWO, '<rsc_colocation id="c" rsc="a" with-rsc="b" score="0"/>'),
        cib(TWO),
        True,
    ),
    (
        "a constraint on a clone's child is on the clone",
        cib(PROMOTABLE + dummy("a"), '<rsc_colocation id="c" rsc="a" with-rsc="s" score="10"/>'),
        cib(PROMOTABLE + dummy("a"), '<rsc_colocation id="c" rsc="a" with-rsc="ms" score="10"/>'),
        True,
    ),
    # orders
    (
        "an order's kind given by score",
        cib(TWO, '<rsc_order id="o" first="a" then="b" score="0"/>'),
        cib(TWO, '<rsc_order id="o" first="a" then="b" kind="Optional"/>'),
        True,
    ),
    (
        "a nonzero score is Mandatory",
        cib(TWO, '<rsc_order id="o" first="a" then="b" score="10"/>'),
        cib(TWO, '<rsc_order id="o" first="a" then="b"/>'),
        True,
    ),
    (
        "Optional is not Mandatory",
        cib(TWO, '<rsc_order id="o" first="a" then="b" kind="Optional"/>'),
        cib(TWO, '<rsc_order id="o" first="a" then="b"/>'),
        False,
    ),
    (
        "then-action defaults to first-action",
        cib(
            PROMOTABLE + dummy("a"),
            '<rsc_order id="o" first="ms" then="a" first-action="promote"/>',
        ),
        cib(
            PROMOTABLE + dummy("a"),
            '<rsc_order id="o" first="ms" then="a" first-action="promote" then-action="promote"/>',
        ),
        True,
    ),
    (
        "then-action start is not first-action promote",
        cib(
            PROMOTABLE + dummy("a"),
            '<rsc_order id="o" first="ms" then="a" first-action="promote"/>',
        ),
        cib(
            PROMOTABLE + dummy("a"),
            '<rsc_order id="o" first="ms" then="a" first-action="promote" then-action="start"/>',
        ),
        False,
    ),
    (
        "Serialize is never symmetrical",
        cib(TWO, '<rsc_order id="o" first="a" then="b" kind="Serialize" symmetrical="true"/>'),
        cib(TWO, '<rsc_order id="o" first="a" then="b" kind="Serialize"/>'),
        True,
    ),
    (
        "require-all is kept",
        cib(TWO, '<rsc_order id="o" first="a" then="b" require-all="false"/>'),
        cib(TWO, '<rsc_order id="o" first="a" then="b"/>'),
        False,
    ),
    # resource sets
    (
        "a set that is not sequential has no order",
        cib(
            TWO + dummy("c"),
            '<rsc_order id="o"><resource_set id="s1" sequential="false">'
            '<resource_ref id="a"/><resource_ref id="b"/></resource_set>'
            '<resource_set id="s2"><resource_ref id="c"/></resource_set>'
            "</rsc_order>",
        ),
        cib(
            TWO + dummy("c"),
            '<rsc_order id="o"><resource_set id="x" sequential="false">'
            '<resource_ref id="b"/><resource_ref id="a"/></resource_set>'
            '<resource_set id="y"><resource_ref id="c"/></resource_set>'
            "</rsc_order>",
        ),
        True,
    ),
    (
        "set membership is kept",
        cib(
            TWO + dummy("c"),
            '<rsc_order id="o"><resource_set id="s1"><resource_ref id="a"/>'
            '<resource_ref id="b"/></resource_set><resource_set id="s2">'
            '<resource_ref id="c"/></resource_set></rsc_order>',
        ),
        cib(
            TWO + dummy("c"),
            '<rsc_order id="o"><resource_set id="s1"><resource_ref id="a"/>'
            '</resource_set><resource_set id="s2"><resource_ref id="b"/>'
            '<resource_ref id="c"/></resource_set></rsc_order>',
        ),
        False,
    ),
    (
        "a tag in a constraint is a set of its members",
        cib(
            TWO + dummy("c"),
            '<rsc_order id="o" first="t" then="c"/>',
            extra='<tags><tag id="t"><obj_ref id="a"/><obj_ref id="b"/></tag></tags>',
        ),
        cib(
            TWO + dummy("c"),
            '<rsc_order id="o"><resource_set id="x" sequential="false">'
            '<resource_ref id="a"/><resource_ref id="b"/></resource_set>'
            '<resource_set id="y"><resource_ref id="c"/></resource_set>'
            "</rsc_order>",
            extra='<tags><tag id="t"><obj_ref id="a"/><obj_ref id="b"/></tag></tags>',
        ),
        True,
    ),
    # resources
    ("<master> is a promotable clone", cib(MASTER), cib(PROMOTABLE), True),
    (
        "a promotable clone is not a clone",
        cib(PROMOTABLE),
        cib(PROMOTABLE.replace('"true"', '"false"')),
        False,
    ),
    (
        "a name set twice in a block: the first wins",
        cib(dummy(body=meta(("priority", "1"), ("priority", "2")))),
        cib(dummy(body=meta(("priority", "1")))),
        True,
    ),
    (
        "blocks of equal score: the later is read first",
        cib(
            dummy(body=meta(("priority", "1"), set_id="m1") + meta(("priority", "2"), set_id="m2"))
        ),
        cib(dummy(body=meta(("priority", "2")))),
        True,
    ),
    (
        "a higher score is read first",
        cib(
            dummy(
                body=meta(("priority", "1"), set_id="m1", extra=' score="10"')
                + meta(("priority", "2"), set_id="m2")
            )
        ),
        cib(dummy(body=meta(("priority", "1")))),
        True,
    ),
    (
        "a block under a rule is not a plain one",
        cib(
            dummy(
                body=meta(("priority", "1"), set_id="m1", extra="").replace(
                    "</meta_attributes>",
                    '<rule id="r" score="0"><expression id="e" attribute="#uname" '
                    'operation="eq" value="n1"/></rule></meta_attributes>',
                )
            )
        ),
        cib(dummy(body=meta(("priority", "1")))),
        False,
    ),
    (
        "meta values Pacemaker parses: yes is true, Master is Promoted",
        cib(dummy(body=meta(("is-managed", "yes"), ("target-role", "master")))),
        cib(dummy(body=meta(("is-managed", "true"), ("target-role", "Promoted")))),
        True,
    ),
    (
        "an empty value is not no value",
        cib(dummy(body=meta(("priority", ""), tag="instance_attributes"))),
        cib(dummy()),
        False,
    ),
    (
        "a group's instance attributes are its members'",
        cib(
            '<group id="g">' + dummy("a") + meta(("x", "1"), tag="instance_attributes") + "</group>"
        ),
        cib(
            '<group id="g">' + dummy("a", meta(("x", "1"), tag="instance_attributes")) + "</group>"
        ),
        True,
    ),
    (
        "a group's members start in order",
        cib('<group id="g">' + TWO + "</group>"),
        cib('<group id="g">' + dummy("b") + dummy("a") + "</group>"),
        False,
    ),
    (
        "operations by id-ref are the operations",
        cib(
            dummy(
                "a",
                '<operations id="shared"><op id="o1" name="monitor" interval="10s"/></operations>',
            )
            + dummy("b", '<operations id-ref="shared"/>')
        ),
        cib(
            dummy("a", ops('name="monitor" interval="10s"'))
            + dummy("b", ops('name="monitor" interval="10s"'))
        ),
        True,
    ),
    (
        "a template is expanded into its primitives",
        cib(
            '<template id="t" class="ocf" provider="pacemaker" type="Dummy">'
            + ops('name="monitor" interval="10s"')
            + "</template>"
            + '<primitive id="a" template="t"/>'
        ),
        cib(dummy("a", ops('name="monitor" interval="10s"'))),
        True,
    ),
    (
        "ISO 8601, seconds and milliseconds are one interval",
        cib(dummy(body=ops('name="monitor" interval="PT1M" timeout="30"'))),
        cib(dummy(body=ops('name="monitor" interval="60000ms" timeout="30s"'))),
        True,
    ),
    (
        "an interval is an interval",
        cib(dummy(body=ops('name="monitor" interval="PT1M"'))),
        cib(dummy(body=ops('name="monitor" interval="61s"'))),
        False,
    ),
    (
        "a zero-interval op with nothing, or the default timeout, or never run, is no op",
        cib(
            dummy(
                body=ops(
                    'name="start" interval="0"',
                    'name="stop" interval="0s" timeout="20s"',
                    'name="methods" interval="0" timeout="5s"',
                )
            )
        ),
        cib(dummy()),
        True,
    ),
    (
        "a timeout that is not the default is kept",
        cib(dummy(body=ops('name="start" interval="0" timeout="60s"'))),
        cib(dummy()),
        False,
    ),
    (
        "a timeout Pacemaker cannot read is its built-in 20s",
        cib(dummy(body=ops('name="stop" interval="0" timeout="INFINITY"'))),
        cib(dummy(body=ops('name="stop" interval="0" timeout="20s"'))),
        True,
    ),
    (
        "of two zero-interval ops of a name, Pacemaker uses the first",
        cib(
            dummy(
                body=ops(
                    'name="monitor" interval="0" timeout="5s" role="Promoted"',
                    'name="monitor" interval="0" timeout="9s" role="Unpromoted"',
                )
            )
        ),
        cib(dummy(body=ops('name="monitor" interval="0" timeout="5s" role="Promoted"'))),
        True,
    ),
    (
        "op meta_attributes are op settings",
        cib(
            dummy(
                body='<operations><op id="o" name="monitor" interval="10s">'
                + meta(("timeout", "30s"), set_id="om")
                + "</op></operations>"
            )
        ),
        cib(dummy(body=ops('name="monitor" interval="10s" timeout="30s"'))),
        True,
    ),
    # ACLs
    (
        "a Pacemaker 1.x ACL user is the user with a role of the same permissions",
        cib(
            extra='<acls><acl_user id="alice"><read id="r" xpath="/cib"/></acl_user></acls>',
            schema="pacemaker-1.2",
        ),
        cib(
            extra='<acls><acl_role id="ro"><acl_permission id="p" kind="read" xpath="/cib"/>'
            '</acl_role><acl_target id="alice"><role id="ro"/></acl_target></acls>'
        ),
        True,
    ),
    (
        "an ACL role no one has changes nothing",
        cib(
            extra='<acls><acl_role id="ro"><acl_permission id="p" kind="read" xpath="/cib"/>'
            "</acl_role></acls>"
        ),
        cib(),
        True,
    ),
    (
        "read is not write",
        cib(
            extra='<acls><acl_role id="ro"><acl_permission id="p" kind="read" xpath="/cib"/>'
            '</acl_role><acl_target id="alice"><role id="ro"/></acl_target></acls>'
        ),
        cib(
            extra='<acls><acl_role id="ro"><acl_permission id="p" kind="write" xpath="/cib"/>'
            '</acl_role><acl_target id="alice"><role id="ro"/></acl_target></acls>'
        ),
        False,
    ),
    # properties and nodes
    (
        "properties Pacemaker maintains are no configuration",
        cib(crm_config=props(("dc-version", "2.1.5"), ("have-watchdog", "false"))),
        cib(),
        True,
    ),
    (
        "cib-bootstrap-options is read first",
        cib(
            crm_config=props(("no-quorum-policy", "stop"), set_id="other", score="100")
            + props(("no-quorum-policy", "freeze"))
        ),
        cib(crm_config=props(("no-quorum-policy", "freeze"))),
        True,
    ),
    (
        "a Pacemaker 1.x property is where the schema upgrade puts it",
        cib(crm_config=props(("default-resource-stickiness", "100")), schema="pacemaker-1.2"),
        cib(extra="<rsc_defaults>" + meta(("resource-stickiness", "100")) + "</rsc_defaults>"),
        True,
    ),
    ("a node with nothing configured is no node", cib(nodes=NODE1), cib(), True),
    (
        "a node attribute is kept",
        cib(
            nodes='<node id="1" uname="n1">'
            + meta(("a", "1"), tag="instance_attributes")
            + "</node>"
        ),
        cib(nodes=NODE1),
        False,
    ),
]


@pytest.mark.parametrize("what,a,b,equal", CASES, ids=[c[0] for c in CASES])
def test_equivalence(what: str, a: str, b: str, equal: bool) -> None:
    found = differences(canonical(parse_cib(a.encode())), canonical(parse_cib(b.encode())))
    if equal:
        assert not found, found
    else:
        assert found


def test_forms_say_what_changed_where() -> None:
    a = cib(dummy(body=meta(("priority", "1"))))
    b = cib(dummy(body=meta(("priority", "2"))))
    assert differences(canonical(parse_cib(a.encode())), canonical(parse_cib(b.encode()))) == [
        "~ resources/d/meta/priority: '1' -> '2'"
    ]


def test_rules_of_a_block_are_named_in_the_form() -> None:
    a = cib(
        dummy(
            body=meta(("priority", "1"), set_id="m1")
            + meta(("priority", "2"), set_id="m2").replace(
                "</meta_attributes>",
                '<rule id="r" score="0"><expression id="e" attribute="#uname" '
                'operation="eq" value="n1"/></rule></meta_attributes>',
            )
        )
    )
    form: Dict[str, object] = canonical(parse_cib(a.encode()))["resources"]["d"]["meta"]
    assert form == {
        "values": {},
        "then": [
            {"rule": "#uname eq 'n1'", "values": {"priority": "2"}},
            {"values": {"priority": "1"}},
        ],
    }


def test_an_element_of_no_constraint_kind_is_named_by_its_tag() -> None:
    """What stands in <constraints> but is no constraint (Pacemaker refuses it) is
    compared under its own tag, so that a difference says which element it is."""
    other = '<unknown_constraint id="u" attribute="value"/>'
    assert differences(
        canonical(parse_cib(cib(TWO, other).encode())),
        canonical(parse_cib(cib(TWO).encode())),
    ) == [
        "- constraints/<unknown_constraint>: \"('unknown_constraint', (('attribute', "
        "'value'),), ())\""
    ]
    twice = cib(TWO, other + other.replace('"u"', '"v"'))
    assert "constraints/<unknown_constraint> #2" in " ".join(
        differences(canonical(parse_cib(twice.encode())), canonical(parse_cib(cib(TWO).encode())))
    )


def test_recurring_ops_of_one_name_and_interval_are_none() -> None:
    """Pacemaker refuses a recurring name and interval given twice (whatever the
    roles, 10 and 10s alike) and schedules none of those ops: such a pair reads as
    no op at all; one of them alone is a monitor."""
    twice = cib(
        dummy(
            "a",
            ops(
                'name="monitor" interval="10s" timeout="20s"',
                'name="monitor" interval="10" role="Stopped"',
                'name="monitor" interval="20s"',
            ),
        )
    )
    none = cib(dummy("a", ops('name="monitor" interval="20s"')))
    once = cib(dummy("a", ops('name="monitor" interval="10s"', 'name="monitor" interval="20s"')))

    def form(text: str) -> Dict[str, object]:
        return canonical(parse_cib(text.encode()))

    assert differences(form(twice), form(none)) == []
    assert differences(form(once), form(none)) != []
