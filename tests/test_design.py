"""graph and report: the diagram parsed back (Graphviz reads the DOT, lxml the SVG), the
HTML report checked as text and opened in a real browser."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Dict, List, NamedTuple, Tuple

import pytest
from lxml import etree
from lxml import html as lxml_html

from pcsgen import ir
from pcsgen.compiler.pipeline import Analysis, Options
from pcsgen.design import load, load_cluster
from pcsgen.design.dot_parts import host_lists
from pcsgen.design.graph import to_dot
from pcsgen.design.load import Design
from pcsgen.design.placements import Simulated
from pcsgen.design.report import render_report
from pcsgen.design.svg import inline_svg
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location, Source
from tests.definitions import minimal, write_csv
from tests.helpers import (
    REFERENCE_SHEETS,
    SAMPLES,
    WORKBOOK,
    need_reference,
    need_tool,
    run_pcsgen,
)

CONF = str(SAMPLES / "corosync.conf")
SAMPLE_OPTIONS = Options(
    corosync_conf=CONF, system_agents=False, vars_files=[str(SAMPLES / "vars" / "staging.json")]
)
REFERENCE_OPTIONS = Options(corosync_conf=None, system_agents=False)
SAMPLE_FILES = ["haproxy-lb.xlsx", "haproxy-lb.csv", "dummy-lab.csv", "haproxy-lb-vars.xlsx"]
PINGS = ["--attr", "lb01:ping-status=100", "--attr", "lb02:ping-status=100"]
EXTERNAL = re.compile(
    r"(?:https?|ftp|wss?|file):|//[A-Za-z0-9]|@import|url\(|<link\b|<script\b"
    r"|\bsrc\s*=|<iframe\b|<object\b|<embed\b",
    re.IGNORECASE,
)


# -- the DOT, as Graphviz reads it -----------------------------------------------------------
Edge = Tuple[str, str, str]  # (kind, from, to)


class Drawn(NamedTuple):
    """What a diagram shows, read back from Graphviz's own parse of the DOT."""

    boxes: Dict[str, str]  # resource id -> class (primitive, stonith, group, clone, ...)
    hosts: List[str]
    edges: Counter[Edge]
    labels: Dict[Edge, List[str]]


def _label_id(label: str) -> str:
    """The id a label shows in bold, as the user wrote it."""
    match = re.search(r"<B>(.*?)</B>", label, re.S)
    assert match, label
    return html.unescape(match.group(1)).replace("\\\\", "\\")


