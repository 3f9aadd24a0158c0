"""The compiler pipeline: read -> tables -> build -> check -> emit."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from pcsgen import ir
from pcsgen.compiler.read.grid import Grid
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.location import Location, Source

if TYPE_CHECKING:
    from pcsgen.compiler.tables import RawTable
    from pcsgen.compiler.variables import Filling

AUTO = "auto"


class Options(NamedTuple):
    """How to compile (the command line's choices)."""

    target: str = "rhel9"
    corosync_conf: Optional[str] = AUTO  # a path, AUTO, or None for none
    system_agents: bool = True
    # False (--no-additional-config): pcs never runs; the CIB lacks those commands,
    # the script keeps them, and a warning says so
    apply_additional_config: bool = True
    variables: Sequence[str] = ()  # NAME=VALUE, from --var
    vars_files: Sequence[str] = ()
    secret_variables: Sequence[str] = ()


class Analysis(NamedTuple):
    """A definition read and checked: its IR (None when it could not be read)."""

    name: str
    source: Source
    cluster: Optional[ir.Cluster]
    diagnostics: Diagnostics


class Compiled(NamedTuple):
    """The outputs, when there were no errors."""

    analysis: Analysis
    cib: Optional[bytes] = None
    script: Optional[str] = None


def output_stem(path: str, sheet: Optional[str]) -> str:
    return sheet if sheet is not None else Path(path).stem


def _corosync(options: Options, cluster: ir.Cluster, diagnostics: Diagnostics) -> \
        Optional[List[str]]:
    """Give the nodes their ids; return the cluster's node names when corosync.conf says."""
    path = options.corosync_conf
    if path == AUTO:
        from pcsgen.compiler.corosync import DEFAULT_PATH
        from pcsgen.generations import target

        # The live cluster's file is read when the definition needs node ids, or
        # for RHEL 10, where pm_pcsgen lists the nodes in every CIB.
        needs_ids = any(n.attributes or n.utilization for n in cluster.nodes)
        wanted = needs_ids or target(options.target).generation == "rhel10"
        path = DEFAULT_PATH if wanted and os.path.exists(DEFAULT_PATH) else None
        if path:
            # Another machine's cluster can give a definition its node ids: say where
            # they came from, and how to choose.
            diagnostics.info("PG318", Location(Source(path)), path=path)
    if not path and not any(n.attributes or n.utilization for n in cluster.nodes):
        return None  # nothing to give ids to, nowhere to take them from
    from pcsgen.compiler.corosync import read_corosync_conf
    from pcsgen.compiler.nodes import assign_node_ids

    nodes = None
    if path:
        try:
            path, nodes = read_corosync_conf(path)
        except PcsgenError as exc:
            diagnostics.report(exc)
            return None
    assign_node_ids(cluster, nodes, path, diagnostics)
    return [n.name for n in nodes] if nodes is not None else None


def _variables(tables: List[RawTable], options: Options,
               diagnostics: Diagnostics) -> Optional[Filling]:
    """Fill the {{ placeholders }}; what the filling did (None: nothing to fill)."""
    wanted = options.variables or options.vars_files or any(
        t.marker == "VARIABLES" or any(r.braces for s in t.sections for r in s.rows)
        for t in tables)
    if not wanted:
        return None
    from pcsgen.compiler import variables

    try:
        found = variables.collect(options.variables, options.vars_files,
                                  options.secret_variables, tables, diagnostics)
    except PcsgenError as exc:
        diagnostics.report(exc)
        return variables.Filling(set(), {}, True)
    return variables.substitute(tables, found, diagnostics)


def analyse(path: str, sheet: Optional[str], options: Options) -> Analysis:
    """Everything up to (not including) emitting; errors end up as diagnostics."""
    from pcsgen.compiler.read import read_input

    try:
        grid = read_input(path, sheet)
    except PcsgenError as exc:
        diagnostics = Diagnostics()
        diagnostics.report(exc)
        return Analysis(output_stem(path, sheet), Source(path, sheet), None, diagnostics)
    return analyse_grid(grid, output_stem(path, grid.source.sheet), options)


def analyse_grid(grid: Grid, name: str, options: Options) -> Analysis:
    from pcsgen.agents.operations import complete_cluster
    from pcsgen.agents.provider import MetadataProvider
    from pcsgen.compiler.builders import build
    from pcsgen.compiler.check.agents import check_agents
    from pcsgen.compiler.check.references import check_references
    from pcsgen.compiler.check.semantics import check_semantics
    from pcsgen.compiler.tables import read_tables

    diagnostics = Diagnostics()
    if grid.notes is not None:
        diagnostics.extend(grid.notes)
    tables = read_tables(grid, diagnostics)
    filling = _variables(tables, options, diagnostics)
    source = grid.source
    grid.rows.clear()  # consumed: the tables hold every cell now, and memory is the limit
    if filling is not None and filling.failed:
        # every check sees filled values only: a cell still holding `{{ ... }}` would
        # be judged as the text it is, not as the value it stands for
        return Analysis(name, source, None, diagnostics)
    cluster = build(tables, name, diagnostics, source)
    cluster.placeholder_rows = filling.rows if filling is not None else set()
    del tables
    cluster_nodes = _corosync(options, cluster, diagnostics)
    check_references(cluster, diagnostics)
    from pcsgen.compiler.emit.dialects import dialect

    target = dialect(options.target)
    if cluster.additional_config:
        from pcsgen.compiler.additional import check_commands

        check_commands(cluster, diagnostics, target.pcs_version)
    provider = MetadataProvider(use_system=options.system_agents, target_name=options.target)
    check_agents(cluster, provider, diagnostics, target.promotable_checked)
    complete_cluster(cluster, provider)
    from pcsgen.compiler.check.properties import check_properties

    check_properties(cluster, options.target, diagnostics)
    check_semantics(cluster, diagnostics, cluster_nodes)
    from pcsgen.compiler.check.pcs_words import check_pcs_words
    from pcsgen.compiler.check.target import check_target

    check_target(cluster, target, diagnostics)
    check_pcs_words(cluster, target, diagnostics)
    if filling is not None:
        _name_filled_cells(diagnostics, filling)
    return Analysis(name, grid.source, cluster, diagnostics)


def _name_filled_cells(diagnostics: Diagnostics, filling: Filling) -> None:
    """After each problem found in a cell a placeholder filled, which variables filled
    it: the cell shows the placeholder, the check judged the value."""
    from pcsgen.severity import Severity

    by_row: Dict[Tuple[Source, int], List[Location]] = {}
    for location in filling.cells:
        by_row.setdefault((location.source, location.row), []).append(location)
    named: Set[Location] = set()
    for diagnostic in list(diagnostics):
        where = diagnostic.location
        if where is None or diagnostic.severity < Severity.WARNING:
            continue
        cells = [where] if where in filling.cells else \
            by_row.get((where.source, where.row), []) if not where.column else []
        for cell in cells:
            if cell not in named and filling.cells[cell]:
                named.add(cell)
                diagnostics.info("PG615", cell,
                                 names=", ".join(f"{{{{ {n} }}}}" for n in filling.cells[cell]))


def compile_definition(path: str, sheet: Optional[str], options: Options) -> Compiled:
    return emit(analyse(path, sheet, options), options)


def emit(analysis: Analysis, options: Options) -> Compiled:
    from pcsgen.compiler.emit.dialects import dialect

    cluster = analysis.cluster
    if cluster is None or analysis.diagnostics.has_errors:
        return Compiled(analysis)
    target = dialect(options.target)
    from pcsgen.compiler.emit.cib import build_cib, serialize
    from pcsgen.compiler.emit.script import render_script

    root = build_cib(cluster, target)
    if not cluster.additional_config:
        cib = serialize(root)
    else:
        from pcsgen.compiler.additional import set_aside

        # constraints naming what the commands make join after them: pcs refuses to
        # work on a CIB whose constraints name what does not exist yet (and without the
        # commands they would name nothing)
        late = set_aside(root, cluster)
        cib = serialize(root)
        if not options.apply_additional_config:
            analysis.diagnostics.warning("PG522", cluster.additional_config[0].location,
                                         count=len(cluster.additional_config))
        else:
            from pcsgen.compiler.additional import apply_additional_config, find_pcs
            from pcsgen.compiler.emit.cib.document import for_local_tools, redeclare

            cib = apply_additional_config(for_local_tools(cib), cluster,
                                          analysis.diagnostics, find_pcs(), target.pcs_version)
            cib = redeclare(cib, target, late)
    source = analysis.source
    label = source.file + (f":{source.sheet}" if source.sheet else "")
    return Compiled(analysis, cib, render_script(cluster, target, label))
