"""--inventory: a definition sees what a play gives one host of an Ansible inventory
(groups, hostvars, inventory_hostname, the host's variables with Ansible's precedence),
read by ansible-core's own loader; every check sees the filled values; a hostile
inventory runs nothing and is refused at its file."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from pcsgen.cib.canonical import canonical, parse_cib
from tests.helpers import IN_CI, ROOT, SAMPLES, run_pcsgen

SAMPLE = SAMPLES / "ansible"
SAMPLE_PASSWORD = "sample-only-password"


def need_ansible() -> None:
    """ansible-core (the ansible extra): skip without it, except in CI's newest run."""
    if importlib.util.find_spec("ansible") is None:
        if IN_CI:
            pytest.fail("ansible-core is required in CI's newest run (the ansible extra)")
        pytest.skip("ansible-core is not installed")


def _instance(cib: bytes, rid: str) -> Dict[str, str]:
    """The instance attributes of the primitive RID, wherever it is nested."""
    pending: List[Dict[str, Any]] = list(canonical(parse_cib(cib))["resources"].values())
    while pending:
        resource = pending.pop()
        if resource.get("id") == rid:
            return dict(resource["instance"])
        pending.extend(resource.get("children", {}).values())
    raise AssertionError(f"no primitive {rid}")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _book(
    tmp_path: Path, options: List[List[str]], extra: str = "", fence: Optional[str] = None
) -> Path:
    """A definition of one Dummy resource whose options are OPTIONS (name, value), and
    the fence device FENCE (its STONITH table in EXTRA)."""
    lines = [",RESOURCES,,,", ",,resourceItem,id,", ",,Primitive,d,"]
    if fence is not None:
        lines.append(f",,Stonith,{fence},")
    lines += [
        ",PRIMITIVE,,,,",
        ",P,id,class,provider,type",
        ",,d,ocf,pacemaker,Dummy",
        ",A,type,name,value,",
    ]
    for index, (name, value) in enumerate(options):
        lines.append(f",,{'options' if index == 0 else ''},{name},{value},")
    return _write(tmp_path / "book.csv", "\n".join(lines) + "\n" + extra)