def read_dot(dot_text: str) -> Drawn:
    dot = need_tool("dot")
    result = subprocess.run(
        [dot, "-Tjson"], input=dot_text.encode(), capture_output=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    names: Dict[int, str] = {}
    boxes: Dict[str, str] = {}
    hosts: List[str] = []
    by_name: Dict[str, str] = {}
    for item in data["objects"]:
        kind = item.get("class", "")
        if kind in ("primitive", "stonith", "group", "clone", "promotable", "host", "missing"):
            object_id = _label_id(item["label"])
            name = f"host:{object_id}" if kind == "host" else object_id
            if kind == "host":
                hosts.append(object_id)
            elif kind != "missing":
                assert object_id not in boxes, f"{object_id} drawn twice"
                boxes[object_id] = kind
        else:
            name = kind  # empty, rule-note
        names[item["_gvid"]] = name
        by_name[item["name"]] = name
    edges: Counter[Edge] = Counter()
    labels: Dict[Edge, List[str]] = {}
    for edge in data.get("edges", []):
        tail = by_name[edge["ltail"]] if edge.get("ltail") else names[edge["tail"]]
        head = by_name[edge["lhead"]] if edge.get("lhead") else names[edge["head"]]
        if edge.get("dir") == "back":  # drawn as an arrow from head to tail
            tail, head = head, tail
        key = (edge.get("class", ""), tail, head)
        edges[key] += 1
        labels.setdefault(key, []).append(
            html.unescape(re.sub(r"<[^>]*>", " ", edge.get("label", "")))
        )
    return Drawn(boxes, hosts, edges, labels)


def expected_edges(cluster: ir.Cluster) -> Counter[Edge]:
    edges: Counter[Edge] = Counter()
    for order in cluster.orders:
        edges[("order", order.first, order.then)] += 1
    for colocation in cluster.colocations:
        edges[("colocation", colocation.rsc, colocation.with_rsc)] += 1
    for location in cluster.locations_node:
        edges[("location", location.rsc, f"host:{location.node}")] += 1
    for rule in cluster.locations_rule:
        edges[("rule", rule.rsc, "rule-note")] += 1
    leveled = set()
    for level in cluster.fencing_levels:
        for device in level.devices:
            leveled.add(device)
            edges[("fencing", device, f"host:{level.target}")] += 1
    for primitive in cluster.primitives():
        if primitive.is_stonith and primitive.id not in leveled:
            for host in host_lists(primitive):
                edges[("fencing", primitive.id, f"host:{host}")] += 1
    for resource in cluster.all_resources().values():
        if isinstance(resource, ir.Group):
            for before, after in zip(resource.members, resource.members[1:]):
                edges[("member-order", before.id, after.id)] += 1
    return edges


def expected_boxes(cluster: ir.Cluster) -> Dict[str, str]:
    boxes = {}
    for object_id, resource in cluster.all_resources().items():
        if isinstance(resource, ir.Primitive):
            boxes[object_id] = "stonith" if resource.is_stonith else "primitive"
        elif isinstance(resource, ir.Group):
            boxes[object_id] = "group"
        else:
            boxes[object_id] = "promotable" if resource.promotable else "clone"
    return boxes


def _shown(text: str) -> str:
    """TEXT as a diagram shows it: control characters (a newline in an id) as spaces."""
    return re.sub(r"[\x00-\x1f\x7f]", " ", text)


def check_drawing(cluster: ir.Cluster, lang: str = "en") -> Drawn:
    drawn = read_dot(to_dot(cluster, lang))
    assert drawn.boxes == {_shown(k): v for k, v in expected_boxes(cluster).items()}
    assert drawn.edges == Counter(
        {
            (kind, _shown(a), _shown(b)): count
            for (kind, a, b), count in expected_edges(cluster).items()
        }
    )
    named = (
        {n.uname for n in cluster.nodes}
        | {n.node for n in cluster.locations_node}
        | {lv.target for lv in cluster.fencing_levels}
    )
    assert named <= set(drawn.hosts) and len(drawn.hosts) == len(set(drawn.hosts))
    return drawn


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_object_of_the_samples_is_drawn_with_its_edges(name: str) -> None:
    check_drawing(load_cluster(str(SAMPLES / name), SAMPLE_OPTIONS))


@pytest.mark.parametrize("sheet", REFERENCE_SHEETS)
def test_every_object_of_the_reference_sheets_is_drawn_with_its_edges(sheet: str) -> None:
    need_reference()
    # each sheet for the release it was written for (the RHEL 10 sheets use agent
    # parameters the earlier releases' agents lack)
    options = REFERENCE_OPTIONS._replace(target="rhel" + sheet.rsplit("_RHEL", 1)[1])
    cluster = load_cluster(f"{WORKBOOK}:{sheet}", options)
    drawn = check_drawing(cluster, "ja")
    if "pgrex" in sheet:
        assert drawn.boxes["pgsql-clone"] == "promotable"
        # the promote -> start and demote -> stop orders keep their actions and kind
        labels = drawn.labels[("order", "pgsql-clone", "primary-group")]
        assert any("promote → start" in text for text in labels)
        assert any("Optional" in text and "demote → stop" in text for text in labels)
        # a level per device, both to the node they fence
        assert drawn.labels[("fencing", "fence1-kdump", "host:db01")] == ["レベル 1"]
        assert drawn.labels[("fencing", "fence1-ipmilan", "host:db01")] == ["レベル 2"]


def test_the_sample_order_runs_from_the_clone_box_to_the_group_box() -> None:
    cluster = load_cluster(str(SAMPLES / "haproxy-lb.xlsx"), SAMPLE_OPTIONS)
    dot_text = to_dot(cluster)
    drawn = read_dot(dot_text)
    assert drawn.edges[("order", "ping-clone", "lb-group")] == 1
    assert drawn.labels[("order", "ping-clone", "lb-group")] == ["not symmetrical"]
    assert drawn.edges[("colocation", "lb-group", "ping-clone")] == 1
    assert drawn.labels[("location", "lb-group", "host:lb01")] == ["prefers 200"]
    assert drawn.labels[("location", "fence-lb01", "host:lb01")] == ["avoids -INFINITY"]
    assert drawn.labels[("fencing", "fence-lb01", "host:lb01")] == ["level 1"]
    # the rule as a note, in the words of the sheet
    assert "ping-status lt 100<BR/>or ping-status not_defined" in dot_text
    # the group's members in order; the clone's child drawn as many (a double outline)
    assert drawn.edges[("member-order", "vip", "haproxy")] == 1
    assert re.search(r'label=<<B>ping</B>[^\n]*peripheries="2"', dot_text)


def test_a_cib_file_draws_as_its_definition(tmp_path: Path) -> None:
    result = run_pcsgen(
        [
            str(SAMPLES / "haproxy-lb.xlsx"),
            "--corosync-conf",
            CONF,
            "--no-system-agents",
            "--xml",
            "lb.xml",
            "--sh",
            "lb.sh",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    from_cib = load(str(tmp_path / "lb.xml"), SAMPLE_OPTIONS)
    from_book = load_cluster(str(SAMPLES / "haproxy-lb.xlsx"), SAMPLE_OPTIONS)
    assert from_cib.from_cib
    drawn = check_drawing(from_cib.cluster)
    assert drawn.boxes == expected_boxes(from_book)
    assert drawn.edges == expected_edges(from_book)
    # every object points at its line of the CIB
    lines = (tmp_path / "lb.xml").read_text().splitlines()
    for resource in from_cib.cluster.all_resources().values():
        assert resource.location.source.file == str(tmp_path / "lb.xml")
        assert f'id="{resource.id}"' in lines[resource.location.row - 1]
    for order in from_cib.cluster.orders:
        line = lines[order.location.row - 1]
        assert "<rsc_order" in line and f'first="{order.first}"' in line
    assert {n.uname: n.id for n in from_cib.cluster.nodes} == {"lb01": "1", "lb02": "2"}


HOSTILE_IDS = [
    '"];x[label=<',
    "<script>alert(1)</script>",
    "a\\N\\\\b\\",
    "x&amp;y",
    "line\nbreak",
    "日本語のリソース",
    "]]>--><!--",
]


def _hostile_cluster() -> ir.Cluster:
    where = Location(Source("hostile.csv"), 1, 3)
    prims = [
        ir.Primitive(rid, ir.AgentName("ocf", "pacemaker", "Dummy"), where) for rid in HOSTILE_IDS
    ]
    group = ir.Group('grp"]; evil=1; x[', where, members=prims[:2])
    clone = ir.Clone("<b>clone</b>", where, promotable=True, child=prims[2])
    return ir.Cluster(
        name='name"<script>',
        resources=[group, clone, *prims[3:]],
        nodes=[ir.Node("node<1>", "1", where)],
        orders=[ir.Order(group.id, clone.id, where, first_action='x"]', then_action="<y>")],
        colocations=[
            ir.Colocation(HOSTILE_IDS[3], HOSTILE_IDS[4], "INFINITY", where, rsc_role="</TD>")
        ],
        locations_node=[ir.LocationNode(HOSTILE_IDS[5], "node<1>", "10", True, where)],
        locations_rule=[
            ir.LocationRule(
                HOSTILE_IDS[6],
                "-INFINITY",
                where,
                expressions=[ir.RuleExpression('a"t<t>r', "eq", "<script>v</script>", where)],
            )
        ],
        fencing_levels=[ir.FencingLevel("node<1>", 1, [HOSTILE_IDS[0]], where)],
    )


def test_hostile_ids_neither_break_the_dot_nor_inject_attributes() -> None:
    cluster = _hostile_cluster()
    drawn = check_drawing(cluster)
    # each id comes back exactly as written, with nothing added to the graph
    assert set(drawn.boxes) == {_shown(rid) for rid in expected_boxes(cluster)}
    assert drawn.hosts == ["node<1>"]
    assert "evil" not in read_dot_attributes(to_dot(cluster))


def read_dot_attributes(dot_text: str) -> str:
    """Every attribute name Graphviz found, one string."""
    result = subprocess.run(
        [need_tool("dot"), "-Tjson"],
        input=dot_text.encode(),
        capture_output=True,
        check=True,
        timeout=60,
    )
    data = json.loads(result.stdout)
    return " ".join(key for item in data["objects"] + data.get("edges", []) for key in item)


def test_hostile_ids_are_text_in_the_svg_and_the_report() -> None:
    need_tool("dot")
    from pcsgen.design.render import render

    cluster = _hostile_cluster()
    svg = inline_svg(render(to_dot(cluster), "svg"))
    drawing = etree.fromstring(svg)
    texts = " ".join(t.text or "" for t in drawing.iter("text"))
    for rid in HOSTILE_IDS:
        assert rid.replace("\n", " ") in texts
    analysis = Analysis("hostile", Source("hostile.csv"), cluster, Diagnostics())
    design = Design("hostile", "hostile.csv", cluster, Diagnostics(), analysis, False)
    page = render_report(design, "en", svg, None, Simulated("off"), REFERENCE_OPTIONS)
    document = lxml_html.document_fromstring(page)
    assert not document.xpath("//script | //*[@onload] | //*[@onerror] | //iframe")
    text = document.text_content()
    assert "<b>clone</b>" in text and 'name"<script>' in text
    for rid in HOSTILE_IDS:
        assert rid in text
    assert not EXTERNAL.search(page)


# -- the command line -------------------------------------------------------------------------
def test_graph_writes_svg_png_and_dot(tmp_path: Path) -> None:
    need_tool("dot")
    book = str(SAMPLES / "haproxy-lb.xlsx")
    for output in ("lb.svg", "lb.png", "lb.dot"):
        result = run_pcsgen(["graph", book, "--corosync-conf", CONF, "-o", output], tmp_path)
        assert result.returncode in (0, 2), result.stderr
    assert (tmp_path / "lb.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    cluster = load_cluster(book, SAMPLE_OPTIONS)
    assert read_dot((tmp_path / "lb.dot").read_text()).edges == expected_edges(cluster)
    svg = etree.parse(str(tmp_path / "lb.svg")).getroot()
    namespace = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in svg.iter(f"{namespace}text")]
    for rid in cluster.all_resources():
        assert rid in texts
    assert "lb01" in texts and "lb02" in texts
    classes = Counter(g.get("class") for g in svg.iter(f"{namespace}g"))
    assert classes["edge order"] == len(cluster.orders)
    assert classes["edge colocation"] == len(cluster.colocations)
    assert classes["edge location"] == len(cluster.locations_node)
    assert classes["edge fencing"] == len(cluster.fencing_levels)
    assert classes["cluster group"] == 1 and classes["cluster clone"] == 1
    assert classes["node stonith"] == 2
    assert {t.get("font-family") for t in svg.iter(f"{namespace}text")} == {"Noto Sans CJK JP"}


def test_graph_in_japanese_names_a_font_with_japanese_glyphs(tmp_path: Path) -> None:
    need_tool("dot")
    result = run_pcsgen(
        [
            "graph",
            str(SAMPLES / "dummy-lab.csv"),
            "--corosync-conf",
            "",
            "--lang",
            "ja",
            "-o",
            "lab.svg",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    svg = (tmp_path / "lab.svg").read_text("utf-8")
    assert "ノード" in svg or "グループ" in svg or "クローン" in svg
    assert 'font-family="Noto Sans CJK JP"' in svg
    fc_list = shutil.which("fc-list")
    if fc_list:  # the font is installed where the diagram is drawn (fonts-noto-cjk)
        fonts = subprocess.run(
            [fc_list, ":lang=ja", "family"], capture_output=True, text=True, check=False
        ).stdout
        assert "Noto Sans CJK JP" in fonts


def test_without_dot_graph_writes_the_dot_and_says_how_to_render_it(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_pcsgen(
        ["graph", str(SAMPLES / "haproxy-lb.csv"), "--corosync-conf", CONF, "-o", "lb.svg"],
        tmp_path,
        env={"PATH": str(empty)},
    )
    assert result.returncode == 2, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "PG740" in line]
    assert len(warnings) == 1 and "dot -Tsvg lb.dot -o lb.svg" in warnings[0]
    assert not (tmp_path / "lb.svg").exists()
    assert "digraph" in (tmp_path / "lb.dot").read_text()


@pytest.mark.parametrize("command,output", [("graph", "lb.pdf"), ("report", "lb.txt")])
def test_wrong_output_kinds_are_refused(tmp_path: Path, command: str, output: str) -> None:
    result = run_pcsgen(
        [command, str(SAMPLES / "haproxy-lb.csv"), "--corosync-conf", CONF, "-o", output], tmp_path
    )
    assert result.returncode == 1 and "PG741" in result.stderr
    assert not (tmp_path / output).exists()


def test_a_definition_with_errors_gets_no_report(tmp_path: Path) -> None:
    document = minimal()
    document["tables"].append(
        {"table": "ORDER", "rows": [{"first-rsc": "nowhere", "then-rsc": "grp"}]}
    )
    definition = write_csv(document, tmp_path / "bad.csv")
    for command, output in (("report", "bad.html"), ("graph", "bad.svg")):
        result = run_pcsgen(
            [command, str(definition), "--corosync-conf", "", "-o", output], tmp_path
        )
        assert result.returncode == 1 and "bad.csv!C103: error PG301" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / output).exists()


# -- the report -------------------------------------------------------------------------------
def _report(tmp_path: Path, source: str, *extra: str, name: str = "design.html") -> str:
    result = run_pcsgen(["report", source, "-o", name, *extra], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr
    return (tmp_path / name).read_text("utf-8")


def test_the_report_holds_every_object_and_no_external_reference(tmp_path: Path) -> None:
    need_tool("dot")
    book = str(SAMPLES / "haproxy-lb.xlsx")
    page = _report(tmp_path, book, "--corosync-conf", CONF, "--no-simulate", "--no-system-agents")
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    document = lxml_html.document_fromstring(page)
    sections = document.xpath("//section/@id")
    assert sections[:6] == [
        "summary",
        "diagram",
        "resources",
        "primitives",
        "constraints",
        "fencing",
    ]
    assert {"findings", "simulation", "alerts", "additional"} <= set(sections)
    assert document.xpath("//section[@id='diagram']//svg//text")
    cluster = load_cluster(book, SAMPLE_OPTIONS)
    for rid in cluster.all_resources():
        row = document.get_element_by_id(f"rsc-{rid}")
        assert rid in row.text_content()
    # each object names its cell, and the diagram links to its row
    vip = document.get_element_by_id("rsc-vip")
    assert vip.xpath("td[@class='src']")[0].text == f"{book}:haproxy-lb!F38"
    assert document.xpath("//svg//a[@href='#rsc-vip']")
    assert (
        document.get_element_by_id("def-vip").xpath("td[@class='src']")[0].text
        == f"{book}:haproxy-lb!C56"
    )
    orders = document.get_element_by_id("order-1").text_content()
    assert "ping-clone" in orders and "lb-group" in orders
    assert (
        "ping-status lt 100 or ping-status not_defined"
        in document.get_element_by_id("rule-1").text_content()
    )
    assert "fence-lb01" in document.get_element_by_id("level-1").text_content()
    # lint findings link to the object at their cell
    # (the sample is clean: a copy with a password in plain text has a finding)
    text = (
        (SAMPLES / "haproxy-lb.csv")
        .read_text("utf-8")
        .replace(",,,password_script,/usr/local/sbin/ipmi-password lb01,", ",,,password,plain-pw,")
    )
    assert "plain-pw" in text
    (tmp_path / "plain.csv").write_text(text, encoding="utf-8")
    plain = _report(
        tmp_path,
        str(tmp_path / "plain.csv"),
        "--corosync-conf",
        CONF,
        "--no-simulate",
        "--no-system-agents",
    )
    assert "plain-pw" not in plain
    findings = lxml_html.document_fromstring(plain).xpath("//section[@id='findings']//tr[td]")
    assert any(
        "PG413" in row.text_content() and row.xpath(".//a[@href='#rsc-fence-lb01']")
        for row in findings
    )


def test_secrets_never_reach_the_report(tmp_path: Path) -> None:
    need_tool("dot")
    document = minimal()
    for table in document["tables"]:
        if table["table"] == "STONITH":
            table["A"] += [
                {"type": "options", "name": "password", "value": "Pl41n-S3cret"},
                {"type": "options", "name": "passwd", "value": "K3y-Material"},
            ]
        if table["table"] == "PRIMITIVE" and table["P"]["id"] == "d1":
            table["A"].append({"type": "options", "name": "state", "value": "{{ vault_token }}"})
    document["tables"].append(
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [{"config": "pcs stonith update fence1 passwd=Cmd-S3cret"}],
        }
    )
    definition = write_csv(document, tmp_path / "secret.csv")
    page = _report(
        tmp_path,
        str(definition),
        "--corosync-conf",
        "",
        "--no-simulate",
        "--var",
        "vault_token=V4r-S3cret",
        "--secret-var",
        "vault_token",
    )
    for secret in ("Pl41n-S3cret", "K3y-Material", "V4r-S3cret", "Cmd-S3cret"):
        assert secret not in page
    assert page.count("********") >= 4
    assert "PG413" in page  # the lint's warning about the plain-text password is there


def test_a_cib_report_points_at_the_cib_lines(tmp_path: Path) -> None:
    need_tool("dot")
    result = run_pcsgen(
        [
            str(SAMPLES / "haproxy-lb.xlsx"),
            "--corosync-conf",
            CONF,
            "--no-system-agents",
            "--xml",
            "cib.xml",
            "--sh",
            "cib.sh",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    page = _report(tmp_path, "cib.xml", "--no-simulate", "--lang", "ja")
    document = lxml_html.document_fromstring(page)
    assert document.xpath("//html/@lang") == ["ja"]
    assert "クラスタ設計書" in page
    lines = (tmp_path / "cib.xml").read_text().splitlines()
    source = document.get_element_by_id("rsc-ping-clone").xpath("td[@class='src']")[0].text
    assert source.startswith("cib.xml!")
    assert 'id="ping-clone"' in lines[int(source.rsplit("!", 1)[1]) - 1]


def test_the_report_shows_the_simulated_placements(tmp_path: Path) -> None:
    need_tool("dot")
    need_tool("crm_simulate")
    page = _report(tmp_path, str(SAMPLES / "haproxy-lb.xlsx"), "--corosync-conf", CONF, *PINGS)
    document = lxml_html.document_fromstring(page)
    table = document.xpath("//section[@id='simulation']//table")[0]
    rows = [[cell.text_content() for cell in row.xpath("td|th")] for row in table.xpath(".//tr")]
    assert rows[0] == ["resource", "all nodes up", "lb01 fails", "lb02 fails"]
    # as `pcsgen simulate` finds them (tests/test_simulate.py worked them out by hand)
    assert ["vip", "lb01", "lb02", "lb01"] in rows
    assert ["fence-lb02", "lb01", "-", "lb01"] in rows
    assert "lb01 fails: cannot run anywhere: fence-lb02" in document.text_content()


def test_the_report_in_a_real_browser(tmp_path: Path) -> None:
    need_tool("dot")
    need_tool("chromium")
    from tests.browser import visit

    book = str(SAMPLES / "haproxy-lb.xlsx")
    _report(tmp_path, book, "--corosync-conf", CONF, *PINGS)
    cluster = load_cluster(book, SAMPLE_OPTIONS)
    seen = visit(
        tmp_path / "design.html",
        {
            "sections": "[...document.querySelectorAll('section[id]')].map(s => s.id)",
            "text": "document.body.innerText",
            "diagram": "document.querySelector('#diagram svg').getBoundingClientRect().width",
            "scripts": "document.scripts.length",
        },
    )
    assert seen.console_errors == [] and seen.exceptions == []
    assert seen.requests == [(tmp_path / "design.html").resolve().as_uri()]
    assert {
        "summary",
        "diagram",
        "resources",
        "primitives",
        "constraints",
        "fencing",
        "findings",
        "simulation",
    } <= set(seen.results["sections"])
    for rid in cluster.all_resources():
        assert rid in seen.results["text"]
    assert seen.results["diagram"] > 300 and seen.results["scripts"] == 0
    assert seen.screenshot.startswith(b"\x89PNG\r\n\x1a\n") and len(seen.screenshot) > 20000
    (tmp_path / "report.png").write_bytes(seen.screenshot)


def test_every_word_the_diagram_and_the_report_use_is_in_both_languages() -> None:
    """The words are the catalogue's `design_` phrases: each one the drawing, the report
    and their templates name is there, with the same fields in English and Japanese."""
    import re
    import string

    from pcsgen.diagnostics.texts import TEXTS

    root = Path(__file__).resolve().parent.parent / "pcsgen"
    sources = [*root.glob("design/*.py"), *root.glob("design/templates/*.j2")]
    used = {
        key
        for path in sources
        for key in re.findall(r"\b(?:w|words)\([\"']([a-z_]+)[\"']", path.read_text("utf-8"))
    }
    assert len(used) > 50
    missing = sorted(key for key in used if "design_" + key not in TEXTS)
    assert not missing, missing
    for key, (english, japanese) in TEXTS.items():
        if key.startswith("design_"):
            fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
            assert fields == {f for _, f, _, _ in string.Formatter().parse(japanese) if f}, key


def test_a_cib_with_an_external_entity_is_refused(tmp_path: Path) -> None:
    (tmp_path / "xxe.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE cib [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<cib><configuration><crm_config><cluster_property_set id="o"><nvpair id="o-a" '
        'name="a" value="&x;"/></cluster_property_set></crm_config><resources/>'
        "</configuration></cib>\n"
    )
    for command, output in (("report", "xxe.html"), ("graph", "xxe.svg")):
        result = run_pcsgen([command, "xxe.xml", "-o", output], tmp_path)
        assert result.returncode == 1 and "xxe.xml: error PG705" in result.stderr
        assert not (tmp_path / output).exists()


def test_a_large_definition_is_drawn_whole() -> None:
    import time

    where = Location(Source("large.csv"), 1, 3)
    agent = ir.AgentName("ocf", "pacemaker", "Dummy")
    groups = [
        ir.Group(
            f"g{n}", where, members=[ir.Primitive(f"d{n}-{m}", agent, where) for m in range(6)]
        )
        for n in range(30)
    ]
    cluster = ir.Cluster(
        name="large",
        resources=list(groups),
        orders=[ir.Order(f"g{n}", f"g{n + 1}", where) for n in range(29)],
        colocations=[ir.Colocation(f"g{n + 1}", f"g{n}", "INFINITY", where) for n in range(29)],
        locations_node=[
            ir.LocationNode(f"g{n}", f"node{n % 3}", "100", True, where) for n in range(30)
        ],
    )
    started = time.monotonic()
    check_drawing(cluster)  # 180 primitives: over the limit of the simplified layout
    assert time.monotonic() - started < 60
