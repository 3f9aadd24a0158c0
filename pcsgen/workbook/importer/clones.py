"""The import's clones that pcs makes only when forced, in steps, or not at all,
and the primitives and groups pcs creates only when forced (what decides whether a
table can hold them)."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from pcsgen.cib import reading as rd
from pcsgen.cib.element import Element
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.pcs import commands as pcs
from pcsgen.pcs import refusals
from pcsgen.workbook.importer.base import (
    META_AS_WRITTEN,
    base_of,
    children_of,
    layers_of,
    pcs_agent,
    say,
)
from pcsgen.workbook.importer.primitives import Primitives


class Clones(Primitives):
    """How a clone (and a primitive in a group) is written when a table cannot hold
    it as pcs would refuse it."""

    def _clone_mode(
        self, element: Element, promotable: bool, values: Dict[str, str]
    ) -> Tuple[str, bool]:
        """How a clone is written: in the tables ("table"); by `pcs resource clone` or
        `promotable` of what the tables hold ("clone", "promotable"); by `pcs resource
        create ... promotable` ("create"); in steps through a placeholder ("steps": a
        globally unique clone of an agent pcs allows none for); or not at all ("lost": its
        fence device alone). What pcs refuses even forced is named and taken out of
        `values` (and promotable, which is returned)."""
        rid = element.get("id", "")
        child = next(
            (
                c
                for c in children_of(element, "primitive", "group")
                if c.get("id") not in self.dropped
            ),
            None,
        )
        if child is None:
            return "table", promotable
        primitives = [
            rd.expand_template(p, self.context)
            for p in child.iter("primitive")
            if p.get("id") not in self.dropped
        ]
        foreign = [p for p in primitives if (p.get("class") or "").lower() != "ocf"]
        fence = self._fence_device(child)
        if foreign and promotable:
            self._refused(
                element,
                say("imp_promotable_setting", id=rid),
                refusals.reason(
                    refusals.INCOMPATIBLE,
                    option="promotable",
                    agent=pcs_agent(foreign[0]),
                    id=foreign[0].get("id", ""),
                ),
            )
            promotable = False
        if fence and not self.dialect.stonith_in_resource_commands:
            device = child.get("id", "")
            names = ", ".join(f"{n}={v}" for n, v in values.items())
            self._refused(
                element,
                say(
                    "imp_fence_clone",
                    id=rid,
                    device=device,
                    meta=say("imp_fence_clone_meta", names=names) if names else "",
                ),
                refusals.reason(refusals.NO_STONITH_HERE),
            )
            return "lost", False
        if foreign and values.get("globally-unique") == "true":
            if self.dialect.pcs_version == "0.10":
                return "clone", promotable  # pcs 0.10 checks no agent there
            return "steps", promotable
        if fence:
            return "clone", promotable
        if promotable and not all(self._promotable_agent(p) for p in primitives):
            return ("promotable" if child.tag == "group" else "create"), promotable
        return "table", promotable

    def _options_as_read(self, element: Element, inherited: Dict[str, str]) -> Dict[str, str]:
        """A (template-expanded) primitive's parameters as a command would set them."""
        form = rd.nvsets(element, "instance_attributes", self.context)
        values = base_of(form)
        return {**inherited, **values} if inherited and not layers_of(form) else values

    def _create_refusal(self, original: Element, inherited: Dict[str, str]) -> Optional[Phrase]:
        """Why pcs refuses to create this primitive unless forced, as the compile judges
        a table's (the same metadata): a required parameter it lacks, or one whose value
        an earlier resource of the agent holds (it cannot leave the create for a forced
        update). None if a table can hold it."""
        from pcsgen.compiler.check.agents import missing_parameters

        element = rd.expand_template(original, self.context)
        agent = refusals.agent_of(element)
        if not agent.type:
            return None
        metadata = self._metadata_provider().get(agent)
        if metadata is None:
            return None
        stonith = agent.standard.lower() == "stonith"
        values = self._options_as_read(element, inherited)
        missing = missing_parameters(metadata, stonith, set(values))
        if missing:
            return refusals.options_reason(
                refusals.MISSING, "stonith" if stonith else "resource", missing
            )
        required = {p.name for p in metadata.parameters if p.required}
        for names, _first in self.unique.repeated(
            agent, element.get("id", ""), values, record=False
        ):
            shown = next((n for n in names if n in required), None)
            if shown is not None:
                return refusals.reason(
                    refusals.NOT_UNIQUE, value=values[shown], name=shown, agent=agent
                )
        return None

    def _group_by_commands(self, group: Element, inherited: Dict[str, str]) -> bool:
        """Whether every member of a top-level group is made by a forced create: the
        first of them makes the group (a table holds no empty group)."""
        members = [m for m in children_of(group, "primitive") if m.get("id") not in self.dropped]
        parent = group.getparent()
        return (
            bool(members)
            and parent is not None
            and parent.tag == "resources"
            and all(self._create_refusal(m, inherited) is not None for m in members)
        )

    def _created_place(
        self, original: Element, inherited: Dict[str, str]
    ) -> Optional[Tuple[List[str], Phrase]]:
        """(where `pcs resource create` puts a primitive pcs makes only when forced, the
        reason), for a primitive at the top or in a group; None when a table holds it
        (or, inside a clone, when no forced create keeps the clone as it is)."""
        reason = self._create_refusal(original, inherited)
        parent = original.getparent()
        if reason is None or parent is None or parent.tag not in ("resources", "group"):
            return None
        if parent.tag == "resources":
            return [], reason
        gid = parent.get("id", "")
        members = [m for m in children_of(parent, "primitive") if m.get("id") not in self.dropped]
        index = members.index(original)
        if index > 0:  # made after the one before it, whether a table or a command did
            return ["--group", gid, "--after", members[index - 1].get("id", "")], reason
        # the first: before the first member a table holds (those made by a command
        # come after it)
        following = next(
            (m for m in members[1:] if self._create_refusal(m, inherited) is None), None
        )
        if following is None:
            return ["--group", gid], reason
        return ["--group", gid, "--before", following.get("id", "")], reason

    def _promotable_agent(self, primitive: Element) -> bool:
        """Whether pcs lets a promotable clone hold this agent unforced (one it knows
        nothing of, it lets through)."""
        agent = refusals.agent_of(primitive)
        if not agent.type:
            return True
        metadata = self._metadata_provider().get(agent)
        return metadata is None or bool(metadata.promotable)

    def _clone_by_command(
        self,
        element: Element,
        mode: str,
        values: Dict[str, str],
        passed: Dict[str, str],
        in_tables: Callable[[Element, Dict[str, str]], None],
    ) -> None:
        """A clone pcs makes only when forced: what it holds goes into the tables (or a
        forced `pcs resource create`), the clone into ADDITIONAL_CONFIG after it."""
        rid = element.get("id", "")
        child = next(
            c for c in children_of(element, "primitive", "group") if c.get("id") not in self.dropped
        )
        cid = child.get("id", "")
        if mode == "lost":
            self.renamed[rid] = cid
            in_tables(child, passed)
            return
        writable = {n: v for n, v in values.items() if "\n" not in v and "\r" not in v}
        for name in values:
            if name not in writable:
                self._lost(element, say("imp_value_line_break", name=name, owner=f"'{rid}'"))
        if mode == "steps" and child.tag == "group":
            group_meta, inherited = self._group_parts(child, passed)
            members = [
                m for m in children_of(child, "primitive") if m.get("id") not in self.dropped
            ]
            for member in members:
                in_tables(member, inherited)
            self._clone_in_steps(
                element, cid, writable, [m.get("id", "") for m in members], group_meta
            )
            return
        if mode == "steps":
            in_tables(child, passed)
            self._clone_in_steps(element, cid, writable)
            return
        force = self.dialect.pcs_version != "0.10"  # whose clone commands take no --force
        if mode == "create":
            agent = pcs_agent(rd.expand_template(child, self.context))
            self._created_primitive(
                child,
                ["promotable", rid],
                say("imp_promotable_clone_of", id=rid, child=cid),
                passed,
                refusals.reason(refusals.INCOMPATIBLE, option="promotable", agent=agent, id=cid),
            )
        else:
            in_tables(child, passed)
            words = ["pcs", "resource", mode, cid, rid]
            what = say(
                "imp_promotable_clone_of" if mode == "promotable" else "imp_clone_of",
                id=rid,
                child=cid,
            )
            if mode == "promotable":
                primitive = next(
                    p
                    for p in child.iter("primitive")
                    if p.get("id") not in self.dropped
                    and not self._promotable_agent(rd.expand_template(p, self.context))
                )
                reason: Any = say(
                    "imp_r_in_group",
                    group=cid,
                    reason=refusals.reason(
                        refusals.INCOMPATIBLE,
                        option="promotable",
                        id=primitive.get("id", ""),
                        agent=pcs_agent(rd.expand_template(primitive, self.context)),
                    ),
                )
            elif self._fence_device(child):
                reason = refusals.reason(refusals.CLONED_FENCE_DEVICE, id=cid)
            else:
                reason = ""
            if force and reason:
                self._forced("resources", element, what, [*words, "--force"], reason)
            else:
                self._command("resources", element, what, words)
        if writable:
            self._command(
                "resources",
                element,
                say("imp_meta_of", id=rid),
                ["pcs", "resource", "meta", rid, *pcs.nvpair_words(writable), "--force"],
            )

    def _group_parts(
        self, group: Element, passed: Dict[str, str]
    ) -> Tuple[Dict[str, str], Dict[str, str]]:
        """A group's meta attributes pcs can set, and the instance attributes its
        members get from it and its parents."""
        gid = group.get("id", "")
        meta = rd.nvsets(group, "meta_attributes", self.context, normalise=META_AS_WRITTEN)
        self._duplicates(group, "meta_attributes", gid)
        self._rule_layers(group, gid, "meta_attributes", meta)
        values = self._writable(group, "resource meta", f"'{gid}'", base_of(meta))
        for name in [n for n, v in values.items() if "\n" in v or "\r" in v]:
            self._lost(group, say("imp_value_line_break", name=name, owner=f"'{gid}'"))
            del values[name]
        return values, self._extras(group, "Group", passed)

    def _clone_in_steps(
        self,
        element: Element,
        child: str,
        meta: Dict[str, str],
        members: Optional[List[str]] = None,
        group_meta: Optional[Dict[str, str]] = None,
    ) -> None:
        """A globally unique clone of an agent pcs lets be none (a fence device, lsb,
        systemd ...), which Pacemaker runs: pcs checks the agents when the clone gets its
        meta attributes, not when a resource joins a cloned group. So a placeholder (an
        OCF agent) is cloned in a group (the clone's own, or one made for the step),
        the clone given its meta attributes, the group joined by the resources, and the
        placeholder (and the group made for the step) removed."""
        rid = element.get("id", "")
        placeholder = self._fresh_id(f"{rid}-placeholder")
        group = child if members is not None else self._fresh_id(f"{rid}-placeholder-group")
        steps = [
            [
                "pcs",
                "resource",
                "create",
                placeholder,
                "ocf:pacemaker:Dummy",
                "--group",
                group,
                "--no-default-ops",
                "--force",
            ],
            ["pcs", "resource", "clone", group, rid, "--force"],
            ["pcs", "resource", "meta", rid, *pcs.nvpair_words(meta), "--force"],
            [
                "pcs",
                "resource",
                "group",
                "add",
                group,
                *(members if members is not None else [child]),
            ],
            ["pcs", "resource", "delete", placeholder, "--force"],
        ]
        if members is None:
            steps.append(["pcs", "resource", "ungroup", group])
        elif group_meta:
            steps.append(
                ["pcs", "resource", "meta", group, *pcs.nvpair_words(group_meta), "--force"]
            )
        texts = [pcs.command(*words) for words in steps]
        self.commands["resources"] += texts
        foreign = next(
            p
            for p in (rd.expand_template(p, self.context) for p in element.iter("primitive"))
            if (p.get("class") or "").lower() != "ocf"
        )
        self.diagnostics.warning(
            "PG726",
            self._where(element),
            what=say("imp_unique_clone_of", id=rid, child=child),
            pcs=self.dialect.pcs_version,
            reason=refusals.reason(
                refusals.INCOMPATIBLE,
                option="globally-unique",
                agent=pcs_agent(foreign),
                id=foreign.get("id", ""),
            ),
            placeholder=placeholder,
            commands="; ".join(texts),
        )

    def _fresh_id(self, wanted: str) -> str:
        """An id no element of the CIB has, nor one made before."""
        if not self.ids:
            self.ids = {
                e.get("id") for e in self.root.iter() if isinstance(e.tag, str) and e.get("id")
            }
        found, count = wanted, 0
        while found in self.ids:
            count += 1
            found = f"{wanted}-{count}"
        self.ids.add(found)
        return found
