"""Parity with pm_pcsgen and pcs: what pm_pcsgen accepts compiles to the CIB it builds,
and what pcs refuses is an error at its cell, in the lint and in every compile."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

import pytest
from lxml import etree

from pcsgen.compiler.pipeline import Compiled, Options, analyse
from pcsgen.diagnostics.location import column_letter
from pcsgen.generations import target_names
from tests.helpers import assert_same_cib, compile_file, need_tool, run_pcsgen, run_script

BASE = """\
,PROPERTY
,,name,value
,,stonith-enabled,true
,,priority-fencing-delay,10s
,RESOURCES
,,resourceItem,resourceItem,id
,,Primitive,,d1
,,Primitive,,d2
,,Stonith,,f1
,PRIMITIVE
,P,id,class,provider,type
,,d1,ocf,pacemaker,Dummy
,PRIMITIVE
,P,id,class,provider,type
,,d2,ocf,pacemaker,Dummy
,STONITH
,P,id,type
,,f1,fence_ipmilan
,A,type,name,value
,,options,ip,192.0.2.1
,,,username,admin
,,,password_script,/bin/true
,,,pcmk_host_list,n1
,LOCATION_NODE
,,rsc,prefers/avoids,node,score
,,f1,avoids,n1,
"""
COLOCATION = ",COLOCATION\n,,rsc,with-rsc,score,rsc-role,with-rsc-role\n"
ORDER = ",ORDER\n,,first-rsc,then-rsc,kind,first-action,then-action,symmetrical\n"
RULE = ",LOCATION_RULE\n,,rsc,score,bool_op,attribute,op,value,role\n"
PING = """\
,PRIMITIVE
,P,id,class,provider,type
,,{id},ocf,pacemaker,ping
,A,type,name,value
,,options,host_list,192.0.2.254
"""

Finding = Tuple[str, str, int, str]  # code, severity, row, column


def cell(text: str, line: str, column: int) -> Tuple[int, str]:
    """The row of the last line `line` of a definition, and a column's letter."""
    rows = [number for number, text_line in enumerate(text.splitlines(), 1) if text_line == line]
    assert rows, line
    return rows[-1], column_letter(column)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "def.csv"
    path.write_text(text, encoding="utf-8")
    return path


def findings(tmp_path: Path, text: str, target: str = "rhel9") -> List[Finding]:
    options = Options(target=target, corosync_conf=None, system_agents=False)
    analysis = analyse(str(write(tmp_path, text)), None, options)
    return [
        (
            d.code,
            d.severity.label,
            d.location.row if d.location else 0,
            d.location.column_name if d.location else "",
        )
        for d in analysis.diagnostics
    ]


def compiled(tmp_path: Path, text: str, target: str = "rhel9") -> Compiled:
    return compile_file(write(tmp_path, text), target, apply_additional_config=False)


def cib(tmp_path: Path, text: str) -> etree._Element:
    result = compiled(tmp_path, text)
    assert result.cib is not None, [d.message() for d in result.analysis.diagnostics]
    return etree.fromstring(result.cib)


def codes(found: List[Finding]) -> List[str]:
    return [f[0] for f in found]


def test_base_is_clean(tmp_path: Path) -> None:
    assert findings(tmp_path, BASE) == []


# --- what pm_pcsgen accepts ------------------------------------------------------------


def test_id_column_left_of_the_resource_items(tmp_path: Path) -> None:
    text = BASE.replace(
        ",,resourceItem,resourceItem,id\n,,Primitive,,d1\n,,Primitive,,d2\n,,Stonith,,f1\n",
        ",,id,resourceItem,resourceItem\n,,grp,Group,\n,,d1,,Primitive\n"
        ",,d2,Primitive,\n,,f1,Stonith,\n",
    )
    assert findings(tmp_path, text) == []
    resources = cib(tmp_path, text).find("configuration/resources")
    assert [(e.tag, e.get("id")) for e in resources] == [
        ("group", "grp"),
        ("primitive", "d2"),
        ("primitive", "f1"),
    ]
    assert [e.get("id") for e in resources[0]] == ["d1"]


