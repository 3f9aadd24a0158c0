"""The scenarios' crm_simulate runs: in parallel, one per distinct injected event, within
the time allowed, telling progress as they end."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from pcsgen.diagnostics import PcsgenError
from pcsgen.simulation.crm_simulate import State, run, state
from pcsgen.simulation.scenarios import Job

Progress = Callable[[int, int], None]  # (runs done, runs in all), after each run


def event_key(job: Job) -> Tuple[Optional[bytes], Tuple[str, ...]]:
    """What crm_simulate is given for JOB: two jobs with the same key have one outcome."""
    arguments: List[str] = []
    for injection in job.injections:
        arguments += injection.arguments()
    return job.status, tuple(arguments)


def run_jobs(
    jobs: Sequence[Job],
    placed_path: str,
    directory: str,
    deadline: Optional[float] = None,
    always: int = 0,
    ends: Optional[float] = None,
    progress: Optional[Progress] = None,
    settle: Optional[Callable[[str, State], State]] = None,
) -> int:
    """Run every job's crm_simulate, in parallel; the number of runs. Jobs injecting the
    same event share one run. Past DEADLINE (time.monotonic()), jobs not yet started are
    not run (their outcome stays None), but the first ALWAYS; and a run still going at
    ENDS is stopped, its job left out the same way (one of the first ALWAYS: PG833).
    PROGRESS is told after each run. SETTLE: given the CIB a run saved and its state,
    the state once the node attributes its roles publish hold (the runs that takes
    are not counted)."""
    pending = [job for job in jobs if job.outcome is None]
    # the first job of each event runs; its number keeps the ALWAYS rule (the first of a
    # key has the lowest number)
    runs: Dict[Tuple[Optional[bytes], Tuple[str, ...]], Tuple[int, Job]] = {}
    for number, job in enumerate(pending):
        runs.setdefault(event_key(job), (number, job))
    distinct = list(runs.values())
    done = [0]
    lock = threading.Lock()

    def one(numbered: Tuple[int, Job]) -> Optional[State]:
        number, job = numbered
        try:
            if deadline is not None and number >= always and time.monotonic() > deadline:
                return None
            try:
                return _run_job(number, job)
            except PcsgenError as failure:
                if failure.diagnostic.code != "PG833" or number < always:
                    raise
                return None
        finally:
            if progress is not None:
                with lock:
                    done[0] += 1
                    progress(done[0], len(distinct))

    def _run_job(number: int, job: Job) -> State:
        path = placed_path
        if job.status is not None:
            path = os.path.join(directory, f"scenario-{number}.xml")
            with open(path, "wb") as handle:
                handle.write(job.status)
        extra = list(event_key(job)[1])
        saved = os.path.join(directory, f"outcome-{number}.xml")
        if settle is not None:
            extra += ["--save-output", saved]
        if ends is None:
            outcome = state(run(path, extra))
        else:
            outcome = state(run(path, extra, max(1.0, ends - time.monotonic())))
        return outcome if settle is None else settle(saved, outcome)

    workers = max(1, min(len(distinct), os.cpu_count() or 1, 4))
    if workers == 1:
        outcomes = [one(item) for item in distinct]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(one, distinct))
    found = {key: outcome for key, outcome in zip(runs, outcomes)}
    for job in pending:
        job.outcome = found[event_key(job)]
    return sum(outcome is not None for outcome in outcomes)
