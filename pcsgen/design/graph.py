"""The IR as a Graphviz DOT diagram: resources, groups, clones, constraints, fencing."""

from __future__ import annotations

from typing import Dict, List, Mapping, Optional, Set, Tuple

from pcsgen import ir
from pcsgen.design.dot_parts import (
    AVOIDS_COLOUR,
    CLONE_FILL,
    COLOCATION_COLOUR,
    FENCING_COLOUR,
    FONT,
    GROUP_FILL,
    HOST_FILL,
    LEFT,
    NOTE_FILL,
    ORDER_COLOUR,
    PREFERS_COLOUR,
    PRIMITIVE_FILL,
    PROMOTABLE_FILL,
    RULE_COLOUR,
    SAFE_VALUE,
    STONITH_FILL,
    End,
    dot_attributes,
    host_lists,
    html_label,
    pair_value,
    rule_lines,
    small_text,
)
from pcsgen.design.words import Words

LARGE_GRAPH = 150  # primitives beyond which the layout is simplified
LARGE_EDGES = 300  # edges beyond which the layout is simplified
# In a simplified layout, the edges that place the boxes (in rank order): each edge
# spanning many ranks adds a hidden node per rank, and 1,500 edges across 150 ranks
# take dot minutes; the others are drawn but place nothing, and edge labels are
# placed after the layout (xlabel) instead of taking part in it.
RANKING_EDGES = 200
# Cluster nodes drawn at most; edges to the others go to one box for them all (a fence
# device may fence thousands of hosts, and dot lays out thousands of boxes for minutes)
MAX_HOSTS = 100