def _compile(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_pcsgen(
        ["book.csv", "--corosync-conf", "", "--no-system-agents", "--no-additional-config", *args],
        tmp_path,
    )


@pytest.mark.ansible
@pytest.mark.parametrize("inventory", ["inventory", "inventory/hosts.ini"])
def test_the_sample_fills_from_inventory_group_vars_and_host_vars(
    inventory: str, tmp_path: Path
) -> None:
    need_ansible()
    result = run_pcsgen(
        [
            str(SAMPLE / "cluster.csv"),
            "--inventory",
            str(SAMPLE / inventory),
            "--corosync-conf",
            "",
            "--xml",
            "out.xml",
            "--sh",
            "out.sh",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    cib = (tmp_path / "out.xml").read_bytes()
    # a mapping of group_vars
    assert _instance(cib, "vip") == {"ip": "192.0.2.10", "nic": "eth0", "cidr_netmask": "24"}
    # a list of mappings
    assert _instance(cib, "ping")["host_list"] == "192.0.2.1 198.51.100.1"
    # a group variable holding a placeholder filled from group_vars/all.yml
    assert _instance(cib, "app")["state"] == "/run/pcsgen-lab/app.state"
    # groups, and hostvars of each host from its host_vars file
    for rid, node, address in (
        ("fence-1", "node1", "192.0.2.101"),
        ("fence-2", "node2", "192.0.2.102"),
    ):
        fence = _instance(cib, rid)
        assert (fence["pcmk_host_list"], fence["ip"]) == (node, address)
        assert fence["password"] == SAMPLE_PASSWORD  # the CIB holds it ...
    assert SAMPLE_PASSWORD not in result.stdout + result.stderr  # ... no message shows it
    assert canonical(parse_cib(cib))["fencing_levels"] == {
        "node1 level 1": ["fence-1"],
        "node2 level 1": ["fence-2"],
    }


@pytest.mark.ansible
def test_the_vars_command_shows_the_host_and_masks_secrets(tmp_path: Path) -> None:
    need_ansible()
    result = run_pcsgen(
        ["vars", str(SAMPLE / "cluster.csv"), "-i", str(SAMPLE / "inventory"), "--format", "json"],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert SAMPLE_PASSWORD not in result.stdout + result.stderr
    report = {v["name"]: v for v in json.loads(result.stdout)["variables"]}
    assert report["inventory_hostname"]["value"] == "node1"
    assert report["inventory_hostname"]["origin"].endswith("(host node1)")
    assert report["ipmi_password"]["value"] == "********"
    hostvars = json.loads(report["hostvars"]["value"])
    assert hostvars["node2"]["ipmi_ip"] == "192.0.2.102"
    assert hostvars["node2"]["ipmi_password"] == "********"  # under a secret name
    assert json.loads(report["groups"]["value"])["hacluster"] == ["node1", "node2"]


def _precedence_inventory(tmp_path: Path) -> Path:
    inventory = tmp_path / "inventory"
    _write(
        inventory / "hosts.yml",
        "all:\n  vars: { level: inline-all }\n  children:\n"
        "    web:\n      hosts:\n        w1: { inline: from-host-line }\n        w2:\n"
        "    db:\n      hosts:\n        d1:\n        d2:\n",
    )
    _write(inventory / "group_vars" / "all.yml", "level: all\nfrom_all: yes-all\n")
    _write(inventory / "group_vars" / "web.yml", "level: web\nrole_name: web\n")
    _write(inventory / "group_vars" / "db.yml", "level: db\nrole_name: db\n")
    _write(inventory / "host_vars" / "w1.yml", "level: w1\n")
    return inventory


@pytest.mark.ansible
def test_ansible_precedence_and_the_host_chosen(tmp_path: Path) -> None:
    need_ansible()
    inventory = str(_precedence_inventory(tmp_path))
    _book(
        tmp_path,
        [
            ["fake", "{{ level }}/{{ role_name }}/{{ inventory_hostname }}"],
            ["state", "{{ from_all }}"],
        ],
    )

    def filled(*args: str) -> Dict[str, str]:
        result = _compile(tmp_path, "-i", inventory, *args)
        assert result.returncode in (0, 2), result.stderr  # 2: no fencing, a warning
        return _instance((tmp_path / "book.xml").read_bytes(), "d")

    # host_vars win over group_vars, which win over the inventory's own all:vars
    assert filled("--host", "w1") == {"fake": "w1/web/w1", "state": "yes-all"}
    assert filled("--host", "w2")["fake"] == "web/web/w2"
    assert filled("--limit", "db")["fake"] == "db/db/d1"
    # --vars and --var win over the inventory, as extra vars win in a play
    (tmp_path / "vars.yml").write_text("level: file\n")
    assert filled("--host", "w1", "--vars", "vars.yml")["fake"] == "file/web/w1"
    assert (
        filled("--host", "w1", "--vars", "vars.yml", "--var", "level=cli")["fake"] == "cli/web/w1"
    )


@pytest.mark.ansible
def test_a_host_that_cannot_be_chosen_is_a_located_error(tmp_path: Path) -> None:
    need_ansible()
    inventory = str(_precedence_inventory(tmp_path))
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]])
    cases = [
        ([], "PG956", "web: w1"),
        (["--host", "x9"], "PG954", "w1, w2, d1, d2"),
        (["--limit", "cache"], "PG955", "'cache'"),
        (["--limit", "db", "--host", "w1"], "PG958", "'db'"),
    ]
    for args, code, shown in cases:
        result = _compile(tmp_path, "-i", inventory, *args)
        assert result.returncode == 1, (args, result.stderr)
        line = next(line for line in result.stderr.splitlines() if code in line)
        assert line.startswith(f"{inventory}: error {code}"), line
        assert shown in line, line
        assert "Traceback" not in result.stderr
    alone = _compile(tmp_path, "--limit", "web")
    assert alone.returncode == 1 and "PG959" in alone.stderr


@pytest.mark.ansible
def test_the_default_host_is_the_first_of_the_group_holding_the_nodes(tmp_path: Path) -> None:
    need_ansible()
    inventory = tmp_path / "hosts.ini"
    inventory.write_text("[web]\nw1\n[lb]\nlb01\nlb02\n")
    node_table = ",NODE,,,\n,,uname,type,name,value\n,,lb02,attribute,site,rack-b\n"
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]], node_table)
    result = run_pcsgen(
        [
            "book.csv",
            "-i",
            "hosts.ini",
            "--corosync-conf",
            str(SAMPLES / "corosync.conf"),
            "--no-system-agents",
            "--no-additional-config",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    assert _instance((tmp_path / "book.xml").read_bytes(), "d")["fake"] == "lb01"
    # a node named by a placeholder that needs only groups (the same for every host)
    _book(
        tmp_path,
        [["fake", "{{ inventory_hostname }}"]],
        node_table.replace("lb02", "{{ groups.lb[1] }}"),
    )
    result = run_pcsgen(
        [
            "book.csv",
            "-i",
            "hosts.ini",
            "--corosync-conf",
            str(SAMPLES / "corosync.conf"),
            "--no-system-agents",
            "--no-additional-config",
        ],
        tmp_path,
    )
    assert result.returncode in (0, 2), result.stderr
    assert _instance((tmp_path / "book.xml").read_bytes(), "d")["fake"] == "lb01"
    # without a NODE table, two groups could be meant
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]])
    result = _compile(tmp_path, "-i", "hosts.ini")
    assert result.returncode == 1 and "PG956" in result.stderr, result.stderr


