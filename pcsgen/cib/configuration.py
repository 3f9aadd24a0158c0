"""A configuration to compare, plan or simulate: a CIB file as it is, or a definition
compiled."""

from __future__ import annotations

from typing import Optional

from lxml import etree

from pcsgen.api.options import Options
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason, xml_reason


def load(spec: str, options: Options, diagnostics: Diagnostics) -> Optional[etree._Element]:
    """The `<cib>` element, or None after an error (reported in DIAGNOSTICS)."""
    from pcsgen.cib.canonical import parse_cib
    from pcsgen.compiler.pipeline import compile_definition
    from pcsgen.compiler.read import split_sheet
    from pcsgen.inputs import MAX_CIB_BYTES, read_bounded

    path, sheet = split_sheet(spec)
    if path.lower().endswith(".xml"):
        try:
            root = parse_cib(read_bounded(path, MAX_CIB_BYTES), path)
        except OSError as exc:
            diagnostics.error("PG001", Location(Source(path)), reason=os_reason(exc))
            return None
        except etree.XMLSyntaxError as exc:
            diagnostics.error("PG705", Location(Source(path)), path=path, reason=xml_reason(exc))
            return None
        if root.tag != "cib" or root.find("configuration") is None:
            diagnostics.error(
                "PG705", Location(Source(path)), path=path, reason=Phrase("cib_no_configuration")
            )
            return None
        return root
    try:
        compiled = compile_definition(path, sheet, options)
    except PcsgenError as exc:
        diagnostics.report(exc)
        return None
    diagnostics.extend(compiled.analysis.diagnostics)
    if compiled.cib is None or compiled.analysis.diagnostics.has_errors:
        return None
    return parse_cib(compiled.cib)
