"""The lab's fence agent, installed as /usr/sbin/fence_lab inside each node: asks the
lab's power switch, over the lab network, to power a node off, on or both. Standard
library only; it reads its options from stdin (key=value lines) as pacemaker-fenced
gives them, or from --key=value arguments."""

import socket
import sys
from typing import Dict, List

# A fixed connect timeout: the fencing library's shell timeout of 0 for monitor would
# make a connect fail at once (EINPROGRESS).
CONNECT_TIMEOUT = 5.0
ANSWER_TIMEOUT = 30.0

METADATA = """<?xml version="1.0" ?>
<resource-agent name="fence_lab" shortdesc="Fence agent of the pcsgen lab's power switch">
<longdesc>Powers a lab node off and on through the lab's power switch.</longdesc>
<vendor-url>https://github.com/</vendor-url>
<parameters>
  <parameter name="action" unique="0" required="0">
    <getopt mixed="-o, --action=[action]"/>
    <content type="string" default="reboot"/>
    <shortdesc lang="en">Fencing action</shortdesc>
  </parameter>
  <parameter name="ipaddr" unique="0" required="0">
    <getopt mixed="-a, --ip=[ip]"/>
    <content type="string" default="10.213.0.1"/>
    <shortdesc lang="en">Address of the power switch</shortdesc>
  </parameter>
  <parameter name="ipport" unique="0" required="0">
    <getopt mixed="-u, --ipport=[port]"/>
    <content type="integer" default="4141"/>
    <shortdesc lang="en">TCP port of the power switch</shortdesc>
  </parameter>
  <parameter name="port" unique="0" required="0">
    <getopt mixed="-n, --plug=[name]"/>
    <content type="string"/>
    <shortdesc lang="en">The node to fence</shortdesc>
  </parameter>
  <parameter name="plug" unique="0" required="0" obsoletes="port">
    <getopt mixed="-n, --plug=[name]"/>
    <content type="string"/>
    <shortdesc lang="en">The node to fence</shortdesc>
  </parameter>
</parameters>
<actions>
  <action name="on" automatic="0"/>
  <action name="off"/>
  <action name="reboot"/>
  <action name="status"/>
  <action name="list"/>
  <action name="list-status"/>
  <action name="monitor"/>
  <action name="metadata"/>
  <action name="validate-all"/>
</actions>
</resource-agent>
"""


def _options(argv: List[str]) -> Dict[str, str]:
    options: Dict[str, str] = {}
    if len(argv) > 1:
        for word in argv[1:]:
            key, _, value = word.lstrip("-").partition("=")
            options[{"o": "action", "a": "ipaddr", "n": "port", "ip": "ipaddr"}.get(key, key)] = (
                value
            )
    elif not sys.stdin.isatty():
        for line in sys.stdin.read().splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and not key.startswith("#"):
                options[key.strip()] = value.strip()
    return options


def exchange(connection: socket.socket, line: str) -> str:
    """The switch's line protocol, for this agent and the host alike: one command line
    out, one answer line back; the answer without its `ok`, or OSError with the refusal."""
    connection.sendall((line + "\n").encode("utf-8"))
    answer = b""
    while not answer.endswith(b"\n"):
        chunk = connection.recv(4096)
        if not chunk:
            break
        answer += chunk
    text = answer.decode("utf-8", "replace").strip()
    if not text.startswith("ok"):
        raise OSError(text or "no answer")
    return text[3:]


def _ask(options: Dict[str, str], line: str) -> str:
    address = (options.get("ipaddr", "10.213.0.1"), int(options.get("ipport", "4141")))
    with socket.create_connection(address, timeout=CONNECT_TIMEOUT) as connection:
        connection.settimeout(ANSWER_TIMEOUT)
        return exchange(connection, line)


def main(argv: List[str]) -> int:
    options = _options(argv)
    action = options.get("action", options.get("option", "reboot"))
    if action == "metadata":
        sys.stdout.write(METADATA)
        return 0
    if action == "validate-all":
        return 0
    target = options.get("port") or options.get("plug") or options.get("nodename", "")
    try:
        if action in ("monitor", "list", "list-status"):
            names = _ask(options, "list").split()
            if action != "monitor":
                for name in names:
                    sys.stdout.write(f"{name},\n")
            return 0
        if not target:
            sys.stderr.write("fence_lab: no node given (port)\n")
            return 1
        if action == "status":
            return 0 if _ask(options, f"status {target}") == "on" else 2
        if action in ("on", "off", "reboot"):
            _ask(options, f"{action} {target}")
            return 0
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"fence_lab: {action} {target}: {exc}\n")
        return 1
    sys.stderr.write(f"fence_lab: unsupported action {action}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
