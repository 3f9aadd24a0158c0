"""An Ansible inventory as a definition's variables: what a play gives one host of the
cluster (`groups`, `hostvars`, `inventory_hostname` and the host's own variables, with
Ansible's precedence), read by ansible-core's own loader.

ansible-core is an optional extra, imported only here and only when --inventory is
given. The inventory is read as untrusted input: only the INI, YAML and host-list
inventory plugins run (no inventory script, no plugin that runs a program), an
executable inventory file is refused rather than parsed, the configuration an
`ansible.cfg` beside it could bring is not read, no vault secret is given (an encrypted
value is an error, never a prompt), and the files are bounded in number and size before
Ansible reads them, the values in depth and count after, as vars files are.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterator,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Set,
    Tuple,
)

from pcsgen.diagnostics import PcsgenError
from pcsgen.diagnostics.location import Location, Source
from pcsgen.diagnostics.phrase import Phrase

if TYPE_CHECKING:
    from pcsgen.compiler.variables.sources import ItemBudget

# The inventory plugins that only parse text
SAFE_PLUGINS = ["host_list", "yaml", "ini"]
MAX_FILES = 10_000
MAX_TOTAL_BYTES = 16 * 1024 * 1024
# `hostvars` holds every host's variables: one line of INI (`h[00000:99999]`) names
# 100,000 hosts, and a group's variable is copied into each of its hosts, so the hosts
# and the items of their values are bounded as a whole, not only value by value.
MAX_HOSTS = 10_000
# The variables of a play that describe the controller or the run, not the host: they
# would make a definition fill differently from one machine or directory to another.
RUN_VARIABLES = frozenset(
    {
        "ansible_config_file",
        "ansible_facts",
        "ansible_playbook_python",
        "ansible_version",
        "playbook_dir",
        "omit",
        "ansible_check_mode",
        "ansible_diff_mode",
        "ansible_forks",
        "ansible_inventory_sources",
        "ansible_skip_tags",
        "ansible_run_tags",
        "ansible_verbosity",
        "ansible_collection_name",
        "ansible_search_path",
    }
)
_SPECIAL_GROUPS = ("all", "ungrouped")
_SHOWN = 20  # names a message lists at most


class HostVariables(NamedTuple):
    """The variables a play gives HOST, by name, and where they came from."""

    host: str
    values: Dict[str, Any]
    origin: str


def load(
    path: str, limit: Optional[str], host: Optional[str], nodes: Sequence[str]
) -> HostVariables:
    """The variables of the chosen host of the inventory at PATH: HOST, else the first
    host of LIMIT, else the first host of the group holding NODES (the NODE table's node
    names)."""
    location = Location(Source(path))
    if not os.path.exists(path):
        raise PcsgenError("PG951", location, path=path, reason=Phrase("os_enoent"))
    check_files(path)
    inventory, variables = _read(path)
    if len(inventory.hosts) > MAX_HOSTS:
        raise PcsgenError("PG953", location, reason=Phrase("inv_hosts", {"count": MAX_HOSTS}))
    chosen = choose_host(inventory, limit, host, nodes, location)
    from pcsgen.compiler.variables.sources import ItemBudget

    budget = ItemBudget()
    values = _host_values(variables, inventory.get_host(chosen), chosen, location, budget)
    hostvars: Dict[str, Any] = {}
    for name in inventory.hosts:
        # every host's `groups` is the chosen host's, read once
        own = (
            values
            if name == chosen
            else _host_values(
                variables, inventory.get_host(name), name, location, budget, skip=("groups",)
            )
        )
        hostvars[name] = {key: value for key, value in own.items() if key != "groups"}
        hostvars[name]["groups"] = values["groups"]
    values["hostvars"] = hostvars
    return HostVariables(chosen, values, f"inventory {path} (host {chosen})")


def _files(path: str) -> Iterator[Tuple[str, bool]]:
    """Every file Ansible may read for the inventory at PATH: (path, is an inventory
    source). group_vars/ and host_vars/ beside it hold variables, not inventories.
    Links are followed, as Ansible follows them; a folder met twice (a link to a folder
    above it) is walked once."""
    base = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    seen: Set[Tuple[int, int]] = set()
    if os.path.isdir(path):
        for name in _walk(path, seen, skip=("group_vars", "host_vars")):
            yield name, True
    else:
        yield path, True
    for kind in ("group_vars", "host_vars"):
        for name in _walk(os.path.join(base, kind), seen):
            yield name, False


def _walk(top: str, seen: Set[Tuple[int, int]], skip: Sequence[str] = ()) -> Iterator[str]:
    """The entries under the folder TOP (none when it is missing), folders included,
    through links; the folders named SKIP right under TOP are left out."""
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
            entries = sorted(os.listdir(folder))
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            name = os.path.join(folder, entry)
            if folder == top and entry in skip:
                continue
            yield name
            if os.path.isdir(name):
                pending.append(name)


def check_files(path: str) -> None:
    """Refuse an executable inventory, a file that is not a regular one (a FIFO would
    keep Ansible waiting, a device reading without end), and more files or bytes than
    the bounds."""
    count = 0
    total = 0
    from pcsgen.inputs import MAX_VARS_BYTES

    for name, is_source in _files(path):
        location = Location(Source(name))
        try:
            info = os.stat(name)
        except OSError as exc:
            raise PcsgenError(
                "PG951", location, path=name, reason=exc.strerror or str(exc)
            ) from None
        count += 1
        if count > MAX_FILES:
            raise PcsgenError(
                "PG953", Location(Source(path)), reason=Phrase("inv_files", {"count": MAX_FILES})
            )
        if stat.S_ISDIR(info.st_mode):
            continue
        if not stat.S_ISREG(info.st_mode):
            raise PcsgenError("PG951", location, path=name, reason=Phrase("os_not_regular"))
        if is_source and info.st_mode & 0o111:
            raise PcsgenError("PG952", location, path=name)
        total += info.st_size
        if info.st_size > MAX_VARS_BYTES:
            raise PcsgenError(
                "PG953",
                location,
                reason=Phrase("inv_file_bytes", {"path": name, "count": MAX_VARS_BYTES}),
            )
        if total > MAX_TOTAL_BYTES:
            raise PcsgenError(
                "PG953",
                Location(Source(path)),
                reason=Phrase("inv_bytes", {"count": MAX_TOTAL_BYTES}),
            )


def _import_ansible() -> Any:
    """ansible.constants, loaded without the configuration file of the current
    directory (which could name plugin directories whose code Ansible would run)."""
    if "ansible.constants" in sys.modules:
        return sys.modules["ansible.constants"]
    import tempfile

    before = os.environ.get("ANSIBLE_CONFIG")
    # an empty configuration of our own: ANSIBLE_CONFIG is the one place Ansible looks
    # before the current directory
    handle, empty = tempfile.mkstemp(prefix="pcsgen-", suffix=".cfg")
    os.close(handle)
    os.environ["ANSIBLE_CONFIG"] = empty
    try:
        import ansible.constants as constants
    except ImportError:
        raise PcsgenError("PG950", None) from None
    finally:
        os.unlink(empty)
        if before is None:
            os.environ.pop("ANSIBLE_CONFIG", None)
        else:
            os.environ["ANSIBLE_CONFIG"] = before
    return constants


def _read(path: str) -> Tuple[Any, Any]:
    """Ansible's inventory and variable manager for PATH, with the safe plugins only."""
    constants = _import_ansible()
    try:
        from ansible.inventory.manager import (
            InventoryManager,
        )
        from ansible.parsing.dataloader import (
            DataLoader,
        )
        from ansible.vars.manager import (
            VariableManager,
        )
    except ImportError:
        raise PcsgenError("PG950", None) from None
    settings = {
        "INVENTORY_ENABLED": SAFE_PLUGINS,
        "INVENTORY_UNPARSED_IS_FAILED": True,
        "INVENTORY_ANY_UNPARSED_IS_FAILED": True,
        "VARIABLE_PLUGINS_ENABLED": ["host_group_vars"],
    }
    saved = {name: getattr(constants, name, None) for name in settings}
    for name, value in settings.items():
        setattr(constants, name, value)
    try:
        loader = DataLoader()
        inventory = InventoryManager(loader=loader, sources=[path])
        return inventory, VariableManager(loader=loader, inventory=inventory)
    except Exception as exc:  # noqa: BLE001 - Ansible's errors have many classes
        raise PcsgenError("PG951", Location(Source(path)), path=path, reason=_reason(exc)) from None
    finally:
        for name, value in saved.items():
            setattr(constants, name, value)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(getattr(exc, "message", "") or exc).split())
    return text[:500] or type(exc).__name__


