"""Node attributes published by an instance's role (PostgreSQL's pgsql-status): which
agents publish them, the values each role gives, the simulation's rounds until they
hold, and the lab's stand-in that publishes them as the agent does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

import pytest
from lxml import etree

from pcsgen.simulation.node_attributes import RolePublisher, role_publishers
from pcsgen.simulation.role_attributes import wanted
from tests.helpers import need_tool, run_pcsgen

PGSQL = RolePublisher("pgsql-status", "pgsql", "PRI", "HS:sync", "HS:alone", "STOP")


def _cib(agent: str = 'provider="heartbeat" type="pgsql"', mode: str = "sync") -> str:
    """Two nodes, PostgreSQL in a promotable clone, the primary's address with the
    promoted instance and the standby's address placed by pgsql-status as PG-REX
    places it (on HS:sync, else on PRI, never elsewhere)."""
    return f"""<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
<configuration><crm_config><cluster_property_set id="o">
  <nvpair id="o-s" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
<nodes><node id="1" uname="db01"/><node id="2" uname="db02"/></nodes>
<resources>
  <clone id="pgsql-clone"><meta_attributes id="pm">
      <nvpair id="pm-p" name="promotable" value="true"/></meta_attributes>
    <primitive id="pgsql" class="ocf" {agent}>
      <instance_attributes id="pi"><nvpair id="pi-r" name="rep_mode" value="{mode}"/>
      </instance_attributes>
      <operations>
        <op id="pgsql-m1" name="monitor" interval="9s" role="Unpromoted"/>
        <op id="pgsql-m2" name="monitor" interval="10s" role="Promoted"/>
      </operations>
    </primitive></clone>
  <primitive id="vip-primary" class="ocf" provider="heartbeat" type="IPaddr2">
    <operations><op id="vp-m" name="monitor" interval="10s"/></operations></primitive>
  <primitive id="vip-standby" class="ocf" provider="heartbeat" type="IPaddr2">
    <operations><op id="vs-m" name="monitor" interval="10s"/></operations></primitive>
</resources>
<constraints>
  <rsc_colocation id="c1" rsc="vip-primary" with-rsc="pgsql-clone" with-rsc-role="Promoted"
    score="INFINITY"/>
  <rsc_location id="l1" rsc="vip-standby">
    <rule id="l1-r1" score="200"><expression id="l1-e1" attribute="pgsql-status"
      operation="eq" value="HS:sync"/></rule>
    <rule id="l1-r2" score="100"><expression id="l1-e2" attribute="pgsql-status"
      operation="eq" value="PRI"/></rule>
    <rule id="l1-r3" score="-INFINITY"><expression id="l1-e3" attribute="pgsql-status"
      operation="not_defined"/></rule>
    <rule id="l1-r4" score="-INFINITY" boolean-op="and">
      <expression id="l1-e4" attribute="pgsql-status" operation="ne" value="HS:sync"/>
      <expression id="l1-e5" attribute="pgsql-status" operation="ne" value="PRI"/></rule>
  </rsc_location>
</constraints></configuration><status/></cib>"""


def test_pgsql_in_replication_publishes_its_status_by_role() -> None:
    assert role_publishers(etree.fromstring(_cib())) == [PGSQL]
    linuxhajp = role_publishers(etree.fromstring(_cib('provider="linuxhajp" type="pgsql"')))
    assert [p.name for p in linuxhajp] == ["pgsql-status"]
    asynchronous = role_publishers(etree.fromstring(_cib(mode="async")))
    assert [p.standby for p in asynchronous] == ["HS:async"]
    # no replication, or not promotable: no status
    assert role_publishers(etree.fromstring(_cib(mode="none"))) == []
    single = _cib().replace('<nvpair id="pm-p" name="promotable" value="true"/>', "")
    assert role_publishers(etree.fromstring(single)) == []


@pytest.mark.parametrize(
    "where,current,expected",
    [
        # the first transition: nothing published yet
        (["db01 (Promoted)", "db02 (Unpromoted)"], {}, {"db01": "PRI", "db02": "HS:sync"}),
        # what holds is not written again
        (["db01 (Promoted)", "db02 (Unpromoted)"], {"db01": "PRI", "db02": "HS:sync"}, {}),
        # no primary: the standby is alone
        (["db02 (Unpromoted)"], {"db02": "HS:sync"}, {"db02": "HS:alone"}),
        # it stopped where it ran; a node where it never ran gets nothing
        (["db02 (Promoted)"], {"db01": "PRI"}, {"db01": "STOP", "db02": "PRI"}),
        (["db02 (Promoted)"], {}, {"db02": "PRI"}),
    ],
)
def test_each_role_gives_its_value(
    where: List[str], current: Dict[str, str], expected: Dict[str, str]
) -> None:
    changes = wanted(
        [PGSQL],
        {"pgsql": where},
        ["db01", "db02"],
        {node: {"pgsql-status": value} for node, value in current.items()},
    )
    assert {node: value for node, name, value in changes} == expected
    assert all(name == "pgsql-status" for _node, name, _value in changes)


def test_the_standby_address_follows_the_published_status(tmp_path: Path) -> None:
    """With every node up the standby's address runs on the standby (HS:sync); when the
    primary's node fails, the standby is promoted, publishes PRI and takes it too.
    Without the rounds it would run nowhere (pgsql-status not defined)."""
    need_tool("crm_simulate")
    (tmp_path / "pg.xml").write_text(_cib(), "utf-8")
    done = run_pcsgen(["simulate", "pg.xml", "--format", "json"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "PG827" not in done.stderr and "PG826" not in done.stderr
    report = json.loads(done.stdout)
    placed = report["placements"]
    primary = next(x.split(" ")[0] for x in placed["pgsql"] if "Promoted" in x.split(" ")[-1])
    standby = next(x.split(" ")[0] for x in placed["pgsql"] if "Unpromoted" in x)
    assert placed["vip-primary"] == [primary] and placed["vip-standby"] == [standby]
    after = report["failovers"][primary]["placements"]
    assert after["pgsql"] == [f"{standby} (Promoted)"]
    assert after["vip-primary"] == [standby] and after["vip-standby"] == [standby]


def test_the_lab_s_stand_in_publishes_what_the_agent_does() -> None:
    from pcsgen.lab.standins import for_the_lab

    design = for_the_lab(_cib(), ["db01", "db02"])
    lab = etree.fromstring(design.configuration)
    standin = lab.find(".//primitive[@id='pgsql']")
    assert standin is not None
    assert (standin.get("provider"), standin.get("type")) == ("pcsgen-lab", "Dummy")
    params = {
        nv.get("name"): nv.get("value") for nv in standin.iterfind("instance_attributes/nvpair")
    }
    assert params == {
        "role_attribute": "pgsql-status",
        "role_promoted": "PRI",
        "role_standby": "HS:sync",
        "role_alone": "HS:alone",
        "role_stopped": "STOP",
    }
