"""Variables: one workbook, several environments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pcsgen.cib.canonical import canonical, parse_cib
from pcsgen.cib.diff import differences
from tests.helpers import SAMPLES, crm_verify, run_compile, run_pcsgen

BOOK = str(SAMPLES / "haproxy-lb-vars.xlsx")
CONF = str(SAMPLES / "corosync.conf")


def _verified_cib(tmp_path: Path, name: str, *args: str) -> bytes:
    run_compile(
        tmp_path,
        BOOK,
        "--corosync-conf",
        CONF,
        "--xml",
        f"{name}.xml",
        "--sh",
        f"{name}.sh",
        *args,
        offline=False,
        succeeds=True,
    )
    crm_verify(tmp_path / f"{name}.xml")
    return (tmp_path / f"{name}.xml").read_bytes()


def test_two_environments_differ_exactly_in_their_variables(tmp_path: Path) -> None:
    staging = _verified_cib(tmp_path, "staging", "--vars", str(SAMPLES / "vars" / "staging.json"))
    production = _verified_cib(
        tmp_path, "production", "--vars", str(SAMPLES / "vars" / "production.toml")
    )
    diff = differences(canonical(parse_cib(staging)), canonical(parse_cib(production)))
    assert sorted(diff) == sorted(
        [
            "~ resources/fence-lb01/instance/ip: '198.51.100.111' -> '203.0.113.101'",
            "~ resources/fence-lb01/instance/password: 'staging-ipmi-pass' -> "
            "'production-ipmi-pass'",
            "~ resources/fence-lb02/instance/ip: '198.51.100.112' -> '203.0.113.102'",
            "~ resources/fence-lb02/instance/password: 'staging-ipmi-pass' -> "
            "'production-ipmi-pass'",
            "~ resources/lb-group/children/vip/instance/ip: '192.0.2.110' -> '203.0.113.10'",
            "~ resources/lb-group/children/vip/instance/nic: 'eth0' -> 'bond0'",
        ]
    )


def test_precedence_command_line_over_file_over_environment(tmp_path: Path) -> None:
    vars_file = str(SAMPLES / "vars" / "staging.json")
    env = {"PCSGEN_VAR_vip": "192.0.2.201", "PCSGEN_VAR_nic": "ens1"}
    result = run_pcsgen(
        [
            BOOK,
            "--corosync-conf",
            CONF,
            "--vars",
            vars_file,
            "--var",
            "vip=192.0.2.202",
            "--xml",
            "p.xml",
            "--sh",
            "p.sh",
        ],
        tmp_path,
        env=env,
    )
    assert result.returncode in (0, 2), result.stderr
    text = (tmp_path / "p.xml").read_text()
    assert 'name="ip" value="192.0.2.202"' in text  # command line over file and env
    assert 'name="nic" value="ens1"' in text  # environment over the workbook's default
    assert 'name="cidr_netmask" value="24"' in text  # the workbook's default


def test_vars_lists_values_defaults_and_uses(tmp_path: Path) -> None:
    result = run_pcsgen(
        ["vars", BOOK, "--format", "json", "--vars", str(SAMPLES / "vars" / "production.toml")],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = {v["name"]: v for v in json.loads(result.stdout)["variables"]}
    assert report["vip"]["value"] == "203.0.113.10"
    assert report["vip_prefix"]["value"] == "24" and report["vip_prefix"]["origin"] == "workbook"
    assert report["ipmi_password"]["value"] == "********" and report["ipmi_password"]["secret"]
    assert report["nic"]["used_at"] == [f"{BOOK}:haproxy-lb-vars!E73"]
    import openpyxl

    book = openpyxl.load_workbook(BOOK, read_only=True)
    assert book["haproxy-lb-vars"]["E73"].value == "{{ nic }}"
    book.close()
    assert "production-ipmi-pass" not in result.stdout


def test_secret_values_never_appear_in_messages(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(
        ",RESOURCES\n,,resourceItem,id\n,,Primitive,d1\n"
        ",PRIMITIVE\n,P,id,class,provider,type\n,,d1,ocf,pacemaker,Dummy\n"
        ",O,type,interval\n,,monitor,{{ api_secret }}\n,,start,{{ token }}\n",
        encoding="utf-8",
    )
    result = run_pcsgen(
        [
            "lint",
            "s.csv",
            "--var",
            "api_secret=hunter2",
            "--var",
            "token=tok-42",
            "--secret-var",
            "token",
        ],
        tmp_path,
    )
    assert result.returncode == 1
    assert "PG216" in result.stderr
    assert "hunter2" not in result.stderr and "tok-42" not in result.stderr
    assert "********" in result.stderr


@pytest.mark.parametrize(
    "cell,code",
    [
        ("{{ nowhere }}", "PG605"),
        ("{{ vip ", "PG604"),
        ("{{ loop_a }}", "PG606"),
    ],
)
def test_placeholder_errors_name_the_cell(cell: str, code: str, tmp_path: Path) -> None:
    (tmp_path / "v.csv").write_text(
        ",VARIABLES\n,,name,value\n,,loop_a,{{ loop_b }}\n,,loop_b,x{{ loop_a }}\n"
        f',PROPERTY\n,,name,value\n,,no-quorum-policy,"{cell}"\n',
        encoding="utf-8",
    )
    result = run_pcsgen(["lint", "v.csv"], tmp_path)
    assert result.returncode == 1
    assert f"v.csv!D7: error {code}:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "cell,code",
    [
        ("{{ ['lb01', 'lb02'] | random }}", "PG613"),
        ("{{ 'x' | random }}", "PG613"),
        ("{{ [1, 2] | shuffle }}", "PG613"),
        ("{{ joiner() }}", "PG614"),
        ("{{ ['a'] | map('upper') }}", "PG614"),
        ("x-{{ 'a'.upper }}", "PG614"),
    ],
)
def test_a_value_that_changes_from_run_to_run_is_an_error(
    cell: str, code: str, tmp_path: Path
) -> None:
    """plan shows the digest of what apply would push: a definition fills the same way
    on every run, or it is an error at the cell."""
    (tmp_path / "r.csv").write_text(
        f',PROPERTY\n,,name,value\n,,no-quorum-policy,"{cell}"\n', encoding="utf-8"
    )
    result = run_pcsgen(["lint", "r.csv"], tmp_path)
    assert result.returncode == 1
    assert f"r.csv!D3: error {code}:" in result.stderr, result.stderr


def test_values_that_merely_look_like_objects_are_kept(tmp_path: Path) -> None:
    (tmp_path / "k.csv").write_text(
        ',RSC_DEFAULTS\n,,name,value\n,,a,"<x at 0x1f> {{ site }}"\n,,b,"{{ [2, 1] | sort }}"\n',
        encoding="utf-8",
    )
    result = run_pcsgen(["k.csv", "--var", "site=tokyo"], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    text = (tmp_path / "k.xml").read_text()
    assert 'value="&lt;x at 0x1f&gt; tokyo"' in text and 'value="[1, 2]"' in text


def test_filters_that_matter(tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text(
        ",RSC_DEFAULTS\n,,name,value\n"
        ",,a,\"{{ missing | default('fallback') }}\"\n"
        ",,b,\"{{ hosts | join(' ') }}\"\n,,c,{{ site | upper }}\n,,d,{{ site | lower }}\n",
        encoding="utf-8",
    )
    (tmp_path / "vars.json").write_text(json.dumps({"hosts": ["h1", "h2"], "site": "Tokyo"}))
    result = run_pcsgen(["f.csv", "--vars", "vars.json"], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    text = (tmp_path / "f.xml").read_text()
    for name, value in (("a", "fallback"), ("b", "h1 h2"), ("c", "TOKYO"), ("d", "tokyo")):
        assert f'name="{name}" value="{value}"' in text


def test_sandbox_refuses_unsafe_expressions(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text(
        ",PROPERTY\n,,name,value\n,,a,\"{{ ''.__class__.__mro__[1].__subclasses__() }}\"\n",
        encoding="utf-8",
    )
    result = run_pcsgen(["lint", "x.csv"], tmp_path)
    assert result.returncode == 1 and "x.csv!D3: error PG604:" in result.stderr
