"""The import's bundles: `pcs resource bundle create` with its container, network
and storage, and the primitive inside it."""

from __future__ import annotations

from pcsgen.cib import reading as rd
from pcsgen.cib.element import Element
from pcsgen.pcs import commands as pcs
from pcsgen.workbook.importer.base import (
    META_AS_WRITTEN,
    base_of,
    say,
)
from pcsgen.workbook.importer.primitives import Primitives


class Bundles(Primitives):
    """A bundle, by commands (no table holds one)."""

    def _bundle(self, element: Element) -> None:
        rid = element.get("id", "")
        runtime = next((c for c in element if c.tag in ("docker", "podman", "rkt")), None)
        if runtime is None:
            self._lost(element, say("imp_bundle_no_container", id=rid))
            return
        words = ["pcs", "resource", "bundle", "create", rid, "container", runtime.tag]
        words += [f"{k}={v}" for k, v in runtime.attrib.items() if k != "id"]
        network = element.find("network")
        if network is not None:
            options = [f"{k}={v}" for k, v in network.attrib.items() if k != "id"]
            if options:
                words += ["network", *options]
            for port in network.findall("port-mapping"):
                words += ["port-map"] + [f"{k}={v}" for k, v in port.attrib.items()]
        storage = element.find("storage")
        if storage is not None:
            for mapping in storage.findall("storage-mapping"):
                words += ["storage-map"] + [f"{k}={v}" for k, v in mapping.attrib.items()]
        meta = rd.nvsets(element, "meta_attributes", self.context, normalise=META_AS_WRITTEN)
        self._rule_layers(element, rid, "meta_attributes", meta)
        if base_of(meta):
            words += ["meta", *pcs.nvpair_words(base_of(meta))]
        self._extras(element, "bundle", {})
        # pcs checks the container options and refuses a bundle with a resource but
        # no control port unless forced
        self._command("resources", element, say("imp_bundle", id=rid), words + ["--force"])
        inside = element.find("primitive")
        if inside is not None and inside.get("id") not in self.dropped:
            self._created_primitive(
                inside, ["bundle", rid], say("imp_in_bundle", id=inside.get("id", ""), bundle=rid)
            )