class DotWriter:
    """Builds the DOT text of one cluster."""

    def __init__(
        self, cluster: ir.Cluster, words: Words, links: Optional[Mapping[str, str]] = None
    ) -> None:
        self.cluster = cluster
        self.words = words
        self.links = links or {}
        self.lines: List[str] = []
        self.ends: Dict[str, End] = {}
        self.boxes_of: Dict[str, Set[str]] = {}  # node name -> the boxes holding it
        self.hosts: Dict[str, str] = {}  # node uname -> DOT node name
        self.counter = 0
        self.others: Optional[str] = None  # the box of the nodes past MAX_HOSTS
        self.to_others: Set[Tuple[str, str]] = set()  # (tail, kind) edges to it
        self.large = False  # simplify the layout: see RANKING_EDGES
        self.edges = 0

    def _name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def _link(self, object_id: str) -> Optional[str]:
        link = self.links.get(object_id)
        return link if link is not None and SAFE_VALUE.fullmatch(link) else None

    def _node(
        self, name: str, indent: str, boxes: Tuple[str, ...], **values: Optional[str]
    ) -> None:
        self.lines.append(f"{indent}{name} [{dot_attributes(values)}];")
        self.boxes_of[name] = set(boxes)

    def _edge(self, tail: str, head: str, **values: Optional[str]) -> None:
        self.edges += 1
        if self.large:
            values["xlabel"] = values.pop("label", None)
            if self.edges > RANKING_EDGES:
                values["constraint"] = "false"
        self.lines.append(f"  {tail} -> {head} [{dot_attributes(values)}];")

    def _edge_count(self) -> int:
        """The edges the diagram will hold, before drawing any."""
        cluster = self.cluster
        fencing = sum(len(level.devices) for level in cluster.fencing_levels) + sum(
            len(host_lists(p)) for p in cluster.primitives() if p.is_stonith
        )
        return (
            len(cluster.orders)
            + len(cluster.colocations)
            + len(cluster.locations_node)
            + len(cluster.locations_rule)
            + fencing
        )

    # -- resources -----------------------------------------------------------------------
    def resource(
        self,
        resource: ir.Resource,
        indent: str = "  ",
        boxes: Tuple[str, ...] = (),
        in_clone: bool = False,
    ) -> End:
        if isinstance(resource, ir.Primitive):
            end = self._primitive(resource, indent, boxes, in_clone)
        elif isinstance(resource, ir.Group):
            end = self._group(resource, indent, boxes, in_clone)
        else:
            end = self._clone(resource, indent, boxes)
        self.ends.setdefault(resource.id, end)
        return end

    def _primitive(
        self, primitive: ir.Primitive, indent: str, boxes: Tuple[str, ...], in_clone: bool
    ) -> End:
        name = self._name("r")
        label = f"<B>{html_label(primitive.id)}</B><BR/>{small_text(str(primitive.agent))}"
        self._node(
            name,
            indent,
            boxes,
            label=label,
            fillcolor=STONITH_FILL if primitive.is_stonith else PRIMITIVE_FILL,
            peripheries="2" if in_clone else None,
            URL=self._link(primitive.id),
            **{"class": "stonith" if primitive.is_stonith else "primitive"},
        )
        return End(name, name, None)

    def _box(
        self,
        indent: str,
        kind: str,
        label: str,
        fill: str,
        object_id: str,
        dashed: bool = False,
        colour: str = "#9e9e9e",
    ) -> str:
        box = self._name("cluster_")
        style = "rounded,filled,dashed" if dashed else "rounded,filled"
        self.lines.append(f"{indent}subgraph {box} {{")
        attributes = dot_attributes(
            {
                "label": label,
                "style": style,
                "fillcolor": fill,
                "color": colour,
                "labeljust": "l",
                "penwidth": "1.5",
                "URL": self._link(object_id),
                "class": kind,
            }
        )
        self.lines.append(f"{indent}  graph [{attributes}];")
        return box

    def _empty(self, indent: str, boxes: Tuple[str, ...]) -> End:
        name = self._name("e")
        self._node(
            name,
            indent,
            boxes,
            label=html_label(self.words("empty")),
            shape="plaintext",
            style="",
            **{"class": "empty"},
        )
        return End(name, name, None)

    def _group(self, group: ir.Group, indent: str, boxes: Tuple[str, ...], in_clone: bool) -> End:
        label = f"<B>{html_label(group.id)}</B>  {small_text(self.words('group'))}{LEFT}"
        box = self._box(indent, "group", label, GROUP_FILL, group.id)
        inner = (*boxes, box)
        members = [self.resource(m, indent + "  ", inner, in_clone) for m in group.members]
        for before, after in zip(members, members[1:]):
            # the start order a group implies
            self.lines.append(
                f"{indent}  {before.last} -> {after.first} "
                f'[color="#9e9e9e", arrowsize="0.6", class="member-order"];'
            )
        if not members:
            members = [self._empty(indent + "  ", inner)]
        self.lines.append(f"{indent}}}")
        return End(members[0].first, members[-1].last, box)

    def _clone(self, clone: ir.Clone, indent: str, boxes: Tuple[str, ...]) -> End:
        count = pair_value(clone.meta_attributes, "clone-max")
        instances = (
            self.words("instances", count=count) if count else self.words("instances_per_node")
        )
        kind = "promotable" if clone.promotable else "clone"
        label = (
            f"<B>{html_label(clone.id)}</B>  {small_text(self.words(kind))}{LEFT}"
            + small_text(instances)
            + LEFT
        )
        if clone.promotable:
            promoted = pair_value(clone.meta_attributes, "promoted-max", "master-max") or "1"
            label += small_text(self.words("promoted", count=promoted), "#8d6e00") + LEFT
        box = self._box(
            indent,
            kind,
            label,
            PROMOTABLE_FILL if clone.promotable else CLONE_FILL,
            clone.id,
            dashed=not clone.promotable,
            colour="#c9a227" if clone.promotable else "#66bb6a",
        )
        inner = (*boxes, box)
        if clone.child is not None:
            child = self.resource(clone.child, indent + "  ", inner, in_clone=True)
        else:
            child = self._empty(indent + "  ", inner)
        self.lines.append(f"{indent}}}")
        return End(child.first, child.last, box)

    # -- nodes, references -----------------------------------------------------------------
    def host(self, uname: str) -> str:
        name = self.hosts.get(uname)
        if name is None and len(self.hosts) >= MAX_HOSTS:
            name = self._other_nodes()
        if name is None:
            name = self._name("h")
            self.hosts[uname] = name
            label = f"<B>{html_label(uname)}</B><BR/>{small_text(self.words('node'))}"
            self._node(
                name,
                "  ",
                (),
                label=label,
                shape="box3d",
                style="filled",
                fillcolor=HOST_FILL,
                **{"class": "host"},
            )
        return name

    def _other_nodes(self) -> str:
        """The one box standing for the nodes past MAX_HOSTS."""
        if self.others is None:
            self.others = self._name("h")
            label = f"<B>{html_label(self.words('other_nodes'))}</B>"
            self._node(
                self.others,
                "  ",
                (),
                label=label,
                shape="box3d",
                style="dashed",
                fillcolor=HOST_FILL,
                **{"class": "host"},
            )
        return self.others

    def end(self, object_id: str) -> End:
        """The resource's ends; a resource the definition lacks gets a dashed node."""
        found = self.ends.get(object_id)
        if found is None:
            name = self._name("u")
            label = f"<B>{html_label(object_id)}</B><BR/>{small_text(self.words('missing'))}"
            self._node(name, "  ", (), label=label, style="dashed", **{"class": "missing"})
            found = self.ends[object_id] = End(name, name, None)
        return found

    def link(self, first: str, then: str, kind: str, **values: Optional[str]) -> None:
        """An edge from resource FIRST to resource THEN, clipped at their boxes."""
        tail, head = self.end(first), self.end(then)
        ltail = tail.box if tail.box and tail.box not in self.boxes_of[head.first] else None
        lhead = head.box if head.box and head.box not in self.boxes_of[tail.last] else None
        self._edge(tail.last, head.first, ltail=ltail, lhead=lhead, **{"class": kind}, **values)

    def to_host(self, rsc: str, uname: str, kind: str, **values: Optional[str]) -> None:
        tail = self.end(rsc)
        head = self.host(uname)
        if head == self.others:
            # one edge of each kind from a resource to the other nodes
            if (tail.last, kind) in self.to_others:
                return
            self.to_others.add((tail.last, kind))
        self._edge(tail.last, head, ltail=tail.box, **{"class": kind}, **values)

    # -- the whole ---------------------------------------------------------------------------
    def write(self) -> str:
        cluster, words = self.cluster, self.words
        title = html_label(cluster.name)
        # Curved edges around hundreds of boxes take dot minutes; straight ones and
        # bounded optimisation passes take seconds.
        self.large = len(cluster.primitives()) > LARGE_GRAPH or self._edge_count() > LARGE_EDGES
        large = ', splines="line", nslimit="0.02", mclimit="0.3"' if self.large else ""
        self.lines += [
            "digraph pcsgen {",
            f'  graph [rankdir="LR", compound="true", newrank="true", fontname="{FONT}", '
            f'fontsize="14", bgcolor="white", nodesep="0.3", ranksep="0.7", pad="0.2", '
            f'labelloc="t", label=<<B>{title}</B>>{large}];',
            f'  node [fontname="{FONT}", fontsize="12", shape="box", style="rounded,filled", '
            f'fillcolor="{PRIMITIVE_FILL}", color="#607d8b"];',
            f'  edge [fontname="{FONT}", fontsize="10"];',
        ]
        for resource in cluster.resources:
            self.resource(resource)
        for node in cluster.nodes:
            self.host(node.uname)
        for order in cluster.orders:
            notes = []
            if order.kind and order.kind != "Mandatory":
                notes.append(order.kind)
            first_action, then_action = (
                order.first_action or "start",
                order.then_action or order.first_action or "start",
            )
            if (first_action, then_action) != ("start", "start"):
                notes.append(f"{first_action} → {then_action}")
            if (order.symmetrical or "").lower() in ("false", "no", "0", "off", "n"):
                notes.append(words("not_symmetrical"))
            label = "<BR/>".join(html_label(n) for n in notes) or None
            self.link(
                order.first, order.then, "order", label=label, color=ORDER_COLOUR, penwidth="1.6"
            )
        for colocation in cluster.colocations:
            lines = [colocation.score]
            if colocation.rsc_role:
                lines.append(f"rsc-role {colocation.rsc_role}")
            if colocation.with_rsc_role:
                lines.append(f"with-rsc-role {colocation.with_rsc_role}")
            label = "<BR/>".join(html_label(line) for line in lines)
            # Laid out from with-rsc (placed first) to rsc, drawn as an arrow from rsc
            # to with-rsc: the layout keeps the label clear of the boxes.
            self.link(
                colocation.with_rsc,
                colocation.rsc,
                "colocation",
                label=label,
                style="dashed",
                color=COLOCATION_COLOUR,
                fontcolor=COLOCATION_COLOUR,
                dir="back",
                arrowtail="odot",
                arrowhead="none",
            )
        for location in cluster.locations_node:
            key = "prefers" if location.prefers else "avoids"
            colour = PREFERS_COLOUR if location.prefers else AVOIDS_COLOUR
            self.to_host(
                location.rsc,
                location.node,
                "location",
                label=html_label(words(key, score=location.score)),
                color=colour,
                fontcolor=colour,
                style=None if location.prefers else "dotted",
            )
        for rule in cluster.locations_rule:
            note = self._name("n")
            lines = [words("rule_score", score=rule.score)]
            if rule.role:
                lines.append(words("rule_role", role=rule.role))
            lines += rule_lines(rule)
            self._node(
                note,
                "  ",
                (),
                label="<BR/>".join(html_label(t) for t in lines),
                shape="note",
                fillcolor=NOTE_FILL,
                color=RULE_COLOUR,
                **{"class": "rule-note"},
            )
            tail = self.end(rule.rsc)
            self._edge(
                tail.last,
                note,
                ltail=tail.box,
                style="dashed",
                color=RULE_COLOUR,
                arrowhead="none",
                **{"class": "rule"},
            )
        self._fencing()
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def _fencing(self) -> None:
        in_levels: Set[str] = set()
        for level in self.cluster.fencing_levels:
            for device in level.devices:
                in_levels.add(device)
                self.to_host(
                    device,
                    level.target,
                    "fencing",
                    label=html_label(self.words("level", index=level.index)),
                    color=FENCING_COLOUR,
                    fontcolor=FENCING_COLOUR,
                    penwidth="2",
                )
        for primitive in self.cluster.primitives():
            if primitive.is_stonith and primitive.id not in in_levels:
                for uname in host_lists(primitive):
                    self.to_host(
                        primitive.id,
                        uname,
                        "fencing",
                        label=html_label(self.words("host_list")),
                        color=FENCING_COLOUR,
                        fontcolor=FENCING_COLOUR,
                        style="dashed",
                    )


def to_dot(cluster: ir.Cluster, lang: str = "en", links: Optional[Mapping[str, str]] = None) -> str:
    """The DOT text of CLUSTER. LINKS: resource id -> a link (`#fragment`) for its box."""
    return DotWriter(cluster, Words(lang), links).write()
