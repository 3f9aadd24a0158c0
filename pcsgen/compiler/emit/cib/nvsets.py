"""instance_attributes, meta_attributes and utilization blocks."""

from __future__ import annotations

from typing import Iterable, Optional

from lxml import etree

from pcsgen import ir
from pcsgen.compiler.emit.cib.ids import IdProvider


def append_nvset(
    parent: etree._Element,
    tag: str,
    set_id: str,
    pairs: Iterable[ir.NvPair],
    ids: IdProvider,
    nvpair_prefix: Optional[str] = None,
    name_length: Optional[int] = None,
) -> Optional[etree._Element]:
    """name_length: the nvpair ids hold at most that many characters of the name (as
    pcs makes them where it sets one pair at a time: properties, defaults)."""
    pairs = list(pairs)
    if not pairs:
        return None
    nvset_id = ids.allocate(set_id)
    nvset = etree.SubElement(parent, tag, {"id": nvset_id})
    prefix = nvpair_prefix if nvpair_prefix is not None else nvset_id
    allocate = ids.allocate
    for pair in pairs:
        etree.SubElement(
            nvset,
            "nvpair",
            {
                "id": allocate(f"{prefix}-{pair.name[:name_length]}"),
                "name": pair.name,
                "value": pair.value,
            },
        )
    return nvset