def test_id_column_between_the_resource_items_is_refused(tmp_path: Path) -> None:
    header = ",,resourceItem,id,resourceItem"
    text = BASE.replace(",,resourceItem,resourceItem,id", header)
    assert ("PG113", "error", *cell(text, header, 4)) in findings(tmp_path, text)


def test_utilization_twice_the_last_wins(tmp_path: Path) -> None:
    second = ",,utilization,cpu,2"
    text = BASE.replace(
        ",,d1,ocf,pacemaker,Dummy\n",
        ",,d1,ocf,pacemaker,Dummy\n,A,type,name,value\n,,utilization,cpu,1\n" + second + "\n",
    )
    assert findings(tmp_path, text) == [("PG223", "warning", *cell(text, second, 4))]
    pairs = cib(tmp_path, text).findall(".//primitive[@id='d1']/utilization/nvpair")
    assert [(p.get("name"), p.get("value")) for p in pairs] == [("cpu", "2")]


@pytest.mark.parametrize("kind", ["meta", "options"])
def test_the_same_name_and_value_twice_is_set_once(kind: str, tmp_path: Path) -> None:
    second = f",,{kind},fake,3"
    text = BASE.replace(
        ",,d1,ocf,pacemaker,Dummy\n",
        f",,d1,ocf,pacemaker,Dummy\n,A,type,name,value\n,,{kind},fake,3\n{second}\n",
    )
    assert findings(tmp_path, text) == [("PG240", "warning", *cell(text, second, 4))]
    tag = "meta_attributes" if kind == "meta" else "instance_attributes"
    pairs = cib(tmp_path, text).findall(f".//primitive[@id='d1']/{tag}/nvpair")
    assert [(p.get("name"), p.get("value")) for p in pairs] == [("fake", "3")]


def test_the_same_name_with_another_value_is_refused(tmp_path: Path) -> None:
    second = ",,meta,migration-threshold,5"
    text = BASE.replace(
        ",,d1,ocf,pacemaker,Dummy\n",
        ",,d1,ocf,pacemaker,Dummy\n"
        ",A,type,name,value\n,,meta,migration-threshold,3\n" + second + "\n",
    )
    assert ("PG218", "error", *cell(text, second, 4)) in findings(tmp_path, text)


def test_two_paths_under_one_alert_make_two_alerts(tmp_path: Path) -> None:
    text = BASE + (
        ",ALERT\n,P,path\n,,/first.sh\n,,/second.sh\n,A,type,name,value\n"
        ",,meta,timeout,30s\n,R,recipient\n,,/var/log/a.log\n"
    )
    assert findings(tmp_path, text) == []
    alerts = cib(tmp_path, text).findall("configuration/alerts/alert")
    assert [(a.get("id"), a.get("path")) for a in alerts] == [
        ("alert_1", "/first.sh"),
        ("alert_2", "/second.sh"),
    ]
    assert len(alerts[0]) == 0
    assert alerts[1].find("meta_attributes/nvpair").get("value") == "30s"
    assert alerts[1].find("recipient").get("value") == "/var/log/a.log"


# --- the same input, the same CIB ----------------------------------------------------


def _locations(root: etree._Element) -> List[Tuple[Optional[str], ...]]:
    return [
        (e.get("id"), e.get("rsc"), e.get("node"), e.get("score"))
        for e in root.findall("configuration/constraints/rsc_location")
    ]


def test_a_second_location_on_the_same_node_replaces_the_first(tmp_path: Path) -> None:
    first = ",,d1,prefers,n2,100"
    text = BASE + f"{first}\n,,,,n2,200\n"
    assert ("PG225", "warning", *cell(text, first, 5)) in findings(tmp_path, text)
    assert _locations(cib(tmp_path, text))[-1:] == [("location-d1-n2-200", "d1", "n2", "200")]
    assert len(_locations(cib(tmp_path, text))) == 2


