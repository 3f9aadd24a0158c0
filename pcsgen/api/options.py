"""`Options`: how to compile a definition, as every function of the API that reads one
takes it. The compiler reads its choices from here too."""

from typing import Any, Mapping, NamedTuple, Optional, Sequence

# corosync.conf: /etc/corosync/corosync.conf when the definition needs node ids, or
# always for rhel10 (see compiler.pipeline)
AUTO = "auto"


class Options(NamedTuple):
    """How to compile (the command line's choices)."""

    target: str = "rhel9"
    corosync_conf: Optional[str] = AUTO  # a path, AUTO, or None for none
    system_agents: bool = True
    # False (--no-additional-config): pcs never runs; the CIB lacks those commands,
    # the script keeps them, and a warning says so
    apply_additional_config: bool = True
    variables: Sequence[str] = ()  # NAME=VALUE, from --var
    vars_files: Sequence[str] = ()
    secret_variables: Sequence[str] = ()
    # An Ansible inventory (file or folder): a host's variables, `groups` and `hostvars`;
    # the host is HOST, else the first of the group LIMIT, else found from the NODE table
    inventory: Optional[str] = None
    limit: Optional[str] = None
    host: Optional[str] = None
    # Variables given as values by a caller (a playbook task), below --vars and --var
    values: Optional[Mapping[str, Any]] = None
