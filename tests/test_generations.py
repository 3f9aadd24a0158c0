"""Every definition the tests compile, compiled for every target, is built offline by
that target's own generation (`sh NAME.sh --empty` with its pcs, where no agent is
installed but what Debian ships) into the CIB pcsgen wrote, and that generation's
crm_verify accepts pcsgen's CIB.

The generations are real: this machine's pcs and Pacemaker for its own (Debian
bookworm: rhel9), and roots of the other Debian releases for the others (see
generation_of in tests/helpers). The cells run two at a time: each script runs pcs dozens
of times."""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Dict, List, NamedTuple, Optional

import pytest

from pcsgen.generations import oracle_target, target_names
from tests.definitions import minimal, primitive, stonith, write_csv
from tests.helpers import (
    REFERENCE_SHEETS,
    SAMPLES,
    WORKBOOK,
    assert_same_cib,
    generation_of,
    need_reference,
    run_pcsgen,
)


def _agent_classes() -> Dict[str, object]:
    """Agents whose metadata Pacemaker generates (systemd, service, lsb) and agents no
    machine has installed, in the commands that read metadata (clone, promotable,
    meta), with content that needs a newer schema than pacemaker-3.0."""
    return {
        "name": "classes",
        "tables": [
            {
                "table": "PROPERTY",
                "rows": [
                    {"name": "stonith-enabled", "value": "true"},
                    {"name": "priority-fencing-delay", "value": "10s"},
                ],
            },
            {
                "table": "RESOURCES",
                "rows": [
                    {"depth": 0, "kind": "Primitive", "id": "web"},
                    {"depth": 0, "kind": "Primitive", "id": "chrony"},
                    {"depth": 0, "kind": "Primitive", "id": "initd"},
                    {"depth": 0, "kind": "Promotable", "id": "db-clone"},
                    {"depth": 1, "kind": "Primitive", "id": "db"},
                    {"depth": 0, "kind": "Clone", "id": "widget-clone"},
                    {"depth": 1, "kind": "Group", "id": "widget-group"},
                    {"depth": 2, "kind": "Primitive", "id": "widget"},
                    {"depth": 2, "kind": "Primitive", "id": "web2"},
                    {"depth": 0, "kind": "Stonith", "id": "fence1"},
                ],
            },
            primitive("web", "systemd:nginx", [], []),
            primitive(
                "chrony",
                "service:chronyd",
                [],
                [{"type": "monitor", "interval": "30s", "timeout": "40s"}],
            ),
            primitive("initd", "lsb:example-init", [], []),
            primitive(
                "db",
                "ocf:linuxhajp:pgsql",
                [["pgctl", "/usr/bin/pg_ctl"]],
                [
                    {"type": "start", "timeout": "300s", "on-fail": "restart"},
                    {"type": "monitor", "interval": "10s", "timeout": "60s", "on-fail": "restart"},
                    {
                        "type": "monitor",
                        "interval": "9s",
                        "timeout": "60s",
                        "on-fail": "restart",
                        "role": "Promoted",
                    },
                    {"type": "promote", "timeout": "300s", "on-fail": "demote"},
                    {"type": "stop", "timeout": "300s", "on-fail": "fence"},
                ],
            ),
            primitive("widget", "ocf:example:widget", [["size", "3"]], []),
            primitive(
                "web2",
                "systemd:httpd",
                [],
                [{"type": "monitor", "interval": "20s", "timeout": "30s"}],
            ),
            stonith(
                "fence1",
                "fence_ipmilan",
                [["ip", "192.0.2.1"], ["username", "admin"], ["password_script", "/bin/true"]],
            ),
            {
                "table": "RSC_ATTRIBUTES",
                "rows": [
                    {"id": "db-clone", "name": "promoted-max", "value": "1"},
                    {"id": "db-clone", "name": "notify", "value": "true"},
                    {"id": "widget-clone", "name": "interleave", "value": "true"},
                ],
            },
            {
                "table": "LOCATION_RULE",
                "rows": [
                    {
                        "rsc": "db-clone",
                        "score": "-INFINITY",
                        "attribute": "default_ping_set",
                        "op": "lt",
                        "value": "100",
                        "role": "Promoted",
                    }
                ],
            },
            {
                "table": "COLOCATION",
                "rows": [
                    {
                        "rsc": "web",
                        "with-rsc": "db-clone",
                        "score": "INFINITY",
                        "with-rsc-role": "Promoted",
                    }
                ],
            },
            {
                "table": "ORDER",
                "rows": [
                    {
                        "first-rsc": "db-clone",
                        "then-rsc": "web",
                        "first-action": "promote",
                        "then-action": "start",
                        "symmetrical": "false",
                    }
                ],
            },
        ],
    }