def test_prefers_then_avoids_keeps_the_avoidance(tmp_path: Path) -> None:
    first = ",,d1,prefers,n2,"
    text = BASE + f"{first}\n,,,avoids,n2,\n"
    assert ("PG225", "warning", *cell(text, first, 5)) in findings(tmp_path, text)
    assert ("location-d1-n2--INFINITY", "d1", "n2", "-INFINITY") in _locations(cib(tmp_path, text))
    assert len(_locations(cib(tmp_path, text))) == 2


def test_locations_in_pm_pcsgen_order(tmp_path: Path) -> None:
    # pm_pcsgen runs them by resource, then prefers/avoids: d1's avoidance of n2 comes
    # after its preference for n2, which it replaces, whatever the rows say
    text = BASE + (
        ",,d1,prefers,n1,100\n,,,avoids,n2,50\n,,,prefers,n2,10\n"
        ",,d2,prefers,n2,\n,,d1,prefers,n3,5\n"
    )
    assert _locations(cib(tmp_path, text)) == [
        ("location-f1-n1--INFINITY", "f1", "n1", "-INFINITY"),
        ("location-d1-n1-100", "d1", "n1", "100"),
        ("location-d1-n3-5", "d1", "n3", "5"),
        ("location-d1-n2--50", "d1", "n2", "-50"),
        ("location-d2-n2-INFINITY", "d2", "n2", "INFINITY"),
    ]


def test_fence_devices_come_after_every_primitive(tmp_path: Path) -> None:
    text = BASE.replace(
        ",,Primitive,,d1\n,,Primitive,,d2\n,,Stonith,,f1\n",
        ",,Stonith,,f1\n,,Primitive,,d2\n,,Group,,grp\n,,,Primitive,d1\n",
    )
    result = compiled(tmp_path, text)
    assert result.cib is not None and result.script is not None
    resources = etree.fromstring(result.cib).find("configuration/resources")
    assert [e.get("id") for e in resources] == ["d2", "grp", "f1"]
    # the id is the first word after the end of pcs's options
    created = [
        line.split()[line.split().index("--") + 1]
        for line in result.script.splitlines()
        if " create " in line or " group add " in line
    ]
    assert created == ["d2", "d1", "grp", "f1"]


def test_scores_are_written_as_pcs_writes_them(tmp_path: Path) -> None:
    text = (
        BASE + ",,d1,prefers,n2,+inf\n,,d2,prefers,n2,+010\n" + COLOCATION + ",,d1,d2,Infinity,,\n"
    )
    root = cib(tmp_path, text)
    assert ("location-d1-n2-INFINITY", "d1", "n2", "+INFINITY") in _locations(root)
    assert ("location-d2-n2-010", "d2", "n2", "+010") in _locations(root)
    assert root.find(".//rsc_colocation").get("score") == "INFINITY"


def test_avoids_with_a_negative_score_is_a_preference(tmp_path: Path) -> None:
    minus_100 = ",,d1,avoids,n2,-100"
    minus_inf = ",,d2,avoids,n2,-INFINITY"
    text = BASE + f"{minus_100}\n{minus_inf}\n,,d2,avoids,n3,100\n"
    found = findings(tmp_path, text)
    assert ("PG241", "warning", *cell(text, minus_100, 6)) in found
    assert ("PG241", "warning", *cell(text, minus_inf, 6)) in found
    assert codes(found).count("PG241") == 2
    locations = _locations(cib(tmp_path, text))
    assert ("location-d1-n2-100", "d1", "n2", "100") in locations
    assert ("location-d2-n2-INFINITY", "d2", "n2", "INFINITY") in locations
    assert ("location-d2-n3--100", "d2", "n3", "-100") in locations


# --- what pcs refuses ------------------------------------------------------------------

