"""The design report's sections (nodes, resources, constraints, alerts, findings)
built from the IR as plain data for the HTML template."""

from __future__ import annotations

from typing import AbstractSet, Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

from pcsgen import ir
from pcsgen.api.options import Options
from pcsgen.design.load import Design
from pcsgen.design.masking import Masker
from pcsgen.design.words import Words
from pcsgen.diagnostics import Diagnostics
from pcsgen.diagnostics.location import Location

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def resource_anchor(object_id: str) -> str:
    """The HTML id of a resource's row; any id gives a valid, unique fragment."""
    return "rsc-" + quote(object_id, safe="")


class Sections:
    """The report's sections as plain data for the template, secrets masked, and the
    anchors findings link to."""

    def __init__(self, design: Design, words: Words, options: Options) -> None:
        self.design = design
        self.cluster = design.cluster
        self.words = words
        self.options = options
        self.masker = Masker(design.diagnostics.secrets)
        self.resources = self.cluster.all_resources()
        self.anchors: Dict[Tuple[str, Optional[str], int], str] = {}

    # -- helpers -------------------------------------------------------------------
    def href(self, object_id: str) -> Optional[str]:
        return "#" + resource_anchor(object_id) if object_id in self.resources else None

    def mark(self, anchor: str, *locations: Optional[Location]) -> None:
        """Findings at these cells link to ANCHOR."""
        for location in locations:
            if location is not None and location.row:
                key = (location.source.file, location.source.sheet, location.row)
                self.anchors.setdefault(key, anchor)

    def pairs(
        self, pairs: Sequence[ir.NvPair], anchor: str, flagged: AbstractSet[str] = frozenset()
    ) -> List[Tuple[str, str]]:
        self.mark(anchor, *(p.location for p in pairs))
        return [(p.name, self.masker.value(p.name, p.value, p.name in flagged)) for p in pairs]

    def settings(self, pairs: Sequence[ir.NvPair]) -> List[Dict[str, str]]:
        return [
            {"name": p.name, "value": self.masker.value(p.name, p.value), "source": str(p.location)}
            for p in pairs
        ]

    # -- sections --------------------------------------------------------------------
    def nodes(self) -> List[Dict[str, Any]]:
        from pcsgen.design.dot_parts import host_lists

        found: Dict[str, Dict[str, Any]] = {}
        for node in self.cluster.nodes:
            anchor = "node-" + quote(node.uname, safe="")
            found[node.uname] = {
                "name": node.uname,
                "id": node.id or "",
                "anchor": anchor,
                "attributes": self.pairs(node.attributes, anchor),
                "utilization": self.pairs(node.utilization, anchor),
                "source": str(node.location) if node.location else "",
            }
        named = (
            [n.node for n in self.cluster.locations_node]
            + [lv.target for lv in self.cluster.fencing_levels]
            + [h for p in self.cluster.primitives() if p.is_stonith for h in host_lists(p)]
        )
        for name in named:
            found.setdefault(
                name,
                {
                    "name": name,
                    "id": "",
                    "anchor": "",
                    "attributes": [],
                    "utilization": [],
                    "source": "",
                },
            )
        return list(found.values())

    def counts(self) -> List[Tuple[str, int]]:
        every = list(self.resources.values())
        primitives = [r for r in every if isinstance(r, ir.Primitive)]
        clones = [r for r in every if isinstance(r, ir.Clone)]
        cluster, w = self.cluster, self.words
        return [
            (w("count_primitives"), sum(not p.is_stonith for p in primitives)),
            (w("count_stonith"), sum(p.is_stonith for p in primitives)),
            (w("count_groups"), sum(isinstance(r, ir.Group) for r in every)),
            (w("count_clones"), sum(not c.promotable for c in clones)),
            (w("count_promotables"), sum(c.promotable for c in clones)),
            (w("count_locations"), len(cluster.locations_node) + len(cluster.locations_rule)),
            (w("count_colocations"), len(cluster.colocations)),
            (w("count_orders"), len(cluster.orders)),
            (w("count_levels"), len(cluster.fencing_levels)),
            (w("count_alerts"), len(cluster.alerts)),
        ]

    def structure(self) -> List[Dict[str, Any]]:
        rows: List[Dict[str, Any]] = []

        def visit(resource: ir.Resource, depth: int, parent: Optional[str]) -> None:
            anchor = resource_anchor(resource.id)
            if isinstance(resource, ir.Primitive):
                kind = self.words("stonith" if resource.is_stonith else "primitive")
                children: List[ir.Resource] = []
            elif isinstance(resource, ir.Group):
                kind, children = self.words("group"), list(resource.members)
            else:
                kind = self.words("promotable" if resource.promotable else "clone")
                children = [resource.child] if resource.child is not None else []
            self.mark(anchor, resource.location)
            meta = (
                self.pairs(resource.meta_attributes, anchor)
                if not isinstance(resource, ir.Primitive)
                else []
            )
            rows.append(
                {
                    "anchor": anchor,
                    "id": resource.id,
                    "depth": depth,
                    "kind": kind,
                    "parent": parent,
                    "parent_href": self.href(parent) if parent else None,
                    "contains": [(c.id, self.href(c.id)) for c in children],
                    "meta": meta,
                    "source": str(resource.location),
                }
            )
            for child in children:
                visit(child, depth + 1, resource.id)

        for resource in self.cluster.resources:
            visit(resource, 0, None)
        return rows

    def primitives(self) -> List[Dict[str, Any]]:
        from pcsgen.agents.provider import MetadataProvider

        provider = MetadataProvider(use_system=self.options.system_agents)
        rows: List[Dict[str, Any]] = []
        for primitive in self.cluster.primitives():
            anchor = "def-" + quote(primitive.id, safe="")
            metadata = provider.get(primitive.agent) if primitive.agent.type else None
            flagged = {p.name for p in metadata.parameters if p.secret} if metadata else set()
            self.mark(
                resource_anchor(primitive.id),
                primitive.definition,
                *(op.location for op in primitive.operations),
            )
            operations = []
            for op in primitive.operations:
                attributes = " ".join(
                    f"{k}={self.masker.text(v)}" for k, v in op.attributes.items()
                )
                operations.append(
                    {"name": op.name, "attributes": attributes, "from_agent": op.from_agent}
                )
            rows.append(
                {
                    "anchor": anchor,
                    "id": primitive.id,
                    "href": self.href(primitive.id),
                    "stonith": primitive.is_stonith,
                    "agent": str(primitive.agent),
                    "parameters": self.pairs(
                        primitive.instance_attributes, resource_anchor(primitive.id), flagged
                    ),
                    "meta": self.pairs(primitive.meta_attributes, resource_anchor(primitive.id)),
                    "utilization": self.pairs(primitive.utilization, resource_anchor(primitive.id)),
                    "operations": operations,
                    "source": str(primitive.definition or primitive.location),
                }
            )
        return rows

    def constraints(self) -> Dict[str, List[Dict[str, Any]]]:
        from pcsgen.design.dot_parts import rule_text

        cluster = self.cluster
        found: Dict[str, List[Dict[str, Any]]] = {
            "node": [],
            "rule": [],
            "colocation": [],
            "order": [],
            "level": [],
        }
        for index, location in enumerate(cluster.locations_node, start=1):
            anchor = f"location-{index}"
            self.mark(anchor, location.location, *location.where.values())
            found["node"].append(
                {
                    "anchor": anchor,
                    "rsc": location.rsc,
                    "href": self.href(location.rsc),
                    "node": location.node,
                    "prefers": location.prefers,
                    "score": location.score,
                    "source": str(location.location),
                }
            )
        for index, rule in enumerate(cluster.locations_rule, start=1):
            anchor = f"rule-{index}"
            self.mark(
                anchor, rule.location, *rule.where.values(), *(e.location for e in rule.expressions)
            )
            found["rule"].append(
                {
                    "anchor": anchor,
                    "rsc": rule.rsc,
                    "href": self.href(rule.rsc),
                    "score": rule.score,
                    "role": rule.role or "",
                    "rule": rule_text(rule),
                    "source": str(rule.location),
                }
            )
        for index, colocation in enumerate(cluster.colocations, start=1):
            anchor = f"colocation-{index}"
            self.mark(anchor, colocation.location, *colocation.where.values())
            found["colocation"].append(
                {
                    "anchor": anchor,
                    "rsc": colocation.rsc,
                    "href": self.href(colocation.rsc),
                    "rsc_role": colocation.rsc_role or "",
                    "with_rsc": colocation.with_rsc,
                    "with_href": self.href(colocation.with_rsc),
                    "with_role": colocation.with_rsc_role or "",
                    "score": colocation.score,
                    "source": str(colocation.location),
                }
            )
        for index, order in enumerate(cluster.orders, start=1):
            anchor = f"order-{index}"
            self.mark(anchor, order.location, *order.where.values())
            found["order"].append(
                {
                    "anchor": anchor,
                    "first": order.first,
                    "first_href": self.href(order.first),
                    "first_action": order.first_action or "start",
                    "then": order.then,
                    "then_href": self.href(order.then),
                    "then_action": order.then_action or order.first_action or "start",
                    "kind": order.kind or "Mandatory",
                    "symmetrical": order.symmetrical or "true",
                    "source": str(order.location),
                }
            )
        for index, level in enumerate(cluster.fencing_levels, start=1):
            anchor = f"level-{index}"
            self.mark(anchor, level.location, *level.where.values())
            found["level"].append(
                {
                    "anchor": anchor,
                    "target": level.target,
                    "index": level.index,
                    "devices": [(d, self.href(d)) for d in level.devices],
                    "source": str(level.location),
                }
            )
        return found

    def alerts(self) -> List[Dict[str, Any]]:
        rows = []
        for index, alert in enumerate(self.cluster.alerts, start=1):
            anchor = f"alert-{index}"
            self.mark(anchor, alert.location, *alert.where.values())
            rows.append(
                {
                    "anchor": anchor,
                    "id": alert.id,
                    "path": self.masker.text(alert.path),
                    "options": self.pairs(alert.options, anchor),
                    "meta": self.pairs(alert.meta, anchor),
                    "recipients": [
                        {
                            "value": self.masker.text(r.value),
                            "options": self.pairs(r.options, anchor),
                            "meta": self.pairs(r.meta, anchor),
                        }
                        for r in alert.recipients
                    ],
                    "source": str(alert.location),
                }
            )
        return rows

    def additional(self) -> List[Dict[str, str]]:
        rows = []
        for index, item in enumerate(self.cluster.additional_config, start=1):
            anchor = f"additional-{index}"
            self.mark(anchor, item.location)
            rows.append(
                {
                    "anchor": anchor,
                    "text": self.masker.command(item.text),
                    "source": str(item.location),
                }
            )
        return rows

    def findings(self, diagnostics: Diagnostics) -> List[Dict[str, Any]]:
        rows = []
        items = sorted(diagnostics.sorted(), key=lambda d: SEVERITY_ORDER[d.severity.label])
        for found in items:
            location = found.location
            key = (
                (location.source.file, location.source.sheet, location.row)
                if location is not None
                else None
            )
            anchor = self.anchors.get(key) if key else None
            rows.append(
                {
                    "severity": found.severity.label,
                    "code": found.code,
                    "where": str(location) if location is not None else "",
                    "href": "#" + anchor if anchor else None,
                    "message": self.masker.text(found.message(self.words.lang)),
                }
            )
        return rows
