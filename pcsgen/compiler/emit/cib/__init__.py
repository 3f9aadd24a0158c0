"""The CIB emitter: one small module per kind of element, ids from one provider."""

from pcsgen.compiler.emit.cib.document import build_cib, serialize

__all__ = ["build_cib", "serialize"]
