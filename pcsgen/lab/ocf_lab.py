"""The lab's stand-in agent, installed as ocf:pcsgen-lab:Dummy inside each node: Dummy's
behaviour (a state file), promoted and demoted in a promotable clone with the promotion
score it publishes, plus faults the test run can switch on per resource and action (a
file /run/pcsgen-lab-faults/RESOURCE.ACTION on the node): a start or stop that fails, a
monitor that finds the resource stopped. Standard library only."""

import os
import re
import subprocess
import sys
from typing import List, Tuple

SUCCESS, GENERIC, UNIMPLEMENTED, NOT_RUNNING, RUNNING_PROMOTED = 0, 1, 3, 7, 8
# the promotion scores of Pacemaker's Stateful: the same on every unpromoted instance;
# the test run seeds the node the simulation promotes with the promoted score before a
# start, which keeps it (see _promotion_score_set)
UNPROMOTED_SCORE, PROMOTED_SCORE = "5", "10"
PROMOTED = "promoted"  # the state file's content once promoted
FAULTS = "/run/pcsgen-lab-faults"

METADATA = """<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="Dummy" version="1.0">
<version>1.1</version>
<longdesc lang="en">Stands in for an agent that cannot run in the pcsgen lab.</longdesc>
<shortdesc lang="en">pcsgen lab stand-in</shortdesc>
<parameters>
<parameter name="state" unique="1">
<longdesc lang="en">State file</longdesc>
<shortdesc lang="en">State file</shortdesc>
<content type="string"/>
</parameter>
<parameter name="health_attribute" unique="1">
<longdesc lang="en">A node health attribute set at start and each monitor: green,
or red while the fault file RESOURCE.drives is present</longdesc>
<shortdesc lang="en">Health attribute</shortdesc>
<content type="string"/>
</parameter>
<parameter name="role_attribute">
<longdesc lang="en">A node attribute published by the instance's role, as PostgreSQL's
agent publishes pgsql-status; the role_* parameters give its values</longdesc>
<shortdesc lang="en">Role attribute</shortdesc>
<content type="string"/>
</parameter>
<parameter name="role_promoted">
<longdesc lang="en">Its value where the instance is promoted</longdesc>
<shortdesc lang="en">Promoted value</shortdesc>
<content type="string"/>
</parameter>
<parameter name="role_standby">
<longdesc lang="en">Its value where the instance runs unpromoted while another is
promoted</longdesc>
<shortdesc lang="en">Standby value</shortdesc>
<content type="string"/>
</parameter>
<parameter name="role_alone">
<longdesc lang="en">Its value where the instance runs unpromoted and none is
promoted</longdesc>
<shortdesc lang="en">Alone value</shortdesc>
<content type="string"/>
</parameter>
<parameter name="role_stopped">
<longdesc lang="en">Its value where the instance stopped</longdesc>
<shortdesc lang="en">Stopped value</shortdesc>
<content type="string"/>
</parameter>
</parameters>
<actions>
<action name="start" timeout="20s"/>
<action name="stop" timeout="20s"/>
<action name="monitor" timeout="20s" interval="10s" depth="0"/>
<action name="promote" timeout="20s"/>
<action name="demote" timeout="20s"/>
<action name="notify" timeout="20s"/>
<action name="reload" timeout="20s"/>
<action name="reload-agent" timeout="20s"/>
<action name="meta-data" timeout="5s"/>
<action name="validate-all" timeout="20s"/>
</actions>
</resource-agent>
"""


def _instance() -> str:
    # a clone's instance (ping:1) fails as its primitive does
    return os.environ.get("OCF_RESOURCE_INSTANCE", "dummy").split(":")[0]


def _faulty(action: str) -> bool:
    return os.path.exists(os.path.join(FAULTS, f"{_instance()}.{action}"))


def _publish_health() -> None:
    """As a health agent does: its attribute from what its devices answer (the fault file
    RESOURCE.drives standing for drives that fail)."""
    name = os.environ.get("OCF_RESKEY_health_attribute")  # noqa: SIM112
    if name:
        value = "red" if _faulty("drives") else "green"
        subprocess.run(["attrd_updater", "-n", name, "-U", value, "-d", "5s"], check=False)


def _elsewhere(name: str) -> List[Tuple[str, str]]:
    """(node, value) of NAME on the other nodes, as attrd holds it."""
    here = os.environ.get("OCF_RESKEY_CRM_meta_on_node", "")  # noqa: SIM112
    # attrd_updater takes that variable for the node it asks about, even with -A
    everywhere = {k: v for k, v in os.environ.items() if k != "OCF_RESKEY_CRM_meta_on_node"}
    done = subprocess.run(
        ["attrd_updater", "-Q", "-A", "-n", name],
        capture_output=True,
        text=True,
        check=False,
        env=everywhere,
    )
    found = re.findall(r'host="([^"]*)" value="([^"]*)"', done.stdout)
    return [(host, value) for host, value in found if host != here]