class Definition(NamedTuple):
    name: str
    # writes what it needs into the directory; returns pcsgen's arguments
    prepare: Callable[[Path], List[str]]
    needs_reference: bool = False


def _sheet(sheet: str) -> Definition:
    short = sheet.rsplit("~", 1)[1]
    return Definition(short, lambda d: [f"{WORKBOOK}:{sheet}", "--corosync-conf", ""], True)


def _written(name: str, document: Callable[[], Dict[str, object]]) -> Definition:
    def prepare(directory: Path) -> List[str]:
        write_csv(document(), directory / f"{name}.csv")  # type: ignore[arg-type]
        return [f"{name}.csv", "--corosync-conf", ""]

    return Definition(name, prepare)


DEFINITIONS: List[Definition] = [
    *(_sheet(sheet) for sheet in REFERENCE_SHEETS),
    Definition(
        "haproxy-lb",
        lambda d: [
            str(SAMPLES / "haproxy-lb.xlsx"),
            "--corosync-conf",
            str(SAMPLES / "corosync.conf"),
        ],
    ),
    Definition(
        "haproxy-lb-vars",
        lambda d: [
            str(SAMPLES / "haproxy-lb-vars.xlsx"),
            "--corosync-conf",
            str(SAMPLES / "corosync.conf"),
            "--vars",
            str(SAMPLES / "vars" / "staging.json"),
        ],
    ),
    Definition("dummy-lab", lambda d: [str(SAMPLES / "dummy-lab.xlsx"), "--corosync-conf", ""]),
    _written("minimal", minimal),
    _written("classes", _agent_classes),
]


def _release(name: str) -> Optional[int]:
    """The RHEL release a reference sheet was written for (its name says), else None."""
    return int(name.rsplit("_RHEL", 1)[1]) if "_RHEL" in name else None


def _older(target: str, name: str) -> bool:
    """A reference sheet for a newer release than TARGET: the RHEL 10 sheets give
    storage-mon a parameter (daemonize) that earlier releases' agent lacks, which their
    pcs refuses (PG410; test_a_newer_sheet_is_refused_for_an_older_target)."""
    release = _release(name)
    return release is not None and int(target.replace("rhel", "")) < release


CELLS = [
    f"{target}:{definition.name}"
    for target in target_names()
    for definition in DEFINITIONS
    if not _older(target, definition.name)
]


class Outcome(NamedTuple):
    compiled: Optional[bytes] = None
    built: Optional[bytes] = None
    verify: List[str] = []
    failure: Optional[str] = None


def _run_cell(cell: str) -> Outcome:
    target, name = cell.split(":", 1)
    definition = next(d for d in DEFINITIONS if d.name == name)
    generation = generation_of(target)
    directory = Path(tempfile.mkdtemp(prefix="pcsgen-matrix-"))
    try:
        args = definition.prepare(directory)
        # the oracle's own minor: its pcs builds what pcsgen writes
        result = run_pcsgen(
            [*args, "--target", oracle_target(target), "--xml", "cell.xml", "--sh", "cell.sh"],
            directory,
        )
        if result.returncode not in (0, 2):
            return Outcome(failure=f"compile failed:\n{result.stderr}")
        compiled = (directory / "cell.xml").read_bytes()
        try:
            built = generation.build(directory / "cell.sh")
        except AssertionError as exc:
            return Outcome(compiled, failure=str(exc))
        return Outcome(compiled, built, generation.verify(directory / "cell.xml"))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest) -> Dict[str, Outcome]:
    """The cells the session selected, built two at a time."""
    wanted = [
        item.callspec.params["cell"]
        for item in request.session.items
        if item.module is request.module
        and hasattr(item, "callspec")
        and "cell" in item.callspec.params
    ]
    runnable = []
    for cell in wanted:
        target, name = cell.split(":", 1)
        definition = next(d for d in DEFINITIONS if d.name == name)
        if definition.needs_reference and not WORKBOOK.exists():
            continue
        try:
            generation_of(target)
        except BaseException:  # skipped (or failed) again in the test itself
            continue
        runnable.append(cell)
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(runnable, pool.map(_run_cell, runnable)))