PROMOTABLE_DUMMY = BASE.replace(",,Primitive,,d1\n", ",,Promotable,,d1-clone\n,,,Primitive,d1\n")
PROMOTABLE_GROUP = BASE.replace(
    ",,resourceItem,resourceItem,id\n,,Primitive,,d1\n,,Primitive,,d2\n,,Stonith,,f1\n",
    ",,resourceItem,resourceItem,resourceItem,id\n,,Promotable,,,g-clone\n,,,Group,,g\n"
    ",,,,Primitive,d1\n,,Primitive,,,d2\n,,Stonith,,,f1\n",
)
TWO_PINGS = (
    BASE.replace(",,Primitive,,d2\n", ",,Primitive,,d2\n,,Primitive,,ping1\n,,Primitive,,ping2\n")
    + PING.format(id="ping1")
    + ",,,name,pingd\n"
    + PING.format(id="ping2")
    + ",,,name,pingd\n"
)
CLONED_FENCE = BASE.replace(",,Stonith,,f1\n", ",,Clone,,f1-clone\n,,,Stonith,f1\n")
CLONE_OF_D1 = BASE.replace(",,Primitive,,d1\n", ",,Clone,,d1-clone\n,,,Primitive,d1\n")
CLONE_META = ",RSC_ATTRIBUTES\n,,id,name,value\n,,d1-clone,{name},true\n"
REFUSED = [
    # (case, definition, the line of the cell, its column, code)
    (
        "promotable clone of an agent that cannot be promoted",
        PROMOTABLE_DUMMY,
        ",,Promotable,,d1-clone",
        5,
        "PG242",
    ),
    (
        "promotable clone of a group holding one",
        PROMOTABLE_GROUP,
        ",,Promotable,,,g-clone",
        6,
        "PG250",
    ),
    ("a unique parameter repeated", TWO_PINGS, ",,,name,pingd", 4, "PG243"),
    ("a clone of a fence device", CLONED_FENCE, ",,Clone,,f1-clone", 5, "PG245"),
    (
        "a duplicate colocation",
        BASE + COLOCATION + ",,d1,d2,100,,\n,,d1,d2,200,,\n",
        ",,d1,d2,200,,",
        3,
        "PG246",
    ),
    (
        "a duplicate order",
        BASE + ORDER + ",,d1,d2,,,,\n,,d1,d2,Optional,start,,false\n",
        ",,d1,d2,Optional,start,,false",
        3,
        "PG247",
    ),
    (
        "a duplicate location rule",
        BASE + RULE + ",,d1,100,,#uname,eq,n1,\n,,d2,10,,#uname,eq,n1,\n,,d1,200,,#uname,eq,n1,\n",
        ",,d1,200,,#uname,eq,n1,",
        3,
        "PG248",
    ),
    (
        "an agent type that differs only in case",
        BASE.replace(",,d2,ocf,pacemaker,Dummy", ",,d2,ocf,pacemaker,dummy"),
        ",,d2,ocf,pacemaker,dummy",
        6,
        "PG249",
    ),
    (
        "a clone made promotable by its meta attributes",
        CLONE_OF_D1 + CLONE_META.format(name="promotable"),
        ",,d1-clone,promotable,true",
        4,
        "PG242",
    ),
    (
        "a globally unique clone of an agent that is not OCF",
        CLONE_OF_D1.replace(",,d1,ocf,pacemaker,Dummy", ",,d1,systemd,,nginx")
        + CLONE_META.format(name="globally-unique"),
        ",,d1-clone,globally-unique,true",
        4,
        "PG253",
    ),
    (
        "an order between members of one group",
        BASE.replace(
            ",,Primitive,,d1\n,,Primitive,,d2\n", ",,Group,,g\n,,,Primitive,d1\n,,,Primitive,d2\n"
        )
        + ORDER
        + ",,d2,d1,,,,\n",
        ",,d2,d1,,,,",
        4,
        "PG254",
    ),
    (
        "a fence device with an action",
        BASE.replace(",,,pcmk_host_list,n1", ",,,pcmk_host_list,n1\n,,,action,off"),
        ",,,action,off",
        4,
        "PG255",
    ),
    (
        "a utilization that is not an integer",
        BASE.replace(
            ",,d1,ocf,pacemaker,Dummy\n",
            ",,d1,ocf,pacemaker,Dummy\n,A,type,name,value\n,,utilization,cpu,1.5\n",
        ),
        ",,utilization,cpu,1.5",
        5,
        "PG256",
    ),
    (
        "a node utilization that is not an integer",
        ",NODE\n,,uname,type,name,value\n,,n1,utilization,memory,16G\n" + BASE,
        ",,n1,utilization,memory,16G",
        6,
        "PG256",
    ),
    (
        "a recipient twice in one alert",
        BASE + ",ALERT\n,P,path\n,,/a.sh\n,R,recipient\n,,/var/log/a.log\n,,/var/log/a.log\n",
        ",,/var/log/a.log",
        3,
        "PG257",
    ),
    (
        "a location rule for the Started role",
        BASE + RULE + ",,d1,100,,#uname,eq,n1,Started\n",
        ",,d1,100,,#uname,eq,n1,Started",
        9,
        "PG251",
    ),
]


