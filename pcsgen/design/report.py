"""The design report: one self-contained HTML page (jinja2 template), for reviewers:
its drawing, its sections and its placements put together."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

from pcsgen import __version__
from pcsgen.api.options import Options
from pcsgen.design.load import Design
from pcsgen.design.masking import Masker
from pcsgen.design.placements import Simulated, simulate_design
from pcsgen.design.sections import Sections, resource_anchor
from pcsgen.design.words import Words
from pcsgen.diagnostics import PcsgenError

TEMPLATES = Path(__file__).resolve().parent / "templates"


def render_report(
    design: Design,
    lang: str,
    svg: Optional[str],
    dot_text: Optional[str],
    simulated: Simulated,
    options: Options,
) -> str:
    """The HTML text of the report."""
    import jinja2
    from markupsafe import Markup

    words = Words(lang)
    builder = Sections(design, words, options)
    cluster = design.cluster
    constraints = builder.constraints()
    context = {
        "w": words,
        "lang": words.lang,
        "version": __version__,
        "name": cluster.name,
        "source": design.spec,
        "nodes": builder.nodes(),
        "counts": builder.counts(),
        "properties": builder.settings(cluster.properties),
        "rsc_defaults": builder.settings(cluster.rsc_defaults),
        "op_defaults": builder.settings(cluster.op_defaults),
        "svg": svg,
        "dot_text": dot_text,
        "structure": builder.structure(),
        "primitives": builder.primitives(),
        "constraints": constraints,
        "alerts": builder.alerts(),
        "additional": builder.additional(),
        "simulated": simulated,
    }
    context["findings"] = builder.findings(design.diagnostics)
    masker = builder.masker

    def finalize(value: Any) -> Any:
        # A secret variable's value never leaves, whatever value it reached; markup
        # (the drawing) is masked where it is made.
        return (
            masker.text(value)
            if isinstance(value, str) and not isinstance(value, Markup)
            else value
        )

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
    if svg is not None:
        context["svg"] = Markup(svg)
    return str(environment.get_template("report.html.j2").render(**context))


def build_report(
    design: Design,
    lang: str,
    options: Options,
    nodes: Sequence[str] = (),
    attributes: Sequence[str] = (),
    simulation: bool = True,
    max_simulations: Optional[int] = None,
    started: Optional[float] = None,
) -> str:
    """The report of DESIGN: its diagram drawn by dot (or its DOT text without dot, or
    when dot fails), the simulation when asked and possible. What it notices goes to
    design.diagnostics."""
    from pcsgen.design.graph import to_dot
    from pcsgen.design.render import find_dot, render
    from pcsgen.design.svg import inline_svg

    words = Words(lang)
    diagnostics = design.diagnostics
    links = {rid: "#" + resource_anchor(rid) for rid in design.cluster.all_resources()}
    dot_text: Optional[str] = to_dot(design.cluster, words.lang, links)
    svg = None
    if find_dot() is not None and dot_text is not None:
        try:
            svg = inline_svg(render(dot_text, "svg"), Masker(diagnostics.secrets).text)
            dot_text = None
        except PcsgenError as exc:
            # the rest of the report holds without the drawing: keep it, with the DOT text
            diagnostics.warning("PG746", None, reason=exc.diagnostic.message(words.lang))
    else:
        diagnostics.warning("PG745", None)
    simulated = (
        simulate_design(
            design, options, nodes, attributes, words, diagnostics, max_simulations, started
        )
        if simulation
        else Simulated("off")
    )
    return render_report(design, words.lang, svg, dot_text, simulated, options)
