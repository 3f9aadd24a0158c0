"""The builders alone: raw tables -> the IR, each object with its cell; ADDITIONAL_CONFIG
parsed once into typed commands."""

from __future__ import annotations

from pcsgen import ir
from tests.stages.helpers import built, codes, table

RESOURCES = table(
    "RESOURCES", "resourceItem,resourceItem,id", "Group,,g", ",Primitive,d1", ",Primitive,d2"
)
DUMMY = (
    "\n".join(
        [
            ",PRIMITIVE",
            ",P,id,class,provider,type",
            ",,{id},ocf,pacemaker,Dummy",
            ",O,type,timeout,interval",
            ",,monitor,20s,10s",
        ]
    )
    + "\n"
)


def test_a_group_holds_its_primitives_with_their_agents_and_operations() -> None:
    cluster, diagnostics = built(RESOURCES + DUMMY.format(id="d1") + DUMMY.format(id="d2"))
    assert codes(diagnostics) == []
    [group] = cluster.resources
    assert isinstance(group, ir.Group) and group.id == "g"
    assert [m.id for m in group.members] == ["d1", "d2"]
    first = group.members[0]
    assert first.agent == ir.AgentName("ocf", "pacemaker", "Dummy")
    assert [(op.name, op.attributes, op.from_agent) for op in first.operations] == [
        ("monitor", {"timeout": "20s", "interval": "10s"}, False)
    ]
    assert first.location.row == 4  # the id cell of its RESOURCES row


def test_a_primitive_without_a_definition_is_reported() -> None:
    _, diagnostics = built(RESOURCES + DUMMY.format(id="d1"))
    assert "d2" in " ".join(d.message() for d in diagnostics if d.severity.label == "error")


def test_constraints_keep_the_cell_of_each_field() -> None:
    cluster, _ = built(
        RESOURCES
        + DUMMY.format(id="d1")
        + DUMMY.format(id="d2")
        + table("COLOCATION", "rsc,with-rsc,score,rsc-role,with-rsc-role", "d1,d2,INFINITY,,")
    )
    [colocation] = cluster.colocations
    assert (colocation.rsc, colocation.with_rsc, colocation.score) == ("d1", "d2", "INFINITY")
    assert colocation.at("with-rsc").column == 4


def _commands(*lines: str) -> list[ir.AdditionalConfig]:
    cluster, diagnostics = built(table("ADDITIONAL_CONFIG", "config", *lines))
    assert codes(diagnostics) == []  # refusals wait in the IR for check.commands
    return cluster.additional_config


def test_additional_config_becomes_typed_commands() -> None:
    tag, bundle, meta = _commands(
        "pcs tag create t1 d1 d2",
        '"pcs resource bundle create web container docker image=x --disabled"',
        "pcs resource meta d1 --force -- target-role=Stopped",
    )
    assert tag.accepted is not None and tag.accepted.kind == "tag create"
    assert (tag.accepted.made, tag.accepted.members) == ("t1", ["d1", "d2"])
    assert bundle.accepted is not None and bundle.accepted.made == "web"
    assert bundle.accepted.options == ["--disabled"]
    assert meta.accepted is not None
    assert meta.accepted.argv == ["resource", "meta", "--force", "--", "d1", "target-role=Stopped"]
    assert meta.accepted.made is None
    assert tag.location.row == 3 and meta.location.row == 5


def test_a_cell_continued_with_backslashes_is_one_command() -> None:
    [item] = _commands('"pcs resource meta d1 \\\n  a=b"')
    assert item.text == "pcs resource meta d1\n  a=b"
    assert item.accepted is not None and item.accepted.arguments == ["d1", "a=b"]


def test_a_refused_command_keeps_why() -> None:
    stop, agent, other = _commands(
        "pcs cluster stop",
        "pcs resource create d ocf:x:../y",
        "pcs -f other.xml resource meta d1 a=b",
    )
    assert stop.command is None and stop.refusal is not None
    assert stop.refusal.code == "PG520"
    # an agent name with a path: the command is read, and refused
    assert agent.command is not None and agent.accepted is None
    assert agent.refusal is not None and agent.refusal.code == "PG230"
    assert other.file == "other.xml" and other.accepted is not None
