"""The typed intermediate representation: what a definition means, independent of
spreadsheet layout and of any output. Every object knows the cell it came from."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Dict, List, NamedTuple, Optional, Set, Tuple, Union

from pcsgen.diagnostics import Diagnostic
from pcsgen.diagnostics.location import Location, Source

# Roles are kept in Pacemaker's current words; emitters translate for older targets.
ROLE_STARTED = "Started"
ROLE_STOPPED = "Stopped"
ROLE_PROMOTED = "Promoted"
ROLE_UNPROMOTED = "Unpromoted"


class Record:
    """Base of the IR's dataclasses: their repr, one for all. (A repr generated for each
    class is compiled at import, which a small compile pays for and never uses.)"""

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__name__}({shown})"


class Located(Record):
    """Mixin (not a dataclass, so it adds no fields): the cells an object was read
    from, by column key, for precise messages."""

    location: Location
    where: Dict[str, Location]

    def at(self, key: str) -> Location:
        return self.where.get(key, self.location)


@dataclass(eq=False, repr=False)
class NvPair(Record):
    """A name and a value (an nvpair of an attribute set)."""

    name: str
    value: str
    location: Location
    # the Pacemaker 1.x property name the cell holds, when completion renamed it
    written_as: Optional[str] = None


@dataclass(eq=False, repr=False)
class Operation(Record):
    """An operation (op) of a primitive."""

    name: str
    # interval, timeout, on-fail, role, ... in the order given; never 'name' or 'id'
    attributes: Dict[str, str]
    location: Location
    from_agent: bool = False  # copied from agent metadata, as pcs does

    @property
    def interval(self) -> Optional[str]:
        return self.attributes.get("interval")


class AgentName(NamedTuple):
    """An agent as Pacemaker names it: standard, provider, type."""

    standard: str  # ocf, stonith, systemd, lsb, service
    provider: Optional[str]
    type: str

    def __str__(self) -> str:
        if self.standard == "stonith":
            return f"stonith:{self.type}"
        if self.provider:
            return f"{self.standard}:{self.provider}:{self.type}"
        return f"{self.standard}:{self.type}"

    @property
    def pcs_spec(self) -> str:
        """As pcs takes it on the command line."""
        if self.standard == "stonith":
            return self.type
        return str(self)


@dataclass(eq=False, repr=False)
class Primitive(Record):
    """A primitive resource or fencing device."""

    id: str
    agent: AgentName
    location: Location  # the id cell of its RESOURCES row
    definition: Optional[Location] = None  # the id cell of its PRIMITIVE/STONITH table
    instance_attributes: List[NvPair] = field(default_factory=list)
    meta_attributes: List[NvPair] = field(default_factory=list)
    utilization: List[NvPair] = field(default_factory=list)
    operations: List[Operation] = field(default_factory=list)
    agent_location: Optional[Location] = None  # the type cell of its PRIMITIVE/STONITH table

    @property
    def is_stonith(self) -> bool:
        return self.agent.standard == "stonith"


@dataclass(eq=False, repr=False)
class Group(Record):
    """A group of primitives, started in order."""

    id: str
    location: Location
    members: List[Primitive] = field(default_factory=list)
    meta_attributes: List[NvPair] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Clone(Record):
    """A clone (or promotable clone) of a primitive or a group."""

    id: str
    location: Location
    promotable: bool
    child: Optional[Union[Primitive, Group]] = None
    meta_attributes: List[NvPair] = field(default_factory=list)


Resource = Union[Primitive, Group, Clone]


@dataclass(eq=False, repr=False)
class Node(Record):
    """A cluster node and the attributes the NODE table gives it."""

    uname: str
    id: Optional[str]
    location: Optional[Location]
    attributes: List[NvPair] = field(default_factory=list)
    utilization: List[NvPair] = field(default_factory=list)
    remote: bool = False  # a Pacemaker Remote, guest or bundle node: its id is its name


@dataclass(eq=False, repr=False)
class FencingLevel(Located):
    """A fencing-topology level: devices tried for a target at an index."""

    target: str
    index: int
    devices: List[str]
    location: Location
    where: Dict[str, Location] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class LocationNode(Located):
    """A location constraint on one node (prefers / avoids)."""

    rsc: str
    node: str
    score: str  # normalised: integer or [-]INFINITY, already negated for avoids
    prefers: bool
    location: Location
    written_score: Optional[str] = None  # the score as the user wrote it (None: default)
    where: Dict[str, Location] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class RuleExpression(Record):
    """One expression of a location rule."""

    attribute: str
    operation: str  # lt gt lte gte eq ne defined not_defined
    value: Optional[str]
    location: Location


@dataclass(eq=False, repr=False)
class LocationRule(Located):
    """A location constraint with a rule."""

    rsc: str
    score: str
    location: Location
    bool_op: Optional[str] = None
    role: Optional[str] = None
    expressions: List[RuleExpression] = field(default_factory=list)
    where: Dict[str, Location] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class Colocation(Located):
    """A colocation constraint."""

    rsc: str
    with_rsc: str
    score: str
    location: Location
    rsc_role: Optional[str] = None
    with_rsc_role: Optional[str] = None
    where: Dict[str, Location] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class Order(Located):
    """An order constraint."""

    first: str
    then: str
    location: Location
    kind: Optional[str] = None
    first_action: Optional[str] = None
    then_action: Optional[str] = None
    symmetrical: Optional[str] = None
    where: Dict[str, Location] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class Recipient(Record):
    """A recipient of an alert."""

    value: str
    location: Location
    options: List[NvPair] = field(default_factory=list)
    meta: List[NvPair] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Alert(Located):
    """An alert agent and its recipients."""

    id: str
    path: str
    location: Location
    options: List[NvPair] = field(default_factory=list)
    meta: List[NvPair] = field(default_factory=list)
    recipients: List[Recipient] = field(default_factory=list)
    where: Dict[str, Location] = field(default_factory=dict)


@dataclass(eq=False, repr=False)
class PcsCommand(Record):
    """An ADDITIONAL_CONFIG command as pcs will read it: `pcs -f FILE COMMAND OPTIONS --
    ARGUMENTS` (compiler.builders.commands parses it, once)."""

    command: List[str]  # the allow-listed command words (`resource`, `create`)
    options: List[str]  # full option words (`--force`, `--group=g`)
    arguments: List[str]  # what follows `--`
    made: Optional[str] = None  # the id of the tag, bundle or resource it creates
    members: List[str] = field(default_factory=list)  # a tag's members

    @property
    def kind(self) -> str:
        """The command words: `resource create`, `constraint colocation add`, ..."""
        return " ".join(self.command)

    @property
    def argv(self) -> List[str]:
        """pcs's arguments after `-f FILE`."""
        return [*self.command, *self.options, "--", *self.arguments]


