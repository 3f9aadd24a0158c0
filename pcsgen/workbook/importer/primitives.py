"""The import's primitives: a PRIMITIVE or STONITH table (parameters, meta
attributes, utilization, operations), the forced updates for what pcs sets only
when forced, and `pcs resource create` for a primitive no table can hold."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set, Tuple

from pcsgen.cib import reading as rd
from pcsgen.cib import values as cv
from pcsgen.cib.element import Element
from pcsgen.diagnostics.location import Location
from pcsgen.diagnostics.phrase import Joined
from pcsgen.pcs import arguments, refusals
from pcsgen.pcs import commands as pcs
from pcsgen.workbook.importer.base import (
    META_AS_WRITTEN,
    ImporterBase,
    base_of,
    cell_split,
    layers_of,
    pcs_agent,
    quoted,
    say,
)


class Primitives(ImporterBase):
    """One primitive, as a table or as a create command."""

    def _primitive(
        self, original: Element, element: Element, stonith: bool, inherited: Dict[str, str]
    ) -> Dict[str, Any]:
        rid = element.get("id", "")
        head: Dict[str, str] = {"id": rid, "type": element.get("type", "")}
        if not stonith:
            head["class"] = element.get("class", "")
            head["provider"] = element.get("provider", "")
        self._description(original, "primitive", rid, stonith)
        operations = self._operations(original, element, rid)
        operations += self._placeholders(element, operations, stonith)
        attributes: List[Dict[str, str]] = []
        commands = {
            "options": ["pcs", "stonith" if stonith else "resource", "update", rid],
            "meta": ["pcs", "resource", "meta", rid],
            "utilization": ["pcs", "resource", "utilization", rid],
        }
        for kind, tag in (
            ("options", "instance_attributes"),
            ("meta", "meta_attributes"),
            ("utilization", "utilization"),
        ):
            form = rd.nvsets(
                element, tag, self.context, normalise=META_AS_WRITTEN if kind == "meta" else None
            )
            self._duplicates(element, tag, rid)
            self._rule_layers(original, rid, tag, form)
            values = base_of(form)
            if kind == "options" and inherited and not layers_of(form):
                values = {**inherited, **values}
            if kind == "meta" and rid in self.requires:
                values.setdefault("requires", self.requires[rid])
            values = self._writable(
                original,
                "utilization" if kind == "utilization" else "primitive",
                f"'{rid}'",
                values,
            )
            values, verbatim = cell_split(values)
            self._verbatim(
                original,
                f"'{rid}'",
                verbatim,
                commands[kind] + (["--force"] if kind == "options" else []),
            )
            if kind == "options":
                self._forced_options(original, element, stonith, values)
            attributes += [{"type": kind, "name": n, "value": v} for n, v in values.items()]
        return {
            "table": "STONITH" if stonith else "PRIMITIVE",
            "P": head,
            "A": attributes,
            "O": operations,
        }

    def _forced_options(
        self, original: Element, element: Element, stonith: bool, values: Dict[str, str]
    ) -> None:
        """Parameters pcs sets only when forced, taken out of `values` (the table) and
        set by a forced update after the tables: a fence device's 'action'; values of
        unique parameters an earlier resource of the same agent holds."""
        rid = element.get("id", "")
        update = ["pcs", "stonith" if stonith else "resource", "update", rid]
        if stonith and values.get("action"):
            action = values.pop("action")
            self._forced(
                "settings",
                original,
                say("imp_fence_action", id=rid),
                [*update, f"action={action}", "--force"],
                refusals.reason(refusals.FENCE_ACTION),
            )
        agent = refusals.agent_of(element)
        if not agent.type:
            return
        for names, first in self.unique.repeated(agent, rid, values):
            moved = {name: values.pop(name) for name in names}
            shown = next(iter(moved))
            self._forced(
                "settings",
                original,
                say("imp_unique_repeated", names=quoted(moved), id=rid, first=first),
                [*update, *pcs.nvpair_words(moved), "--force"],
                refusals.reason(refusals.NOT_UNIQUE, value=moved[shown], name=shown, agent=agent),
            )
        self._unknown_options(original, agent, stonith, values)

    def _unknown_options(
        self, original: Element, agent: Any, stonith: bool, values: Dict[str, str]
    ) -> None:
        """Parameters the agent's metadata does not know (meta attributes among the
        instance attributes, an older agent's names ...), which Pacemaker passes on but
        pcs sets only when forced: taken out of `values` (the compile refuses them in a
        table) and set by a forced update, judged by the metadata the compile uses."""
        from pcsgen.compiler.check.agents import unknown_parameters

        metadata = self._metadata_provider().get(agent)
        unknown = unknown_parameters(metadata, stonith, list(values)) if metadata else []
        if not unknown:
            return
        rid = original.get("id", "")
        moved = {name: values.pop(name) for name in unknown}
        # `--` before the id: a value may start with a dash
        self._forced(
            "settings",
            original,
            say("imp_unknown_parameters", names=quoted(moved), id=rid, agent=agent),
            [
                "pcs",
                "stonith" if stonith else "resource",
                "update",
                "--force",
                "--",
                rid,
                *pcs.nvpair_words(moved),
            ],
            refusals.options_reason(
                refusals.INVALID, "stonith" if stonith else "resource", unknown
            ),
        )

    def _op_items(
        self, original: Element, element: Element, rid: str
    ) -> List[Tuple[rd.OpSettings, Dict[str, str]]]:
        """The operations as Pacemaker reads them; the 'requires' a 1.x-schema CIB gives
        a start or promote op is the resource's (self.requires)."""
        for holder in element.findall("operations"):
            if self.context.resolve(holder) is None:
                self._lost(holder, say("imp_ops_ref", ref=holder.get("id-ref"), id=rid))
        found: List[Tuple[rd.OpSettings, Dict[str, str]]] = []
        configured: Set[str] = set()
        ops = rd.op_settings(element, self.context)
        twice = rd.repeated_recurring(ops)
        said: Set[Tuple[str, str]] = set()
        for op in ops:
            key = (op.name, cv.interval(op.interval))
            if key in twice:
                if key not in said:  # once, at the first of them
                    said.add(key)
                    self.diagnostics.warning(
                        "PG735",
                        self._where(op.element),
                        op=op.name,
                        interval=op.interval,
                        id=rid,
                        count=twice[key],
                    )
                continue
            if cv.interval(op.interval) == "0s":
                if op.name in configured:
                    self.diagnostics.info("PG720", self._where(op.element), op=op.name, id=rid)
                    continue
                if cv.boolean(op.attributes.get("enabled")) != "false":
                    configured.add(op.name)
            item: Dict[str, str] = {"type": op.name, "interval": op.interval}
            # what pcs does not take after `op NAME` (the schema lets any name in)
            lost = {
                n: v for n, v in op.attributes.items() if not arguments.operation_attribute_known(n)
            }
            item.update((n, v) for n, v in op.attributes.items() if n not in lost)
            instance = base_of(op.instance)
            check_level = instance.pop("OCF_CHECK_LEVEL", None)
            if check_level is not None:
                item["OCF_CHECK_LEVEL"] = check_level
            parts: List[Any] = [f"{n}={v}" for n, v in lost.items()]
            parts += [say("imp_op_instance", pair=f"{n}={v}") for n, v in instance.items()]
            for layer in layers_of(op.instance) + op.meta_rules:
                parts += [
                    say(
                        "imp_op_under",
                        pair=f"{n}={v}",
                        rule=layer.get("rule") or say("imp_later_block"),
                    )
                    for n, v in layer["values"].items()
                ]
            if parts:
                self.diagnostics.warning(
                    "PG715",
                    self._where(op.element),
                    op=op.name,
                    interval=op.interval,
                    id=rid,
                    names=Joined(tuple(parts)),
                )
            if op.requires is not None:
                self.requires.setdefault(rid, op.requires)
            found.append((op, item))
        return found

    def _operations(self, original: Element, element: Element, rid: str) -> List[Dict[str, str]]:
        return [item for _op, item in self._op_items(original, element, rid)]

    def _placeholders(
        self, element: Element, operations: List[Dict[str, str]], stonith: bool
    ) -> List[Dict[str, str]]:
        """Compiling adds the operations an agent's metadata declares, as `pcs resource
        create` does; for a CIB that does not have them, an operation with a zero
        interval and nothing else (which Pacemaker treats as absent) keeps each out."""
        from pcsgen import ir
        from pcsgen.agents.operations import complete_operations

        agent = ir.AgentName(
            "stonith" if stonith else element.get("class", ""),
            None if stonith else (element.get("provider") or None),
            element.get("type", ""),
        )
        if not agent.type:
            return []
        location = Location(self.source)
        probe = ir.Primitive(
            element.get("id", ""),
            agent,
            location,
            operations=[ir.Operation(op["type"], {}, location) for op in operations],
        )
        complete_operations(probe, self._metadata_provider().get(agent))
        placeholders: List[Dict[str, str]] = []
        for added in probe.operations:
            if not added.from_agent or any(p["type"] == added.name for p in placeholders):
                continue
            attributes = {k: v for k, v in added.attributes.items() if k != "interval"}
            converted = {
                k: cv.OP_VALUES[k](v) or v if k in cv.OP_VALUES else v
                for k, v in attributes.items()
            }
            interval = cv.interval(added.attributes.get("interval"))
            if interval == "0s" and rd.inert(added.name, converted, self.default_timeout):
                continue
            placeholders.append({"type": added.name, "interval": "0"})
        if placeholders:
            self.diagnostics.info(
                "PG716",
                self._where(element),
                id=element.get("id", ""),
                ops=", ".join(p["type"] for p in placeholders),
            )
        return placeholders

    def _created_primitive(
        self,
        original: Element,
        tail: List[str],
        what: Any,
        inherited: Optional[Dict[str, str]] = None,
        reason: Optional[Any] = None,
    ) -> None:
        """A primitive made by `pcs resource create ... TAIL` (in a bundle, or with the
        promotable clone pcs makes only when forced)."""
        element = rd.expand_template(original, self.context)
        rid = element.get("id", "")
        # a fence device alone (or in a group): `stonith create` (pcs 0.12 takes none in
        # `resource create`); in a bundle, only `resource create` takes it
        stonith = self._fence_device(element) and tail[:1] != ["bundle"]
        words = (
            ["pcs", "stonith", "create", rid, element.get("type", "")]
            if stonith
            else ["pcs", "resource", "create", rid, pcs_agent(element)]
        )
        operations = self._op_items(original, element, rid)
        for kind, tag in (("", "instance_attributes"), ("meta", "meta_attributes")):
            form = rd.nvsets(
                element, tag, self.context, normalise=META_AS_WRITTEN if kind else None
            )
            self._rule_layers(original, rid, tag, form)
            pairs = base_of(form)
            if not kind and inherited and not layers_of(form):
                pairs = {**inherited, **pairs}
            if kind and rid in self.requires:
                pairs.setdefault("requires", self.requires[rid])
            pairs = self._writable(original, "meta" if kind else "primitive", f"'{rid}'", pairs)
            if kind and pairs:
                words.append(kind)
            words += pcs.nvpair_words(pairs)
        for index, (_op, item) in enumerate(operations):
            if index == 0:
                words.append("op")
            words.append(item["type"])
            words += [f"{k}={v}" for k, v in item.items() if k != "type"]
        words += [*tail, "--no-default-ops", "--force"]
        if reason is not None:
            self._forced("resources", original, what, words, reason)
        else:
            self._command("resources", original, what, words)
        if not any(item["type"] == "monitor" for _op, item in operations):
            # pcs adds a monitor even with --no-default-ops
            # pcs 0.12's `resource op delete` takes no fence device; pcs 0.10 has no
            # `stonith op delete`
            kind = (
                "stonith"
                if stonith and not self.dialect.stonith_in_resource_commands
                else "resource"
            )
            self._command(
                "resources",
                original,
                say("imp_no_monitor", id=rid),
                ["pcs", kind, "op", "delete", rid, "monitor"],
            )
        utilization = self._writable(
            original,
            "utilization",
            f"'{rid}'",
            base_of(rd.nvsets(element, "utilization", self.context)),
        )
        if utilization:
            self._command(
                "resources",
                original,
                say("imp_utilization_of", id=rid),
                ["pcs", "resource", "utilization", rid, *pcs.nvpair_words(utilization)],
            )
        self._description(original, "primitive", rid, stonith)
