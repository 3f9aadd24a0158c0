"""The pcs commands that build a cluster, in pm_pcsgen's order, as shell words.

Every command ends pcs's options with `--` before the first word that comes from the
definition: pcs 0.10, 0.11 and 0.12 alike then take each later word as an argument,
whatever it starts with (`-f/x`, `--force`, `-INFINITY`), where without it a value
starting with '-' could be read as an option. The words pcs still reads in its own way
(a name holding '=', a node holding '=', a rule value that is a rule keyword ...) are
refused at compile time (compiler.check.pcs_words), so the script builds the CIB
pcsgen writes, or the compile fails.
"""

from __future__ import annotations

from typing import List

from pcsgen import ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.order import placement_order
from pcsgen.compiler.emit.script.constraints import constraint_blocks
from pcsgen.compiler.emit.script.resources import resource_blocks
from pcsgen.compiler.emit.script.settings import (
    additional_block,
    alert_blocks,
    levels_block,
    settings_blocks,
)
from pcsgen.compiler.emit.script.words import Block


def script_blocks(cluster: ir.Cluster, dialect: Dialect) -> List[Block]:
    blocks = settings_blocks(cluster, dialect)
    for resource in placement_order(cluster.resources):  # so <resources> ends as in the CIB
        blocks.extend(resource_blocks(resource, dialect))
    blocks.append(levels_block(cluster))
    constraints, late = constraint_blocks(cluster, dialect)
    blocks.extend(constraints)
    blocks.extend(alert_blocks(cluster))
    blocks.append(additional_block(cluster, dialect))
    blocks.append(late)
    return [b for b in blocks if b.commands]