@pytest.mark.ansible
def test_checks_judge_the_rendered_values_and_name_the_variable(tmp_path: Path) -> None:
    need_ansible()
    inventory = tmp_path / "inventory"
    _write(inventory / "hosts.ini", "[hacluster]\nnode1\nnode2\n")
    _write(inventory / "group_vars" / "hacluster.yml", "scores: { web: 100 }\n")
    fence = (
        ",STONITH,,,,\n,P,id,type,,\n,,fence1-ipmilan,fence_ipmilan,,\n"
        ",A,type,name,value,\n,,options,pcmk_host_list,{{ groups.hacluster[0] }},\n"
        ",,,ip,192.0.2.1,\n,,,username,admin,\n,,,password,pw,\n"
        ",LOCATION_NODE,,,,\n,,rsc,prefers/avoids,node,score\n"
        ",,d,prefers,{{ groups.hacluster[1] }},{{ scores.web }}\n"
        ",,d,avoids,{{ groups.hacluster[0] }},100\n"
    )
    _book(tmp_path, [["fake", "1"]], fence, "fence1-ipmilan")

    def lint() -> List[str]:
        result = run_pcsgen(
            ["lint", "book.csv", "-i", "inventory", "--corosync-conf", "", "--no-system-agents"],
            tmp_path,
        )
        assert "Traceback" not in result.stderr
        return result.stderr.splitlines()

    lines = lint()
    # the fence check saw node1, not the text of the placeholder
    assert any("PG405" in line and "'node1'" in line for line in lines), lines
    assert not any("'{{" in line for line in lines), lines
    _write(inventory / "group_vars" / "hacluster.yml", "scores: { web: lots }\n")
    lines = lint()
    refused = [line for line in lines if "PG203" in line]
    assert refused and "'lots'" in refused[0], lines
    cell = refused[0].split(": ", 1)[0]
    assert any(
        line.startswith(cell) and "PG615" in line and "{{ scores }}" in line for line in lines
    ), lines


# --- a hostile inventory ---------------------------------------------------------------

SCRIPT = '#!/bin/sh\ntouch {marker}\necho \'{{"all": {{"hosts": ["x"]}}}}\'\n'


@pytest.mark.ansible
def test_an_inventory_script_is_never_run(tmp_path: Path) -> None:
    need_ansible()
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]])
    marker = tmp_path / "ran"
    script = _write(tmp_path / "inventory.sh", SCRIPT.format(marker=marker))
    script.chmod(0o755)
    result = _compile(tmp_path, "-i", "inventory.sh")
    assert result.returncode == 1
    assert "inventory.sh: error PG952" in result.stderr, result.stderr
    # in a folder too, and not executable: read as text (it is no INI), never run
    folder = tmp_path / "folder"
    _write(folder / "inventory.sh", SCRIPT.format(marker=marker)).chmod(0o755)
    result = _compile(tmp_path, "-i", "folder")
    assert result.returncode == 1 and "PG952" in result.stderr, result.stderr
    script.chmod(0o644)
    result = _compile(tmp_path, "-i", "inventory.sh")
    assert result.returncode == 1 and "inventory.sh: error PG951" in result.stderr
    assert not marker.exists()
    assert "Traceback" not in result.stderr


