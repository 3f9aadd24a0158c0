"""`pcs resource|stonith description ID TEXT` and `pcs cib element description ID TEXT`
(pcs 0.12.2 on), applied to a CIB as that pcs applies them: the description attribute of
the element of that id in the configuration, set, or removed when TEXT is empty.

pcsgen applies them itself rather than with this machine's pcs, which may be older than
the target's: the CIB then holds what the target's pcs makes of the script."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

from pcsgen.diagnostics.phrase import Phrase

if TYPE_CHECKING:
    from pcsgen.cib.element import Element

# The elements pcs sets a description on (pcs/lib/cib/element_description.py of 0.12.2:
# the resources, nodes, alerts, recipients, ACL roles and permissions)
DESCRIBED_TAGS = frozenset(
    {
        "primitive",
        "group",
        "clone",
        "master",
        "bundle",
        "node",
        "alert",
        "recipient",
        "acl_role",
        "acl_permission",
    }
)


def set_description(cib: Element, options: List[str], arguments: List[str]) -> Optional[Phrase]:
    """Set the description the command's arguments give on CIB (the root element); why
    pcs would refuse the command, or None when it is applied."""
    if options:
        return Phrase("desc_no_options", {"options": " ".join(options)})
    if len(arguments) != 2:
        return Phrase("desc_arguments")
    element_id, text = arguments
    configuration = cib.find("configuration")
    found = (
        []
        if configuration is None
        else [
            e for e in configuration.iter() if isinstance(e.tag, str) and e.get("id") == element_id
        ]
    )
    if not found:
        return Phrase("desc_no_such_id", {"id": element_id})
    element = found[0]
    if element.tag not in DESCRIBED_TAGS:
        return Phrase(
            "desc_not_described",
            {"id": element_id, "tag": element.tag, "tags": ", ".join(sorted(DESCRIBED_TAGS))},
        )
    if text:
        try:
            element.set("description", text)
        except ValueError:  # a character XML cannot hold: pcs fails on it too
            return Phrase("desc_not_xml", {"id": element_id})
    elif "description" in element.attrib:
        del element.attrib["description"]
    return None
