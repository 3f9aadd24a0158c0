"""Compiling a definition in a test: in-process through the pipeline (fast, the typed
results), or through the command line in a child process (exit status, messages and
files as a user sees them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from pcsgen.compiler.pipeline import Compiled, Options, compile_definition
from pcsgen.diagnostics import Diagnostic
from tests.definitions import Document, write_csv

# No node ids from this machine's corosync.conf and no installed agents: the outputs
# depend on the definition alone.
OFFLINE = ("--corosync-conf", "", "--no-system-agents")


def compile_file(
    path: Path,
    target: str = "rhel9",
    *,
    sheet: Optional[str] = None,
    corosync_conf: Optional[str] = None,
    system_agents: bool = False,
    **options: Any,
) -> Compiled:
    """Compile a definition file in this process; by default offline as OFFLINE says.
    Further keywords are fields of Options (apply_additional_config, vars_files ...)."""
    return compile_definition(
        str(path),
        sheet,
        Options(target=target, corosync_conf=corosync_conf, system_agents=system_agents, **options),
    )


def compile_document(
    document: Document, directory: Path, target: str = "rhel9", **options: Any
) -> Compiled:
    """Write a writer document as DIRECTORY/NAME.csv and compile it (see compile_file)."""
    path = write_csv(document, directory / f"{document['name']}.csv")
    return compile_file(path, target, **options)


def errors_of(compiled: Compiled) -> List[Diagnostic]:
    return [d for d in compiled.analysis.diagnostics if d.severity.name == "ERROR"]


def run_pcsgen(
    args: List[str], cwd: Path, env: Optional[Dict[str, str]] = None
) -> subprocess.CompletedProcess[str]:
    """`python -m pcsgen ARGS` in cwd, with a cache of its own and no locale from the
    caller (messages in English)."""
    environment = dict(os.environ, PCSGEN_CACHE_DIR=str(cwd / ".cache"))
    environment.pop("LANG", None)
    environment.pop("LC_ALL", None)
    if env:
        environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pcsgen", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def run_compile(
    directory: Path, source: str, *options: str, offline: bool = True, succeeds: bool = False
) -> subprocess.CompletedProcess[str]:
    """`pcsgen SOURCE OPTIONS` in directory (offline unless told), which never ends in a
    traceback; with succeeds, its exit status says done (0, or 2 with warnings)."""
    result = run_pcsgen([source, *(OFFLINE if offline else ()), *options], directory)
    assert "Traceback" not in result.stderr, result.stderr
    if succeeds:
        assert result.returncode in (0, 2), result.stderr
    return result