def _hosts(group: Any) -> List[str]:
    return [h.name for h in group.get_hosts()]


def choose_host(
    inventory: Any,
    limit: Optional[str],
    host: Optional[str],
    nodes: Sequence[str],
    location: Location,
) -> str:
    """The host whose variables the definition sees (see `load`)."""
    groups = {name: _hosts(group) for name, group in inventory.groups.items()}
    if host is not None:
        if host not in inventory.hosts:
            raise PcsgenError("PG954", location, host=host, hosts=_listed(list(inventory.hosts)))
        if limit is not None and host not in groups.get(limit, []):
            raise PcsgenError("PG958", location, host=host, group=limit)
        return host
    if limit is not None:
        if not groups.get(limit):
            raise PcsgenError(
                "PG955", location, group=limit, groups=_listed([g for g, h in groups.items() if h])
            )
        return groups[limit][0]
    wanted = set(_filled_nodes(nodes, groups))
    candidates = [
        name
        for name, members in groups.items()
        if name not in _SPECIAL_GROUPS and members and wanted <= set(members)
    ]
    if (
        not candidates
        and groups.get("all")
        and wanted <= set(groups["all"])
        and (wanted or len(groups["all"]) == 1)
    ):
        candidates = ["all"]
    firsts = {groups[name][0] for name in candidates}
    if len(firsts) == 1:
        return firsts.pop()
    shown = candidates or [g for g, h in groups.items() if h and g not in _SPECIAL_GROUPS]
    choices = (
        ", ".join(f"{name}: {groups[name][0]}" for name in shown[:_SHOWN])
        or "no group holds the NODE table's nodes"
    )
    raise PcsgenError("PG956", location, choices=choices)


