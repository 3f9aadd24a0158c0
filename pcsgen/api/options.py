"""`Options`: how to compile a definition, as every function of the API that reads one
takes it. The compiler reads its choices from here too."""

from typing import NamedTuple, Optional, Sequence

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
