"""A definition or a CIB file as the IR the diagram and the report are drawn from."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, DefaultDict, Dict, List, NamedTuple, Optional, Tuple

from pcsgen import ir
from pcsgen.api.options import Options
from pcsgen.compiler.pipeline import Analysis
from pcsgen.diagnostics import Diagnostic, Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source


class Design(NamedTuple):
    """What the diagram and the report show: the IR, and what reading it found."""

    name: str
    spec: str  # as given: BOOK.xlsx[:SHEET], FILE.csv or CIB.xml
    cluster: ir.Cluster
    diagnostics: Diagnostics
    analysis: Analysis
    from_cib: bool


def is_cib(spec: str) -> bool:
    return spec.lower().endswith(".xml")


def load(spec: str, options: Optional[Options] = None, sheet: Optional[str] = None) -> Design:
    """Read SPEC (a definition or a CIB file) into the IR. Raises PcsgenError, carrying
    every diagnostic, when it has errors."""
    from pcsgen.compiler.pipeline import analyse
    from pcsgen.compiler.read import split_sheet

    options = options or Options()
    if is_cib(spec):
        return _load_cib(spec, options)
    path, from_spec = split_sheet(spec)
    analysis = analyse(path, sheet if sheet is not None else from_spec, options)
    if analysis.cluster is None or analysis.diagnostics.has_errors:
        raise PcsgenError.ending(analysis.diagnostics)
    return Design(analysis.name, spec, analysis.cluster, analysis.diagnostics, analysis, False)


def load_cluster(spec: str, options: Optional[Options] = None) -> ir.Cluster:
    """The IR of a definition (BOOK.xlsx[:SHEET], FILE.csv) or of a CIB file."""
    return load(spec, options).cluster


# -- a CIB file ------------------------------------------------------------------------
def _load_cib(path: str, options: Options) -> Design:
    """CIB -> the importer's definition document -> a grid -> the compiler's analysis, so
    a CIB means exactly what the same definition would. The objects then point at the
    CIB's lines instead of the rows of that in-between grid."""
    from pcsgen.compiler.pipeline import analyse_grid
    from pcsgen.compiler.read.grid import Grid
    from pcsgen.workbook.importer import import_cib
    from pcsgen.workbook.writer import document_to_grid

    name = Path(path).stem or "cluster"
    diagnostics = Diagnostics()
    try:
        document = import_cib(path, name, diagnostics, options.target)
    except PcsgenError as exc:
        diagnostics.report(exc)
        raise PcsgenError.ending(diagnostics) from None
    # Node attributes need node ids, which the CIB has: the NODE table is left out of
    # the analysis (it would ask corosync.conf for them) and the nodes are taken as
    # the CIB lists them.
    node_rows = [
        row
        for table in document["tables"]
        if table["table"] == "NODE"
        for row in table.get("rows", [])
    ]
    document["tables"] = [t for t in document["tables"] if t["table"] != "NODE"]
    rows = document_to_grid(document)
    source = Source(path)
    grid = Grid(source, [(number, row) for number, row in enumerate(rows, start=1) if any(row)])
    # The values of a CIB are literal: no variables, no corosync.conf.
    plain = options._replace(
        corosync_conf=None,
        variables=(),
        vars_files=(),
        inventory=None,
        limit=None,
        host=None,
        values=None,
    )
    analysis = analyse_grid(grid, name, plain)
    cluster = analysis.cluster
    lines = _CibLines(path)
    moved: Dict[int, Location] = {}
    if cluster is not None:
        cluster.source = source
        cluster.nodes = lines.nodes(node_rows)
        _relocate(cluster, lines, moved)
    for found in analysis.diagnostics:
        diagnostics.add(found.code, _moved(found, moved, source), found.severity, **found.args)
    diagnostics.secrets |= analysis.diagnostics.secrets
    analysis = analysis._replace(source=source, diagnostics=diagnostics)
    if cluster is None or diagnostics.has_errors:
        raise PcsgenError.ending(diagnostics)
    return Design(name, path, cluster, diagnostics, analysis, True)


def _moved(found: Diagnostic, moved: Dict[int, Location], source: Source) -> Optional[Location]:
    location = found.location
    if location is None or location.source.file != source.file or location.source.sheet:
        return location
    return moved.get(location.row, Location(source))


def _line(element: Any) -> int:
    return int(getattr(element, "sourceline", 0) or 0)


