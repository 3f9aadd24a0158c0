"""The pcs script emitter: IR -> shell script, through a jinja2 template."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pcsgen import __version__, ir
from pcsgen.compiler.emit.dialects import Dialect
from pcsgen.compiler.emit.script.commands import script_blocks
from pcsgen.pcs.quoting import quote


def _bytecode_cache() -> Any:
    """Compiling the template costs more than the rest of a compile; jinja2 keeps the
    compiled code in the user's cache directory (keyed by the template's checksum).
    That code runs when loaded: the directory must be the user's own, and so must
    every file loaded from it, and nothing planted there is written through
    (pcsgen.agents.cache)."""
    import jinja2

    from pcsgen.agents.cache import private_cache_dir, read_entry, write_entry

    directory = private_cache_dir("templates")
    if directory is None:
        return None

    class OwnBytecodeCache(jinja2.FileSystemBytecodeCache):
        def _entry(self, bucket: Any) -> str:
            return os.path.basename(self._get_cache_filename(bucket))

        def load_bytecode(self, bucket: Any) -> None:
            assert directory is not None
            data = read_entry(directory, self._entry(bucket))
            if data is not None:
                bucket.bytecode_from_string(data)

        def dump_bytecode(self, bucket: Any) -> None:
            assert directory is not None
            write_entry(directory, self._entry(bucket), bucket.bytecode_to_string())

    return OwnBytecodeCache(str(directory))


@lru_cache(maxsize=None)
def _template() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).resolve().parent)),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(),
    )
    return environment.get_template("script.sh.j2")


def _node_xml(node: ir.Node) -> str:
    from xml.sax.saxutils import quoteattr

    remote = ' type="remote"' if node.remote else ""
    return f"<node id={quoteattr(node.id or '')} uname={quoteattr(node.uname)}{remote}/>"


def render_script(cluster: ir.Cluster, dialect: Dialect, source: str) -> str:
    return str(
        _template().render(
            version=__version__,
            source=source.replace("\n", " "),
            target=dialect.name,
            pcs_version=dialect.pcs_version,
            nodes=[quote(_node_xml(n)) for n in cluster.nodes if n.id is not None],
            blocks=script_blocks(cluster, dialect),
        )
    )
