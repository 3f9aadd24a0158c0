"""Secrets: one rule for what is secret, and diff and plan never print a secret's value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pcsgen.secrets import MASK, Redactor, is_secret_name
from tests.helpers import SAMPLES, run_compile, run_pcsgen

VARS_BOOK = str(SAMPLES / "haproxy-lb-vars.xlsx")
CONF = str(SAMPLES / "corosync.conf")
STAGING_PASSWORD = "staging-ipmi-pass"
PRODUCTION_PASSWORD = "production-ipmi-pass"


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "passwd",
        "ipmi_password",
        "PASSWORD",
        "secret",
        "client_secret",
        "token",
        "auth-token",
        "key",
        "api_key",
        "apikey",
        "ssh-key",
        "community",
        "snmp_community",
        "passphrase",
        "credentials",
        "private_key",
        "pass",
        "login_pw",
    ],
)
def test_secret_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "password_script",
        "passwd_script",
        "secret_file",
        "key_file",
        "token_path",
        "ip",
        "username",
        "login",
        "pcmk_host_list",
        "monkey",
        "keytab",
        "hostkeyalias",
        "bypass",
        "passive",
        "name",
        "value",
    ],
)
def test_names_that_are_not_secrets(name: str) -> None:
    assert not is_secret_name(name)


def test_redactor_masks_nested_values_and_secret_variable_values() -> None:
    redactor = Redactor(names=["lanplus_code"], values=["s3cr3t-value"])
    value = {
        "id": "f",
        "instance": {
            "password": "p",
            "ip": "192.0.2.1",
            "lanplus_code": "9",
            "login": "admin s3cr3t-value",
        },
        "operations": [("monitor", (("instance:passwd", "x"), ("interval", "60")))],
    }
    shown = redactor.redact(value)
    assert shown["instance"] == {
        "password": MASK,
        "ip": "192.0.2.1",
        "lanplus_code": MASK,
        "login": f"admin {MASK}",
    }
    assert shown["operations"] == [("monitor", (("instance:passwd", MASK), ("interval", "60")))]
    assert redactor.holds_secret(value)
    assert not redactor.holds_secret({"ip": "192.0.2.1"})


def _compile_both(tmp_path: Path) -> None:
    for name, variables in (("st", "staging.json"), ("pr", "production.toml")):
        run_compile(
            tmp_path,
            VARS_BOOK,
            "--corosync-conf",
            CONF,
            "--vars",
            str(SAMPLES / "vars" / variables),
            "--xml",
            f"{name}.xml",
            "--sh",
            f"{name}.sh",
            offline=False,
            succeeds=True,
        )


def _assert_no_password(text: str) -> None:
    assert STAGING_PASSWORD not in text
    assert PRODUCTION_PASSWORD not in text


def test_diff_reports_a_changed_password_without_its_values(tmp_path: Path) -> None:
    _compile_both(tmp_path)
    text = run_pcsgen(["diff", "st.xml", "pr.xml"], tmp_path)
    assert text.returncode == 1
    _assert_no_password(text.stdout + text.stderr)
    assert "~ resources/fence-lb01/instance/password: (secret) changed" in text.stdout
    assert "~ resources/fence-lb02/instance/password: (secret) changed" in text.stdout

    data = run_pcsgen(["diff", "st.xml", "pr.xml", "--format", "json"], tmp_path)
    _assert_no_password(data.stdout + data.stderr)
    changes = json.loads(data.stdout)["changes"]
    secret = [c for c in changes if c["path"][-1] == "password"]
    assert len(secret) == 2
    assert all(c == {"change": "changed", "path": c["path"], "secret": True} for c in secret)
    assert any(c.get("old") for c in changes if not c.get("secret")), changes


def test_show_secrets_reveals_them(tmp_path: Path) -> None:
    _compile_both(tmp_path)
    shown = run_pcsgen(["diff", "st.xml", "pr.xml", "--show-secrets"], tmp_path)
    assert (
        f"~ resources/fence-lb01/instance/password: '{STAGING_PASSWORD}' -> '{PRODUCTION_PASSWORD}'"
    ) in shown.stdout


def test_diff_of_definitions_masks_secret_variables_wherever_they_land(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "vip": "192.0.2.1",
                "ipmi_lb01": "198.51.100.1",
                "ipmi_lb02": "198.51.100.2",
                "ipmi_password": "pw-a",
            }
        )
    )
    (tmp_path / "b.json").write_text(
        json.dumps(
            {
                "vip": "192.0.2.1",
                "ipmi_lb01": "198.51.100.77",
                "ipmi_lb02": "198.51.100.2",
                "ipmi_password": "pw-b",
            }
        )
    )
    compiled = run_pcsgen(
        [VARS_BOOK, "--corosync-conf", CONF, "--vars", "b.json", "--xml", "b.xml", "--sh", "b.sh"],
        tmp_path,
    )
    assert compiled.returncode in (0, 2), compiled.stderr
    result = run_pcsgen(
        [
            "diff",
            VARS_BOOK,
            "b.xml",
            "--corosync-conf",
            CONF,
            "--vars",
            "a.json",
            "--secret-var",
            "ipmi_lb01",
        ],
        tmp_path,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    # ip is no secret by name, but its value came from a secret variable
    assert "~ resources/fence-lb01/instance/ip: (secret) changed" in output
    assert "'198.51.100.1'" not in output and "198.51.100.77" not in output
    assert "pw-a" not in output and "pw-b" not in output


def test_an_added_device_shows_its_structure_but_not_its_password(tmp_path: Path) -> None:
    _compile_both(tmp_path)
    source = (tmp_path / "pr.xml").read_text(encoding="utf-8")
    start = source.index('<primitive id="fence-lb02"')
    end = source.index("</primitive>", start) + len("</primitive>")
    (tmp_path / "without.xml").write_text(source[:start] + source[end:], encoding="utf-8")
    data = run_pcsgen(["diff", "without.xml", "pr.xml", "--format", "json"], tmp_path)
    _assert_no_password(data.stdout)
    added = [c for c in json.loads(data.stdout)["changes"] if c["change"] == "added"]
    device = next(c["new"] for c in added if c["path"][-1] == "fence-lb02")
    assert device["instance"]["password"] == MASK
    assert device["instance"]["ip"] == "203.0.113.102"


def test_a_lab_test_runs_results_mask_the_secrets_it_ran_with() -> None:
    """`pcsgen test run` runs the real values in the lab; its outcomes (JSON, the
    result workbook) are documents people hand on, so they show none."""
    from pcsgen.lab.runner import Outcome, differences
    from pcsgen.secrets import MASK, Redactor
    from pcsgen.simulation.redact import redact_value

    secret = "s3cr3t-Pa55"
    outcome = Outcome(
        number=3,
        kind="monitor-failure",
        subject=f"vip-{secret}",
        node="node1",
        title=f"vip-{secret} fails",
        status="OK",
        expected={f"vip-{secret}": ["node2"]},
        fenced_expected=[],
        before=f"crm_mon: vip-{secret} node1",
        observed={f"vip-{secret}": ["node2"]},
        recovery_seconds=4.2,
        differences=differences({f"vip-{secret}": ["node2"]}, {f"vip-{secret}": ["node3"]}),
        after="crm_mon: after",
    )
    masked = redact_value(outcome, Redactor(values=[secret]))
    assert isinstance(masked, Outcome) and masked.recovery_seconds == 4.2
    assert secret not in repr(masked)
    assert masked.subject == f"vip-{MASK}" and list(masked.expected) == [f"vip-{MASK}"]
    # the differences name the resource too, in either language
    assert all(
        secret not in text for lang in ("en", "ja") for text in masked.difference_texts(lang)
    )