UNASKED = ("rhel8.4", "rhel8.5", "rhel8", "rhel9.1")
ACCEPTED_BY = {
    # no pcs 0.10 asks whether an OCF 1.1 agent can be promoted, nor pcs 0.11 before
    # 0.11.4 (pcs CHANGELOG 0.11.4); Pacemaker 2.0.5's Dummy is OCF 1.0
    "promotable clone of an agent that cannot be promoted": UNASKED,
    "promotable clone of a group holding one": UNASKED,
    "a clone made promotable by its meta attributes": UNASKED,
    # ping's name is unique from Pacemaker 2.1.2 (RHEL 8.6) on, and every pcs refuses
    # a unique parameter repeated
    "a unique parameter repeated": ("rhel8.4", "rhel8.5"),
}


@pytest.mark.parametrize("target", [*target_names(), "rhel8.4", "rhel8.5", "rhel9.1"])
@pytest.mark.parametrize("case,text,line,column,code", REFUSED, ids=[c[0] for c in REFUSED])
def test_what_pcs_refuses_is_an_error_at_its_cell(
    case: str, text: str, line: str, column: int, code: str, target: str, tmp_path: Path
) -> None:
    expected = (code, "error", *cell(text, line, column))
    if target in ACCEPTED_BY.get(case, ()):
        # that release's pcs and agents take it (for rhel8.4 checked with pcs 0.10.8 and
        # Pacemaker 2.0.5; for the others from the facts above)
        assert expected not in findings(tmp_path, text, target)
        return
    assert expected in findings(tmp_path, text, target)
    result = compiled(tmp_path, text, target)
    assert result.cib is None and result.script is None


@pytest.mark.parametrize("case,text,line,column,code", REFUSED, ids=[c[0] for c in REFUSED])
def test_the_compile_refuses_it_and_writes_nothing(
    case: str, text: str, line: str, column: int, code: str, tmp_path: Path
) -> None:
    write(tmp_path, text)
    result = run_pcsgen(["def.csv", "--corosync-conf", "", "--no-system-agents"], tmp_path)
    row, letter = cell(text, line, column)
    assert result.returncode == 1
    assert f"def.csv!{letter}{row}: error {code}:" in result.stderr, result.stderr
    assert not (tmp_path / "def.xml").exists() and not (tmp_path / "def.sh").exists()


def test_what_pcs_takes_is_not_refused(tmp_path: Path) -> None:
    """The near misses: the other direction, other actions, other expressions, a ping
    without a name, a promotable clone of an agent that can be promoted, a clone of a
    group holding a fence device (pcs 0.11 takes it)."""
    text = (
        BASE.replace(
            ",,Primitive,,d2\n",
            ",,Primitive,,d2\n,,Primitive,,ping1\n"
            ",,Primitive,,ping2\n,,Promotable,,st-clone\n,,,Primitive,st\n",
        )
        + PING.format(id="ping1")
        + ",,,name,pingd\n"
        + PING.format(id="ping2")
        + ",PRIMITIVE\n,P,id,class,provider,type\n,,st,ocf,pacemaker,Stateful\n"
        + COLOCATION
        + ",,d1,d2,100,,\n,,d2,d1,100,,\n,,st-clone,d1,100,Promoted,\n"
        + ",,st-clone,d1,100,,\n"
        + ORDER
        + ",,d1,d2,,,,\n,,d1,d2,,stop,,\n"
        + RULE
        + ",,d1,100,,#uname,eq,n1,\n,,d1,100,,#uname,eq,n2,\n"
    )
    assert [f for f in findings(tmp_path, text) if f[1] == "error"] == []


