"""Graphviz's SVG made fit to sit inside an HTML page: no namespaces, DTD, scripts or
links that leave the page."""

from __future__ import annotations

from typing import Callable, Optional

from lxml import etree

# Graphviz writes none of these; a drawing is cleaned as if it might.
_DROPPED = frozenset({"script", "foreignObject", "iframe", "object", "embed", "style"})


def inline_svg(data: bytes, text: Optional[Callable[[str], str]] = None) -> str:
    """The <svg> element of DATA as markup for an HTML page; TEXT, when given, rewrites
    every text the drawing shows (to mask secrets)."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )
    root = etree.fromstring(data, parser)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in _DROPPED:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        element.tag = name
        if text is not None:
            element.text = text(element.text) if element.text else element.text
            element.tail = text(element.tail) if element.tail else element.tail
        for key in list(element.attrib):
            local = etree.QName(key).localname
            value = element.attrib.pop(key)
            if local.lower().startswith("on"):
                continue
            if local == "href":
                if value.startswith("#"):
                    element.set("href", value)  # SVG 2: no xlink needed
                continue
            if local == "title" and key != local:
                continue  # xlink:title (a tooltip): the text is already in the drawing
            element.set(local, value)
    etree.cleanup_namespaces(root)
    root.set("class", "diagram")
    root.set("role", "img")
    return etree.tostring(root, encoding="unicode")
