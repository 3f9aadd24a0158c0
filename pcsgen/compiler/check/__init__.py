"""Checks on the IR: what a definition means, beyond the shape of its tables. Every
check only reads the completed IR and reports diagnostics; CHECKS lists them in the
order the pipeline runs them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, List, NamedTuple, Optional, Tuple

from pcsgen import ir
from pcsgen.diagnostics import Diagnostics

if TYPE_CHECKING:
    from pcsgen.agents.provider import MetadataProvider
    from pcsgen.compiler.emit.dialects import Dialect


class Context(NamedTuple):
    """What the checks judge the IR against."""

    target: str  # rhel8, rhel9, ...
    dialect: Dialect
    provider: MetadataProvider
    cluster_nodes: Optional[List[str]]  # the members corosync.conf names, when read


Check = Callable[[ir.Cluster, Context, Diagnostics], None]


# Each check imports its module when it runs: a compile pays only for what it uses.
def _references(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    from pcsgen.compiler.check.references import check_references

    check_references(cluster, diagnostics)


def _commands(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    if cluster.additional_config:
        from pcsgen.compiler.check.commands import check_commands

        check_commands(cluster, diagnostics, context.dialect)


def _agents(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    from pcsgen.compiler.check.agents import check_agents

    check_agents(cluster, context.provider, diagnostics, context.dialect.promotable_checked)


def _properties(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    from pcsgen.compiler.check.properties import check_properties

    check_properties(cluster, context.target, diagnostics)


def _semantics(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    from pcsgen.compiler.check.semantics import check_semantics

    check_semantics(cluster, diagnostics, context.cluster_nodes)


def _target(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    from pcsgen.compiler.check.target import check_target

    check_target(cluster, context.dialect, diagnostics)


def _pcs_words(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    from pcsgen.compiler.check.pcs_words import check_pcs_words

    check_pcs_words(cluster, context.dialect, diagnostics)


CHECKS: Tuple[Tuple[str, Check], ...] = (
    ("references", _references),
    ("commands", _commands),
    ("agents", _agents),
    ("properties", _properties),
    ("semantics", _semantics),
    ("target", _target),
    ("pcs_words", _pcs_words),
)


def check(cluster: ir.Cluster, context: Context, diagnostics: Diagnostics) -> None:
    """Run every check, in order."""
    for _name, run in CHECKS:
        run(cluster, context, diagnostics)
