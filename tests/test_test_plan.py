"""simulate --scenarios: every failure the definition anticipates, as a test plan (text,
JSON, CSV, an xlsx workbook LibreOffice opens)."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import openpyxl

from tests.helpers import (
    REFERENCE_SHEETS,
    SAMPLES,
    WORKBOOK,
    need_reference,
    need_tool,
    run_pcsgen,
)

BOOK = str(SAMPLES / "haproxy-lb.xlsx")
CONF = str(SAMPLES / "corosync.conf")


def _scenarios(tmp_path: Path, *extra: str, book: str = BOOK, conf: str = CONF) -> Dict[str, Any]:
    need_tool("crm_simulate")
    result = run_pcsgen(
        ["simulate", book, "--corosync-conf", conf, "--scenarios", "--format", "json", *extra],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    report: Dict[str, Any] = json.loads(result.stdout)
    return report


def _by(report: Dict[str, Any], kind: str, subject: str) -> Dict[str, Any]:
    found = [s for s in report["scenarios"] if s["kind"] == kind and s["subject"] == subject]
    assert len(found) == 1, (kind, subject, found)
    return found[0]


def test_every_scenario_of_the_load_balancer(tmp_path: Path) -> None:
    report = _scenarios(tmp_path)
    kinds = [(s["kind"], s["subject"], s["node"]) for s in report["scenarios"]]
    assert kinds == [
        ("steady-state", "", ""),
        ("node-failure", "lb01", "lb01"),
        ("node-failure", "lb02", "lb02"),
        ("monitor-failure", "vip", "lb01"),
        ("monitor-failure", "haproxy", "lb01"),
        ("monitor-failure", "ping", "lb01"),
        ("monitor-failure", "fence-lb01", "lb02"),
        ("monitor-failure", "fence-lb02", "lb01"),
        ("stop-failure", "vip", "lb01"),
        ("stop-failure", "haproxy", "lb01"),
        ("stop-failure", "ping", "lb01"),
        ("attribute-change", "ping-status", "lb01"),
        ("attribute-unset", "ping-status", "lb01"),
    ]
    assert [s["number"] for s in report["scenarios"]] == list(range(1, 14))
    # one crm_simulate run per scenario, the steady state's included
    assert report["crm_simulate_runs"] == 13
    assert _by(report, "monitor-failure", "haproxy")["placements"]["vip"] == ["lb02"]
    assert _by(report, "node-failure", "lb01")["fenced"] == ["lb01"]
    assert _by(report, "stop-failure", "haproxy")["fenced"] == ["lb01"]
    ping_lost = _by(report, "attribute-change", "ping-status")
    assert ping_lost["inject"] == [
        {"kind": "attribute-change", "node": "lb01", "attribute": "ping-status", "value": "0"}
    ]
    assert ping_lost["placements"]["haproxy"] == ["lb02"] and ping_lost["stopped"] == []
    # migration-threshold=1 and a device that avoids the node it fences: when the monitor
    # of fence-lb01 fails on lb02, it can run nowhere, and the plan says so
    device = _by(report, "monitor-failure", "fence-lb01")
    assert device["verdict"] == "stop" and device["stopped"] == ["fence-lb01"]


def test_the_text_plan_flags_what_ends_up_stopped(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    result = run_pcsgen(["simulate", BOOK, "--corosync-conf", CONF, "--scenarios"], tmp_path)
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    haproxy = next(b for b in blocks if b.startswith("[5] "))
    assert "haproxy fails on lb01" in haproxy
    assert "--op-inject haproxy_monitor_10000@lb01=7" in haproxy
    assert "haproxy moves to lb02" in haproxy
    assert "recover haproxy lb01 → lb02" in haproxy
    assert "STOPPED" not in haproxy
    node = next(b for b in blocks if b.startswith("[2] "))
    assert "lb01 is fenced" in node and "STOPPED: fence-lb02" in node
    assert "stonith_admin --history lb01" in node


def _plan_rows(path: Path) -> tuple[List[List[Any]], List[List[Any]], Any]:
    book = openpyxl.load_workbook(path)
    plan, placements = book.worksheets
    return (
        [list(r) for r in plan.iter_rows(values_only=True)],
        [list(r) for r in placements.iter_rows(values_only=True)],
        plan,
    )


def test_the_xlsx_test_plan_reads_back(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    result = run_pcsgen(
        [
            "simulate",
            BOOK,
            "--corosync-conf",
            CONF,
            "--scenarios",
            "--format",
            "xlsx",
            "-o",
            "plan.xlsx",
            "--lang",
            "ja",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "plan.xlsx" in result.stderr and result.stdout == ""
    rows, placements, sheet = _plan_rows(tmp_path / "plan.xlsx")
    assert sheet.title == "障害試験項目"
    assert rows[0][0] == "障害試験項目書: haproxy-lb"
    header = rows.index(next(r for r in rows if r[0] == "No."))
    assert rows[header] == [
        "No.",
        "分類",
        "試験項目",
        "操作手順",
        "シミュレーション条件",
        "期待結果",
        "確認方法",
        "復旧手順",
        "結果",
        "確認者",
    ]
    data = rows[header + 1 :]
    assert [r[0] for r in data] == list(range(1, 14))
    assert all(r[8] is None and r[9] is None for r in data)  # for the tester
    haproxy = data[4]
    assert haproxy[1] == "リソース故障" and "haproxy" in haproxy[2]
    assert "systemctl kill --signal=KILL haproxy" in haproxy[3]
    assert "haproxy が lb02 に移動する" in haproxy[5]
    assert "停止: fence-lb02" in data[1][5]  # lb01 failing: its peer's device is lost
    assert sheet.freeze_panes == f"C{header + 2}"
    assert sheet.data_validations.dataValidation[0].formula1 == '"OK,NG"'
    assert placements[0][:3] == ["リソース", "No. 1", "No. 2"]
    assert placements[1] == [
        "vip",
        "lb01",
        "lb02",
        "lb01",
        "lb02",
        "lb02",
        "lb02",
        "lb01",
        "lb01",
        "lb02",
        "lb02",
        "lb02",
        "lb02",
        "lb02",
    ]


def test_the_xlsx_test_plan_opens_in_libreoffice(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    office = need_tool("libreoffice")
    pdftotext = need_tool("pdftotext")
    result = run_pcsgen(
        ["simulate", BOOK, "--corosync-conf", CONF, "--format", "xlsx", "--lang", "en"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "haproxy-lb-test-plan.xlsx"  # the default name
    assert written.exists()
    converted = subprocess.run(
        [office, "--headless", "--convert-to", "pdf", written.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "haproxy-lb-test-plan.pdf").exists(), converted.stdout + converted.stderr
    text = subprocess.run(
        [pdftotext, "haproxy-lb-test-plan.pdf", "-"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for expected in (
        "Failure test plan: haproxy-lb",
        "Expected result",
        "Checked by",
        "lb01 fails (power lost)",
    ):
        assert expected in text, expected


def test_the_csv_test_plan(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    result = run_pcsgen(
        ["simulate", BOOK, "--corosync-conf", CONF, "--fail", "haproxy", "--format", "csv"],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["No.", "Category", "Scenario"]
    # without --scenarios: the start-up, each node failing, then the event asked for
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[4][2] == "haproxy fails on lb01 (its monitor finds it not running)"
    assert rows[4][5].splitlines()[0] == "haproxy moves to lb02"


def test_parameter_values_stay_out_of_the_plan(tmp_path: Path) -> None:
    report = _scenarios(tmp_path)
    text = json.dumps(report)
    for value in ("192.0.2.10", "192.0.2.1 192.0.2.2", "198.51.100.11", "ipmi-password", "eth0"):
        assert value not in text, value


def test_the_biggest_reference_sheet(tmp_path: Path) -> None:
    need_reference()
    sheet = next(s for s in REFERENCE_SHEETS if "pgsql-ipmi_RHEL9" in s)
    report = _scenarios(tmp_path, book=f"{WORKBOOK}:{sheet}", conf="")
    assert report["steady_state"]["reached"] is True
    # a ping clone and storage-mon under node-health-strategy=only-green: found by themselves
    assert report["steady_state"]["attributes"]["db01"] == {
        "ping-status": "1",
        "#health-storage-mon": "green",
    }
    assert report["crm_simulate_runs"] == len(report["scenarios"])
    pgsql = _by(report, "monitor-failure", "pgsql")  # migration-threshold=1
    assert pgsql["verdict"] == "move" and pgsql["placements"]["ipaddr"] == ["db02"]
    red = _by(report, "attribute-change", "#health-storage-mon")
    assert red["inject"][0]["value"] == "red"
    assert red["placements"]["pgsql"] == ["db02"]
    assert red["placements"]["storage-mon"] == ["db02"]  # only-green: the node is emptied


# --- a test plan is a document people act on --------------------------------------------

FORMULA_NODES = ['=HYPERLINK("http://example.invalid/","click")', "@SUM(1+1)"]


def _hostile_nodes(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    need_tool("crm_simulate")
    nodes = [word for node in FORMULA_NODES for word in ("--node", node)]
    result = run_pcsgen(
        ["simulate", str(SAMPLES / "nginx-web.xlsx"), "--corosync-conf", "", *nodes, *extra],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    return result


def test_no_xlsx_cell_of_the_plan_is_a_formula(tmp_path: Path) -> None:
    _hostile_nodes(tmp_path, "--scenarios", "--format", "xlsx", "-o", "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    shown = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    shown.add(cell.value)
    # the node names are there, as text: the placements sheet holds them alone
    assert set(FORMULA_NODES) <= shown
    import zipfile

    with zipfile.ZipFile(tmp_path / "plan.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_libreoffice_shows_the_plan_s_text_as_written(tmp_path: Path) -> None:
    office = need_tool("libreoffice")
    _hostile_nodes(tmp_path, "--format", "xlsx", "-o", "plan.xlsx")
    converted = subprocess.run(
        [office, "--headless", "--convert-to", "csv", "plan.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    assert converted.returncode == 0, converted.stderr
    shown = (tmp_path / "plan.csv").read_text("utf-8", "replace")
    # the scenario cells hold the names as text, not what a formula would make of them
    assert f"{FORMULA_NODES[0]} fails (power lost)".replace('"', '""') in shown, shown
    assert f"{FORMULA_NODES[1]} fails (power lost)" in shown, shown


def test_no_csv_field_of_the_plan_starts_a_formula(tmp_path: Path) -> None:
    result = _hostile_nodes(tmp_path, "--scenarios", "--format", "csv")
    fields = [value for row in csv.reader(io.StringIO(result.stdout)) for value in row]
    assert any(FORMULA_NODES[0] in value for value in fields)
    for value in fields:
        assert value[:1] not in ("=", "@", "+", "\t", "\r"), value
        assert not (value[:1] == "-" and len(value) > 1), value
    assert "'" + FORMULA_NODES[0] + " fails (power lost)" in fields


def test_the_csv_guard_of_fields_only_people_read() -> None:
    from pcsgen.workbook.writer import csv_guard

    for value in (
        "=1+1",
        "@SUM(A1)",
        "+HYPERLINK(1)",
        "-1+cmd|' /C calc'!A0",
        "\t=1",
        "\r=1",
        "'=1",
    ):
        assert csv_guard(value, read_by_people=True) == "'" + value, value
    for value in ("-", "+", "lb01", "", "a=b"):
        assert csv_guard(value, read_by_people=True) == value, value
    # what import writes keeps scores as written, for pcsgen's CSV reader
    assert csv_guard("-INFINITY") == "-INFINITY" and csv_guard("=x") == "'=x"


def _plan_csv(tmp_path: Path, *extra: str) -> List[List[str]]:
    need_tool("crm_simulate")
    result = run_pcsgen(
        ["simulate", BOOK, "--corosync-conf", CONF, "--no-failover", "--format", "csv", *extra],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    return list(csv.reader(io.StringIO(result.stdout)))


def _run_as_tester(command: str, tool: str, cwd: Path) -> List[str]:
    """What a tester pasting COMMAND into a root shell runs: TOOL stands in for the real
    one and prints the words it is given, one a line."""
    script = f'{tool}() {{ printf "%s\\n" "$@"; }}\n{command}\n'
    done = subprocess.run(
        ["sh", "-c", script], cwd=cwd, capture_output=True, text=True, check=False, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_operation_and_restore_quote_every_value(tmp_path: Path) -> None:
    name, value = "up$(touch name-ran)link", "0;touch value-ran;`touch tick-ran`"
    rows = _plan_csv(tmp_path, "--attr-change", f"lb01:{name}={value}")
    event = rows[-1]
    operation, restore = event[3], event[7]
    expected = ["-n", name, "-U", value, "-N", "lb01"]
    assert shlex.split(operation) == ["attrd_updater", *expected]
    assert _run_as_tester(operation, "attrd_updater", tmp_path) == expected
    # the attribute was not there in the steady state: restoring it deletes it (never
    # sets it to the word "unset")
    command = restore[restore.index("attrd_updater") :]
    assert shlex.split(command) == ["attrd_updater", "-n", name, "-D", "-N", "lb01"]
    assert _run_as_tester(command, "attrd_updater", tmp_path) == ["-n", name, "-D", "-N", "lb01"]
    assert not [p.name for p in tmp_path.glob("*-ran")]


def test_a_hostile_node_name_stays_one_word(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    node = "web01;touch ran"
    result = run_pcsgen(
        [
            "simulate",
            str(SAMPLES / "nginx-web.xlsx"),
            "--corosync-conf",
            "",
            "--node",
            node,
            "--node",
            "web02",
            "--format",
            "csv",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    failing = next(r for r in rows if r[1] == "Node failure" and node in r[2])
    # quoted as crm_simulate's argument; a field starting with '-' is guarded for the
    # spreadsheet too
    assert failing[4] == "'--node-fail 'web01;touch ran'"
    start = failing[7][failing[7].index("pcs cluster start") :]
    assert shlex.split(start) == ["pcs", "cluster", "start", node]
    assert _run_as_tester(start, "pcs", tmp_path) == ["cluster", "start", node]
    assert not (tmp_path / "ran").exists()


def test_a_node_named_like_an_option_is_a_node_to_crm_simulate(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    # crm_simulate splits a word starting with '-' into its short options (-O FILE
    # saves its output): a node's name is passed as --node-fail=NAME, one word
    node = f"-O{tmp_path / 'written'}"
    result = run_pcsgen(
        [
            "simulate",
            str(SAMPLES / "nginx-web.xlsx"),
            "--corosync-conf",
            "",
            "--node",
            "web01",
            "--node",
            node,
            "--format",
            "json",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    report = json.loads(result.stdout)
    assert report["failovers"][node]["placements"]["nginx"] == ["web01"]
    assert not (tmp_path / "written").exists()


SECRET = "Hunter2x"


def _secret_definition(tmp_path: Path) -> str:
    """The load balancer with an attribute agent publishing a secret variable's value as
    the node attribute api_token, which a rule of haproxy tests."""
    source = (SAMPLES / "haproxy-lb.csv").read_text("utf-8")
    source = source.replace(
        ",,,Primitive,,ping,,,\n", ",,,Primitive,,ping,,,\n,,Primitive,,,uplink,,,\n", 1
    )
    source = source.replace(
        "# IPMI fencing of lb01,",
        "\n".join(
            [
                ",PRIMITIVE",
                ",P,id,class,provider,type",
                ",,uplink,ocf,pacemaker,attribute",
                ",A,type,name,value",
                ",,options,name,api_token",
                ",,,active_value,{{ uplink_secret }}",
                ",,,inactive_value,gone",
                ",O,type,timeout,interval",
                ",,monitor,20s,10s",
                "",
                "# IPMI fencing of lb01,",
            ]
        ),
        1,
    )
    source = source.replace(
        ",,,,,ping-status,not_defined,,\n",
        ",,,,,ping-status,not_defined,,\n,,haproxy,-INFINITY,,api_token,ne,{{ uplink_secret }},\n",
        1,
    )
    (tmp_path / "secret.csv").write_text(source, "utf-8")
    return "secret.csv"


def test_secrets_stay_out_of_every_simulate_output(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    book = _secret_definition(tmp_path)
    base = [
        "simulate",
        book,
        "--corosync-conf",
        CONF,
        "--scenarios",
        "--var",
        f"uplink_secret={SECRET}",
        "--secret-var",
        "uplink_secret",
    ]
    revealed = run_pcsgen(base + ["--format", "json", "--show-secrets"], tmp_path)
    assert revealed.returncode == 0, revealed.stderr
    assert SECRET in revealed.stdout  # the definition does show it: --show-secrets says so
    for output_format in ("text", "json", "csv"):
        shown = run_pcsgen(base + ["--format", output_format], tmp_path)
        assert shown.returncode == 0, shown.stderr
        assert SECRET not in shown.stdout + shown.stderr, output_format
        assert "********" in shown.stdout, output_format
    report = json.loads(run_pcsgen(base + ["--format", "json"], tmp_path).stdout)
    # a node attribute named like a secret is masked whatever its value ("gone" here)
    assert report["steady_state"]["attributes"]["lb01"]["api_token"] == "********"
    change = next(
        s
        for s in report["scenarios"]
        if s["kind"] == "attribute-change" and s["subject"] == "api_token"
    )
    assert change["inject"][0]["value"] == "********"
    written = run_pcsgen(base + ["--format", "xlsx", "-o", "plan.xlsx"], tmp_path)
    assert written.returncode == 0, written.stderr
    import zipfile

    with zipfile.ZipFile(tmp_path / "plan.xlsx") as archive:
        for name in archive.namelist():
            assert SECRET.encode() not in archive.read(name), name
    # shown on request, the plan is its owner's alone
    shown = run_pcsgen(base + ["--format", "xlsx", "-o", "shown.xlsx", "--show-secrets"], tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert (tmp_path / "shown.xlsx").stat().st_mode & 0o077 == 0


def test_the_default_plan_name_stays_in_the_current_directory(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from pcsgen import api
    from pcsgen.simulation.simulate import Simulation

    here = tmp_path / "a" / "b"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    simulation = Simulation(["n1"], {"r": ["n1"]}, name="../../escape")
    written = api.write_simulation(simulation, "xlsx")
    assert Path(written).resolve().parent == here
    assert written == ".._.._escape-test-plan.xlsx"
    assert not (tmp_path / "escape-test-plan.xlsx").exists()


def test_a_plan_run_in_the_lab_fills_its_result_columns() -> None:
    need_tool("crm_simulate")
    from pcsgen import api
    from pcsgen.api.options import Options
    from pcsgen.simulation.testplan_sheet import Observed, format_xlsx

    simulation = api.simulate(BOOK, options=Options(corosync_conf=CONF), scenarios=True)
    last = len(simulation.scenarios)
    observed = {
        1: Observed("OK", "as expected", None, "before 1", "after 1"),
        2: Observed(
            "NG", "vip: expected lb02, observed lb01", 21.54, "crm_mon 2", "=cmd|' /C calc'!A0"
        ),
        last: Observed("not run", "", None, "", ""),
    }
    for lang, columns, evidence in (
        ("en", ("Result", "Observed in the lab", "Recovery (s)", "Evidence"), "Evidence"),
        ("ja", ("結果", "ラボでの実際の結果", "復旧時間 (秒)", "証跡"), "証跡"),
    ):
        book = openpyxl.load_workbook(io.BytesIO(format_xlsx(simulation, lang, observed)))
        plan = book.worksheets[0]
        header = next(r for r in plan.iter_rows(values_only=True) if r[0] == "No.")
        assert header[-3:] == columns[1:]  # the lab's columns come after the plan's
        result, seen, seconds, proof = (header.index(c) for c in columns)
        rows = {r[0]: r for r in plan.iter_rows(values_only=True) if isinstance(r[0], int)}
        assert (rows[1][result], rows[1][seen], rows[1][seconds]) == ("OK", "as expected", None)
        assert rows[1][proof] and str(rows[1][proof]).endswith("1")
        assert (rows[2][result], rows[2][seconds]) == ("NG", 21.5)
        assert rows[2][seen] == "vip: expected lb02, observed lb01"
        assert rows[last][result] in ("not run", "未実施") and rows[last][seen] is None
        assert rows[3][result] is None  # a row the run left out stays empty
        sheet = book[evidence]
        kept = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
        assert set(kept) == {1, 2}
        # a crm_mon text is shown as written, never a formula
        assert kept[2][2:] == ("crm_mon 2", "=cmd|' /C calc'!A0")
        assert sheet.cell(3, 4).data_type == "s"
