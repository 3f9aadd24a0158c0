"""Each check alone, on a small completed IR: what it reports, and where."""

from __future__ import annotations

from typing import List

import pytest

from pcsgen.compiler import check
from pcsgen.diagnostics import Diagnostics
from tests.stages.helpers import completed, table

RESOURCES = (
    "\n".join(
        [
            ",RESOURCES",
            ",,resourceItem,id",
            ",,Primitive,d1",
            ",PRIMITIVE",
            ",P,id,class,provider,type",
            ",,d1,ocf,pacemaker,Dummy",
        ]
    )
    + "\n"
)
COLOCATION = "rsc,with-rsc,score,rsc-role,with-rsc-role"


def _run(name: str, text: str, target: str = "rhel9") -> List[tuple]:  # type: ignore[type-arg]
    cluster, context, _ = completed(text, target)
    diagnostics = Diagnostics()
    dict(check.CHECKS)[name](cluster, context, diagnostics)
    return [(d.code, d.location.row if d.location else None) for d in diagnostics]


def test_references_name_a_missing_resource_at_its_cell() -> None:
    text = RESOURCES + table("COLOCATION", COLOCATION, "d1,nothing,INFINITY,,")
    assert _run("references", text) == [("PG301", 9)]


def test_references_accept_what_the_commands_create() -> None:
    text = (
        RESOURCES
        + table("COLOCATION", COLOCATION, "d1,web,INFINITY,,")
        + table(
            "ADDITIONAL_CONFIG", "config", "pcs resource bundle create web container docker image=x"
        )
    )
    assert _run("references", text) == []


def test_properties_unknown_to_the_target_are_errors() -> None:
    text = table("PROPERTY", "name,value", "stonith-enabld,true", "no_quorum_policy,stop")
    # the legacy name was moved by the completion; only the typo is the check's
    assert _run("properties", text) == [("PG450", 3)]


@pytest.mark.parametrize(
    "target,known",
    [
        ("rhel8.4", False),  # Pacemaker 2.0.5
        ("rhel8.9", False),  # 2.1.6
        ("rhel8", True),  # 8.10: 2.1.7, which added it
        ("rhel9.2", False),  # 2.1.5
        ("rhel9.4", True),  # 2.1.7
        ("rhel9", True),  # 9.8: 2.1.10
        ("rhel10", True),
    ],
)
def test_a_property_is_judged_by_the_target_minor_s_own_pacemaker(target: str, known: bool) -> None:
    """node-pending-timeout came with Pacemaker 2.1.7: a target whose own minor ships
    it takes the property, an older minor refuses it at its cell."""
    text = table("PROPERTY", "name,value", "node-pending-timeout,10min")
    assert _run("properties", text, target) == ([] if known else [("PG450", 3)])


@pytest.mark.parametrize(
    "target,known",
    [
        ("rhel9.6", False),  # Pacemaker 2.1.9
        ("rhel9.7", True),  # 2.1.10, which took it from 3.0.1
        ("rhel9", True),  # 9.8: 2.1.10
        ("rhel10.0", False),  # 3.0.0
        ("rhel10.1", True),  # 3.0.1
    ],
)
def test_fence_remote_without_quorum_comes_with_2_1_10_and_3_0_1(target: str, known: bool) -> None:
    text = table("PROPERTY", "name,value", "fence-remote-without-quorum,true")
    assert _run("properties", text, target) == ([] if known else [("PG450", 3)])


def test_a_property_deprecated_in_the_minor_s_release_is_said_so() -> None:
    """remove-after-stop is deprecated from Pacemaker 2.1.0 on and gone in 3.0."""
    text = table("PROPERTY", "name,value", "remove-after-stop,false")
    assert _run("properties", text, "rhel8.4") == []
    assert _run("properties", text, "rhel8") == [("PG452", 3)]
    assert _run("properties", text, "rhel10") == [("PG450", 3)]


def test_the_release_data_agrees_with_what_the_oracles_measured() -> None:
    """The option names read from each oracle's Pacemaker sources (releases) are the
    ones its daemons' metadata listed (targets), deprecations included."""
    from pcsgen.cluster_options import cluster_options

    data = cluster_options()
    for generation, measured in data["targets"].items():
        release = data["releases"][measured["pacemaker"]]
        assert release["options"] == sorted(measured["options"]), generation
        deprecated = sorted(n for n, o in measured["options"].items() if o.get("deprecated"))
        assert release["deprecated"] == deprecated, generation


def test_commands_report_refusals_and_what_the_target_lacks() -> None:
    text = table(
        "ADDITIONAL_CONFIG",
        "config",
        "pcs cluster stop",
        "pcs resource defaults a=b",
        "pcs -f other.xml resource meta d1 a=b",
    )
    assert _run("commands", text, "rhel9") == [("PG520", 3), ("PG252", 5)]
    assert _run("commands", text, "rhel10") == [("PG520", 3), ("PG520", 4), ("PG252", 5)]


def test_the_lacking_command_is_said_before_a_refused_agent() -> None:
    text = table("ADDITIONAL_CONFIG", "config", "pcs stonith op add f1 ocf:x:../y")
    assert _run("commands", text, "rhel8") == [("PG520", 3)]
    assert _run("commands", text, "rhel9") == [("PG230", 3)]


def test_semantics_see_a_colocation_with_itself() -> None:
    text = RESOURCES + table("COLOCATION", COLOCATION, "d1,d1,INFINITY,,")
    assert ("PG403", 9) in _run("semantics", text)


def test_pcs_words_judge_the_words_of_accepted_commands_only() -> None:
    tab = "pcs resource meta d1 'a=b\tc'"  # a tab Pacemaker 2.1.5 (RHEL 9.2) would not keep
    assert _run("pcs_words", table("ADDITIONAL_CONFIG", "config", tab), "rhel9.2") == [("PG233", 3)]
    # RHEL 9.8's Pacemaker keeps it, but the one running the command here must too
    assert _run("pcs_words", table("ADDITIONAL_CONFIG", "config", tab)) == [("PG235", 3)]
    refused = "pcs cluster stop 'a=b\tc'"  # check.commands refuses it; no word is judged
    assert _run("pcs_words", table("ADDITIONAL_CONFIG", "config", refused)) == []


def test_stonith_disabled_is_read_as_pacemaker_reads_a_boolean() -> None:
    """Pacemaker reads false, off, no, n and 0 as false; 'f' is no boolean to it, so the
    fencing checks must not take it for stonith disabled."""
    for word, disabled in (("false", True), ("Off", True), ("n", True), ("f", False), ("t", False)):
        text = RESOURCES + table("PROPERTY", "name,value", f"stonith-enabled,{word}")
        codes = [code for code, _ in _run("semantics", text)]
        assert ("PG406" in codes) is disabled, (word, codes)
        assert ("PG407" in codes) is not disabled, (word, codes)
