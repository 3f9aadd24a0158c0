"""`pcsgen import`: an existing CIB -> a definition document (and so a workbook).

Nothing is lost silently. Every construct of the CIB either maps onto the format's
tables, or becomes pcs commands in ADDITIONAL_CONFIG that rebuild it (tags first,
then bundles with their primitives, then what names them), or, where no pcs command
can express it, is named in a warning that says exactly what is left out.

The CIB is read as Pacemaker reads it (pcsgen.cib.canonical): id-refs and
templates resolved, nvpair blocks in Pacemaker's order with the first value of a
name winning, defaults applied, so that compiling the definition gives a CIB that
`pcsgen diff` finds equal to the original.

One module a part of the configuration: settings, resources (with primitives,
clones and bundles), constraints, other_sections; base holds what they share and
document runs them in order. The document says whether the CIB holds a secret
(`holds_secret`), so that whoever writes it need not read the CIB again.
"""

from pcsgen.workbook.importer.document import Importer, import_cib

__all__ = ["Importer", "import_cib"]
