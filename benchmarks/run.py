"""pcsgen's speed and memory budgets, measured on whole processes side by side with the
floor (importing what pcsgen imports) in one run.

    python benchmarks/run.py            # everything (about two minutes)
    python benchmarks/run.py --quick    # skip the 10,000-primitive definitions
    python benchmarks/run.py --json out.json

Budgets (issue 6): a reference sheet at most 1.3 times the import floor (CSV and xlsx);
`pcsgen --help` at most 1.2 times importing typer; 10,000 primitives from CSV under
5 s, from xlsx under 15 s, under 500 MB; 10,000 costs at most 12 times 1,000.
`simulate --scenarios` on the reference sheet (with crm_simulate installed): its wall
time next to the number of crm_simulate runs it needed, at most 0.3 s a run.
Hostile inputs (issue 24, benchmarks/hostile.py): every command on each ends within
30 s and 1 GB, whatever its exit status (a located error is an answer too).
Shown without a budget: the reference sheet run through `pcsgen.cli.main` in a plain
interpreter (collector on, teardown kept), which is pcsgen's own import and work cost.
Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import definition  # noqa: E402
from pcsgen.workbook.writer import document_to_grid, grid_to_csv, grid_to_xlsx  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference" / "pm_pcsgen_sample.xlsx"
REFERENCE_SHEET = "環境定義書_v1.1~pgsql-ipmi_RHEL9"
PYTHON = sys.executable
FLOOR = [PYTHON, "-c", "import typer, lxml.etree, jinja2"]
FLOOR_XLSX = [PYTHON, "-c", "import typer, lxml.etree, jinja2, openpyxl"]
FLOOR_HELP = [PYTHON, "-c", "import typer"]
PCSGEN = [PYTHON, "-m", "pcsgen"]
# The same command run through cli.main in a plain interpreter: the cycle collector on
# during the imports and the interpreter's teardown at the end, both of which the
# entry point spares (shown, not budgeted: pcsgen's own import and work cost).
PCSGEN_PLAIN = [PYTHON, "-c", "import sys\nfrom pcsgen.cli import main\nmain(sys.argv[1:])"]


# A child counts, in its peak memory, the pages of the process it was forked from until
# it execs; so each measured command is started by this small launcher, not by the
# benchmark (whose definitions take a hundred megabytes), and the launcher times it.
LAUNCHER = """
import os, sys, time
devnull = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                   (os.POSIX_SPAWN_DUP2, devnull, 2)])
_pid, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(
    command: List[str], cwd: Path, env: Dict[str, str], accepted: Tuple[int, ...] = (0, 2)
) -> Tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one whole process (run in cwd)."""
    result = subprocess.run(
        [PYTHON, "-c", LAUNCHER, *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, peak, code = result.stdout.split()
    if int(code) not in accepted:
        raise SystemExit(f"failed ({code}): {' '.join(command)}")
    return float(elapsed), int(peak)


def hostile_inputs(
    results: Dict[str, Dict[str, float]], work: Path, env: Dict[str, str]
) -> List[Tuple[str, bool, str]]:
    """Each command on each hostile input once: within 30 s and 1 GB, whatever it
    answers (exit 1 with a located error is an answer; a crash, 124 or a kill is not)."""
    from benchmarks import hostile

    directory = work / "hostile"
    directory.mkdir()
    verdicts: List[Tuple[str, bool, str]] = []
    for name, args in hostile.cases(
        directory, shutil.which("dot") is not None, shutil.which("crm_simulate") is not None
    ).items():
        elapsed, peak = run_once(PCSGEN + args, directory, env, accepted=(0, 1, 2))
        results[f"hostile: {name}"] = {"seconds": elapsed, "peak_mb": peak / 1024}
        verdicts.append(
            (
                f"hostile {name} < {hostile.BUDGET_SECONDS} s, {hostile.BUDGET_MB} MB",
                elapsed < hostile.BUDGET_SECONDS and peak / 1024 < hostile.BUDGET_MB,
                f"{elapsed:.1f} s, {peak / 1024:.0f} MB",
            )
        )
    return verdicts


def side_by_side(
    commands: Dict[str, List[str]], rounds: int, cwd: Path, env: Dict[str, str]
) -> Dict[str, Dict[str, float]]:
    """Median time and peak memory of each command, run in turn round after round so
    that a slow moment of the machine hits them all alike."""
    times: Dict[str, List[float]] = {name: [] for name in commands}
    memory: Dict[str, int] = {name: 0 for name in commands}
    for command in commands.values():  # warm the caches (bytecode, agent metadata)
        run_once(command, cwd, env)
    for _ in range(rounds):
        for name, command in commands.items():
            elapsed, peak = run_once(command, cwd, env)
            times[name].append(elapsed)
            memory[name] = max(memory[name], peak)
    return {
        name: {"seconds": statistics.median(times[name]), "peak_mb": memory[name] / 1024}
        for name in commands
    }


def write_definitions(directory: Path, sizes: List[int]) -> None:
    for size in sizes:
        grid = document_to_grid(definition(size))
        (directory / f"gen{size}.csv").write_bytes(grid_to_csv(grid))
        (directory / f"gen{size}.xlsx").write_bytes(grid_to_xlsx(grid, f"gen{size}"))


def reference_csv(directory: Path) -> Optional[Path]:
    if not REFERENCE.exists():
        return None
    import csv
    import io

    from pcsgen.compiler.read.xlsx_reader import open_workbook

    with open_workbook(str(REFERENCE)) as book:
        grid = book.read_sheet(REFERENCE_SHEET)
    buffer = io.StringIO(newline="")
    width = max(len(cells) for _, cells in grid.rows)
    writer = csv.writer(buffer, lineterminator="\r\n")
    last = 0
    for number, cells in grid.rows:
        for _ in range(number - last - 1):
            writer.writerow([""] * width)
        writer.writerow(cells + [""] * (width - len(cells)))
        last = number
    path = directory / "reference.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


SIMULATE_RUN_BUDGET = 0.3  # seconds of wall time per crm_simulate run, compile included


def simulate_scenarios(
    results: Dict[str, Dict[str, float]], work: Path, env: Dict[str, str]
) -> Tuple[str, bool, str]:
    """`simulate --scenarios` on the biggest reference sheet: wall time and the number of
    crm_simulate runs it needed (one per scenario, run in parallel)."""
    command = PCSGEN + [
        "simulate",
        f"{REFERENCE}:{REFERENCE_SHEET}",
        "--corosync-conf",
        "",
        "--scenarios",
        "--format",
        "json",
    ]
    report = json.loads(
        subprocess.run(
            command, cwd=work, env=env, capture_output=True, text=True, check=False
        ).stdout
    )
    runs = int(report["crm_simulate_runs"])
    name = f"simulate --scenarios ({runs} crm_simulate runs)"
    results.update(side_by_side({name: command}, 3, work, env))
    seconds = results[name]["seconds"]
    return (
        f"reference sheet --scenarios <= {SIMULATE_RUN_BUDGET} s x {runs} runs",
        seconds <= SIMULATE_RUN_BUDGET * runs,
        f"{seconds:.2f} s, {seconds / runs:.3f} s a run",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip 10,000 primitives")
    parser.add_argument("--rounds", type=int, default=15, help="rounds for small runs")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument(
        "--hostile-only", action="store_true", help="only the hostile inputs of issue 24"
    )
    options = parser.parse_args()

    # Measure pcsgen as installed for use: with its modules byte-compiled.
    package = Path(__import__("pcsgen").__file__).resolve().parent
    compileall.compile_dir(str(package), quiet=1)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    results: Dict[str, Dict[str, float]] = {}
    verdicts: List[Tuple[str, bool, str]] = []
    shown: List[str] = []  # figures without a budget
    with tempfile.TemporaryDirectory(prefix="pcsgen-bench-") as name:
        work = Path(name)
        env["PCSGEN_CACHE_DIR"] = str(work / "cache")
        sizes = [100, 1000] if options.quick else [100, 1000, 10000]
        write_definitions(work, sizes)
        reference = reference_csv(work)
        common = ["--corosync-conf", "", "--xml", "out.xml", "--sh", "out.sh"]

        if options.hostile_only:
            sizes, reference = [], None
        else:
            help_runs = side_by_side(
                {"floor typer": FLOOR_HELP, "pcsgen --help": PCSGEN + ["--help"]},
                options.rounds,
                work,
                env,
            )
            results.update(help_runs)
            ratio = help_runs["pcsgen --help"]["seconds"] / help_runs["floor typer"]["seconds"]
            verdicts.append(("--help <= 1.2 x import typer", ratio <= 1.2, f"{ratio:.2f} x"))

        if reference is not None:
            sheet = f"{REFERENCE}:{REFERENCE_SHEET}"
            small = side_by_side(
                {
                    "floor": FLOOR,
                    "reference sheet (csv)": PCSGEN + [str(reference)] + common,
                    "reference sheet (csv), plain interpreter": PCSGEN_PLAIN
                    + [str(reference)]
                    + common,
                    "floor + openpyxl": FLOOR_XLSX,
                    "reference sheet (xlsx)": PCSGEN + [sheet] + common,
                },
                options.rounds,
                work,
                env,
            )
            results.update(small)
            for kind, floor in (("csv", "floor"), ("xlsx", "floor + openpyxl")):
                ratio = small[f"reference sheet ({kind})"]["seconds"] / small[floor]["seconds"]
                verdicts.append(
                    (f"reference sheet ({kind}) <= 1.3 x floor", ratio <= 1.3, f"{ratio:.2f} x")
                )
            plain = (
                small["reference sheet (csv), plain interpreter"]["seconds"]
                / small["floor"]["seconds"]
            )
            shown.append(f"reference sheet (csv) in a plain interpreter: {plain:.2f} x floor")

        if reference is not None and shutil.which("crm_simulate"):
            verdicts.append(simulate_scenarios(results, work, env))

        for size in sizes:
            rounds = 3 if size >= 10000 else 5
            for kind in ("csv", "xlsx"):
                source = str(work / f"gen{size}.{kind}")
                results.update(
                    side_by_side(
                        {
                            f"compile {size} ({kind})": PCSGEN + [source] + common,
                            f"lint {size} ({kind})": PCSGEN
                            + ["lint", source, "--corosync-conf", ""],
                        },
                        rounds,
                        work,
                        env,
                    )
                )
        if 10000 in sizes:
            csv_run = results["compile 10000 (csv)"]
            xlsx_run = results["compile 10000 (xlsx)"]
            verdicts.append(
                ("10,000 from CSV < 5 s", csv_run["seconds"] < 5, f"{csv_run['seconds']:.2f} s")
            )
            verdicts.append(
                (
                    "10,000 from xlsx < 15 s",
                    xlsx_run["seconds"] < 15,
                    f"{xlsx_run['seconds']:.2f} s",
                )
            )
            peak = max(r["peak_mb"] for k, r in results.items() if "10000" in k)
            verdicts.append(("10,000 under 500 MB", peak < 500, f"{peak:.0f} MB"))
            for kind in ("csv", "xlsx"):
                growth = (
                    results[f"compile 10000 ({kind})"]["seconds"]
                    / results[f"compile 1000 ({kind})"]["seconds"]
                )
                verdicts.append((f"10,000 <= 12 x 1,000 ({kind})", growth <= 12, f"{growth:.1f} x"))

        verdicts += hostile_inputs(results, work, env)

    width = max(len(k) for k in results)
    print(f"{'run':<{width}}  {'median s':>9}  {'peak MB':>8}")
    for name, figures in results.items():
        print(f"{name:<{width}}  {figures['seconds']:>9.3f}  {figures['peak_mb']:>8.1f}")
    print()
    for budget, passed, figure in verdicts:
        print(f"{'PASS' if passed else 'FAIL'}  {budget}: {figure}")
    for figure in shown:
        print(f"INFO  {figure}")
    if options.json:
        Path(options.json).write_text(
            json.dumps(
                {
                    "results": results,
                    "budgets": [{"budget": b, "passed": p, "figure": f} for b, p, f in verdicts],
                },
                indent=2,
            )
        )
    return 0 if all(passed for _, passed, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
