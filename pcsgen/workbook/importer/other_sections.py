"""The import's remaining sections: fencing levels (STONITH_LEVEL), alerts (ALERT),
tags and ACLs (pcs commands), and a section no pcs command writes (named as lost)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set

from pcsgen.cib import reading as rd
from pcsgen.cib import values as cv
from pcsgen.cib.element import Element
from pcsgen.workbook.importer.base import (
    ImporterBase,
    base_of,
    children_of,
    kind_phrase,
    say,
)


class OtherSections(ImporterBase):
    """Fencing topology, alerts, tags, ACLs and whatever else the configuration holds."""

    def fencing(self) -> None:
        rows = []
        for level in self.configuration.findall("fencing-topology/fencing-level"):
            target = level.get("target")
            devices = [d for d in (level.get("devices") or "").replace(" ", ",").split(",") if d]
            index = level.get("index", "")
            gone = next((d for d in devices if d in self.dropped), None)
            if gone is not None:
                self.diagnostics.warning(
                    "PG724",
                    self._where(level),
                    id=gone,
                    what=say("imp_fencing_level", id=level.get("id")),
                )
                continue
            if (
                target is not None
                and index.isdigit()
                and 1 <= int(index) <= 9
                and all(d in self.in_tables for d in devices)
            ):
                rows.append({"node": target, "id": " ".join(devices), "level": index})
                continue
            if target is not None:
                spec = target
            elif level.get("target-pattern") is not None:
                spec = f"regexp%{level.get('target-pattern')}"
            else:
                spec = f"attrib%{level.get('target-attribute')}={level.get('target-value', '')}"
            self._command(
                "levels",
                level,
                say("imp_fencing_level", id=level.get("id")),
                ["pcs", "stonith", "level", "add", index, spec, *devices, "--force"],
            )
        if rows:
            self.tables.append({"table": "STONITH_LEVEL", "rows": rows})

    def alerts(self) -> None:
        for alert in self.configuration.findall("alerts/alert"):
            aid = alert.get("id", "")
            if alert.find("select") is not None:
                self._lost(alert, say("imp_alert_select", id=aid))
            if alert.get("description") is not None:
                self.diagnostics.warning(
                    "PG712",
                    self._where(alert),
                    kind=kind_phrase("alert"),
                    id=alert.get("path", aid),
                    description=alert.get("description"),
                )
            table: Dict[str, Any] = {
                "table": "ALERT",
                "P": {"path": alert.get("path", "")},
                "A": self._alert_attributes(alert, aid),
                "R": [],
            }
            for recipient in alert.findall("recipient"):
                if recipient.get("description") is not None:
                    self.diagnostics.warning(
                        "PG712",
                        self._where(recipient),
                        kind=kind_phrase("recipient"),
                        id=recipient.get("value", ""),
                        description=recipient.get("description"),
                    )
                table["R"].append(
                    {
                        "recipient": recipient.get("value", ""),
                        "A": self._alert_attributes(recipient, aid),
                    }
                )
            self.tables.append(table)

    def _alert_attributes(self, element: Element, owner: str) -> List[Dict[str, str]]:
        rows: List[Dict[str, str]] = []
        for kind, tag in (("options", "instance_attributes"), ("meta", "meta_attributes")):
            form = rd.nvsets(element, tag, self.context)
            self._rule_layers(element, owner, tag, form)
            rows += [{"type": kind, "name": n, "value": v} for n, v in base_of(form).items()]
        return rows

    def tags(self) -> None:
        resources = self.configuration.find("resources")
        known = (
            {e.get("id") for e in resources.iter() if isinstance(e.tag, str)}
            if resources is not None
            else set()
        )
        for tag in self.configuration.findall("tags/tag"):
            refs = [r.get("id", "") for r in tag.findall("obj_ref")]
            tid = tag.get("id", "")
            gone = next((r for r in refs if r in self.dropped), None)
            if gone is not None:
                self.diagnostics.warning(
                    "PG724", self._where(tag), id=gone, what=say("imp_tag", id=tid)
                )
                continue
            if not refs or not all(r in known for r in refs):
                self._lost(tag, say("imp_tag_not_resources", id=tid))
                continue
            self._command("tags", tag, say("imp_tag", id=tid), ["pcs", "tag", "create", tid, *refs])

    def acls(self) -> None:
        """ACL roles, users and groups as pcs makes them; a Pacemaker 1.x user's own
        permissions go into a role of its own (as Pacemaker's schema upgrade does)."""
        acls = self.configuration.find("acls")
        if acls is None:
            return
        kept = self._kept_ids()
        roles = {r.get("id", ""): r for r in acls.findall("acl_role")}
        taken = set(roles)

        def permission_words(permissions: List[Element]) -> Optional[List[str]]:
            words: List[str] = []
            for child in permissions:
                found = rd.acl_permission(child)
                if (
                    found is None
                    or found[1] == "object"
                    or (found[1] == "id" and found[2] not in kept)
                ):
                    return None
                words += list(found)
            return words

        made: Set[str] = set()  # the roles the definition makes
        for role in roles.values():
            words = permission_words(children_of(role))
            if words is None:
                self._lost(role, say("imp_acl_role", id=role.get("id")))
                continue
            made.add(role.get("id", ""))
            extra = [f"description={role.get('description')}"] if role.get("description") else []
            self._command(
                "acls",
                role,
                say("imp_acl_role", id=role.get("id")),
                ["pcs", "acl", "role", "create", role.get("id", ""), *extra, *words],
            )
        for element in acls:
            if not isinstance(element.tag, str) or element.tag == "acl_role":
                continue
            name = element.get("name") or element.get("id", "")
            kind = "group" if element.tag == "acl_group" else "user"
            own = [c for c in children_of(element) if c.tag not in ("role", "role_ref")]
            names = [c.get("id", "") for c in children_of(element) if c.tag in ("role", "role_ref")]
            # a role left out (or never there): pcs refuses the user, and without the
            # role the user may do less than the CIB says
            gone = next((n for n in names if n not in made), None)
            if gone is not None:
                self.diagnostics.warning(
                    "PG724", self._where(element), id=gone, what=say(f"imp_acl_{kind}", id=name)
                )
                continue
            if own:
                words = permission_words(own)
                role_id = f"{name}-permissions"
                while role_id in taken:
                    role_id += "-1"
                taken.add(role_id)
                if words is None:
                    self._lost(element, say(f"imp_acl_{kind}", id=name))
                    continue
                self._command(
                    "acls",
                    element,
                    say("imp_acl_permissions", what=say(f"imp_acl_{kind}", id=name)),
                    ["pcs", "acl", "role", "create", role_id, *words],
                )
                # where its own permissions stood among its roles: first or last
                first = children_of(element)[0] in own
                names.insert(0 if first else len(names), role_id)
            self._command(
                "acls",
                element,
                say(f"imp_acl_{kind}", id=name),
                ["pcs", "acl", kind, "create", name, *names],
            )

    def _kept_ids(self) -> Set[str]:
        """Ids the definition keeps (resources, tags, the cluster properties pcs writes
        under their own ids); the others are made anew."""
        configuration = self.configuration
        found = {
            e.get("id", "")
            for e in configuration.iterfind("resources//*")
            if isinstance(e.tag, str) and e.tag in cv.RESOURCE_TAGS
        } - self.dropped
        found |= self.property_ids
        return found | {t.get("id", "") for t in configuration.iterfind("tags/tag")}

    def others(self) -> None:
        known = {
            "crm_config",
            "nodes",
            "resources",
            "constraints",
            "rsc_defaults",
            "op_defaults",
            "fencing-topology",
            "alerts",
            "tags",
            "acls",
        }
        for element in self.configuration:
            if isinstance(element.tag, str) and element.tag not in known:
                self._lost(element, say("imp_section", tag=element.tag))
