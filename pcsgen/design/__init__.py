"""Design documents: a configuration as a diagram (Graphviz) and as an HTML report."""

from __future__ import annotations

from pcsgen.design.load import Design, load, load_cluster

__all__ = ["Design", "load", "load_cluster"]