def test_the_resource_created_second_is_the_one_refused(tmp_path: Path) -> None:
    """pcs compares a new resource with those created before it, in RESOURCES order
    (fence devices last), whatever the order of the PRIMITIVE tables."""
    text = (
        BASE.replace(
            ",,Primitive,,d2\n", ",,Primitive,,d2\n,,Primitive,,ping1\n,,Primitive,,ping2\n"
        )
        + PING.format(id="ping2")
        + ",,,name,pingd\n"
        + PING.format(id="ping1")
        + ",,,name,pingd\n"
    )
    found = [f for f in findings(tmp_path, text) if f[0] == "PG243"]
    first_table_row = text.splitlines().index(",,,name,pingd") + 1
    assert found == [("PG243", "error", first_table_row, "D")]


# --- smaller ---------------------------------------------------------------------------


def test_a_fence_device_fences_its_host_list_not_its_plug(tmp_path: Path) -> None:
    text = BASE.replace(",,,pcmk_host_list,n1", ",,,plug,vm-n1\n,,,pcmk_host_list,n1")
    assert findings(tmp_path, text) == []
    moved = text.replace(",,f1,avoids,n1,", ",,f1,avoids,vm-n1,")
    found = [f for f in findings(tmp_path, moved) if f[0] == "PG405"]
    assert len(found) == 1
    options = Options(corosync_conf=None, system_agents=False)
    (diagnostic,) = [
        d
        for d in analyse(str(write(tmp_path, moved)), None, options).diagnostics
        if d.code == "PG405"
    ]
    assert diagnostic.args["node"] == "n1"


def test_data_without_a_table_marker(tmp_path: Path) -> None:
    assert findings(tmp_path, "# a comment\n,,\nname,value\n,,data,more\n") == [
        ("PG009", "error", 3, "B")
    ]


def test_no_monitor_warning_when_the_agent_gives_the_monitor(tmp_path: Path) -> None:
    # d1 lists no operation: pcs adds the monitor Dummy's metadata declares
    assert "PG408" not in codes(findings(tmp_path, BASE))
    root = cib(tmp_path, BASE)
    assert (
        root.find(".//primitive[@id='d1']/operations/op[@name='monitor']").get("interval") == "10s"
    )
    no_monitor = ",,monitor,0s,20s"
    text = BASE.replace(
        ",,d1,ocf,pacemaker,Dummy\n",
        f",,d1,ocf,pacemaker,Dummy\n,O,type,interval,timeout\n{no_monitor}\n",
    )
    assert ("PG408", "warning", *cell(text, no_monitor, 3)) in findings(tmp_path, text)


def test_an_operation_attribute_pcs_does_not_know_is_refused(tmp_path: Path) -> None:
    row = ",,monitor,10s,nothing"
    text = BASE.replace(
        ",,d1,ocf,pacemaker,Dummy\n",
        f",,d1,ocf,pacemaker,Dummy\n,O,type,interval,requires\n{row}\n",
    )
    assert ("PG228", "error", *cell(text, row, 5)) in findings(tmp_path, text)


def test_an_operation_id_is_kept(tmp_path: Path) -> None:
    text = BASE.replace(
        ",,d1,ocf,pacemaker,Dummy\n",
        ",,d1,ocf,pacemaker,Dummy\n,O,type,interval,id\n,,monitor,10s,d1-watch\n",
    )
    assert findings(tmp_path, text) == []
    op = cib(tmp_path, text).find(".//primitive[@id='d1']/operations/op[@name='monitor']")
    assert op.get("id") == "d1-watch"


WHOLE, CUT = (
    "cib-bootstrap-options-priority-fencing-delay",
    "cib-bootstrap-options-priority-fencing-del",
)


