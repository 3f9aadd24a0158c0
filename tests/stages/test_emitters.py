"""The emitters alone: a completed IR -> CIB elements and pcs script lines."""

from __future__ import annotations

from pcsgen.compiler.emit.cib import build_cib
from pcsgen.compiler.emit.dialects import dialect
from pcsgen.compiler.emit.script import render_script
from tests.stages.helpers import completed, table

DEFINITION = (
    table("PROPERTY", "name,value", "no_quorum_policy,ignore")
    + "\n".join(
        [
            ",RESOURCES",
            ",,resourceItem,resourceItem,id",
            ",,Group,,g",
            ",,,Primitive,d1",
            ",PRIMITIVE",
            ",P,id,class,provider,type",
            ",,d1,ocf,pacemaker,Dummy",
            ",O,type,timeout,interval",
            ",,monitor,20s,10s",
        ]
    )
    + "\n"
    + table(
        "ADDITIONAL_CONFIG",
        "config",
        "pcs resource meta g --force -- priority=5",
        "pcs -f other.xml resource meta d1 a=b",
    )
)


def test_the_cib_holds_the_completed_ir() -> None:
    cluster, _, _ = completed(DEFINITION)
    root = build_cib(cluster, dialect("rhel9"))
    properties = root.findall("configuration/crm_config//nvpair")
    assert [(p.get("name"), p.get("value")) for p in properties] == [("no-quorum-policy", "ignore")]
    [group] = root.findall("configuration/resources/group")
    assert group.get("id") == "g"
    ops = [(op.get("name"), op.get("interval")) for op in group.findall("primitive/operations/op")]
    # the user's monitor, and what the agent's metadata adds, in pcs's order (by name)
    assert ("monitor", "10s") in ops and ("start", "0s") in ops
    assert [name for name, _ in ops] == sorted(name for name, _ in ops)


def test_the_script_writes_the_typed_commands() -> None:
    cluster, _, _ = completed(DEFINITION)
    script = render_script(cluster, dialect("rhel9"), "stage.csv")
    lines = [line.strip() for line in script.splitlines()]
    # options before the end of options, as pcs reads them; a command on another file
    # runs there, as written
    assert any(
        line.startswith("pcs -f") and "resource meta --force -- g priority=5" in line
        for line in lines
    ), script
    assert any(line.startswith("pcs -f other.xml resource meta -- d1 a=b") for line in lines), (
        script
    )


def test_the_dialect_decides_the_role_words() -> None:
    text = (
        "\n".join(
            [
                ",RESOURCES",
                ",,resourceItem,resourceItem,id",
                ",,Promotable,,c",
                ",,,Primitive,s",
                ",PRIMITIVE",
                ",P,id,class,provider,type",
                ",,s,ocf,pacemaker,Stateful",
            ]
        )
        + "\n"
        + table(
            "COLOCATION", "rsc,with-rsc,score,rsc-role,with-rsc-role", "c,c2,INFINITY,Promoted,"
        )
    )
    cluster, _, _ = completed(text)
    old = build_cib(cluster, dialect("rhel8")).find("configuration/constraints/rsc_colocation")
    new = build_cib(cluster, dialect("rhel9")).find("configuration/constraints/rsc_colocation")
    assert old is not None and new is not None
    assert (old.get("rsc-role"), new.get("rsc-role")) == ("Master", "Promoted")
