"""`pcsgen import OLD --from pm_crmgen`: pm_crmgen definitions become pm_pcsgen workbooks
that compile for RHEL 9, with every change in the migration report; the oracle test
holds the migrated CIB against what pm_crmgen 2.2 and crmsh made of the same definition."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
from lxml import etree

from pcsgen import api
from pcsgen.cib.canonical import canonical, parse_cib
from pcsgen.cib.diff import semantic_diff
from pcsgen.cib.reading import Element
from pcsgen.compiler.read import read_input
from pcsgen.migrate.crm_commands import translate
from pcsgen.migrate.run import looks_like_crmgen, migrate
from tests.helpers import IN_CI, need_tool, run_pcsgen

DATA = Path(__file__).resolve().parent / "data" / "crmgen"
NODES = DATA / "nodes.xml"  # node ids for the NODE table: pm01 is 1, pm02 is 2


def _migrate(tmp_path: Path, name: str, target: str = "rhel9") -> Tuple[Any, Element, Path]:
    """Migrate tests/data/crmgen/NAME, compile the result; (migration, CIB, workbook)."""
    output = tmp_path / f"{Path(name).stem}.xlsx"
    migration = migrate(str(DATA / name), str(output), target)
    compiled = api.compile_definition(
        str(output), options=api.Options(target=target, corosync_conf=str(NODES))
    )
    assert not compiled.diagnostics.has_errors
    return migration, etree.fromstring(compiled.cib.encode()), output


def _nvpairs(element: Element) -> Dict[str, str]:
    return {
        nv.get("name"): nv.get("value") for nv in element.iterfind("instance_attributes/nvpair")
    }


def _codes(migration: Any) -> List[str]:
    return [change.code for change in migration.changes]


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Any, Element, Path]:
    return _migrate(tmp_path_factory.mktemp("full"), "full.csv")


def test_every_table_migrates_and_compiles_for_rhel9(full: Tuple[Any, Element, Path]) -> None:
    migration, cib, _ = full
    assert not migration.diagnostics.has_errors
    resources = cib.find("configuration/resources")
    assert {e.get("id") for e in resources} == {
        "grpPg",
        "clnPing",
        "clnDiskd",
        "msStateful",
        "msDummy",
        "prmIpmi1",
        "prmIpmi2",
    }
    assert _nvpairs(cib.find(".//primitive[@id='prmEx']")) == {"device": "/dev/sdc1", "index": "1"}
    assert cib.find(".//node[@uname='pm01']/utilization/nvpair").get("value") == "2"
    options = {
        nv.get("name"): nv.get("value") for nv in cib.iterfind("configuration/crm_config//nvpair")
    }
    assert options["transition-delay"] == "2s" and "crmd-transition-delay" not in options
    assert cib.find("configuration/op_defaults//nvpair[@name='timeout']").get("value") == "120s"
    alert = cib.find("configuration/alerts/alert")
    assert alert.find("recipient").get("value") == "192.168.28.189"


def test_ms_becomes_a_promotable_clone_with_promoted_roles(full: Tuple[Any, Element, Path]) -> None:
    migration, cib, _ = full
    for clone_id in ("msStateful", "msDummy"):
        clone = cib.find(f".//clone[@id='{clone_id}']")
        meta = {nv.get("name"): nv.get("value") for nv in clone.iterfind(".//nvpair")}
        assert meta["promotable"] == "true" and meta["promoted-max"] == "1"
        assert "master-max" not in meta
    roles = {
        op.get("interval"): op.get("role")
        for op in cib.iterfind(".//primitive[@id='prmStateful']/operations/op")
        if op.get("name") == "monitor"
    }
    assert roles == {"9s": "Promoted", "10s": "Unpromoted"}
    colocation = cib.find(".//rsc_colocation[@with-rsc='msStateful']")
    assert colocation.get("with-rsc-role") == "Promoted"
    assert cib.find(".//rsc_location[@rsc='msStateful']/rule").get("role") == "Promoted"
    assert {"PG981", "PG982", "PG992"} <= set(_codes(migration))


def test_ipmi_plugins_become_fence_ipmilan_with_its_parameter_names(
    full: Tuple[Any, Element, Path],
) -> None:
    migration, cib, _ = full
    device = cib.find(".//primitive[@id='prmIpmi1']")
    assert (device.get("class"), device.get("type")) == ("stonith", "fence_ipmilan")
    assert _nvpairs(device) == {
        "pcmk_host_list": "pm01",
        "ip": "192.168.20.11",
        "username": "admin",
        "password": "secret1",
        "lanplus": "1",
        "pcmk_reboot_timeout": "60s",
    }
    assert _nvpairs(cib.find(".//primitive[@id='prmIpmi2']"))["lanplus"] == "0"
    # stonith-helper has no fence agent: left out, with what replaces it named
    assert cib.find(".//primitive[@id='prmHelper1']") is None
    helper = [c for c in migration.changes if c.code == "PG986"]
    assert len(helper) == 2 and "priority-fencing-delay" in helper[0].message()
    assert str(helper[0].location).endswith("full.csv!F147")


def test_stonith_groups_become_devices_and_fencing_levels(full: Tuple[Any, Element, Path]) -> None:
    migration, cib, _ = full
    assert cib.find(".//group[@id='grpStonith1']") is None
    levels = {
        (level.get("target"), level.get("index")): level.get("devices")
        for level in cib.iterfind(".//fencing-level")
    }
    # pm01's topology loses the stonith-helper level and is renumbered; pm02 had none:
    # its group's order gives the levels
    assert levels == {("pm01", "1"): "prmIpmi1", ("pm02", "1"): "prmIpmi2"}
    # the group's constraint now keeps each device off the node it fences
    avoid = cib.find(".//rsc_location[@rsc='prmIpmi1']")
    assert (avoid.get("node"), avoid.get("score")) == ("pm01", "-INFINITY")
    assert {"PG983", "PG994", "PG995"} <= set(_codes(migration))


def test_ping_and_diskd_shorthand_make_rules_colocations_and_orders(
    full: Tuple[Any, Element, Path],
) -> None:
    _, cib, _ = full
    rules = {}
    for rule in cib.iterfind(".//rsc_location[@rsc='grpPg']/rule"):
        expressions = [
            (e.get("attribute"), e.get("operation"), e.get("value"))
            for e in rule.iterfind("expression")
        ]
        rules[expressions[0][0]] = (rule.get("score"), rule.get("boolean-op"), expressions)
    assert rules["default_ping_set"] == (
        "-INFINITY",
        "or",
        [("default_ping_set", "not_defined", None), ("default_ping_set", "lt", "100")],
    )
    assert rules["diskcheck_status"][2][1] == ("diskcheck_status", "eq", "ERROR")
    nodes = {
        (loc.get("node"), loc.get("score"))
        for loc in cib.iterfind(".//rsc_location[@rsc='grpPg']")
        if loc.get("node")
    }
    assert nodes == {("pm01", "200"), ("pm02", "100")}
    for clone in ("clnPing", "clnDiskd"):
        colocation = cib.find(f".//rsc_colocation[@rsc='grpPg'][@with-rsc='{clone}']")
        assert colocation.get("score") == "INFINITY"
        order = cib.find(f".//rsc_order[@first='{clone}'][@then='grpPg']")
        assert (order.get("kind"), order.get("symmetrical")) == ("Optional", "false")


def test_tickets_and_crm_lines_become_pcs_commands_or_comments(
    full: Tuple[Any, Element, Path],
) -> None:
    migration, cib, workbook = full
    tickets = {
        t.get("ticket"): (t.get("rsc"), t.get("rsc-role"), t.get("loss-policy"))
        for t in cib.iterfind(".//rsc_ticket")
    }
    assert tickets == {
        "ticketA": ("grpPg", None, "stop"),
        "ticketB": ("msStateful", "Promoted", "demote"),
    }
    assert cib.find(".//rsc_colocation[@id='c2']").get("score") == "100"
    assert cib.find(".//rsc_location[@rsc='msDummy'][@node='pm02']").get("score") == "50"
    # the resource-set order has no one-line pcs form: a comment row, named in the report
    rows = read_input(str(workbook), "full").rows
    comments = [cells[0] for _, cells in rows if cells[0].startswith("# crm:")]
    assert comments == ["# crm: order o2 Serialize: clnPing ( clnDiskd msDummy )"]
    assert "PG980" in _codes(migration)


def test_per_node_parameters_are_named_as_lost(full: Tuple[Any, Element, Path]) -> None:
    migration, cib, _ = full
    assert _nvpairs(cib.find(".//primitive[@id='prmPg']")) == {
        "pgctl": "/usr/bin/pg_ctl",
        "pgdata": "/var/lib/pgsql/data",
    }
    lost = [c for c in migration.changes if c.code == "PG993"]
    assert [c.args["rule"] for c in lost] == ["1: rule #uname eq pm01", "1: rule #uname eq pm02"]
    # kept in view for the hand-made setting, as comment rows of the sheet
    rows = read_input(str(full[2]), "full").rows
    assert "# prmPg (1: rule #uname eq pm02): start_opt=-p 5433 pgport=5433" in [
        cells[0] for _, cells in rows
    ]


def test_the_report_is_text_json_and_a_sheet(full: Tuple[Any, Element, Path]) -> None:
    migration, _, workbook = full
    text_path, json_path = (Path(p) for p in migration.paths[1:])
    report = json.loads(json_path.read_text("utf-8"))["changes"]
    assert len(report) == len(migration.changes)
    ipaddr = next(c for c in report if c["code"] == "PG988" and "ipaddr=" in c["args"]["old"])
    assert ipaddr["cell"].endswith("full.csv!D162") and "fence_ipmilan" in ipaddr["source"]
    assert ipaddr["message_ja"] != ipaddr["message"]
    assert "full.csv!D162: info PG988" in text_path.read_text("utf-8")
    # the report names a password parameter, never its value; the workbook, which must
    # hold it, is for its owner alone
    for path in (text_path, json_path):
        assert "password=********" in path.read_text("utf-8")
        assert "secret1" not in path.read_text("utf-8")
    assert workbook.stat().st_mode & 0o077 == 0
    import openpyxl

    book = openpyxl.load_workbook(workbook, read_only=True)
    assert book.sheetnames == ["full", "migration"]
    sheet_rows = list(book["migration"].values)
    assert len(sheet_rows) == len(migration.changes) + 1
    # the report sheet is no definition: the migrated book compiles without --sheet
    assert all(row[1] is None for row in sheet_rows)


def test_shift_jis_csv_with_libvirt_meatware_and_pingd(tmp_path: Path) -> None:
    migration, cib, _ = _migrate(tmp_path, "sjis.csv")
    virt1 = cib.find(".//primitive[@id='prmVirt1']")
    assert virt1.get("type") == "fence_virsh"
    assert _nvpairs(virt1) == {"pcmk_host_list": "pm01", "username": "root", "ip": "kvmhost"}
    assert _nvpairs(cib.find(".//primitive[@id='prmVirt2']")) == {
        "pcmk_host_map": "pm02:vm-pm02",
        "username": "root",
        "ip": "kvmhost",
        "ipport": "2222",
    }
    assert cib.find(".//primitive[@id='prmMeat']") is None
    assert cib.find(".//primitive[@id='prmPingd']").get("type") == "ping"
    defaults = {
        nv.get("name"): nv.get("value") for nv in cib.iterfind("configuration/rsc_defaults//nvpair")
    }
    assert defaults == {
        "resource-stickiness": "100",
        "is-managed": "true",
        "failure-timeout": "60s",
    }
    levels = {
        (level.get("target"), level.get("index")): level.get("devices")
        for level in cib.iterfind(".//fencing-level")
    }
    assert levels == {("pm01", "1"): "prmVirt1", ("pm02", "1"): "prmVirt2"}
    # negative score: columns become avoids; a crm order over a generated one is forced
    assert cib.find(".//rsc_location[@rsc='grpWeb'][@node='pm02']").get("score") == "-100"
    assert cib.find(".//rsc_order[@id='o3']").get("first-action") == "start"
    assert {"PG984", "PG986", "PG990", "PG991"} <= set(_codes(migration))


def test_legacy_xls_reads_as_the_csv_does(tmp_path: Path) -> None:
    _need_xlrd()
    from_xls = migrate(str(DATA / "full.xls"), str(tmp_path / "a.xlsx"))
    from_csv = migrate(str(DATA / "full.csv"), str(tmp_path / "b.xlsx"))
    assert [
        (c.code, c.location.row if c.location else 0, c.location.column if c.location else 0)
        for c in from_xls.changes
    ] == [
        (c.code, c.location.row if c.location else 0, c.location.column if c.location else 0)
        for c in from_csv.changes
    ]
    first = read_input(str(tmp_path / "a.xlsx"), "a").rows
    second = read_input(str(tmp_path / "b.xlsx"), "b").rows
    assert first[1:] == second[1:]  # the title row names the file


def test_the_command_finds_pm_crmgen_by_its_title(tmp_path: Path) -> None:
    assert looks_like_crmgen(str(DATA / "full.csv"))
    assert looks_like_crmgen(str(DATA / "sjis.csv"))
    assert not looks_like_crmgen(str(NODES))
    result = run_pcsgen(["import", str(DATA / "full.csv"), "-o", "new.xlsx"], tmp_path)
    # done, with warnings: what was lost is shown, located; the exact changes are not
    assert result.returncode == 2, result.stderr
    assert "full.csv!F147: warning PG986" in result.stderr and "PG988" not in result.stderr
    assert (tmp_path / "new.migration.json").exists()
    result = run_pcsgen(
        [
            "import",
            str(DATA / "sjis.csv"),
            "--from",
            "pm_crmgen",
            "-o",
            "old.csv",
            "--target",
            "rhel8",
        ],
        tmp_path,
    )
    assert result.returncode == 2, result.stderr
    text = (tmp_path / "old.csv").read_text("utf-8")
    assert ",fence_virsh," in text and ",pcmk_host_map,pm02:vm-pm02" in text
    assert "PG986" in (tmp_path / "old.migration.txt").read_text("utf-8")


def test_rhel8_keeps_master_and_slave(tmp_path: Path) -> None:
    migration, cib, _ = _migrate(tmp_path, "full.csv", "rhel8")
    roles = {op.get("role") for op in cib.iterfind(".//primitive[@id='prmStateful']//op")}
    assert {"Master", "Slave"} <= roles
    assert "PG981" not in _codes(migration)


@pytest.mark.parametrize(
    "text, command",
    [
        (
            "colocation c1 inf: A B:Master",
            "pcs constraint colocation add A with Promoted B INFINITY id=c1",
        ),
        (
            "order o1 0: A:promote B:start symmetrical=false",
            "pcs constraint order promote A then start B kind=Optional symmetrical=false id=o1",
        ),
        ("order o1 Serialize: A B", "pcs constraint order A then B kind=Serialize id=o1"),
        ("location l1 A -inf: pm01", "pcs constraint location A avoids pm01=INFINITY"),
        ("property stonith-timeout=60s", "pcs property set stonith-timeout=60s"),
        ("op_defaults timeout=90s", "pcs resource op defaults update timeout=90s"),
        ("colocation c1 inf: A ( B C )", None),
        ("location l1 A rule -inf: not_defined x", None),
        ("primitive x ocf:heartbeat:Dummy", None),
        ('order "unbalanced', None),
    ],
)
def test_crm_lines_translate_only_when_exact(text: str, command: str) -> None:
    assert translate(text, "rhel9")[0] == command


@pytest.mark.parametrize(
    "content, code",
    [
        ("# pm_crmgen 環境定義書\n,BOGUS\n,,name\n", "PG972"),
        (",PROPERTY\n,,name\n,,x\n", "PG973"),
        (
            ",RESOURCES\n,,resourceItem,id\n,,Primitive,p1\n,COLOCATION\n,,rsc,with-rsc,score\n"
            ",,p1,nowhere,inf\n",
            "PG977",
        ),
        (",RESOURCES\n,,resourceItem,id\n,,Widget,w1\n", "PG978"),
        (",,stray,row\n,LOCATION_EXPERT\n,,rsc,score,bool_op,attribute,op,value\n", "PG974"),
    ],
)
def test_a_hostile_definition_gets_a_located_error(tmp_path: Path, content: str, code: str) -> None:
    source = tmp_path / "old.csv"
    source.write_text(content, "utf-8")
    result = run_pcsgen(["import", str(source), "--from", "pm_crmgen", "-o", "new.xlsx"], tmp_path)
    assert result.returncode == 1
    assert f"error {code}" in result.stderr and "old.csv!" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "new.xlsx").exists()


def test_a_damaged_xls_is_refused_without_traceback(tmp_path: Path) -> None:
    _need_xlrd()
    source = tmp_path / "old.xls"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = run_pcsgen(["import", str(source), "-o", "new.xlsx"], tmp_path)
    assert result.returncode == 1 and "error PG971" in result.stderr
    assert "Traceback" not in result.stderr


# --- the oracle: pm_crmgen 2.2 + crmsh against pcsgen's migration ----------------------
# tests/data/crmgen/NAME.crm is what pm_crmgen 2.2 printed for NAME.csv (README.md there
# says how it was run); crmsh loads it into a CIB of the era's schema (pacemaker-2.10,
# which still takes the options Pacemaker 2 dropped) holding the two nodes.


def _need_xlrd() -> None:
    """xlrd (the xls extra, in the test extra too): skip without it, except in CI."""
    import importlib.util

    if importlib.util.find_spec("xlrd") is None:
        if IN_CI:
            pytest.fail("xlrd is required in CI (the test extra)")
        pytest.skip("xlrd is not installed")


def _crmsh_cib(crm: Path, tmp_path: Path) -> bytes:
    tool = shutil.which("crm")
    if tool is None:
        if IN_CI:
            pytest.fail("crmsh (crm) is required in CI but is not installed")
        pytest.skip("crmsh is not installed")
    need_tool("cibadmin")
    cib = tmp_path / "crmsh.xml"
    shutil.copy(NODES, cib)
    result = subprocess.run(
        [tool, "-F", "configure", "load", "update", str(crm)],
        env={"CIB_file": str(cib), "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return cib.read_bytes()


def _explained(path: List[str], change: Dict[str, Any], touched: set) -> bool:  # type: ignore[type-arg]
    words = {word for part in path for word in str(part).split()}
    if words & touched:
        return True
    # pcs copies operations from the agent's metadata (reload-agent, notify ...): only
    # their timeout, never what the definition said
    return (
        change["change"] == "added" and "operations" in path and set(change["new"]) == {"timeout"}
    )


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["full", "sjis"])
def test_the_migration_equals_what_pm_crmgen_and_crmsh_made(tmp_path: Path, name: str) -> None:
    old = canonical(parse_cib(_crmsh_cib(DATA / f"{name}.crm", tmp_path)))
    migration, cib, _ = _migrate(tmp_path, f"{name}.csv")
    new = canonical(cib)
    touched = {word for change in migration.changes for word in change.objects}
    changes = [c.as_dict() for c in semantic_diff(old, new)]
    assert changes, "the stonith plugins must differ at least"
    unexplained = [c for c in changes if not _explained(c["path"], c, touched)]
    assert not unexplained, json.dumps(unexplained, indent=1, ensure_ascii=False)


FENCE_GROUP = """# pm_crmgen 環境定義書
,RESOURCES
,,resourceItem,resourceItem,id
,,Group,,grpFence
,,,Primitive,ipmiA
,,,Primitive,ipmiB
,PRIMITIVE
,P,id,class,provider,type
,,ipmiA,stonith,,external/ipmi
,A,type,name,value
,,params,hostname,pm01
,,,ipaddr,10.0.0.1
,PRIMITIVE
,P,id,class,provider,type
,,ipmiB,stonith,,external/ipmi
,A,type,name,value
,,params,hostname,pm01
,,,ipaddr,10.0.0.2
,LOCATION_EXPERT
,,rsc,score,bool_op,attribute,op,value
,,grpFence,-inf,or,#uname,eq,pm01
,,,,,site,eq,a
"""


def test_a_fence_group_gives_each_device_its_rules_and_a_level(tmp_path: Path) -> None:
    source = tmp_path / "fence.csv"
    source.write_text(FENCE_GROUP, "utf-8")
    output = tmp_path / "fence.xlsx"
    migrate(str(source), str(output))
    cib = etree.fromstring(
        api.compile_definition(
            str(output), options=api.Options(corosync_conf=str(NODES))
        ).cib.encode()
    )
    for device in ("ipmiA", "ipmiB"):
        rule = cib.find(f".//rsc_location[@rsc='{device}']/rule")
        assert [(e.get("attribute"), e.get("value")) for e in rule.iterfind("expression")] == [
            ("#uname", "pm01"),
            ("site", "a"),
        ]
    levels = {
        level.get("index"): level.get("devices")
        for level in cib.iterfind(".//fencing-level[@target='pm01']")
    }
    assert levels == {"1": "ipmiA", "2": "ipmiB"}


def test_a_workbook_of_pm_crmgen_reads_as_its_csv_export(tmp_path: Path) -> None:
    from pcsgen.compiler.read.csv_reader import read_csv
    from pcsgen.workbook.writer import grid_to_xlsx

    grid = read_csv(str(DATA / "full.csv"), "full.csv")
    width = max(len(cells) for _, cells in grid.rows)
    rows = {number: cells for number, cells in grid.rows}
    book = tmp_path / "old.xlsx"
    book.write_bytes(
        grid_to_xlsx(
            [
                rows.get(n, []) + [""] * (width - len(rows.get(n, [])))
                for n in range(1, max(rows) + 1)
            ],
            "環境定義書",
        )
    )
    assert looks_like_crmgen(str(book))
    from_book = migrate(str(book), str(tmp_path / "a.xlsx"))
    from_csv = migrate(str(DATA / "full.csv"), str(tmp_path / "b.xlsx"))
    assert [c.message() for c in from_book.changes] == [c.message() for c in from_csv.changes]


GENERATED_TWICE = """# pm_crmgen 環境定義書
,RESOURCES
,,resourceItem,resourceItem,id
,,Primitive,,vip
,,Clone,,clnPing
,,,Primitive,ping
,PRIMITIVE
,P,id,class,provider,type
,,vip,ocf,heartbeat,IPaddr2
,A,type,name,value
,,params,ip,192.168.1.1
,PRIMITIVE
,P,id,class,provider,type
,,ping,ocf,pacemaker,ping
,A,type,name,value
,,params,name,pingset
,,,host_list,192.168.1.254
,COLOCATION
,,rsc,with-rsc,score
,,vip,clnPing,INFINITY
,LOCATION
,,rsc,ping:pingset:100
,,vip,yes
,ORDER
,,first-rsc,then-rsc,score,symmetrical
,,clnPing,vip,0,no
"""


def test_what_the_shorthand_generates_is_not_written_twice(tmp_path: Path) -> None:
    source = tmp_path / "twice.csv"
    source.write_text(GENERATED_TWICE, "utf-8")
    migrate(str(source), str(tmp_path / "twice.xlsx"))
    cib = etree.fromstring(api.compile_definition(str(tmp_path / "twice.xlsx")).cib.encode())
    # pm_crmgen generates a colocation and an order only where the sheet has none alike
    assert len(cib.findall(".//rsc_colocation")) == 1
    assert len(cib.findall(".//rsc_order")) == 1


def test_a_primitive_table_outside_resources_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "old.csv"
    source.write_text(
        ",RESOURCES\n,,resourceItem,id\n,,Primitive,a\n,PRIMITIVE\n"
        ",P,id,class,provider,type\n,,a,ocf,heartbeat,Dummy\n,PRIMITIVE\n"
        ",P,id,class,provider,type\n,,b,ocf,heartbeat,Dummy\n",
        "utf-8",
    )
    with pytest.raises(api.PcsgenError) as failure:
        migrate(str(source), str(tmp_path / "new.xlsx"))
    assert [(d.code, str(d.location)) for d in failure.value.diagnostics] == [
        ("PG977", f"{source}!C9")
    ]


def test_many_constraints_of_unknown_resources_end_quickly(tmp_path: Path) -> None:
    """Every constraint asked for the ids of the resource tree, built again each time:
    20,000 colocations of resources without a PRIMITIVE table (600 KB) took minutes."""
    count = 20_000
    (tmp_path / "old.csv").write_text(
        "# pm_crmgen 環境定義書\n,RESOURCES\n,,resourceItem,id\n"
        + "".join(f",,Primitive,p{index}\n" for index in range(count + 1))
        + ",COLOCATION\n,,rsc,with-rsc,score\n"
        + "".join(f",,p{index},p{index + 1},inf\n" for index in range(count)),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pcsgen", "import", "old.csv", "--from", "pm_crmgen"]
        + ["-o", "new.xlsx", "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 1, result.stderr
    assert f"old.csv!D{count + 4}: error PG977: resource 'p{count}'" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "new.xlsx").exists()