class _CibLines:
    """The line of each object of a CIB, looked up by what identifies it."""

    def __init__(self, path: str) -> None:
        from lxml import etree

        from pcsgen.inputs import MAX_CIB_BYTES, read_bounded

        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        root = etree.fromstring(read_bounded(path, MAX_CIB_BYTES), parser)
        self.source = Source(path)
        configuration = root.find("configuration") if root.tag == "cib" else root
        self.root: Any = configuration if configuration is not None else root
        self.by_id: Dict[str, Any] = {}
        for element in self.root.iter():
            object_id = element.get("id") if isinstance(element.tag, str) else None
            if object_id is not None:
                self.by_id.setdefault(object_id, element)
        # constraints and levels have generated ids: found by their content, in order
        self.queues: DefaultDict[Tuple[str, ...], List[int]] = defaultdict(list)
        for element in self.root.iterfind("constraints/*"):
            if not isinstance(element.tag, str):
                continue
            line = _line(element)
            if element.tag == "rsc_location":
                if element.get("node") is not None:
                    self.queues[("node", element.get("rsc", ""), element.get("node", ""))].append(
                        line
                    )
                for rule in element.findall("rule"):
                    self.queues[("rule", element.get("rsc", ""))].append(_line(rule) or line)
            elif element.tag == "rsc_colocation":
                self.queues[
                    ("colocation", element.get("rsc", ""), element.get("with-rsc", ""))
                ].append(line)
            elif element.tag == "rsc_order":
                self.queues[("order", element.get("first", ""), element.get("then", ""))].append(
                    line
                )
        for element in self.root.iterfind("fencing-topology/fencing-level"):
            self.queues[("level", element.get("target") or "", element.get("index") or "")].append(
                _line(element)
            )
        for section, kind in (
            ("crm_config/cluster_property_set", "property"),
            ("rsc_defaults/meta_attributes", "rsc_defaults"),
            ("op_defaults/meta_attributes", "op_defaults"),
        ):
            for nvset in self.root.iterfind(section):
                for pair in nvset.findall("nvpair"):
                    self.queues[(kind, pair.get("name", ""))].append(_line(pair))

    def at(self, line: int) -> Location:
        return Location(self.source, line)

    def element(self, object_id: str) -> Optional[Location]:
        found = self.by_id.get(object_id)
        return self.at(_line(found)) if found is not None else None

    def take(self, *key: str) -> Optional[Location]:
        queue = self.queues.get(tuple(key))
        return self.at(queue.pop(0)) if queue else None

    def pair(self, owner: Any, name: str) -> Optional[Location]:
        """The line of nvpair NAME directly under OWNER's attribute sets."""
        if owner is None:
            return None
        for nvset in owner:
            if isinstance(nvset.tag, str) and nvset.tag != "operations":
                for pair in nvset.findall("nvpair"):
                    if pair.get("name") == name:
                        return self.at(_line(pair))
        return None

    def nodes(self, rows: List[Dict[str, Any]]) -> List[ir.Node]:
        """The CIB's nodes, with their ids and the attributes the importer read."""
        nodes: Dict[str, ir.Node] = {}
        for element in self.root.iterfind("nodes/node"):
            uname = element.get("uname") or element.get("id", "")
            nodes.setdefault(uname, ir.Node(uname, element.get("id"), self.at(_line(element))))
        for row in rows:
            uname = str(row.get("uname", ""))
            node = nodes.setdefault(uname, ir.Node(uname, None, None))
            element = next(
                (
                    e
                    for e in self.root.iterfind("nodes/node")
                    if (e.get("uname") or e.get("id")) == uname
                ),
                None,
            )
            name = str(row.get("name", ""))
            pair = ir.NvPair(
                name,
                str(row.get("value", "")),
                self.pair(element, name) or node.location or Location(self.source),
            )
            (node.utilization if row.get("type") == "utilization" else node.attributes).append(pair)
        return list(nodes.values())


def _relocate(cluster: ir.Cluster, lines: _CibLines, moved: Dict[int, Location]) -> None:
    """Point every object at its CIB line; MOVED maps the grid's rows to those lines."""
    whole = Location(lines.source)

    def move(item: Any, new: Optional[Location]) -> Location:
        old: Location = item.location
        target = new or whole
        moved.setdefault(old.row, target)
        item.location = target
        where = getattr(item, "where", None)
        if isinstance(where, dict):
            for key, cell in where.items():
                moved.setdefault(cell.row, target)
                where[key] = target
        return target

    for name, pairs in (
        ("property", cluster.properties),
        ("rsc_defaults", cluster.rsc_defaults),
        ("op_defaults", cluster.op_defaults),
    ):
        for pair in pairs:
            move(pair, lines.take(name, pair.name))
    for resource in cluster.resources:
        for item in ir.walk(resource):
            element = lines.by_id.get(item.id)
            here = move(item, lines.element(item.id))
            for pair in item.meta_attributes:
                move(pair, lines.pair(element, pair.name) or here)
            if isinstance(item, ir.Primitive):
                if item.definition is not None:
                    moved.setdefault(item.definition.row, here)
                    item.definition = here
                for pair in item.instance_attributes + item.utilization:
                    move(pair, lines.pair(element, pair.name) or here)
                ops = element.findall("operations/op") if element is not None else []
                for op in item.operations:
                    match = next(
                        (
                            o
                            for o in ops
                            if o.get("name") == op.name
                            and o.get("interval", "0") in (op.interval or "0", "0s")
                        ),
                        None,
                    )
                    move(op, lines.at(_line(match)) if match is not None else here)
    for level in cluster.fencing_levels:
        move(level, lines.take("level", level.target, str(level.index)))
    for location in cluster.locations_node:
        move(location, lines.take("node", location.rsc, location.node))
    for rule in cluster.locations_rule:
        here = move(rule, lines.take("rule", rule.rsc))
        for expression in rule.expressions:
            move(expression, here)
    for colocation in cluster.colocations:
        move(colocation, lines.take("colocation", colocation.rsc, colocation.with_rsc))
    for order in cluster.orders:
        move(order, lines.take("order", order.first, order.then))
    for alert in cluster.alerts:
        here = move(alert, lines.element(alert.id))
        for pair in alert.options + alert.meta:
            move(pair, here)
        for recipient in alert.recipients:
            move(recipient, here)
            for pair in recipient.options + recipient.meta:
                move(pair, here)
    for command in cluster.additional_config:
        move(command, None)
