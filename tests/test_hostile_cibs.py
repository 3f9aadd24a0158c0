"""Small inputs that Pacemaker accepts and that once made pcsgen hang or exhaust memory
(issue 24): each command ends, within a memory bound, with its result or a located
error; never a traceback. Speed and memory budgets are measured in benchmarks/run.py;
here only the behaviour is asserted (with generous bounds, so a slow machine passes)."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import Callable, List, Optional

import pytest

from benchmarks import hostile
from tests.helpers import need_tool

TIMEOUT = 60  # seconds: far above the budget (30 s), far below a hang
MEMORY = 2 * 1024**3  # bytes of address space: far above the budget (1 GB)
OFFLINE = ["--corosync-conf", "", "--no-system-agents"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_bounded(args: List[str], cwd: Path, path: str = "") -> subprocess.CompletedProcess[str]:
    """pcsgen ARGS in a child process bounded in time and memory; the test fails, instead
    of hanging or swapping, when either runs out."""
    environment = dict(os.environ, PCSGEN_CACHE_DIR=str(cwd / ".cache"))
    environment.pop("LANG", None)
    environment.pop("LC_ALL", None)
    if path:
        environment["PATH"] = path + os.pathsep + environment.get("PATH", "")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pcsgen", *args],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=TIMEOUT,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"pcsgen {' '.join(args)} did not finish within {TIMEOUT} s")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "PG507" not in result.stderr, result.stderr[-3000:]
    return result


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    (tmp_path / name).write_bytes(data)
    return name


# -- rules that hold rules: the expanded size is bounded ----------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: hostile.nested_rules(30),  # each rule holds the next inline and by id-ref
        lambda: hostile.nested_rules(20, refs=2),  # and twice by id-ref: 3 ** 20
    ],
    ids=["twice", "thrice"],
)
def test_rules_holding_rules_many_times_are_not_read(
    make: Callable[[], bytes], tmp_path: Path
) -> None:
    cib = _write(tmp_path, "rules.xml", make())
    assert run_bounded(["diff", cib, cib], tmp_path).returncode == 0
    imported = run_bounded(["import", cib, "-o", "out.csv"], tmp_path)
    assert imported.returncode == 2
    assert re.search(r"rules\.xml!\d+: warning PG704: .*'r1'", imported.stderr)
    for command in (
        ["graph", cib, "-o", "out.dot"],
        ["report", cib, "-o", "out.html", "--no-simulate"],
    ):
        assert run_bounded(command, tmp_path).returncode in (0, 2), command


# -- tags, templates and id-refs that stand for too much: a located error ------------------


@pytest.mark.parametrize(
    "make,element",
    [
        (lambda: hostile.wide_tag(), "rsc_colocation"),  # a tag of 15,000 members, 200 times
        (lambda: hostile.wide_tag(name="tp"), "rsc_colocation"),  # a template's primitives
        (lambda: hostile.shared_block(), "meta_attributes"),  # one block shared 5,000 times
        (lambda: hostile.shared_role(), "role"),  # one ACL role given to 8,000 users
    ],
    ids=["tag", "template", "id-ref", "acl-role"],
)
def test_expansions_past_the_budget_stop_at_their_element(
    make: Callable[[], bytes], element: str, tmp_path: Path
) -> None:
    cib = _write(tmp_path, "wide.xml", make())
    located = re.compile(rf"wide\.xml!\d+: error PG707: the <{element}> ")
    compared = run_bounded(["diff", cib, cib], tmp_path)
    assert compared.returncode not in (0, 1)  # neither equal nor different: trouble
    assert located.search(compared.stderr), compared.stderr[-2000:]
    if element == "role":
        # import keeps a role a role (pcs acl role create, then assign): nothing expands
        imported = run_bounded(["import", cib, "-o", "out.csv"], tmp_path)
        assert imported.returncode == 2 and "PG707" not in imported.stderr
        return
    for command, output in (
        (["import", cib, "-o", "out.csv"], "out.csv"),
        (["graph", cib, "-o", "out.dot"], "out.dot"),
        (["report", cib, "-o", "out.html", "--no-simulate"], "out.html"),
    ):
        result = run_bounded(command, tmp_path)
        assert result.returncode == 1, command
        assert located.search(result.stderr), (command, result.stderr[-2000:])
        assert not (tmp_path / output).exists(), command


# -- duplicates: linear, not quadratic ---------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [hostile.duplicate_colocations, hostile.duplicate_templates],
    ids=["colocations", "templates"],
)
def test_thousands_of_duplicates_are_compared_and_imported(
    make: Callable[[], bytes], tmp_path: Path
) -> None:
    cib = _write(tmp_path, "dup.xml", make())
    empty = _write(tmp_path, "empty.xml", hostile._cib())
    compared = run_bounded(["diff", cib, empty], tmp_path)
    assert compared.returncode == 1 and compared.stdout
    assert run_bounded(["import", cib, "-o", "out.csv"], tmp_path).returncode == 2
    assert (tmp_path / "out.csv").exists()


def test_duplicate_constraints_are_numbered_as_before(tmp_path: Path) -> None:
    from pcsgen.cib.canonical import canonical, parse_cib

    form = canonical(parse_cib(hostile.duplicate_colocations(3)))
    assert sorted(form["constraints"]["colocations"]) == ["a with b", "a with b #2", "a with b #3"]


# -- lint: fence devices of thousands of hosts, chains of orders ---------------------------


def test_fence_devices_of_thousands_of_hosts(tmp_path: Path) -> None:
    definition = _write(tmp_path, "fence.csv", hostile.fence_hosts())
    result = run_bounded(["lint", definition, *OFFLINE], tmp_path)
    assert result.returncode == 2
    assert "warning PG405: fence device 'f3' may run on 'h3-2999'" in result.stderr


def test_long_order_chains_are_walked_without_recursion(tmp_path: Path) -> None:
    chain = _write(tmp_path, "chain.csv", hostile.order_chain())
    result = run_bounded(["lint", chain, *OFFLINE], tmp_path)
    assert result.returncode == 2 and "PG404" not in result.stderr
    loop = _write(tmp_path, "loop.csv", hostile.order_chain(loop=True))
    result = run_bounded(["lint", loop, *OFFLINE], tmp_path)
    assert result.returncode == 1
    cycles = [line for line in result.stderr.splitlines() if "error PG404" in line]
    assert len(cycles) == 1 and "p0 -> p1 -> p2" in cycles[0] and "p1199 -> p0" in cycles[0]


# -- the diagram: dense graphs, many nodes; a report keeps the rest ------------------------


@pytest.mark.parametrize(
    "make",
    [hostile.dense_colocations, hostile.fence_hosts, lambda: hostile.many_nodes(3000)],
    ids=["colocations", "hosts", "nodes"],
)
def test_dense_diagrams_are_drawn(make: Callable[[], bytes], tmp_path: Path) -> None:
    need_tool("dot")
    definition = _write(tmp_path, "dense.csv", make())
    result = run_bounded(["graph", definition, "-o", "dense.svg", *OFFLINE], tmp_path)
    assert result.returncode == 2, result.stderr[-2000:]
    assert (tmp_path / "dense.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))


def test_simplified_layouts_place_by_their_first_edges_only() -> None:
    from pcsgen.compiler.pipeline import Options
    from pcsgen.design import load
    from pcsgen.design.graph import MAX_HOSTS, RANKING_EDGES, to_dot

    def dot_of(name: str, data: bytes, directory: Path) -> str:
        (directory / name).write_bytes(data)
        design = load(str(directory / name), Options(corosync_conf="", system_agents=False))
        return to_dot(design.cluster)

    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        dense = dot_of("dense.csv", hostile.dense_colocations(), Path(directory))
        hosts = dot_of("hosts.csv", hostile.fence_hosts(), Path(directory))
    edges = [line for line in dense.splitlines() if " -> " in line]
    assert len(edges) == 1500
    assert sum('constraint="false"' not in e for e in edges) == RANKING_EDGES
    assert not any(" label=" in e for e in edges) and all("xlabel=" in e for e in edges)
    assert hosts.count('class="host"') == MAX_HOSTS + 1  # the others in one box


def test_a_report_keeps_the_rest_when_dot_fails(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "dot").write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 1\n")
    (tools / "dot").chmod(0o755)
    definition = _write(tmp_path, "dense.csv", hostile.dense_colocations(20, 3))
    result = run_bounded(
        ["report", definition, "-o", "out.html", "--no-simulate", *OFFLINE],
        tmp_path,
        path=str(tools),
    )
    assert result.returncode == 2
    assert "warning PG746: the report gives the diagram as DOT text" in result.stderr
    assert "out of memory" in result.stderr
    html = (tmp_path / "out.html").read_text()
    assert "digraph pcsgen" in html and "p19" in html


# -- simulate and report: the runs are capped ----------------------------------------------


def test_simulations_are_capped_and_the_cap_can_be_raised(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    definition = _write(tmp_path, "nodes.csv", hostile.many_nodes(12))
    capped = run_bounded(
        ["simulate", definition, "--format", "json", "--max-simulations", "4", *OFFLINE], tmp_path
    )
    assert capped.returncode == 2, capped.stderr[-2000:]
    assert (
        "warning PG831: 13 simulations were asked for and 4 at most are run: the last "
        "9 scenarios are left out; raise the limit with --max-simulations 13" in capped.stderr
    )
    assert '"crm_simulate_runs": 4' in capped.stdout
    raised = run_bounded(
        ["simulate", definition, "--format", "json", "--max-simulations", "13", *OFFLINE], tmp_path
    )
    assert "PG831" not in raised.stderr and '"crm_simulate_runs": 13' in raised.stdout
    report = run_bounded(
        ["report", definition, "-o", "out.html", "--max-simulations", "3", *OFFLINE], tmp_path
    )
    assert "warning PG831: 13 simulations were asked for and 3 at most" in report.stderr
    assert (tmp_path / "out.html").exists()


def test_the_default_cap_bounds_a_large_cluster(tmp_path: Path) -> None:
    need_tool("crm_simulate")
    definition = _write(tmp_path, "nodes.csv", hostile.many_nodes(120))
    result = run_bounded(["simulate", definition, *OFFLINE], tmp_path)
    assert result.returncode == 2
    assert re.search(r"warning PG83[12]: ", result.stderr), result.stderr[-2000:]


# -- plan and apply: the live CIB is read through the same bounds --------------------------


@pytest.mark.parametrize(
    "make,status,code",
    [
        (lambda: hostile.nested_rules(30), 0, None),
        (lambda: hostile.shared_block(), 1, "PG707"),
    ],
    ids=["rules", "id-ref"],
)
def test_a_hostile_live_cib_is_planned_and_applied_within_bounds(
    make: Callable[[], bytes], status: int, code: Optional[str], tmp_path: Path
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    live = tmp_path / "live.xml"
    live.write_bytes(make())
    calls = tmp_path / "calls"
    # a cluster of one hostile CIB: cibadmin answers every query with it, and says
    # what it was asked (a push would be a --replace)
    (tools / "cibadmin").write_text(f'#!/bin/sh\necho "$@" >> {calls}\ncat {live}\n')
    (tools / "cibadmin").chmod(0o755)
    definition = _write(tmp_path, "def.csv", hostile.order_chain(3))
    planned = run_bounded(["plan", definition, *OFFLINE], tmp_path, path=str(tools))
    assert planned.returncode in ((0, 2) if status == 0 else (1,)), planned.stderr[-2000:]
    applied = run_bounded(["apply", definition, "--yes", *OFFLINE], tmp_path, path=str(tools))
    if code is not None:
        assert re.search(rf"!\d+: error {code}: ", planned.stderr), planned.stderr[-2000:]
        assert applied.returncode == 1 and code in applied.stderr
        assert "--replace" not in calls.read_text()


# What a terminal acts on rather than shows, and XML lets a CIB hold: C1 controls (CSI,
# OSC, ST) and the marks that reorder text right to left.
HIDDEN = "\u009b2J\u009d0;owned\u009c\u202e"
ACTING = frozenset("\u009b\u009d\u009c\u202e")


def test_diff_shows_no_control_sequence_of_a_cib(tmp_path: Path) -> None:
    """`diff` (and `plan`, which prints the same lines) quotes a CIB's ids and values:
    none of their control characters or line breaks reaches the terminal as such, and
    the JSON output escapes them as JSON does, so that it still reads the same."""
    import json

    def cib(*primitives: str) -> str:
        return (
            '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">'
            "<configuration><crm_config/><nodes/><resources>"
            + "".join(primitives)
            + "</resources><constraints/></configuration><status/></cib>"
        )

    def primitive(rid: str, description: str) -> str:
        return (
            f'<primitive id="{rid}" class="ocf" provider="pacemaker" type="Dummy"'
            f' description="{description}"/>'
        )

    (tmp_path / "a.xml").write_text(cib(primitive("d1", "plain")), "utf-8")
    (tmp_path / "b.xml").write_text(
        cib(primitive("d1", f"x{HIDDEN}&#10;+ fake: line"), primitive(f"d{HIDDEN}", "y")),
        "utf-8",
    )
    text = subprocess.run(
        [sys.executable, "-m", "pcsgen", "diff", "a.xml", "b.xml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert text.returncode == 1, text.stderr
    assert not ACTING & set(text.stdout), text.stdout
    assert "\\u202e" in text.stdout and "\\x9b" in text.stdout
    assert not any(line.startswith("+ fake") for line in text.stdout.splitlines())
    as_json = subprocess.run(
        [sys.executable, "-m", "pcsgen", "diff", "a.xml", "b.xml", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert not ACTING & set(as_json.stdout), as_json.stdout
    changes = json.loads(as_json.stdout)["changes"]
    described = next(c for c in changes if c["path"] == ["resources", "d1", "description"])
    assert described["new"] == f"x{HIDDEN}\n+ fake: line"
    assert any(c["path"] == ["resources", f"d{HIDDEN}"] for c in changes)
