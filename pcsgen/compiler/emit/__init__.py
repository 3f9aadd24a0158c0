"""Emitters: the IR -> a CIB (lxml) and a pcs script (jinja2)."""
