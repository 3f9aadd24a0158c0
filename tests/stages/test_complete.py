"""The completion step alone: node ids, the operations pcs adds, legacy properties."""

from __future__ import annotations

from pathlib import Path

from tests.stages.helpers import codes, completed, table

DUMMY = (
    "\n".join(
        [
            ",RESOURCES",
            ",,resourceItem,id",
            ",,Primitive,d1",
            ",PRIMITIVE",
            ",P,id,class,provider,type",
            ",,d1,ocf,pacemaker,Dummy",
            ",O,type,timeout,interval",
            ",,monitor,20s,10s",
        ]
    )
    + "\n"
)
COROSYNC = """totem {
    cluster_name: stage
}
nodelist {
    node {
        ring0_addr: n1
        name: n1
        nodeid: 1
    }
    node {
        ring0_addr: n2
        name: n2
        nodeid: 2
    }
}
"""


def test_legacy_properties_are_moved_and_said_so() -> None:
    cluster, _, diagnostics = completed(
        table(
            "PROPERTY",
            "name,value",
            "no_quorum_policy,ignore",
            "default-resource-stickiness,100",
            "expected-quorum-votes,2",
        )
    )
    assert [(p.name, p.value, p.written_as) for p in cluster.properties] == [
        ("no-quorum-policy", "ignore", "no_quorum_policy")
    ]
    assert [(p.name, p.value) for p in cluster.rsc_defaults] == [("resource-stickiness", "100")]
    assert codes(diagnostics) == ["PG453", "PG453", "PG454"]


def test_a_legacy_name_given_twice_keeps_the_current_one() -> None:
    cluster, _, _ = completed(
        table("PROPERTY", "name,value", "no-quorum-policy,stop", "no_quorum_policy,ignore")
    )
    assert [(p.name, p.value) for p in cluster.properties] == [("no-quorum-policy", "stop")]


def test_the_agent_operations_are_added_after_the_users() -> None:
    cluster, _, _ = completed(DUMMY)
    [primitive] = cluster.primitives()
    names = [(op.name, op.from_agent) for op in primitive.operations]
    assert names[0] == ("monitor", False)
    # Dummy's metadata declares start, stop, migrate_to ...: pcs copies them
    assert ("start", True) in names and ("stop", True) in names
    assert all(from_agent for _, from_agent in names[1:])


def test_nodes_get_their_ids_from_corosync(tmp_path: Path) -> None:
    conf = tmp_path / "corosync.conf"
    conf.write_text(COROSYNC)
    cluster, context, diagnostics = completed(
        table("NODE", "uname,type,name,value", "n2,attribute,site,b"), corosync=str(conf)
    )
    assert codes(diagnostics) == []
    assert [(n.uname, n.id, [a.name for a in n.attributes]) for n in cluster.nodes] == [
        ("n1", "1", []),
        ("n2", "2", ["site"]),
    ]
    assert context.cluster_nodes == ["n1", "n2"]


def test_a_node_corosync_does_not_know_is_reported(tmp_path: Path) -> None:
    conf = tmp_path / "corosync.conf"
    conf.write_text(COROSYNC)
    _, _, diagnostics = completed(
        table("NODE", "uname,type,name,value", "n3,attribute,a,b"), corosync=str(conf)
    )
    assert codes(diagnostics) == ["PG307"]


def test_node_attributes_need_corosync_but_for_remote_nodes() -> None:
    _, _, diagnostics = completed(table("NODE", "uname,type,name,value", "n1,attribute,a,b"))
    assert codes(diagnostics) == ["PG306"]


def test_the_replicas_of_a_bundle_the_commands_create_are_remote_nodes() -> None:
    cluster, _, diagnostics = completed(
        table("NODE", "uname,type,name,value", "web-0,attribute,a,b")
        + table(
            "ADDITIONAL_CONFIG", "config", "pcs resource bundle create web container docker image=x"
        )
    )
    assert codes(diagnostics) == []
    [node] = cluster.nodes
    assert (node.id, node.remote) == ("web-0", True)
