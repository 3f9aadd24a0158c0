"""`simulate --scenarios` on a generated definition (benchmarks/generate.py): wall time,
scenarios, crm_simulate runs, and seconds a run, with every scenario allowed
(--max-simulations high enough; the 20 s limit still applies, and the runs it leaves
out are counted).

    python benchmarks/scenarios.py                 # 100 primitives, three rounds
    python benchmarks/scenarios.py --primitives 40 --rounds 1
    PYTHONPATH=OTHER_TREE python benchmarks/scenarios.py   # the same for another tree

Shown, not budgeted: crm_simulate's own cost dominates and depends on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import definition  # noqa: E402
from pcsgen.workbook.writer import document_to_grid, grid_to_csv  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--primitives", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pcsgen-bench-scenarios-") as work:
        path = Path(work) / f"gen{arguments.primitives}.csv"
        path.write_bytes(grid_to_csv(document_to_grid(definition(arguments.primitives))))
        command = [
            sys.executable,
            "-m",
            "pcsgen",
            "simulate",
            str(path),
            "--scenarios",
            "--max-simulations",
            "10000",
            "--no-progress",
            "--format",
            "json",
        ]
        if (
            subprocess.run(command[:-4] + ["--help"], capture_output=True, check=False).stdout.find(
                b"--no-progress"
            )
            < 0
        ):
            command.remove("--no-progress")  # a tree from before --progress
        times = []
        report = {}
        for _ in range(arguments.rounds):
            start = time.perf_counter()
            done = subprocess.run(
                command, capture_output=True, check=False, env=dict(os.environ, LANG="C")
            )
            times.append(time.perf_counter() - start)
            report = json.loads(done.stdout)
        runs = int(report["crm_simulate_runs"])
        seconds = statistics.median(times)
        print(
            json.dumps(
                {
                    "primitives": arguments.primitives,
                    "rounds": arguments.rounds,
                    "seconds": round(seconds, 2),
                    "scenarios": len(report.get("scenarios", [])),
                    "crm_simulate_runs": runs,
                    "seconds_a_run": round(seconds / max(runs, 1), 3),
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
