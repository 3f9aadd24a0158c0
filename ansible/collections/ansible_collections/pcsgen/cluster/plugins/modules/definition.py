#!/usr/bin/python
"""The pcsgen.cluster.definition module: compile a cluster definition with the play's
variables, and plan and apply it on the cluster node the task runs on."""

from __future__ import annotations

DOCUMENTATION = r"""
module: definition
short_description: Compile a Pacemaker cluster definition with pcsgen, plan and apply it
description:
  - Compiles a cluster definition (a pm_pcsgen-format workbook, C(.xlsx) or C(.csv)) with
    the variables given, plans it against the live CIB of the node the task runs on, and
    pushes the configuration section when the plan is not empty (C(pcsgen apply)).
  - The live CIB is read and written with Pacemaker's C(cibadmin), which honours
    C(CIB_file) for a CIB kept in a file.
  - Check mode shows the plan and changes nothing. Diff mode shows the plan with the
    values of secrets masked. The task is changed only when the plan is not empty.
  - A live CIB that changed between the plan and the push fails the task; nothing is
    pushed then.
requirements:
  - pcsgen on the managed node, with Pacemaker's command-line tools
options:
  src:
    description: The definition on the managed node (copy or template it there first).
    type: path
    required: true
  sheet:
    description: The sheet of a workbook holding several definitions.
    type: str
  variables:
    description:
      - Values of the definition's placeholders, as the play holds them (strings,
        numbers, lists, mappings; C(groups) and C(hostvars) too).
      - Values under secret-looking names (C(*_password), C(*_key) ...) are never shown
        by pcsgen, but Ansible shows module arguments with C(-v): give secrets in
        I(secrets).
    type: dict
    default: {}
  secrets:
    description: Variables whose values are secret; never shown (no_log).
    type: dict
    default: {}
  target:
    description: The RHEL release (pcs version) to write for.
    type: str
    choices: [rhel8, rhel9, rhel10]
    default: rhel9
  corosync_conf:
    description:
      - A corosync.conf giving the node ids; by default the node's own when the
        definition needs ids; an empty string for none.
    type: str
  additional_config:
    description: Apply the ADDITIONAL_CONFIG commands with the node's pcs.
    type: bool
    default: true
  system_agents:
    description: Read agent metadata from the agents installed on the node.
    type: bool
    default: true
  backup:
    description:
      - Where to save the live CIB before the push (mode 0600); by default
        C(NAME.live-ADMIN-EPOCH.xml) beside the definition.
    type: path
  plan_epoch:
    description: Refuse unless the live CIB is still at this epoch (from a check-mode run).
    type: str
  plan_digest:
    description: Refuse unless the configuration to push has this digest (from a
      check-mode run).
    type: str
"""

EXAMPLES = r"""
- name: The cluster's configuration, as the definition says
  pcsgen.cluster.definition:
    src: /root/cluster.csv
    variables:
      ipaddr: "{{ ipaddr }}"
      groups: "{{ groups }}"
    secrets:
      ipmi_password: "{{ vault_ipmi_password }}"
"""

RETURN = r"""
changes:
  description: The plan (secrets masked), as C(pcsgen plan --format json) gives it.
  type: list
  returned: always
epoch:
  description: The live CIB's epoch when planned (ADMIN:EPOCH).
  type: str
  returned: always
digest:
  description: The digest of the configuration to push.
  type: str
  returned: always
backup:
  description: The backup of the live CIB, when something was pushed.
  type: str
  returned: changed
pushed_epoch:
  description: The live CIB's epoch after the push.
  type: str
  returned: changed
messages:
  description: pcsgen's warnings and notes about the definition.
  type: list
  returned: always
"""

# Ansible reads the documentation above before the code: the imports follow it
import os  # noqa: E402
from typing import Any, Dict  # noqa: E402

from ansible.module_utils.basic import AnsibleModule  # noqa: E402

ARGUMENTS: Dict[str, Any] = {
    "src": {"type": "path", "required": True},
    "sheet": {"type": "str"},
    "variables": {"type": "dict", "default": {}},
    "secrets": {"type": "dict", "default": {}, "no_log": True},
    "target": {"type": "str", "choices": ["rhel8", "rhel9", "rhel10"], "default": "rhel9"},
    "corosync_conf": {"type": "str"},
    "additional_config": {"type": "bool", "default": True},
    "system_agents": {"type": "bool", "default": True},
    "backup": {"type": "path"},
    "plan_epoch": {"type": "str"},
    "plan_digest": {"type": "str", "no_log": False},
}


def _lines(diagnostics: Any) -> Any:
    from pcsgen.diagnostics.formats import format_text

    return [line for line in format_text(diagnostics, "en").splitlines() if line]


def main() -> None:
    module = AnsibleModule(argument_spec=ARGUMENTS, supports_check_mode=True)
    params = module.params
    try:
        from pcsgen import api
        from pcsgen.api.options import AUTO
        from pcsgen.cib.diff import format_text
        from pcsgen.diagnostics import Diagnostics, PcsgenError
        from pcsgen.live.apply import check_digest, check_epoch, default_backup
    except ImportError as exc:
        module.fail_json(msg=f"pcsgen is not installed on this node ({exc}): pip install pcsgen")
        return
    values = dict(params["variables"] or {})
    values.update(params["secrets"] or {})
    corosync = params["corosync_conf"]
    options = api.Options(
        target=params["target"],
        corosync_conf=AUTO if corosync is None else (corosync or None),
        system_agents=params["system_agents"],
        apply_additional_config=params["additional_config"],
        secret_variables=sorted(params["secrets"] or {}),
        values=values,
    )
    source = params["src"]
    spec = source + (f":{params['sheet']}" if params["sheet"] else "")
    diagnostics = Diagnostics()
    try:
        planned = api.plan(spec, options, diagnostics)
        check_epoch(planned, params["plan_epoch"])
        check_digest(planned, params["plan_digest"])
    except PcsgenError as exc:
        diagnostics.extend(exc.diagnostics)
        module.fail_json(
            msg="pcsgen refused the definition: "
            + "; ".join(_lines(PcsgenError.ending(diagnostics).diagnostics)),
            messages=_lines(diagnostics),
        )
        return
    shown = format_text(planned.changes)
    result: Dict[str, Any] = {
        "changed": bool(planned.changes),
        "epoch": planned.epoch,
        "digest": planned.digest,
        "changes": [change.as_dict() for change in planned.changes],
        "messages": _lines(diagnostics),
    }
    if module._diff:
        result["diff"] = {"prepared": shown or "(no changes)\n"}
    if module.check_mode or not planned.changes:
        module.exit_json(**result)
        return
    backup = params["backup"] or os.path.join(
        os.path.dirname(os.path.abspath(source)), default_backup(planned)
    )
    try:
        applied = api.apply(planned, planned.epoch, backup, planned.digest)
    except PcsgenError as exc:
        result["changed"] = False  # refused before cibadmin pushed anything
        module.fail_json(
            msg="the push was refused: " + "; ".join(_lines(exc.diagnostics)), **result
        )
        return
    result.update(backup=applied.backup, pushed_epoch=applied.epoch)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
