"""The compiler pipeline: read -> tables -> build -> complete -> check -> emit."""

from __future__ import annotations

from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Set,
    Tuple,
)

from pcsgen import ir
from pcsgen.api.options import Options
from pcsgen.compiler.read.grid import Grid
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source

if TYPE_CHECKING:
    from pcsgen.compiler.tables import RawTable
    from pcsgen.compiler.variables.fill import Filling
    from pcsgen.compiler.variables.sources import VariableSet


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
    # the CIB holds a secret value, so its files are for their owner alone
    holds_secret: bool = False


def output_stem(path: str, sheet: Optional[str]) -> str:
    return sheet if sheet is not None else Path(path).stem


def _variables(
    tables: List[RawTable], options: Options, diagnostics: Diagnostics
) -> Optional[Filling]:
    """Fill the {{ placeholders }}; what the filling did (None: nothing to fill)."""
    wanted = (
        options.variables
        or options.vars_files
        or options.inventory
        or options.values
        or options.limit
        or options.host
        or any(
            t.marker == "VARIABLES" or any(r.braces for s in t.sections for r in s.rows)
            for t in tables
        )
    )
    if not wanted:
        return None
    from pcsgen.compiler.variables.fill import Filling, substitute

    try:
        found = collect_variables(options, tables, diagnostics)
    except PcsgenError as exc:
        diagnostics.report(exc)
        return Filling(set(), {}, True)
    return substitute(tables, found, diagnostics)


def collect_variables(
    options: Options, tables: List[RawTable], diagnostics: Diagnostics
) -> VariableSet:
    """The variables OPTIONS gives the definition's TABLES, every source in its
    precedence (raises PcsgenError when one cannot be read)."""
    from pcsgen.compiler.variables.sources import collect

    return collect(
        options.variables,
        options.vars_files,
        options.secret_variables,
        tables,
        diagnostics,
        layers=variable_layers(options, tables),
    )


def variable_layers(
    options: Options, tables: List[RawTable]
) -> List[Tuple[str, Mapping[str, Any]]]:
    """The variables between the environment's and the vars files': the inventory's
    host, then what the caller gives (see variables.collect)."""
    layers: List[Tuple[str, Mapping[str, Any]]] = []
    if options.inventory is not None:
        from pcsgen.compiler import inventory

        host = inventory.load(
            options.inventory, options.limit, options.host, inventory.node_names(tables)
        )
        layers.append((host.origin, host.values))
    elif options.limit is not None or options.host is not None:
        raise PcsgenError("PG959", None)
    if options.values:
        from pcsgen.compiler.variables.sources import given_values

        layers.append(("playbook task", given_values(options.values)))
    return layers


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
    from pcsgen.compiler.builders import build
    from pcsgen.compiler.check import Context, check
    from pcsgen.compiler.complete import complete
    from pcsgen.compiler.emit.dialects import dialect
    from pcsgen.compiler.table_reader import read_tables

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
    completion = complete(
        cluster, options.target, options.corosync_conf, options.system_agents, diagnostics
    )
    check(
        cluster,
        Context(
            options.target, dialect(options.target), completion.provider, completion.cluster_nodes
        ),
        diagnostics,
    )
    if filling is not None:
        _name_filled_cells(diagnostics, filling)
    return Analysis(name, grid.source, cluster, diagnostics)


def _name_filled_cells(diagnostics: Diagnostics, filling: Filling) -> None:
    """After each problem found in a cell a placeholder filled, which variables filled
    it: the cell shows the placeholder, the check judged the value."""
    from pcsgen.diagnostics.severity import Severity

    by_row: Dict[Tuple[Source, int], List[Location]] = {}
    for location in filling.cells:
        by_row.setdefault((location.source, location.row), []).append(location)
    named: Set[Location] = set()
    for diagnostic in list(diagnostics):
        where = diagnostic.location
        if where is None or diagnostic.severity < Severity.WARNING:
            continue
        cells = (
            [where]
            if where in filling.cells
            else by_row.get((where.source, where.row), [])
            if not where.column
            else []
        )
        for cell in cells:
            if cell not in named and filling.cells[cell]:
                named.add(cell)
                diagnostics.info(
                    "PG615", cell, names=", ".join(f"{{{{ {n} }}}}" for n in filling.cells[cell])
                )


def compile_definition(path: str, sheet: Optional[str], options: Options) -> Compiled:
    return emit(analyse(path, sheet, options), options)


def emit(analysis: Analysis, options: Options) -> Compiled:
    from pcsgen.compiler.emit.dialects import dialect

    cluster = analysis.cluster
    if cluster is None or analysis.diagnostics.has_errors:
        return Compiled(analysis)
    target = dialect(options.target)
    from pcsgen.cib.redact import holds_secret
    from pcsgen.compiler.emit.cib import build_cib, serialize
    from pcsgen.compiler.emit.script import render_script

    root = build_cib(cluster, target)
    secrets = analysis.diagnostics.secrets
    if not cluster.additional_config:
        # asked of the tree at hand: the CIB text need not be read back to know
        secret = holds_secret(root, secrets)
        cib = serialize(root)
    else:
        from pcsgen.compiler.additional import set_aside

        # constraints naming what the commands make join after them: pcs refuses to
        # work on a CIB whose constraints name what does not exist yet (and without the
        # commands they would name nothing)
        late = set_aside(root, cluster)
        cib = serialize(root)
        if not options.apply_additional_config:
            analysis.diagnostics.warning(
                "PG522", cluster.additional_config[0].location, count=len(cluster.additional_config)
            )
            secret = holds_secret(root, secrets)
        else:
            from pcsgen.cib.canonical import parse_cib
            from pcsgen.compiler.additional import apply_additional_config, find_pcs
            from pcsgen.compiler.emit.cib.document import for_local_tools, redeclare

            cib = apply_additional_config(
                for_local_tools(cib),
                cluster,
                analysis.diagnostics,
                find_pcs(),
                target.pcs_version,
                target.rule_as_one_argument,
            )
            cib = redeclare(cib, target, late)
            # what pcs's commands made is known from their output only
            secret = holds_secret(parse_cib(cib), secrets)
    source = analysis.source
    label = source.file + (f":{source.sheet}" if source.sheet else "")
    return Compiled(analysis, cib, render_script(cluster, target, label), secret)