@pytest.mark.parametrize("cell", CELLS)
def test_generation_builds_and_verifies(cell: str, outcomes: Dict[str, Outcome]) -> None:
    target, name = cell.split(":", 1)
    if next(d for d in DEFINITIONS if d.name == name).needs_reference:
        need_reference()
    generation_of(target)
    outcome = outcomes[cell]
    assert outcome.failure is None, outcome.failure
    assert outcome.compiled is not None and outcome.built is not None
    assert_same_cib(outcome.compiled, outcome.built)
    assert not outcome.verify, f"{target}'s crm_verify rejected the CIB:\n" + "\n".join(
        outcome.verify
    )


# --- the operations pcs copies from the agents' metadata, per generation ---------------
DEFAULTS_AGENTS = [
    ("vip", "ocf:heartbeat:IPaddr2", [["ip", "192.0.2.10"]]),
    ("dummy", "ocf:heartbeat:Dummy", []),
    ("stateful", "ocf:pacemaker:Stateful", []),
    ("ping", "ocf:pacemaker:ping", [["host_list", "192.0.2.1"]]),
    (
        "fs",
        "ocf:heartbeat:Filesystem",
        [["device", "/dev/sdb1"], ["directory", "/srv"], ["fstype", "xfs"]],
    ),
    ("mon", "ocf:heartbeat:storage-mon", [["drives", "/dev/sda"]]),
    (
        "fence1",
        "stonith:fence_ipmilan",
        [["ip", "192.0.2.1"], ["username", "admin"], ["password", "secret"]],
    ),
]


def _defaults_document(ids: List[str]) -> Dict[str, object]:
    tables: List[Dict[str, object]] = [
        {
            "table": "RESOURCES",
            "rows": [
                {
                    "depth": 0,
                    "kind": "Stonith" if agent.startswith("stonith:") else "Primitive",
                    "id": rid,
                }
                for rid, agent, _ in DEFAULTS_AGENTS
                if rid in ids
            ],
        }
    ]
    for rid, agent, options in DEFAULTS_AGENTS:
        if rid not in ids:
            continue
        if agent.startswith("stonith:"):
            table = stonith(rid, agent.split(":", 1)[1], options)
            table["O"] = []
        else:
            table = primitive(rid, agent, options, [])
        tables.append(table)
    return {"name": "defaults", "tables": tables}


@pytest.mark.parametrize("target", target_names())
def test_default_operations_are_what_each_pcs_copies(target: str, tmp_path: Path) -> None:
    """`pcs resource create` / `stonith create` with no operation, by the generation's own
    pcs with its own agents, against pcsgen compiling the same for that target from its
    catalogue alone (--no-system-agents): the same operations, ids and values."""
    generation = generation_of(target)
    lines = ["cibadmin --empty > pcs.xml"]
    for rid, agent, options in DEFAULTS_AGENTS:
        kind = "stonith" if agent.startswith("stonith:") else "resource"
        spec = agent.split(":", 1)[1] if kind == "stonith" else agent
        words = " ".join(f"{name}={value}" for name, value in options)
        # an agent this generation lacks is left out, and said so
        lines.append(
            f"pcs -f pcs.xml {kind} create {rid} {spec} {words} >/dev/null 2>&1 "
            f"|| echo {rid} >> missing.txt"
        )
    result, produced = generation.run("; ".join(lines), [])
    assert result.returncode == 0, result.stderr
    missing = produced.get("missing.txt", b"").decode().split()
    assert "vip" not in missing and "fence1" not in missing, missing
    present = [rid for rid, _, _ in DEFAULTS_AGENTS if rid not in missing]
    write_csv(_defaults_document(present), tmp_path / "defaults.csv")  # type: ignore[arg-type]
    compiled = run_pcsgen(
        [
            "defaults.csv",
            "--target",
            oracle_target(target),
            "--corosync-conf",
            "",
            "--no-system-agents",
        ],
        tmp_path,
    )
    assert compiled.returncode in (0, 2), compiled.stderr
    assert_same_cib(produced["pcs.xml"], (tmp_path / "defaults.xml").read_bytes())


def test_a_newer_sheet_is_refused_for_an_older_target(tmp_path: Path) -> None:
    need_reference()
    sheet = next(s for s in REFERENCE_SHEETS if s.endswith("pgsql-ipmi_RHEL10"))
    result = run_pcsgen(
        [f"{WORKBOOK}:{sheet}", "--corosync-conf", "", "--target", "rhel8", "--no-system-agents"],
        tmp_path,
    )
    assert result.returncode == 1
    assert "PG410" in result.stderr and "'daemonize'" in result.stderr
    assert list(tmp_path.iterdir()) == []