VARS_PLUGIN = """\
import pathlib
from ansible.plugins.vars import BaseVarsPlugin
pathlib.Path({marker!r}).write_text("ran")
class VarsModule(BaseVarsPlugin):
    def get_vars(self, loader, path, entities, cache=True):
        return {{"planted": "by a plugin"}}
"""


@pytest.mark.ansible
def test_an_ansible_cfg_beside_the_inventory_brings_no_plugin(tmp_path: Path) -> None:
    need_ansible()
    marker = tmp_path / "ran"
    _write(tmp_path / "plugins" / "planted.py", VARS_PLUGIN.format(marker=str(marker)))
    _write(
        tmp_path / "ansible.cfg",
        f"[defaults]\nvars_plugins = {tmp_path / 'plugins'}\n"
        "[inventory]\nenable_plugins = script, ini\n",
    )
    _write(tmp_path / "hosts.ini", "[g]\nh1\n")
    _book(tmp_path, [["fake", "{{ planted | default('none') }}"]])
    result = _compile(tmp_path, "-i", "hosts.ini")
    assert result.returncode in (0, 2), result.stderr
    assert _instance((tmp_path / "book.xml").read_bytes(), "d")["fake"] == "none"
    assert not marker.exists()


@pytest.mark.ansible
def test_hostile_values_are_refused_at_the_inventory(tmp_path: Path) -> None:
    need_ansible()
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]])
    inventory = tmp_path / "inventory"
    _write(inventory / "hosts.ini", "[g]\nh1\n")
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    _write(inventory / "group_vars" / "g.yml", laughs)
    result = _compile(tmp_path, "-i", "inventory")
    assert result.returncode == 1
    assert "PG957" in result.stderr and "200000 items" in result.stderr, result.stderr
    # Ansible's lookups do not exist in pcsgen's sandbox: a value asking for one runs nothing
    marker = tmp_path / "piped"
    _write(
        inventory / "group_vars" / "g.yml", f"cmd: \"{{{{ lookup('pipe', 'touch {marker}') }}}}\"\n"
    )
    _book(tmp_path, [["fake", "{{ cmd }}"]])
    result = _compile(tmp_path, "-i", "inventory")
    assert result.returncode == 1 and "PG605" in result.stderr, result.stderr
    assert not marker.exists()
    _write(inventory / "group_vars" / "g.yml", "big: '" + "x" * (2 * 1024 * 1024) + "'\n")
    result = _compile(tmp_path, "-i", "inventory")
    assert result.returncode == 1
    assert "g.yml: error PG953" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.ansible
def test_hosts_and_their_values_are_bounded_as_a_whole(tmp_path: Path) -> None:
    """One INI line names 10,001 hosts, and a group's value is copied into every host
    of `hostvars`: both are refused quickly, not read for minutes into gigabytes."""
    need_ansible()
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]])
    inventory = tmp_path / "inventory"
    _write(inventory / "hosts.ini", "[g]\nh1\n[other]\nh[00000:09999]\n")
    result = _compile(tmp_path, "-i", "inventory", "--host", "h1")
    assert result.returncode == 1, result.stderr
    assert "PG953" in result.stderr and "10000 hosts" in result.stderr, result.stderr
    # 188,888 items a host, under the bound of one value; six hosts hold 1,133,328
    _write(inventory / "hosts.ini", "[g]\nh[1:6]\n")
    _write(
        inventory / "group_vars" / "g.yml",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [" + ", ".join(["*d"] * 17) + "]\n",
    )
    result = _compile(tmp_path, "-i", "inventory", "--host", "h1")
    assert result.returncode == 1, result.stderr
    assert "PG953" in result.stderr and "1000000 items" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "book.xml").exists()


