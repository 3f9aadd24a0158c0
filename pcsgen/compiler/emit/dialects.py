"""What each pcs version pcsgen writes for does differently. Which pcs a target speaks is
data (schemas/generations.json); each dialect overrides only what differs, and what a
release of a series or the Pacemaker under it changed is data too (pcs_changes, and
each Pacemaker release's text), set on the dialect of each target."""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Type

from pcsgen import ir
from pcsgen.generations import Target, generations, target

# How the Pacemaker under pcs writes text into the CIB: each release's facts
# (schemas/generations.json, `text`).
TEXT_FLAGS = ("ascii_only", "tab_and_del_mangled", "escaping_stops_beyond_ascii")


class Dialect:
    """pcs 0.11 (RHEL 9): the base every other dialect differs from."""

    pcs_version = "0.11"
    # role words written into the CIB and on pcs command lines
    roles: Dict[str, str] = {}
    # `pcs resource defaults update` (RHEL 8.3 on) vs plain `pcs resource defaults`
    defaults_update = True
    # `pcs resource clone RSC CLONE_ID` (RHEL 8.4 on)
    clone_id_argument = True
    # pcs 0.12 wants a location rule as one argument; older ones take words
    rule_as_one_argument = False
    # pcs 0.12's rule parser (pcs/lib/cib/rule) writes boolean-op on every rule, one of
    # a single expression too; pcs 0.10 and 0.11's only where the rule joins two or more
    rule_boolean_op_always = False
    # pcs 0.10 takes the role of a location rule in lower case only
    rule_role_lowercase = False
    # `pcs stonith level add LEVEL TARGET DEV...` accepts devices separated by spaces
    level_devices_separator = " "
    # `pcs resource group add`, `resource utilization` ... accept fence devices
    # (pcs 0.12 refuses them there, and has no command for them instead)
    stonith_in_resource_commands = True
    # `pcs property set` names a new nvpair after 20 characters of the property's name
    # (before pcs 0.10.15 and 0.11.4 it is named after the whole name; pcs_changes)
    property_ids_truncated = True
    # How the Pacemaker under pcs writes the CIB file pcs edits (pcs has cibadmin
    # write it; Pacemaker escapes text with crm_xml_escape up to 2.1.7), set from the
    # data of the target's Pacemaker (the values here are Pacemaker 2.1.5's):
    # - Pacemaker 2.0.5 to 2.1.2 write each byte beyond ASCII as an octal escape
    #   (`\37777777745`): no such text reaches the CIB as written;
    ascii_only = False
    # - Pacemaker before 2.1.8 writes a tab as four spaces and DEL as an octal escape;
    tab_and_del_mangled = True
    # - Pacemaker 2.1.3 to 2.1.7 stop escaping a text at its first character beyond
    #   ASCII: a '<', '&' or '"' after it is lost from the CIB (2.1.8 mends it).
    escaping_stops_beyond_ascii = True
    # Create a clone of a primitive with the primitive (`resource create ... clone ID
    # META`): pcs 0.11.4 and 0.11.5 (RHEL 9.1, 9.2) read the agent's metadata in
    # `resource clone`, `promotable` and `meta` of such a clone and ignore --force
    # there, so these commands cannot build it where the agent is not installed.
    clone_in_create = True
    # Commands that read the agent's metadata and refuse to go on without it unless
    # given --force (which they accept): the offline build passes it, since agents
    # need not be installed where it runs. `resource create` and `stonith create`
    # always get it offline.
    offline_force: FrozenSet[str] = frozenset(
        {
            "resource clone",
            "resource promotable",
            "resource meta",
            "resource update",
            "resource op add",
            "stonith update",
            "stonith op add",
        }
    )
    # `pcs resource promotable` refuses an OCF 1.1 agent without promote and demote
    # (from pcs 0.11.4 on; pcs_changes)
    promotable_checked = True
    # `pcs resource|stonith description ID TEXT`, `pcs cib element description ID TEXT`
    # (from pcs 0.12.2 on; pcs_changes)
    element_descriptions = False
    # pcs 0.10 and 0.11 take ISO 8601 durations and INFINITY as operation times
    iso_durations = True
    # Scores. Measured with each generation's own pcs (0.10.8 of Debian bullseye, 0.11.5
    # of bookworm, 0.12.0.2 of trixie), `pcs -f` on `cibadmin --empty` holding two
    # resources, for every command the script gives a score to (`location R prefers
    # N=S`, `avoids N=S`, `location R rule score=S ...`, `colocation add ... score=S`,
    # `colocation set ... setoptions score=S`) and every spelling: INFINITY, +INFINITY,
    # -INFINITY, signed and unsigned integers, leading zeros (010, +010, -010, 00, +0,
    # -0), integers beyond 32 and 64 bits. Every pcs writes each of them into the CIB
    # as given (Pacemaker reads a score beyond 1000000 as INFINITY), but for what
    # follows; tests/test_scores.py repeats the measurement with each pcs.
    # - `inf`, `Infinity`, `INF` ... and digits beyond ASCII are refused by every pcs
    #   (invalid score, or the schema): pcsgen hands pcs INFINITY and ASCII digits;
    # - `avoids N=S` writes '-' before S (and takes it off a '-S'): '-+S' is refused by
    #   the schema, so pcsgen hands pcs S without its '+';
    # - `constraint colocation add R with WITH score=S` names the constraint
    #   `colocation-R-WITH-INFINITY` whatever the score (pcs 0.10, 0.11), or
    #   `colocation-R-WITH-S` with the score as given (pcs 0.12); given as a word of its
    #   own (`R with WITH S`, as ADDITIONAL_CONFIG may), every pcs names it after S.
    #   There a score spelled with '+' makes an id the schema refuses (`Unable to update
    #   cib / Update does not conform to the configured schema`).
    colocation_id_has_score = False

    def __init__(self, generation: Target) -> None:
        self.generation = generation
        self.name = generation.name
        # The release's own facts override the series' where the data has them.
        for change in generations().pcs_changes:
            if hasattr(Dialect, change.name):
                setattr(self, change.name, change.applies(generation.pcs, generation.pcs_release))
        for flag in TEXT_FLAGS:
            setattr(self, flag, flag in generation.own.text)

    def role(self, role: Optional[str]) -> Optional[str]:
        if role is None:
            return None
        return self.roles.get(role, role)

    def colocation_id(
        self, rsc: str, with_rsc: str, score: str, score_as_word: bool = False
    ) -> str:
        """The id `pcs constraint colocation add` gives a colocation (before the `-1`,
        `-2` ... it adds when the id is taken), not sanitised: pcs takes it as it is.
        The script gives the score as `score=S`; ADDITIONAL_CONFIG may give it as a
        word of its own."""
        named_after = score if score_as_word or self.colocation_id_has_score else "INFINITY"
        return f"colocation-{rsc}-{with_rsc}-{named_after}"


class Pcs010(Dialect):
    """pcs 0.10: Master/Slave roles; clone, promotable and meta read no agent metadata
    (and clone and promotable take no --force)."""

    pcs_version = "0.10"
    roles = {ir.ROLE_PROMOTED: "Master", ir.ROLE_UNPROMOTED: "Slave"}
    rule_role_lowercase = True
    clone_in_create = False
    offline_force = frozenset({"resource update", "resource op add", "stonith update"})


class Pcs012(Dialect):
    """pcs 0.12: a rule is one quoted argument."""

    pcs_version = "0.12"
    rule_as_one_argument = True
    rule_boolean_op_always = True
    stonith_in_resource_commands = False
    clone_in_create = False
    iso_durations = False
    colocation_id_has_score = True


DIALECTS: Dict[str, Type[Dialect]] = {"0.10": Pcs010, "0.11": Dialect, "0.12": Pcs012}


def dialect(name: str) -> Dialect:
    """The dialect of a target (rhel8.4 ... rhel10.2, rhel8, rhel9, rhel10)."""
    generation = target(name)
    return DIALECTS[generation.pcs](generation)
