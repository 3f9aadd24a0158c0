"""The whole import: the CIB file read (bounded, no entities, no network), each
part run in the order what names a thing follows it, and the tables put in the
format's order with ADDITIONAL_CONFIG last."""

from __future__ import annotations

from typing import Any, Dict, List

from lxml import etree

from pcsgen.cib.element import Element
from pcsgen.diagnostics import Diagnostics, PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase, os_reason, xml_reason
from pcsgen.inputs import MAX_CIB_BYTES, read_bounded
from pcsgen.workbook.importer.base import PHASES
from pcsgen.workbook.importer.constraints import Constraints
from pcsgen.workbook.importer.malformed import prune
from pcsgen.workbook.importer.other_sections import OtherSections
from pcsgen.workbook.importer.resources import Resources
from pcsgen.workbook.importer.settings import Settings
from pcsgen.workbook.writer import TABLE_ORDER, Document


class Importer(Settings, Resources, Constraints, OtherSections):
    """A CIB -> a definition document."""

    def document(self, name: str) -> Document:
        self.left_out()
        self.properties()
        self.nodes()
        self.defaults("rsc_defaults", "RSC_DEFAULTS", ["pcs", "resource", "defaults"])
        self.defaults("op_defaults", "OP_DEFAULTS", ["pcs", "resource", "op", "defaults"])
        self.resources()
        self.fencing()
        self.constraints()
        self.alerts()
        self.tags()
        self.acls()
        self.others()
        ordered = _in_format_order(self.tables)
        commands = [c for phase in PHASES for c in self.commands[phase]]
        if commands:
            ordered.append(
                {"table": "ADDITIONAL_CONFIG", "rows": [{"config": c} for c in commands]}
            )
        if not ordered:
            # an empty configuration: a definition still needs one table
            ordered.append({"table": "PROPERTY", "rows": []})
        return {"name": name, "title": f"Imported from {self.source.file}", "tables": ordered}


def _in_format_order(tables: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    rank = {marker: index for index, marker in enumerate(TABLE_ORDER)}
    return sorted(tables, key=lambda t: rank.get(t["table"], len(rank)))


def import_cib(
    path: str,
    name: str,
    diagnostics: Diagnostics,
    target: str = "rhel9",
    system_agents: bool = True,
) -> Document:
    source = Source(path)
    try:
        data = read_bounded(path, MAX_CIB_BYTES)
    except OSError as exc:
        raise PcsgenError("PG001", Location(source), reason=os_reason(exc)) from None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        # the path goes with the tree, so that an error found deep in the reading names it
        root = etree.fromstring(data, parser, base_url=path)
    except etree.XMLSyntaxError as exc:
        raise PcsgenError("PG705", Location(source), path=path, reason=xml_reason(exc)) from None
    if root.tag not in ("cib", "configuration") or (
        root.tag == "cib" and root.find("configuration") is None
    ):
        raise PcsgenError(
            "PG705", Location(source), path=path, reason=Phrase("cib_no_configuration")
        )
    secret = _holds_secret(root)
    gone = prune(root, source, diagnostics)
    importer = Importer(root, source, diagnostics, target, system_agents)
    importer.dropped |= gone
    document = importer.document(name)
    document["holds_secret"] = secret
    return document


def _holds_secret(root: Element) -> bool:
    """Whether the CIB holds a secret value (the output file is then made private)."""
    from pcsgen.cib.redact import holds_secret

    try:
        return holds_secret(root)
    except Exception:  # noqa: BLE001 - never guess "no secret"
        return True
