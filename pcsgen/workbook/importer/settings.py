"""The import's cluster-wide settings: cluster properties, node attributes and
utilization, resource and operation defaults (with the rule blocks pcs writes as
`defaults set create`)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set

from pcsgen.cib import reading as rd
from pcsgen.cib import values as cv
from pcsgen.cib.element import Element
from pcsgen.pcs import commands as pcs
from pcsgen.pcs import refusals
from pcsgen.workbook.importer.base import (
    META_AS_WRITTEN,
    ImporterBase,
    base_of,
    cell_split,
    layers_of,
    name_value_rows,
    say,
)


class Settings(ImporterBase):
    """Cluster properties, nodes and defaults: the PROPERTY, NODE, RSC_DEFAULTS and
    OP_DEFAULTS tables, and the commands for what they cannot hold."""

    def properties(self) -> None:
        crm_config = self.configuration.find("crm_config")
        if crm_config is not None:
            for pair in crm_config.iter("nvpair"):
                if pair.get("name") in cv.MAINTAINED_PROPERTIES:
                    self.diagnostics.info("PG706", self._where(pair), what=pair.get("name"))
        form = rd.nvsets(
            crm_config,
            "cluster_property_set",
            self.context,
            first_id="cib-bootstrap-options",
            dropped=cv.MAINTAINED_PROPERTIES,
        )
        self._duplicates(crm_config, "cluster_property_set", "crm_config")
        if crm_config is not None:
            self._rule_layers(crm_config, "crm_config", "cluster_property_set", form)
        safe, verbatim = cell_split(
            self._writable(crm_config, "property", "crm_config", base_of(form))
            if crm_config is not None
            else base_of(form)
        )
        if crm_config is not None:
            self._verbatim(
                crm_config, "crm_config", verbatim, ["pcs", "property", "set", "--force"]
            )
            self._legacy_properties(crm_config, safe)
            forced = self._unknown_properties(crm_config, safe)
            self._property_ids(crm_config, set(safe) | set(verbatim) | set(forced))
        if safe:
            self.tables.append({"table": "PROPERTY", "rows": name_value_rows(safe)})

    def _property_ids(self, crm_config: Element, written: Set[str]) -> None:
        """The ids the definition's properties keep: pcs writes each into the set
        cib-bootstrap-options as cib-bootstrap-options-NAME (forced ones too); an id
        the CIB spelled otherwise is made anew."""
        first = "cib-bootstrap-options"
        for pair in crm_config.iterfind(f"cluster_property_set[@id='{first}']/nvpair"):
            name = pair.get("name", "")
            if pair.get("id") == f"{first}-{name}" and name in written:
                self.property_ids |= {first, pair.get("id", "")}

    def _legacy_properties(self, crm_config: Element, values: Dict[str, str]) -> None:
        """Pacemaker 1.x option names, taken out of `values` and said what becomes of
        them: ignored since Pacemaker 2.0, or moved by the schema upgrade into the
        defaults (where the definition puts them, unless the defaults set the name)."""
        from pcsgen.cluster_options import legacy

        for name, value in list(values.items()):
            moved = legacy(name, value)
            # a cluster option renamed stays as written: the compile reads the old name
            if moved is None or moved.section == "crm_config":
                continue
            del values[name]
            if moved.section is None or moved.name is None:
                self.diagnostics.info("PG733", self._where(crm_config), name=name, value=value)
                continue
            self.legacy_defaults.setdefault(moved.section, {}).setdefault(moved.name, moved.value)
            self.diagnostics.info(
                "PG734",
                self._where(crm_config),
                name=name,
                value=value,
                section=moved.section,
                moved=f"{moved.name}={moved.value}",
            )

    def _unknown_properties(self, crm_config: Element, values: Dict[str, str]) -> List[str]:
        """Properties the target does not know (nor reads as a 1.x name), taken out of
        `values`: the compile refuses them in a table (a typo would do nothing), but a
        cluster holds them, so a forced `pcs property set` keeps them. Their names."""
        from pcsgen.cluster_options import legacy, target_options

        options = target_options(self.dialect.name)["options"]
        unknown = [n for n, v in values.items() if n not in options and legacy(n, v) is None]
        for name in unknown:
            value = values.pop(name)
            older = refusals.UNKNOWN_PROPERTY.get(self.dialect.pcs_version)
            self._forced(
                "settings",
                crm_config,
                say("imp_cluster_property", name=name),
                ["pcs", "property", "set", "--force", "--", f"{name}={value}"],
                refusals.reason(older, name=name)
                if older
                else refusals.options_reason(refusals.INVALID, "cluster_property", [name]),
            )
        return unknown

    def nodes(self) -> None:
        rows = []
        for node in self.configuration.findall("nodes/node"):
            uname = node.get("uname") or node.get("id", "")
            owner = say("imp_node", name=uname)
            for kind, tag in (("attribute", "instance_attributes"), ("utilization", "utilization")):
                form = rd.nvsets(node, tag, self.context)
                self._duplicates(node, tag, owner)
                self._rule_layers(node, owner, tag, form)
                safe, verbatim = cell_split(
                    self._writable(
                        node,
                        "node attribute" if kind == "attribute" else kind,
                        owner,
                        base_of(form),
                    )
                )
                self._verbatim(
                    node,
                    owner,
                    verbatim,
                    ["pcs", "node", kind if kind == "utilization" else "attribute", uname],
                )
                for name, value in safe.items():
                    rows.append({"uname": uname, "type": kind, "name": name, "value": value})
            if node.get("score") is not None:
                self._lost(node, say("imp_node_score", name=uname))
            if (
                any(row["uname"] == uname for row in rows)
                and node.get("type") not in ("remote", "ping")
                and not (node.get("id") or "").isdigit()
            ):
                self.diagnostics.info(
                    "PG719",
                    self._where(node),
                    node=uname,
                    id=node.get("id", ""),
                    path=self.source.file,
                )
        if rows:
            self.tables.append({"table": "NODE", "rows": rows})

    def defaults(self, tag: str, marker: str, pcs_words: List[str]) -> None:
        section = self.configuration.find(tag)
        moved = self.legacy_defaults.get(tag, {})
        if section is None:
            if moved:
                self.tables.append({"table": marker, "rows": name_value_rows(moved)})
            return
        form = rd.nvsets(
            section,
            "meta_attributes",
            self.context,
            normalise=META_AS_WRITTEN if tag == "rsc_defaults" else None,
        )
        self._duplicates(section, "meta_attributes", tag)
        safe, verbatim = cell_split(self._writable(section, "default", tag, base_of(form)))
        # a 1.x option the upgrade moves here, unless the defaults set the name
        safe.update((n, v) for n, v in moved.items() if n not in base_of(form))
        update = ["update"] if self.dialect.defaults_update else []
        self._verbatim(section, tag, verbatim, [*pcs_words, *update])
        if safe:
            self.tables.append({"table": marker, "rows": name_value_rows(safe)})
        # the table's block is read first (score 0); the later blocks get lower
        # scores so that pcs writes them in the order Pacemaker read them
        rules = self._rule_words(
            ("date", "resource", "op") if tag == "op_defaults" else ("date", "resource")
        )
        for index, layer in enumerate(layers_of(form)):
            words = [
                *pcs_words,
                "set",
                "create",
                f"score={-(index + 1)}",
                "meta",
                *pcs.nvpair_words(layer["values"]),
            ]
            block = self._layer_block(section, layer)
            if layer.get("rule") is not None:
                rule = block.find("rule") if block is not None else None
                tokens = rules.tokens(rule) if rule is not None else None
                if tokens is None or not pcs.text_rule_writable(tokens):
                    self._rule_layers(
                        section, tag, "meta_attributes", {"values": {}, "then": [layer]}
                    )
                    continue
                words += ["rule", *self._argv(tokens)]
            self._command(
                "defaults",
                block if block is not None else section,
                say("imp_defaults_layer", tag=tag),
                words,
            )

    def _layer_block(self, section: Element, layer: Dict[str, Any]) -> Optional[Element]:
        """The block a layer came from (for its rule and its line)."""
        for block in section.findall("meta_attributes"):
            resolved = self.context.resolve(block)
            if resolved is None:
                continue
            rule = resolved.find("rule")
            text = rd.rule_text(rule, self.context) if rule is not None else None
            if text == layer.get("rule") and any(
                p.get("name") in layer["values"] for p in resolved.findall("nvpair")
            ):
                return resolved
        return None
