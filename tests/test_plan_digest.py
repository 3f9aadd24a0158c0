"""plan shows a digest of exactly what it would push; apply --plan-digest pushes that or
nothing. Run against a stand-in for cibadmin (the live CIB a file, the push recorded),
so that the refusal is tested without a cluster; tests/test_live.py pushes for real."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, List

import pytest
from lxml import etree

from pcsgen.diagnostics import PcsgenError
from pcsgen.live.apply import Plan
from tests.helpers import SAMPLES, run_pcsgen

BOOK = str(SAMPLES / "haproxy-lb-vars.xlsx")
CONF = str(SAMPLES / "corosync.conf")
STAGING = str(SAMPLES / "vars" / "staging.json")
PRODUCTION = str(SAMPLES / "vars" / "production.toml")

LIVE_CIB = """<cib admin_epoch="0" epoch="7" num_updates="0" validate-with="pacemaker-3.9"
     crm_feature_set="3.19.0"><configuration><crm_config/><nodes/><resources/>
     <constraints/></configuration><status/></cib>"""

# cibadmin as plan and apply call it: --query prints the live CIB, --replace keeps what
# would have been pushed.
FAKE_CIBADMIN = """#!/bin/sh
case "$1" in
    --query) cat "$FAKE_LIVE_CIB" ;;
    --replace) cat > "$FAKE_PUSHED" ;;
    *) exit 64 ;;
esac
"""


def _cluster(tmp_path: Path) -> Dict[str, str]:
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "cibadmin"
    fake.write_text(FAKE_CIBADMIN)
    fake.chmod(0o755)
    (tmp_path / "live.xml").write_text(LIVE_CIB)
    return {
        "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}",
        "FAKE_LIVE_CIB": str(tmp_path / "live.xml"),
        "FAKE_PUSHED": str(tmp_path / "pushed.xml"),
    }


def _common(vars_file: str) -> List[str]:
    return ["--corosync-conf", CONF, "--vars", vars_file, "--no-additional-config"]


def _plan(tmp_path: Path, env: Dict[str, str], vars_file: str) -> Dict[str, object]:
    result = run_pcsgen(["plan", BOOK, *_common(vars_file), "--format", "json"], tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    planned: Dict[str, object] = json.loads(result.stdout)
    return planned


def test_plan_prints_a_stable_digest_in_json_and_text(tmp_path: Path) -> None:
    env = _cluster(tmp_path)
    first = _plan(tmp_path, env, STAGING)
    digest = first["digest"]
    assert isinstance(digest, str) and len(digest) == 64 and int(digest, 16) >= 0
    assert _plan(tmp_path, env, STAGING)["digest"] == digest  # the same every run
    assert _plan(tmp_path, env, PRODUCTION)["digest"] != digest
    text = run_pcsgen(["plan", BOOK, *_common(STAGING)], tmp_path, env=env)
    assert text.returncode == 0, text.stderr
    assert f"--plan-epoch 0:7 --plan-digest {digest}" in text.stdout


def test_apply_refuses_what_the_plan_did_not_show(tmp_path: Path) -> None:
    env = _cluster(tmp_path)
    digest = str(_plan(tmp_path, env, STAGING)["digest"])
    # other variables than the plan's: refused before anything is asked or written
    result = run_pcsgen(
        ["apply", BOOK, *_common(PRODUCTION), "--plan-digest", digest, "--yes"], tmp_path, env=env
    )
    assert result.returncode == 1
    assert "haproxy-lb-vars.xlsx: error PG808:" in result.stderr, result.stderr
    assert not (tmp_path / "pushed.xml").exists()
    assert not list(tmp_path.glob("*.live-*.xml"))  # no backup either
    # the plan's own: pushed
    result = run_pcsgen(
        ["apply", BOOK, *_common(STAGING), "--plan-digest", digest, "--plan-epoch", "0:7", "--yes"],
        tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    pushed = (tmp_path / "pushed.xml").read_bytes()
    assert b"192.0.2.110" in pushed and b"203.0.113.10" not in pushed


def _plan_of(configuration: str, file: str = "book.xlsx:Sheet1") -> Plan:
    live = etree.fromstring(LIVE_CIB)
    merged = etree.fromstring(f"<cib><configuration>{configuration}</configuration></cib>")
    return Plan(file, live, merged, [])


def test_check_digest_takes_only_the_digest_of_what_is_pushed() -> None:
    from pcsgen.live.apply import check_digest, configuration_digest

    planned = _plan_of("<resources/>")
    digest = planned.digest
    assert digest == configuration_digest(planned.merged)
    check_digest(planned, digest)
    check_digest(planned, f"  {digest.upper()}\n")  # as copied from a terminal
    check_digest(planned, None)  # not asked for
    for other in (
        _plan_of("<resources><primitive id='x'/></resources>").digest,
        "0" * 64,
        "",
        digest[:12],
    ):
        with pytest.raises(PcsgenError) as refused:
            check_digest(planned, other)
        found = list(refused.value.diagnostics)[0]
        assert found.code == "PG808"
        assert str(found.location) == "book.xlsx:Sheet1"
