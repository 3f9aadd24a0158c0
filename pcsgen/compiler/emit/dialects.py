"""The pcs versions pcsgen writes for, as data: each target overrides only what differs."""

from __future__ import annotations

from typing import Dict, Optional, Type

from pcsgen import ir


class Dialect:
    """pcs 0.11 (RHEL 9): the base every other target differs from."""

    name = "rhel9"
    pcs_version = "0.11"
    # CIB root attributes (what `cibadmin --empty` writes with that Pacemaker)
    crm_feature_set = "3.16.1"
    validate_with = "pacemaker-3.9"
    # role words written into the CIB and on pcs command lines
    roles: Dict[str, str] = {}
    # `pcs resource defaults update` (RHEL 8.3 on) vs plain `pcs resource defaults`
    defaults_update = True
    # `pcs resource clone RSC CLONE_ID` (RHEL 8.4 on)
    clone_id_argument = True
    # pcs 0.12 wants a location rule as one argument; older ones take words
    rule_as_one_argument = False
    # pcs 0.10 takes the role of a location rule in lower case only
    rule_role_lowercase = False
    # `pcs stonith level add LEVEL TARGET DEV...` accepts devices separated by spaces
    level_devices_separator = " "
    # `pcs resource group add`, `resource utilization` ... accept fence devices
    # (pcs 0.12 refuses them there, and has no command for them instead)
    stonith_in_resource_commands = True
    # `pcs resource clone FENCE_DEVICE`: pcs 0.11 wants --force (0.10 refuses the
    # option, 0.12 refuses the command)
    clone_stonith_option = "--force"
    # `pcs resource clone/promotable` reads the agent's metadata: the offline build
    # ($force set) forces it past agents not installed (pcs 0.10 takes no --force there)
    clone_force = "$force"
    # pcs 0.10 and 0.11 take ISO 8601 durations and INFINITY as operation times
    iso_durations = True

    def role(self, role: Optional[str]) -> Optional[str]:
        if role is None:
            return None
        return self.roles.get(role, role)


class Rhel8(Dialect):
    """pcs 0.10: Master/Slave roles."""

    name = "rhel8"
    pcs_version = "0.10"
    roles = {ir.ROLE_PROMOTED: "Master", ir.ROLE_UNPROMOTED: "Slave"}
    rule_role_lowercase = True
    clone_stonith_option = ""
    clone_force = ""


class Rhel9(Dialect):
    pass


class Rhel10(Dialect):
    """pcs 0.12: a rule is one quoted argument."""

    name = "rhel10"
    pcs_version = "0.12"
    rule_as_one_argument = True
    stonith_in_resource_commands = False
    iso_durations = False


DIALECTS: Dict[str, Type[Dialect]] = {"rhel8": Rhel8, "rhel9": Rhel9, "rhel10": Rhel10}
DEFAULT_TARGET = "rhel9"


def dialect(name: str) -> Dialect:
    return DIALECTS[name]()
