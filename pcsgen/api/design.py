"""The configuration drawn: `graph` writes a diagram, `report` an HTML design report.
Part of the API (`pcsgen.api` offers both)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Optional, Sequence

from pcsgen.api.options import Options
from pcsgen.diagnostics import Diagnostics, PcsgenError

__all__ = ["Drawing", "Report", "graph", "report", "GRAPH_SUFFIXES", "REPORT_SUFFIXES"]

GRAPH_SUFFIXES = (".svg", ".png", ".dot")
REPORT_SUFFIXES = (".html", ".htm")


class Drawing(NamedTuple):
    """A diagram written: its path, and whether Graphviz drew it (False: the DOT text was
    written instead, dot being absent)."""

    path: str
    rendered: bool
    diagnostics: Diagnostics


class Report(NamedTuple):
    """A report written, and what reading the configuration found."""

    path: str
    diagnostics: Diagnostics


def graph(
    file: str,
    output: Optional[str] = None,
    sheet: Optional[str] = None,
    options: Optional[Options] = None,
    lang: str = "en",
) -> Drawing:
    """Draw a definition or a CIB file: OUTPUT.svg, .png or .dot (default NAME.svg).
    Without Graphviz's dot, the DOT text goes to OUTPUT with the suffix .dot (PG740)."""
    from pcsgen.design import load
    from pcsgen.design.graph import to_dot
    from pcsgen.design.render import find_dot, render
    from pcsgen.outputs import Output, default_output, file_mode, write_all

    if output is not None and Path(output).suffix.lower() not in GRAPH_SUFFIXES:
        raise PcsgenError("PG741", None, path=output, allowed="an .svg, .png or .dot file")
    design = load(file, options, sheet)
    diagnostics = design.diagnostics
    path = default_output(design.name, ".svg", output)
    suffix = Path(path).suffix.lower()
    dot_text = to_dot(design.cluster, lang)
    rendered = suffix != ".dot"
    if rendered and find_dot() is None:
        dot_path = str(Path(path).with_suffix(".dot"))
        diagnostics.warning("PG740", None, path=dot_path, format=suffix[1:], output=path)
        path, rendered = dot_path, False
    data = render(dot_text, suffix[1:]) if rendered else dot_text.encode("utf-8")
    write_all([Output(path, data, file_mode())], inputs=[_input(file, sheet)])
    return Drawing(path, rendered, diagnostics)


def report(
    file: str,
    output: str,
    lang: str = "en",
    sheet: Optional[str] = None,
    options: Optional[Options] = None,
    nodes: Sequence[str] = (),
    attributes: Sequence[str] = (),
    simulation: bool = True,
    max_simulations: Optional[int] = None,
) -> Report:
    """Write the design report of a definition or a CIB file: one self-contained HTML
    page (summary, diagram, tables, lint findings, and crm_simulate's placements when it
    is installed and SIMULATION is on). NODES, ATTRIBUTES and MAX_SIMULATIONS as for
    `simulate`."""
    import time

    from pcsgen.design import load
    from pcsgen.design.report import build_report
    from pcsgen.outputs import Output, file_mode, write_all
    from pcsgen.simulation.simulate import attribute_values

    started = time.monotonic()
    if Path(output).suffix.lower() not in REPORT_SUFFIXES:
        raise PcsgenError("PG741", None, path=output, allowed="an .html file")
    attribute_values(attributes)  # refused before the long work, not after
    options = options or Options()
    design = load(file, options, sheet)
    html = build_report(
        design, lang, options, nodes, attributes, simulation, max_simulations, started
    )
    write_all([Output(output, html.encode("utf-8"), file_mode())], inputs=[_input(file, sheet)])
    return Report(output, design.diagnostics)


def _input(file: str, sheet: Optional[str]) -> str:
    """The file FILE names (`BOOK.xlsx:SHEET` -> BOOK.xlsx), which no output may replace."""
    from pcsgen.api import split_spec

    return split_spec(file, sheet)[0]