def _publish_role(role: str) -> None:
    """As PostgreSQL's agent publishes pgsql-status: one value where the instance is
    promoted, one where it stopped, and where it runs unpromoted one while another is
    promoted (its primary's monitor tells it so), another while none is."""
    env = os.environ.get  # noqa: SIM112 (OCF's names)
    name = env("OCF_RESKEY_role_attribute")
    if not name:
        return
    promoted = env("OCF_RESKEY_role_promoted", "")
    standby, alone = env("OCF_RESKEY_role_standby", ""), env("OCF_RESKEY_role_alone", "")
    others = _elsewhere(name)
    if role == "promoted":
        value = promoted
        # the primary tells its standbys they now replicate from it
        for host, found in others:
            if found == alone and standby:
                subprocess.run(
                    ["attrd_updater", "-n", name, "-U", standby, "-N", host], check=False
                )
    elif role == "stopped":
        value = env("OCF_RESKEY_role_stopped", "")
    elif any(found == promoted for _host, found in others):
        value = standby
    else:
        value = alone
    if value:
        subprocess.run(["attrd_updater", "-n", name, "-U", value], check=False)


def _promotable() -> bool:
    # a promotable clone's meta attributes reach its instances' actions
    meta = os.environ.get  # noqa: SIM112 (OCF's names)
    return meta("OCF_RESKEY_CRM_meta_promotable", "").lower() in ("true", "1", "yes") or any(
        meta(f"OCF_RESKEY_CRM_meta_{name}") for name in ("promoted_max", "master_max")
    )


def _promotion_score(value: str) -> None:
    """Publish (or with '' remove) this instance's promotion score, as promotable
    agents do."""
    if _promotable():
        update = ["-D"] if value == "" else ["-v", value]
        subprocess.run(["crm_attribute", "--promotion", *update], check=False)


def _promotion_score_set() -> bool:
    """Whether this instance's node already holds a promotion score: none is left by a
    stop, so one found at start was seeded by the test run for the node the simulation
    promotes, and is kept."""
    if not _promotable():
        return False
    done = subprocess.run(
        ["crm_attribute", "--promotion", "-G", "-q"], capture_output=True, text=True, check=False
    )
    return done.returncode == 0 and done.stdout.strip() != ""


def _promoted(state: str) -> bool:
    try:
        with open(state, encoding="utf-8") as stream:
            return stream.read().strip() == PROMOTED
    except OSError:
        return False


def _write(state: str, content: str) -> None:
    os.makedirs(os.path.dirname(state), exist_ok=True)
    with open(state, "w", encoding="utf-8") as stream:
        stream.write(content)


def main(argv: List[str]) -> int:
    action = argv[1] if len(argv) > 1 else ""
    if action == "meta-data":
        sys.stdout.write(METADATA)
        return SUCCESS
    instance = os.environ.get("OCF_RESOURCE_INSTANCE", "dummy")
    # OCF names parameters as the agent's metadata does, lower case
    state = os.environ.get("OCF_RESKEY_state") or (  # noqa: SIM112
        f"/run/resource-agents/lab-{instance}.state"
    )
    if action in ("validate-all", "reload", "reload-agent", "notify"):
        return SUCCESS
    if action == "start":
        if _faulty("start"):
            return GENERIC
        _write(state, "")
        _publish_health()
        if not _promotion_score_set():
            _promotion_score(UNPROMOTED_SCORE)
        _publish_role("unpromoted")
        return SUCCESS
    if action == "stop":
        if _faulty("stop"):
            return GENERIC
        if os.path.exists(state):
            os.unlink(state)
        _promotion_score("")
        _publish_role("stopped")
        return SUCCESS
    if action == "promote":
        if not os.path.exists(state):
            return NOT_RUNNING
        _write(state, PROMOTED)
        _promotion_score(PROMOTED_SCORE)
        _publish_role("promoted")
        return SUCCESS
    if action == "demote":
        # an instance found dead is demoted before it is stopped: nothing is left to
        # demote, and only the failure injected fails
        if os.path.exists(state):
            _write(state, "")
            _promotion_score(UNPROMOTED_SCORE)
            _publish_role("unpromoted")
        return SUCCESS
    if action == "monitor":
        if _faulty("monitor"):
            return NOT_RUNNING
        if not os.path.exists(state):
            return NOT_RUNNING
        _publish_health()
        _publish_role("promoted" if _promoted(state) else "unpromoted")
        return RUNNING_PROMOTED if _promoted(state) else SUCCESS
    return UNIMPLEMENTED


if __name__ == "__main__":
    sys.exit(main(sys.argv))
