"""Plan and apply: the live cluster's CIB against a configuration, and the guarded push
of the configuration section (backup first, epoch checked right before the push).

A plan names what it would push by a digest (PBKDF2-SHA256 of the configuration
section as the push sends it); apply, given that digest, pushes only that very configuration: a
definition edited since, other variables or another set of live nodes are refused."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, List, NamedTuple, Optional

from lxml import etree

from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source

if TYPE_CHECKING:
    from pcsgen.cib.diff import Change


class Plan(NamedTuple):
    file: str
    live: etree._Element
    merged: etree._Element  # the live CIB with the configuration to push
    changes: List[Change]

    @property
    def epoch(self) -> str:
        from pcsgen.live.cluster import epoch_text

        return epoch_text(self.live)

    @property
    def digest(self) -> str:
        """What this plan would push, as `--plan-digest` takes it."""
        return configuration_digest(self.merged)


class Applied(NamedTuple):
    plan: Plan
    backup: Optional[str]  # None when there was nothing to change
    epoch: Optional[str]  # the live CIB's epoch after the push


def make_plan(file: str, ours: etree._Element) -> Plan:
    from pcsgen.cib.canonical import canonical
    from pcsgen.cib.diff import semantic_diff
    from pcsgen.live.cluster import merged_configuration, query_cib

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


# The configuration holds secrets (fence device passwords) and plan output is shown
# in CI logs: a plain hash would let whoever knows the rest of the configuration test
# guesses of a weak password against it at billions a second. PBKDF2 over SHA-256
# makes each guess cost what one plan does (tens of milliseconds).
_DIGEST_SALT = b"pcsgen plan digest 1"
_DIGEST_ROUNDS = 200_000


def configuration_digest(cib: etree._Element) -> str:
    """The digest of CIB's configuration section, serialised as the push serialises it
    (live.cluster.push_configuration): of exactly the bytes pushed."""
    configuration = cib.find("configuration")
    data = etree.tostring(configuration) if configuration is not None else b""
    return hashlib.pbkdf2_hmac("sha256", data, _DIGEST_SALT, _DIGEST_ROUNDS).hex()


def check_digest(plan: Plan, plan_digest: Optional[str]) -> None:
    """Refuse to push anything but the configuration the plan with PLAN_DIGEST showed."""
    if plan_digest is None:
        return
    found = plan.digest
    if plan_digest.strip().lower() != found:
        from pcsgen.compiler.read import split_sheet

        path, sheet = split_sheet(plan.file)
        raise PcsgenError("PG808", Location(Source(path, sheet)), expected=plan_digest, found=found)


def push(
    plan: Plan,
    plan_epoch: Optional[str] = None,
    backup: Optional[str] = None,
    plan_digest: Optional[str] = None,
) -> Applied:
    """Save the live CIB (0600: it holds the real secrets) and push the merged one, when
    it is still what the plan showed (PLAN_EPOCH, PLAN_DIGEST)."""
    from pcsgen.compiler.read import split_sheet
    from pcsgen.live.cluster import push_configuration
    from pcsgen.outputs import Output, write_all

    check_epoch(plan, plan_epoch)
    check_digest(plan, plan_digest)
    if not plan.changes:
        return Applied(plan, None, None)
    path = backup or default_backup(plan)
    write_all(
        [Output(path, etree.tostring(plan.live, encoding="UTF-8"), 0o600)],
        inputs=[split_sheet(plan.file)[0]],
    )
    return Applied(plan, path, push_configuration(plan.merged, expected_epoch=plan.epoch))
