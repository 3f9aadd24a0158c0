"""The pcs script builds, with the real pcs, the CIB pcsgen writes; values are safe."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.definitions import minimal, primitive, stonith, write_csv
from tests.helpers import (
    assert_same_cib,
    crm_verify,
    need_tool,
    run_compile,
    run_pcsgen,
    run_script,
)

HOSTILE_PASSWORD = "p'a\"s$(touch /tmp/pcsgen-pwned)`touch /tmp/pcsgen-pwned`;x"
HOSTILE_PATH = "/srv/my data/<&>\"'/日本語"


def _compile_and_build(args: list[str], tmp_path: Path) -> None:
    run_compile(tmp_path, *args, "--xml", "gen.xml", "--sh", "gen.sh", offline=False, succeeds=True)
    crm_verify(tmp_path / "gen.xml")
    built = run_script(tmp_path / "gen.sh", tmp_path)
    assert_same_cib((tmp_path / "gen.xml").read_bytes(), built.read_bytes())


# The reference sheets, the samples and the fixtures are built by each target's own pcs
# in tests/test_generations.py.


def test_hostile_values_arrive_verbatim_and_nothing_runs(tmp_path: Path) -> None:
    marker = Path("/tmp/pcsgen-pwned")
    marker.unlink(missing_ok=True)
    document = {
        "name": "hostile",
        "tables": [
            {
                "table": "RESOURCES",
                "rows": [
                    {"depth": 0, "kind": "Primitive", "id": "fs"},
                    {"depth": 0, "kind": "Stonith", "id": "fence1"},
                ],
            },
            primitive(
                "fs",
                "ocf:heartbeat:Filesystem",
                [
                    ["device", "/dev/sdb1"],
                    ["directory", HOSTILE_PATH],
                    ["fstype", "xfs"],
                    ["options", "a;b|c&d>e<f `g` $HOME ${x} \\ * ?"],
                ],
            ),
            stonith(
                "fence1",
                "fence_ipmilan",
                [["ip", "192.0.2.1"], ["username", "ad min"], ["password", HOSTILE_PASSWORD]],
            ),
        ],
    }
    write_csv(document, tmp_path / "hostile.csv")
    _compile_and_build(["hostile.csv", "--corosync-conf", ""], tmp_path)
    assert not marker.exists(), "a value was executed"
    from pcsgen.cib.canonical import canonical, parse_cib

    for name in ("gen.xml", "built.xml"):
        form = canonical(parse_cib((tmp_path / name).read_bytes()))
        resources = form["resources"]
        assert resources["fence1"]["instance"]["password"] == HOSTILE_PASSWORD
        assert resources["fs"]["instance"]["directory"] == HOSTILE_PATH
        assert resources["fs"]["instance"]["options"] == "a;b|c&d>e<f `g` $HOME ${x} \\ * ?"


def test_additional_config_applied_by_pcs_or_kept_for_the_script(tmp_path: Path) -> None:
    document = minimal()
    document["tables"].append(
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [{"config": "pcs resource op defaults update timeout=90s"}],
        }
    )
    write_csv(document, tmp_path / "extra.csv")
    without_pcs = run_pcsgen(
        ["extra.csv", "--corosync-conf", ""], tmp_path, env={"PATH": str(tmp_path / "no-tools")}
    )
    assert without_pcs.returncode == 2, without_pcs.stderr
    assert "warning PG503" in without_pcs.stderr
    assert 'name="timeout" value="90s"' not in (tmp_path / "extra.xml").read_text()
    assert "resource op defaults update -- timeout=90s" in (tmp_path / "extra.sh").read_text()
    need_tool("pcs")
    with_pcs = run_pcsgen(
        ["extra.csv", "--corosync-conf", "", "--xml", "p.xml", "--sh", "p.sh"], tmp_path
    )
    assert with_pcs.returncode in (0, 2), with_pcs.stderr
    assert 'name="timeout" value="90s"' in (tmp_path / "p.xml").read_text()


@pytest.mark.parametrize(
    "target,version", [("rhel8", "0.10"), ("rhel9", "0.11"), ("rhel10", "0.12")]
)
def test_additional_config_names_the_pcs_that_ran_it(
    target: str, version: str, tmp_path: Path
) -> None:
    """The CIB holds what this machine's pcs made of the commands: a warning says so
    when that pcs is not the target's."""
    need_tool("pcs")
    local = subprocess.run(
        ["pcs", "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    document = minimal()
    document["tables"].append(
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [{"config": "pcs resource defaults update resource-stickiness=5"}],
        }
    )
    write_csv(document, tmp_path / "extra.csv")
    result = run_pcsgen(["extra.csv", "--corosync-conf", "", "--target", target], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    differs = not local.startswith(version + ".")
    assert ("warning PG524" in result.stderr) == differs, result.stderr
    if differs:
        assert f"pcs {local}, the target's is pcs {version}:" in result.stderr


@pytest.mark.parametrize(
    "target,version", [("rhel8", "0.10"), ("rhel9", "0.11"), ("rhel10", "0.12")]
)
def test_a_command_only_the_target_s_pcs_takes_is_left_to_the_script(
    target: str, version: str, tmp_path: Path
) -> None:
    """A rule in pcs 0.12's form (one argument) is refused by pcs 0.10 and 0.11: when
    this machine's pcs is not the target's, that is a warning (the CIB lacks the
    constraint, the script keeps it), not a failed compile; with the target's own pcs
    it stays an error. (For rhel10 the rule is one pcsgen leaves to pcs, a date with
    its offset: the others it applies itself, tests/test_location_rules.py.)"""
    need_tool("pcs")
    local = subprocess.run(
        ["pcs", "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    if local.startswith("0.12."):
        pytest.skip("this machine's pcs takes the rule in one argument")
    document = minimal()
    rule = "date gt 2024-01-01T10:00:00+09:00" if version == "0.12" else "#uname eq node1"
    command = f'pcs constraint location d1 rule score=10 "{rule}"'
    document["tables"].append({"table": "ADDITIONAL_CONFIG", "rows": [{"config": command}]})
    write_csv(document, tmp_path / "rule.csv")
    result = run_pcsgen(
        ["rule.csv", "--corosync-conf", "", "--target", target, "--xml", "r.xml", "--sh", "r.sh"],
        tmp_path,
    )
    if local.startswith(version + "."):
        assert result.returncode == 1, result.stderr
        assert "error PG504" in result.stderr and not (tmp_path / "r.xml").exists()
        return
    assert result.returncode == 2, result.stderr
    assert "warning PG526" in result.stderr, result.stderr
    assert f"pcs {local} refused" in result.stderr
    assert 'rsc="d1"' not in (tmp_path / "r.xml").read_text()
    assert rule in (tmp_path / "r.sh").read_text()
