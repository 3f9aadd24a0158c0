"""Plan and apply: the live cluster's CIB against a configuration, and the guarded push
of the configuration section (backup first, epoch checked right before the push)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, NamedTuple, Optional

from lxml import etree

from pcsgen.diagnostics import PcsgenError

if TYPE_CHECKING:
    from pcsgen.cluster.diff import Change


class Plan(NamedTuple):
    file: str
    live: etree._Element
    merged: etree._Element  # the live CIB with the configuration to push
    changes: List[Change]

    @property
    def epoch(self) -> str:
        from pcsgen.cluster.live import epoch_text

        return epoch_text(self.live)


class Applied(NamedTuple):
    plan: Plan
    backup: Optional[str]  # None when there was nothing to change
    epoch: Optional[str]  # the live CIB's epoch after the push


def make_plan(file: str, ours: etree._Element) -> Plan:
    from pcsgen.cluster.canonical import canonical
    from pcsgen.cluster.diff import semantic_diff
    from pcsgen.cluster.live import merged_configuration, query_cib

    live = etree.fromstring(query_cib())
    merged = merged_configuration(ours, live)
    return Plan(file, live, merged, semantic_diff(canonical(live), canonical(merged)))


def default_backup(plan: Plan) -> str:
    from pcsgen.compiler.read import split_sheet

    source = split_sheet(plan.file)[0]
    return f"{Path(source).stem}.live-{plan.epoch.replace(':', '-')}.xml"


def check_epoch(plan: Plan, plan_epoch: Optional[str]) -> None:
    if plan_epoch is not None and plan_epoch != plan.epoch:
        raise PcsgenError("PG803", None, expected=plan_epoch, found=plan.epoch)


def push(plan: Plan, plan_epoch: Optional[str] = None, backup: Optional[str] = None) -> Applied:
    """Save the live CIB (0600: it holds the real secrets) and push the merged one."""
    from pcsgen.cluster.live import push_configuration
    from pcsgen.compiler.read import split_sheet
    from pcsgen.outputs import Output, write_all

    check_epoch(plan, plan_epoch)
    if not plan.changes:
        return Applied(plan, None, None)
    path = backup or default_backup(plan)
    write_all([Output(path, etree.tostring(plan.live, encoding="UTF-8"), 0o600)],
              inputs=[split_sheet(plan.file)[0]])
    return Applied(plan, path, push_configuration(plan.merged, expected_epoch=plan.epoch))
