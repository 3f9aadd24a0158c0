"""pcsgen from Python, the configurations side: load a definition or CIB, diff two,
plan and apply against the live cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

from pcsgen.api.options import Options
from pcsgen.diagnostics import Diagnostics, PcsgenError

if TYPE_CHECKING:
    from lxml import etree

    from pcsgen.cib.diff import Change
    from pcsgen.live.apply import Applied, Plan


def load_configuration(
    spec: str, options: Optional[Options] = None, diagnostics: Optional[Diagnostics] = None
) -> etree._Element:
    """A CIB file, or a definition compiled: its `<cib>` element. Warnings of the
    compile go to DIAGNOSTICS when given."""
    from pcsgen.cib.configuration import load

    found = Diagnostics() if diagnostics is None else diagnostics
    cib = load(spec, options or Options(), found)
    if cib is None:
        raise PcsgenError.ending(found)
    return cib


def _shown(
    changes: List[Change], diagnostics: Diagnostics, show_secrets: bool, *cibs: etree._Element
) -> List[Change]:
    """CHANGES as they may be shown: secrets masked unless SHOW_SECRETS."""
    if show_secrets:
        return changes
    from pcsgen.cib.redact import metadata_secret_names, redact_changes
    from pcsgen.secrets import Redactor

    return redact_changes(changes, Redactor(metadata_secret_names(*cibs), diagnostics.secrets))


def diff(
    first: str, second: str, options: Optional[Options] = None, show_secrets: bool = False
) -> List[Change]:
    """What differs between two configurations (definitions or CIB files), as Pacemaker
    reads them; an empty list when they are the same. A secret's change is reported
    without its values unless SHOW_SECRETS."""
    from pcsgen.cib.canonical import canonical
    from pcsgen.cib.diff import semantic_diff

    diagnostics = Diagnostics()
    a = load_configuration(first, options, diagnostics)
    b = load_configuration(second, options, diagnostics)
    return _shown(semantic_diff(canonical(a), canonical(b)), diagnostics, show_secrets, a, b)


def plan(
    file: str,
    options: Optional[Options] = None,
    diagnostics: Optional[Diagnostics] = None,
    show_secrets: bool = False,
) -> Plan:
    """What applying FILE would change on the live cluster; its changes show no secret
    unless SHOW_SECRETS (what it pushes keeps them, of course)."""
    from pcsgen.live.apply import make_plan

    found = Diagnostics() if diagnostics is None else diagnostics
    planned = make_plan(file, load_configuration(file, options, found))
    return planned._replace(
        changes=_shown(planned.changes, found, show_secrets, planned.live, planned.merged)
    )


def check_plan(
    planned: Plan, plan_epoch: Optional[str] = None, plan_digest: Optional[str] = None
) -> None:
    """Refuse (PcsgenError) a plan whose live CIB is no longer at PLAN_EPOCH, or whose
    configuration to push is not the one PLAN_DIGEST names: before asking anyone to
    confirm it (`apply` checks both again right before the push)."""
    from pcsgen.live.apply import check_digest, check_epoch

    check_epoch(planned, plan_epoch)
    check_digest(planned, plan_digest)


def apply(
    planned: Plan,
    plan_epoch: Optional[str] = None,
    backup: Optional[str] = None,
    plan_digest: Optional[str] = None,
) -> Applied:
    """Back the live CIB up and push a `plan`'s configuration. Refuses when the live CIB
    is no longer at PLAN_EPOCH, or the configuration to push is not the one whose digest
    (`Plan.digest`) is PLAN_DIGEST: what `plan` showed."""
    from pcsgen.live.apply import push

    return push(planned, plan_epoch, backup, plan_digest)