@pytest.mark.ansible
def test_a_fifo_a_device_or_a_linked_folder_in_the_inventory_is_bounded(tmp_path: Path) -> None:
    """Ansible would wait on a FIFO for ever, read a device without end, and read the
    files of a linked folder the bounds did not count."""
    need_ansible()
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]])
    inventory = tmp_path / "inventory"
    _write(inventory / "hosts.ini", "[g]\nh1\n")
    (inventory / "group_vars").mkdir()
    os.mkfifo(inventory / "group_vars" / "g.yml")
    result = _compile(tmp_path, "-i", "inventory")
    assert result.returncode == 1, result.stderr
    assert "group_vars/g.yml: error PG951" in result.stderr, result.stderr
    assert "not a regular file" in result.stderr
    (inventory / "group_vars" / "g.yml").unlink()
    (inventory / "host_vars").mkdir()
    (inventory / "host_vars" / "h1.yml").symlink_to("/dev/zero")
    result = _compile(tmp_path, "-i", "inventory")
    assert result.returncode == 1 and "host_vars/h1.yml: error PG951" in result.stderr
    (inventory / "host_vars" / "h1.yml").unlink()
    elsewhere = tmp_path / "elsewhere"
    for index in range(20):
        _write(elsewhere / f"v{index}.yml", f"v{index}: '" + "x" * 900_000 + "'\n")
    (inventory / "group_vars" / "g").symlink_to(elsewhere)
    result = _compile(tmp_path, "-i", "inventory")
    assert result.returncode == 1 and "PG953" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "book.xml").exists()


def test_a_value_shared_by_many_is_walked_once_for_secrets() -> None:
    """Every host's `hostvars` entry holds the same `groups`: finding the secrets walks
    it once, not once a host (10,000 hosts would make 10^8 steps)."""
    from pcsgen.compiler.variables.sources import secret_strings, strings_in

    names = [f"h{index}" for index in range(20_000)]
    shared = {"all": names, "password": "s3cret"}
    hostvars = {name: {"groups": shared} for name in names}
    assert secret_strings(hostvars, False) == {"s3cret"}
    assert set(strings_in(hostvars)) == set(names) | {"s3cret"}
    assert secret_strings(hostvars, True) == set(names) | {"s3cret"}


@pytest.mark.ansible
def test_a_vaulted_value_is_refused_without_a_prompt(tmp_path: Path) -> None:
    need_ansible()
    from ansible.parsing.vault import VaultLib, VaultSecret

    vault = VaultLib([("default", VaultSecret(b"the-vault-password"))])
    encrypted = vault.encrypt("hunter2-vaulted").decode()
    inventory = tmp_path / "inventory"
    _write(inventory / "hosts.ini", "[g]\nh1\n")
    _write(
        inventory / "group_vars" / "g.yml",
        "ipmi_password: !vault |\n" + "".join(f"  {line}\n" for line in encrypted.splitlines()),
    )
    _book(tmp_path, [["fake", "{{ inventory_hostname }}"]])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pcsgen",
            "book.csv",
            "-i",
            "inventory",
            "--corosync-conf",
            "",
            "--no-system-agents",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "PG957" in result.stderr or "PG951" in result.stderr, result.stderr
    assert "hunter2-vaulted" not in result.stderr
    assert "Traceback" not in result.stderr


def test_without_ansible_core_the_inventory_says_how_to_install_it(tmp_path: Path) -> None:
    _book(tmp_path, [["fake", "1"]])
    (tmp_path / "hosts.ini").write_text("[g]\nh1\n")
    blocked = (
        "import sys; sys.modules['ansible'] = None; sys.argv[0] = 'pcsgen'; "
        "from pcsgen.cli import main; main(sys.argv[1:])"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            blocked,
            "lint",
            "book.csv",
            "-i",
            "hosts.ini",
            "--corosync-conf",
            "",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "PG950" in result.stderr and "pip install 'pcsgen[ansible]'" in result.stderr, (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_variables_a_caller_gives_are_checked_as_a_vars_file(tmp_path: Path) -> None:
    from pcsgen import api

    book = str(_book(tmp_path, [["fake", "{{ app.state }}"], ["state", "{{ level }}"]]))
    options = api.Options(
        corosync_conf=None, system_agents=False, values={"app": {"state": "/run/x"}, "level": 3}
    )
    compiled = api.compile_definition(book, options=options)
    assert _instance(compiled.cib.encode(), "d") == {"fake": "/run/x", "state": "3"}
    # --var still wins, as extra vars do
    wins = api.compile_definition(book, options=options._replace(variables=["level=9"]))
    assert _instance(wins.cib.encode(), "d")["state"] == "9"
    for values, reason in (
        ({"my-var": 1}, "not a valid variable name"),
        ({"deep": _nested(80)}, "nested more than 64 levels"),
    ):
        diagnostics = api.lint(book, options=options._replace(values=values))
        found = [d for d in diagnostics if d.code == "PG960"]
        assert found and reason in str(found[0].args["reason"]), list(diagnostics)


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value
