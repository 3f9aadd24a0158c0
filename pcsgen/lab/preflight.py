"""Whether a lab can run here: Linux, root, Pacemaker's and corosync's programs, the
tools that make namespaces, and namespaces themselves. Each refusal is one message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Optional

from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location

TOOLS = (
    "corosync",
    "corosync-cmapctl",
    "pacemakerd",
    "crm_mon",
    "cibadmin",
    "crm_resource",
    "crm_attribute",
    "stonith_admin",
    "unshare",
    "nsenter",
    "ip",
    "mount",
    "umount",
)
SEARCH = "/usr/sbin:/usr/bin:/sbin:/bin"


def missing_tool() -> Optional[str]:
    path = os.environ.get("PATH", "") + ":" + SEARCH
    for tool in TOOLS:
        if shutil.which(tool, path=path) is None:
            return tool
    return None


def check(location: Optional[Location] = None) -> None:
    """Raise the reason this machine cannot run a lab, if there is one."""
    if not sys.platform.startswith("linux"):
        raise PcsgenError("PG900", location, system=sys.platform)
    if os.geteuid() != 0:
        raise PcsgenError("PG901", location)
    tool = missing_tool()
    if tool is not None:
        raise PcsgenError("PG902", location, tool=tool)
    try:
        done = subprocess.run(
            ["unshare", "--net", "--mount", "--uts", "--ipc", "--pid", "--fork", "true"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=30,
        )
        reason = done.stdout.decode("utf-8", "replace").strip() if done.returncode else ""
    except (OSError, subprocess.TimeoutExpired) as exc:
        reason = str(exc)
    if reason:
        raise PcsgenError("PG903", location, reason=reason)
