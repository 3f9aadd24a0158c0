"""The collection pcsgen.cluster, built by ansible-galaxy and installed from its tarball,
run by ansible-playbook (connection local) against a CIB kept in a file (CIB_file, as
tests/test_live.py makes it: never a running cluster): the first run changes, the
second is ok, check mode changes nothing, diff mode shows the change without secrets,
and a CIB that moved since the plan fails the task."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest
from lxml import etree

from tests.helpers import IN_CI, ROOT, SAMPLES
from tests.test_inventory import SAMPLE_PASSWORD, need_ansible
from tests.test_live import PrivateCib, private_cib

pytestmark = pytest.mark.ansible

COLLECTION = ROOT / "ansible" / "collections" / "ansible_collections" / "pcsgen" / "cluster"
SAMPLE = SAMPLES / "ansible"
TASK = "Compile, plan and apply the definition"


def _tool(name: str) -> str:
    """An ansible-core command: beside this Python (a venv), else on PATH."""
    need_ansible()
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI's newest run")
        pytest.skip(f"{name} is not installed")
    return found


def _environment(workdir: Path, collections: Path) -> dict[str, str]:
    (workdir / "ansible.cfg").write_text("")
    path = os.environ.get("PYTHONPATH")
    return dict(
        os.environ,
        ANSIBLE_CONFIG=str(workdir / "ansible.cfg"),
        ANSIBLE_COLLECTIONS_PATH=str(collections),
        ANSIBLE_HOME=str(workdir / ".ansible"),
        ANSIBLE_LOCAL_TEMP=str(workdir / ".ansible" / "tmp"),
        ANSIBLE_REMOTE_TEMP=str(workdir / ".ansible" / "remote"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        PCSGEN_CACHE_DIR=str(workdir / ".cache"),
        # the module imports this pcsgen on the "node"
        PYTHONPATH=f"{ROOT}{os.pathsep}{path}" if path else str(ROOT),
    )


@pytest.fixture(scope="module")
def collections(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection built into a tarball and installed from it."""
    galaxy = _tool("ansible-galaxy")
    work = tmp_path_factory.mktemp("galaxy")
    env = _environment(work, work / "collections")
    built = subprocess.run(
        [galaxy, "collection", "build", str(COLLECTION), "--output-path", str(work)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    tarballs = list(work.glob("pcsgen-cluster-*.tar.gz"))
    assert len(tarballs) == 1
    installed = subprocess.run(
        [galaxy, "collection", "install", str(tarballs[0]), "-p", str(work / "collections")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    module = (
        work
        / "collections"
        / "ansible_collections"
        / "pcsgen"
        / "cluster"
        / "plugins"
        / "modules"
        / "definition.py"
    )
    assert module.exists()
    return work / "collections"


@pytest.fixture
def cib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PrivateCib:
    return private_cib(tmp_path / "cib", monkeypatch)


def _play(
    workdir: Path, collections: Path, playbook: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    command = [
        _tool("ansible-playbook"),
        "-i",
        str(SAMPLE / "inventory"),
        str(playbook),
        "--limit",
        "node1",
        "-e",
        "ansible_connection=local",
        "-e",
        f"ansible_python_interpreter={sys.executable}",
        "-e",
        f"definition_dir={workdir}",
        *args,
    ]
    return subprocess.run(
        command,
        cwd=workdir,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=_environment(workdir, collections),
        timeout=600,
        check=False,
    )


def _status(output: str, task: str = TASK) -> str:
    """How TASK ended: ok, changed, fatal ..."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"TASK [{task}]"))
    for line in lines[start + 1 :]:
        found = re.match(r"(ok|changed|fatal|failed|skipping): \[node1\]", line)
        if found:
            return found.group(1)
    raise AssertionError(f"no status for {task}:\n{output}")


def _resources(cib: PrivateCib) -> List[str]:
    root = etree.fromstring(cib.path.read_bytes())
    return sorted(e.get("id", "") for e in root.iterfind("configuration/resources/*"))


def test_a_playbook_plans_applies_and_is_idempotent(
    cib: PrivateCib, collections: Path, tmp_path: Path
) -> None:
    playbook = SAMPLE / "site.yml"
    empty = cib.path.read_bytes()

    checked = _play(tmp_path, collections, playbook, "--check", "--diff")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert _status(checked.stdout) == "changed"
    assert "+ resources/fence-1: primitive fence-1" in checked.stdout
    assert cib.path.read_bytes() == empty  # check mode pushed nothing
    assert not list(tmp_path.glob("cluster.live-*.xml"))

    first = _play(tmp_path, collections, playbook)
    assert first.returncode == 0, first.stdout + first.stderr
    assert _status(first.stdout) == "changed"
    assert _resources(cib) == ["app-group", "fence-1", "fence-2", "ping-clone"]
    assert SAMPLE_PASSWORD.encode() in cib.path.read_bytes()  # pushed for real

    second = _play(tmp_path, collections, playbook)
    assert second.returncode == 0, second.stdout + second.stderr
    assert _status(second.stdout) == "ok"
    assert re.search(r"node1\s*: ok=2\s+changed=0", second.stdout), second.stdout

    changed = _play(
        tmp_path, collections, playbook, "--diff", "-e", "ipmi_password=second-secret-pw"
    )
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert _status(changed.stdout) == "changed"
    assert "~ resources/fence-1/instance/password: (secret) changed" in changed.stdout
    for run in (checked, first, second, changed):
        for secret in (SAMPLE_PASSWORD, "second-secret-pw"):
            assert secret not in run.stdout + run.stderr
    assert b"second-secret-pw" in cib.path.read_bytes()
    backups = sorted(tmp_path.glob("cluster.live-*.xml"))
    assert len(backups) == 2  # one per push, beside the definition
    latest = max(backups, key=lambda p: p.stat().st_mtime)
    assert SAMPLE_PASSWORD.encode() in latest.read_bytes()  # restores the real value
    assert latest.stat().st_mode & 0o777 == 0o600


MOVED = """\
- name: A plan, then a CIB that moves on before the push
  hosts: hacluster
  gather_facts: false
  vars:
    arguments: &arguments
      src: "{definition}"
      variables:
        ipaddr: "{{{{ ipaddr }}}}"
        svlan: "{{{{ svlan }}}}"
        app_state: "{{{{ app_state }}}}"
        ipmi: "{{{{ ipmi }}}}"
        groups: "{{{{ groups }}}}"
        hostvars: "{{{{ hostvars }}}}"
      secrets:
        ipmi_password: "{{{{ ipmi_password }}}}"
  tasks:
    - name: Plan
      pcsgen.cluster.definition: *arguments
      check_mode: true
      register: planned
    - name: Someone changes the cluster
      ansible.builtin.command: crm_attribute --type crm_config --name batch-limit --update 7
      changed_when: true
    - name: Apply what was planned
      pcsgen.cluster.definition:
        <<: *arguments
        plan_epoch: "{{{{ planned.epoch }}}}"
"""


def test_a_cib_that_moved_since_the_plan_fails_the_task(
    cib: PrivateCib, collections: Path, tmp_path: Path
) -> None:
    definition = tmp_path / "cluster.csv"
    shutil.copy(SAMPLE / "cluster.csv", definition)
    playbook = tmp_path / "moved.yml"
    playbook.write_text(MOVED.format(definition=definition))
    result = _play(tmp_path, collections, playbook)
    assert result.returncode != 0
    assert _status(result.stdout, "Plan") == "changed"
    assert _status(result.stdout, "Apply what was planned") == "fatal"
    assert "PG803" in result.stdout, result.stdout
    assert _resources(cib) == []  # nothing pushed
    assert not list(tmp_path.glob("cluster.live-*.xml"))
