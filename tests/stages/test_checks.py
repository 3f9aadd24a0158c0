"""Each check alone, on a small completed IR: what it reports, and where."""

from __future__ import annotations

from typing import List

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
    # RHEL 9.6's Pacemaker keeps it, but the one running the command here must too
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
