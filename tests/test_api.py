"""The Python API: what automation calls instead of the command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from pcsgen import api
from pcsgen.diagnostics import Severity
from tests.helpers import SAMPLES

CONF = str(SAMPLES / "corosync.conf")
OPTIONS = api.Options(corosync_conf=CONF, system_agents=False)


def test_compile_gives_the_cib_and_the_script_as_text() -> None:
    compilation = api.compile_definition(str(SAMPLES / "haproxy-lb.xlsx"), options=OPTIONS)
    assert compilation.name == "haproxy-lb"
    cib = etree.fromstring(compilation.cib.encode("utf-8"))
    assert cib.tag == "cib"
    ids = {e.get("id") for e in cib.iter("primitive")}
    assert {"vip", "haproxy", "ping", "fence-lb01", "fence-lb02"} <= ids
    assert compilation.script.startswith("#!/bin/sh")
    assert "pcs" in compilation.script
    assert all(d.severity is not Severity.ERROR for d in compilation.diagnostics)
    assert {p.id for p in compilation.cluster.primitives()} >= {"vip", "haproxy"}


@pytest.mark.slow  # reads the xlsx sample twice
def test_sheet_in_the_spec_or_as_argument() -> None:
    by_spec = api.compile_definition(f"{SAMPLES / 'haproxy-lb.xlsx'}:haproxy-lb", options=OPTIONS)
    by_argument = api.compile_definition(str(SAMPLES / "haproxy-lb.xlsx"), "haproxy-lb", OPTIONS)
    assert by_spec.cib == by_argument.cib


def test_errors_raise_with_every_diagnostic_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "#,\n,PROPERTY\n,name,value\n,no-quorum-policy,\n"
        ",RSC_DEFAULTS\n,name,value\n,resource-stickiness,not-a-score\n",
        encoding="utf-8",
    )
    with pytest.raises(api.PcsgenError) as raised:
        api.compile_definition(str(bad), options=OPTIONS)
    errors = [d for d in raised.value.diagnostics if d.severity is Severity.ERROR]
    assert errors, list(raised.value.diagnostics)
    assert raised.value.diagnostic in errors
    for diagnostic in errors:
        assert diagnostic.location is not None
        assert diagnostic.location.source.file == str(bad)
        assert diagnostic.location.row > 0


def test_an_unreadable_file_raises_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(api.PcsgenError) as raised:
        api.compile_definition(str(tmp_path / "missing.csv"), options=OPTIONS)
    assert raised.value.diagnostic.code == "PG001"
    assert len(raised.value.diagnostics) == 1


def test_lint_returns_the_diagnostics_and_writes_nothing(tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    found = api.lint(str(SAMPLES / "dummy-lab.csv"), options=api.Options(corosync_conf=None))
    assert isinstance(found, api.Diagnostics)
    assert not found.has_errors
    assert set(os.listdir(tmp_path)) == before


def test_write_compilation_writes_both_files(tmp_path: Path) -> None:
    compilation = api.compile_definition(str(SAMPLES / "haproxy-lb.csv"), options=OPTIONS)
    paths = api.write_compilation(compilation, str(tmp_path / "c.xml"), str(tmp_path / "c.sh"))
    assert paths == [str(tmp_path / "c.xml"), str(tmp_path / "c.sh")]
    assert (tmp_path / "c.xml").read_text(encoding="utf-8") == compilation.cib
    assert os.access(tmp_path / "c.sh", os.X_OK)


def test_import_then_diff_round_trip(tmp_path: Path) -> None:
    compilation = api.compile_definition(str(SAMPLES / "haproxy-lb.csv"), options=OPTIONS)
    cib = tmp_path / "cib.xml"
    cib.write_text(compilation.cib, encoding="utf-8")
    warnings = api.import_cib(str(cib), str(tmp_path / "back.xlsx"))
    assert not warnings.has_errors
    assert (tmp_path / "back.xlsx").stat().st_size > 0
    assert api.diff(str(cib), str(tmp_path / "back.xlsx"), OPTIONS) == []
    changed = compilation.cib.replace('value="192.0.2.10"', 'value="192.0.2.11"')
    assert changed != compilation.cib
    (tmp_path / "changed.xml").write_text(changed, encoding="utf-8")
    changes = api.diff(str(cib), str(tmp_path / "changed.xml"), OPTIONS)
    assert [c.as_dict()["new"] for c in changes] == ["192.0.2.11"]


def test_import_refuses_an_unknown_output_kind(tmp_path: Path) -> None:
    with pytest.raises(api.PcsgenError) as raised:
        api.import_cib(str(tmp_path / "cib.xml"), str(tmp_path / "out.ods"))
    assert raised.value.diagnostic.code == "PG702"


def test_a_compilation_knows_whether_it_holds_a_secret(tmp_path: Path) -> None:
    """The flag the compile sets says what reading its CIB back would say, and decides
    the mode of the files written; a Compilation made by hand has its CIB read."""
    from pcsgen.cib.canonical import parse_cib
    from pcsgen.cib.redact import holds_secret

    base = api.Options(corosync_conf=None, system_agents=False, variables=["node=n1"])
    flags = []
    for options in (base, base._replace(secret_variables=["node"])):
        compilation = api.compile_definition(str(SAMPLES / "dummy-lab.csv"), options=options)
        read_back = holds_secret(
            parse_cib(compilation.cib.encode("utf-8")), compilation.diagnostics.secrets
        )
        assert compilation.holds_secret is read_back
        flags.append(compilation.holds_secret)
    assert flags == [False, True]
    previous = os.umask(0o022)
    try:
        api.write_compilation(compilation, str(tmp_path / "a.xml"), str(tmp_path / "a.sh"))
        api.write_compilation(
            compilation._replace(holds_secret=None), str(tmp_path / "b.xml"), str(tmp_path / "b.sh")
        )
    finally:
        os.umask(previous)
    for name in ("a", "b"):
        assert (tmp_path / f"{name}.xml").stat().st_mode & 0o777 == 0o600
        assert (tmp_path / f"{name}.sh").stat().st_mode & 0o777 == 0o700


def test_variables_mask_secrets() -> None:
    report, diagnostics = api.variables(
        str(SAMPLES / "haproxy-lb-vars.xlsx"),
        options=api.Options(vars_files=[str(SAMPLES / "vars" / "staging.json")]),
    )
    by_name = {item.name: item for item in report}
    assert by_name["ipmi_password"].secret
    assert by_name["ipmi_password"].value == "********"
    assert by_name["ipmi_password"].used_at
    assert not diagnostics.has_errors


def test_template_writes_a_workbook(tmp_path: Path) -> None:
    api.template(str(tmp_path / "t.xlsx"), "ja")
    assert (tmp_path / "t.xlsx").read_bytes()[:2] == b"PK"
    with pytest.raises(api.PcsgenError) as raised:
        api.template(str(tmp_path / "t.xlsx"), "en", "no-such-example")
    assert raised.value.diagnostic.code == "PG701"


def test_graph_and_report_write_their_files(tmp_path: Path) -> None:
    drawing = api.graph(str(SAMPLES / "haproxy-lb.csv"), str(tmp_path / "lb.dot"), options=OPTIONS)
    assert drawing == api.Drawing(str(tmp_path / "lb.dot"), False, drawing.diagnostics)
    assert (tmp_path / "lb.dot").read_text("utf-8").lstrip().startswith("digraph")
    written = api.report(
        str(SAMPLES / "haproxy-lb.csv"),
        str(tmp_path / "lb.html"),
        options=OPTIONS,
        simulation=False,
    )
    assert written.path == str(tmp_path / "lb.html")
    assert "haproxy" in (tmp_path / "lb.html").read_text("utf-8")
    with pytest.raises(api.PcsgenError) as raised:
        api.graph(str(SAMPLES / "haproxy-lb.csv"), str(tmp_path / "lb.txt"), options=OPTIONS)
    assert raised.value.diagnostic.code == "PG741"