@pytest.mark.parametrize(
    "target,property_id",
    [
        ("rhel8.4", WHOLE),
        ("rhel8.7", WHOLE),
        ("rhel8.8", CUT),
        ("rhel8.10", CUT),
        ("rhel8", CUT),
        ("rhel9.0", WHOLE),
        ("rhel9.1", WHOLE),
        ("rhel9.2", CUT),
        ("rhel9", CUT),
        ("rhel10.0", CUT),
        ("rhel10", CUT),
    ],
)
def test_nvpair_ids_as_pcs_makes_them(target: str, property_id: str, tmp_path: Path) -> None:
    """`pcs property set` names the nvpair after the whole name up to pcs 0.10.14 (RHEL
    8.7) and 0.11.3 (9.1), after its first 20 characters from 0.10.15 (8.8) and 0.11.4
    (9.2) on, when pcs writes it itself (pcs CHANGELOG 0.10.15, 0.11.4)."""
    text = BASE + ",RSC_DEFAULTS\n,,name,value\n,,allow-unhealthy-nodes,true\n"
    result = compiled(tmp_path, text, target)
    assert result.cib is not None
    root = etree.fromstring(result.cib)
    assert [p.get("id") for p in root.findall("configuration/crm_config//nvpair")] == [
        "cib-bootstrap-options-stonith-enabled",
        property_id,
    ]
    assert (
        root.find("configuration/rsc_defaults//nvpair").get("id")
        == "rsc_defaults-meta_attributes-allow-unhealthy-node"
    )


def test_a_value_set_again_stays_where_the_name_stands(tmp_path: Path) -> None:
    text = BASE.replace(
        ",,d1,ocf,pacemaker,Dummy\n",
        ",,d1,ocf,pacemaker,Dummy\n"
        ",A,type,name,value\n,,utilization,cpu,1\n,,utilization,memory,512\n"
        ",,utilization,cpu,2\n",
    )
    pairs = cib(tmp_path, text).findall(".//primitive[@id='d1']/utilization/nvpair")
    assert [(p.get("name"), p.get("value")) for p in pairs] == [("cpu", "2"), ("memory", "512")]


def test_the_script_builds_the_same_cib_with_pcs(tmp_path: Path) -> None:
    """The orders, replacements and scores above, built by the real pcs from the script."""
    need_tool("pcs")
    text = (
        BASE.replace(
            ",,Primitive,,d1\n,,Primitive,,d2\n,,Stonith,,f1\n",
            ",,Stonith,,f1\n,,Primitive,,d2\n,,Group,,grp\n,,,Primitive,d1\n",
        )
        + ",,d2,prefers,n1,100\n,,,avoids,n2,-50\n,,,prefers,n2,+10\n,,grp,prefers,n1,\n"
        + ",,d2,prefers,n1,200\n"
        + ",ALERT\n,P,path\n,,/first.sh\n,,/second.sh\n,A,type,name,value\n,,meta,timeout,30s\n"
    )
    write(tmp_path, text)
    result = run_pcsgen(
        ["def.csv", "--corosync-conf", "", "--xml", "gen.xml", "--sh", "gen.sh"], tmp_path
    )
    assert result.returncode in (0, 2), result.stderr
    built = run_script(tmp_path / "gen.sh", tmp_path)
    assert_same_cib((tmp_path / "gen.xml").read_bytes(), built.read_bytes())
    ours, theirs = (etree.parse(str(path)).getroot() for path in (tmp_path / "gen.xml", built))
    for section in ("resources", "constraints", "alerts"):
        assert [(e.tag, e.get("id")) for e in ours.find(f"configuration/{section}")] == [
            (e.tag, e.get("id")) for e in theirs.find(f"configuration/{section}")
        ], section


def test_a_command_on_another_file_stays_out_of_the_cib(tmp_path: Path) -> None:
    line = ",,pcs -f other.xml property set batch-limit=5"
    text = BASE + f",ADDITIONAL_CONFIG\n,,config\n{line}\n"
    assert findings(tmp_path, text) == [("PG252", "warning", *cell(text, line, 3))]
    write(tmp_path, text)
    result = run_pcsgen(["def.csv", "--corosync-conf", ""], tmp_path)
    assert result.returncode == 2, result.stderr
    assert b"batch-limit" not in (tmp_path / "def.xml").read_bytes()
    assert "\npcs -f other.xml property set -- batch-limit=5\n" in (tmp_path / "def.sh").read_text(
        encoding="utf-8"
    )