@dataclass(eq=False, repr=False)
class AdditionalConfig(Record):
    """One pcs command from ADDITIONAL_CONFIG: the cell's text and what it means."""

    text: str  # lines as written, joined by newlines
    location: Location
    command: Optional[PcsCommand] = None  # None: refused before its command words
    refusal: Optional[Diagnostic] = None  # why it may not run (None: it may)
    # the file `pcs -f FILE` names when it is not the CIB being built: it runs there
    file: Optional[str] = None

    @property
    def accepted(self) -> Optional[PcsCommand]:
        """The command, when nothing refuses it (what the target's pcs lacks aside)."""
        return self.command if self.refusal is None else None


@dataclass(eq=False, repr=False)
class Cluster(Record):
    """A whole definition."""

    name: str
    source: Optional[Source] = None
    properties: List[NvPair] = field(default_factory=list)
    rsc_defaults: List[NvPair] = field(default_factory=list)
    op_defaults: List[NvPair] = field(default_factory=list)
    nodes: List[Node] = field(default_factory=list)
    resources: List[Resource] = field(default_factory=list)  # top level, in order
    fencing_levels: List[FencingLevel] = field(default_factory=list)
    locations_node: List[LocationNode] = field(default_factory=list)
    locations_rule: List[LocationRule] = field(default_factory=list)
    colocations: List[Colocation] = field(default_factory=list)
    orders: List[Order] = field(default_factory=list)
    alerts: List[Alert] = field(default_factory=list)
    additional_config: List[AdditionalConfig] = field(default_factory=list)
    # rows whose values came from {{ placeholders }}: not plain text in the workbook
    placeholder_rows: Set[Tuple[Source, int]] = field(default_factory=set)

    def primitives(self) -> List[Primitive]:
        """Every primitive, in resource order, wherever it is nested."""
        found: List[Primitive] = []
        for resource in self.resources:
            found.extend(primitives_of(resource))
        return found

    def made_by_commands(self) -> Tuple[Dict[str, List[str]], Set[str]]:
        """What ADDITIONAL_CONFIG makes that constraints may name: tags (id -> members)
        and resources (bundles, and primitives put in them)."""
        tags: Dict[str, List[str]] = {}
        resources: Set[str] = set()
        for item in self.additional_config:
            command = item.accepted
            if command is None or command.made is None:
                continue
            if command.kind == "tag create":
                tags[command.made] = command.members
            else:
                resources.add(command.made)
        return tags, resources

    def all_resources(self) -> Dict[str, Resource]:
        """Every resource by id, wrappers and members alike."""
        index: Dict[str, Resource] = {}
        for resource in self.resources:
            for item in walk(resource):
                index.setdefault(item.id, item)
        return index


def walk(resource: Resource) -> List[Resource]:
    """The resource and everything inside it, parents before children."""
    if isinstance(resource, Primitive):
        return [resource]
    if isinstance(resource, Group):
        return [resource, *resource.members]
    return [resource, *(walk(resource.child) if resource.child is not None else [])]


def primitives_of(resource: Resource) -> List[Primitive]:
    return [r for r in walk(resource) if isinstance(r, Primitive)]
