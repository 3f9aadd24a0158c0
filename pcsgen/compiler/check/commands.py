"""ADDITIONAL_CONFIG's commands: what the builder refused, what the target's pcs lacks,
and commands that work on another file than the CIB being built."""

from __future__ import annotations

from typing import Optional

from pcsgen import ir
from pcsgen.compiler.builders.commands import missing_in
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.phrase import Phrase


def check_commands(
    cluster: ir.Cluster, diagnostics: Diagnostics, pcs_version: Optional[str] = None
) -> None:
    for item in cluster.additional_config:
        command = item.command
        if command is not None and pcs_version is not None and missing_in(command, pcs_version):
            diagnostics.error(
                "PG520",
                item.location,
                command=" ".join((command.command + command.arguments)[:3]),
                reason=Phrase("cmd_missing_in", {"pcs": pcs_version}),
            )
            continue
        if item.refusal is not None:
            diagnostics.relay(item.refusal, item.location)
            continue
        if item.file is not None:
            diagnostics.warning("PG252", item.location, file=item.file)