def _listed(names: List[str]) -> str:
    return ", ".join(names[:_SHOWN]) + (", …" if len(names) > _SHOWN else "") or "(none)"


def _host_values(
    variables: Any,
    host: Any,
    name: str,
    location: Location,
    budget: ItemBudget,
    skip: Sequence[str] = (),
) -> Dict[str, Any]:
    """HOST's variables as a play sees them, as plain values, but those named in SKIP;
    what they hold is taken from BUDGET."""
    try:
        found = variables.get_vars(host=host, include_hostvars=False)
    except Exception as exc:  # noqa: BLE001 - a group_vars file Ansible cannot read
        raise PcsgenError(
            "PG951", location, path=location.source.file, reason=_reason(exc)
        ) from None
    values: Dict[str, Any] = {}
    for key, value in found.items():
        if key in RUN_VARIABLES or key in skip:
            continue
        problem = None
        if _is_plain_kind(value):
            problem, in_all = budget.take(value)
            if in_all:
                raise PcsgenError(
                    "PG953", location, reason=Phrase("inv_items", {"count": budget.total})
                )
        if problem is None:
            try:
                value = plain(value)
            except _NotPlain as exc:
                problem = exc.reason
        if problem is not None:
            raise PcsgenError("PG957", location, name=str(key), host=name, reason=problem)
        values[str(key)] = value
    return values


class _NotPlain(Exception):
    def __init__(self, reason: Any) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _is_plain_kind(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, dict, list, tuple, type(None)))


def plain(value: Any) -> Any:
    """VALUE as the plain str, dict and list a vars file gives (Ansible's values carry
    tags and may be encrypted); an encrypted value is refused, as no vault secret is
    given."""
    if value is None or type(value) in (bool, int, float, str):
        return value
    kind = type(value).__name__
    if "Encrypted" in kind or "Vault" in kind:
        raise _NotPlain(Phrase("inv_vault"))
    try:
        if isinstance(value, bool):
            return bool(value)
        if isinstance(value, str):
            return str.__str__(value)
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return float(value)
        if isinstance(value, dict):
            return {plain(key): plain(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(item) for item in value]
        if type(value).__module__ == "datetime":
            return value
    except _NotPlain:
        raise
    except Exception as exc:  # noqa: BLE001 - an object that cannot be read as a value
        raise _NotPlain(_reason(exc)) from None
    raise _NotPlain(Phrase("vars_type", {"type": kind}))


def node_names(tables: Sequence[Any]) -> List[str]:
    """The NODE table's node names as written (some may be placeholders), in order."""
    names: List[str] = []
    for table in tables:
        if table.marker != "NODE":
            continue
        for section in table.sections:
            for row in section.rows:
                value = row.value("uname")
                if value and value not in names:
                    names.append(value)
    return names


def _filled_nodes(nodes: Sequence[str], groups: Dict[str, List[str]]) -> List[str]:
    """NODES with the placeholders that need only `groups` filled (`{{
    groups.hacluster[0] }}`: the same for every host); the others left out."""
    from pcsgen.compiler.variables.bounded import render_all
    from pcsgen.compiler.variables.sandbox import has_placeholder
    from pcsgen.compiler.variables.sources import Variable, VariableSet

    literal = [name for name in nodes if not has_placeholder(name)]
    templated = [name for name in nodes if has_placeholder(name)]
    if not templated:
        return literal
    known = VariableSet({"groups": Variable("groups", groups, "inventory")})
    filled = [
        outcome.text
        for outcome in render_all(templated, known)
        if outcome.text is not None and outcome.code is None
    ]
    return literal + [name for name in filled if name]
