"""ADDITIONAL_CONFIG's commands: what the builder refused, what the target's pcs lacks,
and commands that work on another file than the CIB being built."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pcsgen import ir
from pcsgen.compiler.builders.commands import change_needed, missing_in
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.generations import generations

if TYPE_CHECKING:
    from pcsgen.compiler.emit.dialects import Dialect


def _lacked(command: ir.PcsCommand, dialect: Dialect) -> Optional[Phrase]:
    """Why the target's pcs lacks the command (None: it has it)."""
    if missing_in(command, dialect.pcs_version):
        return Phrase("cmd_missing_in", {"pcs": dialect.pcs_version})
    change = change_needed(command)
    if change is None or getattr(dialect, change):
        return None
    since = next(c for c in generations().pcs_changes if c.name == change).since
    first = since.get(dialect.pcs_version)
    release = dialect.generation.pcs_release or dialect.pcs_version
    if first is None:
        return Phrase("cmd_missing_in", {"pcs": release})
    return Phrase("cmd_missing_before", {"pcs": release, "since": first})


def check_commands(
    cluster: ir.Cluster, diagnostics: Diagnostics, dialect: Optional[Dialect] = None
) -> None:
    for item in cluster.additional_config:
        command = item.command
        lacked = None if command is None or dialect is None else _lacked(command, dialect)
        if command is not None and lacked is not None:
            diagnostics.error(
                "PG520",
                item.location,
                command=" ".join((command.command + command.arguments)[:3]),
                reason=lacked,
            )
            continue
        if item.refusal is not None:
            diagnostics.relay(item.refusal, item.location)
            continue
        if item.file is not None:
            diagnostics.warning("PG252", item.location, file=item.file)
