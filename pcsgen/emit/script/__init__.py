"""The pcs script emitter: IR -> shell script, through a jinja2 template."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pcsgen import __version__, ir
from pcsgen.emit.dialects import Dialect
from pcsgen.emit.script.commands import script_blocks
from pcsgen.emit.script.quoting import quote


@lru_cache(maxsize=None)
def _template() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pcsgen.emit.script", "."),
        autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("script.sh.j2")


def _node_xml(node: ir.Node) -> str:
    from xml.sax.saxutils import quoteattr

    return f"<node id={quoteattr(node.id or '')} uname={quoteattr(node.uname)}/>"


def render_script(cluster: ir.Cluster, dialect: Dialect, source: str) -> str:
    return str(_template().render(
        version=__version__,
        source=source.replace("\n", " "),
        target=dialect.name,
        pcs_version=dialect.pcs_version,
        nodes=[quote(_node_xml(n)) for n in cluster.nodes if n.id is not None],
        blocks=script_blocks(cluster, dialect),
    ))
