"""The generations pcsgen writes for (RHEL 8, 9, 10): their pcs, their Pacemaker releases
and the CIB schemas those accept, loaded from schemas/generations.json."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Tuple

Version = Tuple[int, ...]


def version(text: str) -> Version:
    """'2.1.10' -> (2, 1, 10); schemas ('3.10') compare the same way."""
    return tuple(int(part) for part in text.split("."))


class Release(NamedTuple):
    """One Pacemaker release: the newest schema it accepts, the feature set it writes,
    the integers it reads a score as without logging that it clipped it (None: it
    never logs it above debug), and how it writes text into the CIB file pcs edits."""

    pacemaker: str
    schema: str
    feature_set: str
    score_log_bits: Optional[int] = None
    text: FrozenSet[str] = frozenset()


class Target(NamedTuple):
    """One RHEL minor release (rhel8.4), or a generation's name for its newest minor
    (rhel8): its pcs writes the script, its Pacemaker builds the CIB, and the CIB suits
    every supported minor of the generation up to it."""

    name: str
    pcs: str  # the pcs series, hence the dialect (pcsgen.compiler.emit.dialects)
    releases: Tuple[Tuple[str, Release], ...]  # (RHEL minor, its Pacemaker), oldest first
    reproduces: str  # the Pacemaker release whose generated metadata pcsgen writes
    tested: Dict[str, str]  # the Debian release the tests run as this generation
    generation: str = ""  # rhel8, rhel9, rhel10
    minor: str = ""  # the RHEL minor release this target is (8.10)
    pcs_release: str = ""  # that minor's pcs (0.10.18)
    oracle: bool = False  # whether `tested` is this very minor (not a stand-in)
    resource_agents: str = ""  # the upstream release its resource-agents is built from
    fence_agents: str = ""  # and its fence-agents

    @property
    def floor(self) -> Release:
        """The oldest Pacemaker of the supported minor releases: a CIB must suit it."""
        return self.releases[0][1]

    @property
    def own(self) -> Release:
        """The Pacemaker of this target's own minor release (the newest it covers)."""
        return self.releases[-1][1]

    @property
    def base_schema(self) -> str:
        """The first schema of the floor's major series: that Pacemaker takes a CIB
        declaring it as is (an older one it upgrades, in memory, on every read)."""
        return f"{version(self.floor.schema)[0]}.0"

    def first_release(self, schema: str) -> Optional[Tuple[str, Release]]:
        """The oldest (RHEL release, Pacemaker) of this target that accepts the schema."""
        wanted = version(schema)
        for rhel, release in self.releases:
            if version(release.schema) >= wanted:
                return rhel, release
        return None


class SchemaNeed(NamedTuple):
    """Content that needs a schema: an element (any when None) carrying one of the
    attributes (any when empty) with one of the values (any when empty)."""

    schema: str
    element: Optional[str]
    attributes: Tuple[str, ...]
    values: Tuple[str, ...]
    note: str  # what it is, for the reader of the data file

    def matched(self, tag: str, attributes: Dict[str, str]) -> Optional[str]:
        """What of the element needs the schema (`name=value`, or `<tag>`); None if
        nothing does. Words of the CIB, so that every language reads them alike."""
        if self.element is not None and tag != self.element:
            return None
        if not self.attributes:
            return f"<{tag}>"
        for name in self.attributes:
            value = attributes.get(name)
            if value is not None and (not self.values or value in self.values):
                return f"{name}={value}"
        return None


class PcsChange(NamedTuple):
    """A change of a pcs release in what pcsgen writes: the first release of each pcs
    series that has it (None: no release of the series), and where that is said."""

    name: str
    since: Dict[str, Optional[str]]
    source: str

    def applies(self, series: str, release: str) -> bool:
        first = self.since.get(series)
        return first is not None and version(release) >= version(first)


class Generations(NamedTuple):
    releases: Dict[str, Release]
    targets: Dict[str, Target]  # every name --target takes: minors, then generations
    default_target: str
    schema_needs: Tuple[SchemaNeed, ...]
    pcs_changes: Tuple[PcsChange, ...] = ()
    generations: Tuple[str, ...] = ()  # rhel8, rhel9, rhel10


def _read() -> Dict[str, Any]:
    from pcsgen.data_files import read_json

    return read_json("generations.json")


def _targets(data: Dict[str, Any], releases: Dict[str, Release]) -> Dict[str, Target]:
    """A target for each minor release, then each generation's name for its newest."""
    oracles = {
        raw["rhel"]: {"debian": codename, **{k: v for k, v in raw.items() if k != "rhel"}}
        for codename, raw in data["oracles"].items()
    }
    minors: Dict[str, Target] = {}
    newest: Dict[str, Target] = {}
    for generation, raw in data["targets"].items():
        # the oracle of the generation stands in for its minors that have none
        stand_in = next(oracles[m] for m in raw["minors"] if m in oracles)
        covered: List[Tuple[str, Release]] = []
        for minor in raw["minors"]:
            shipped = data["rhel"][minor]
            covered.append((minor, releases[shipped["pacemaker"]]))
            item = Target(
                f"rhel{minor}",
                raw["pcs"],
                tuple(covered),
                shipped["pacemaker"],
                dict(oracles.get(minor, stand_in)),
                generation,
                minor,
                shipped["pcs"],
                minor in oracles,
                shipped["resource_agents"],
                shipped["fence_agents"],
            )
            minors[item.name] = item
        newest[generation] = minors[f"rhel{raw['minors'][-1]}"]._replace(name=generation)
    return {**minors, **newest}


@lru_cache(maxsize=None)
def generations() -> Generations:
    data = _read()
    releases = {
        name: Release(
            name,
            raw["schema"],
            raw["feature_set"],
            raw.get("score_log_bits"),
            frozenset(raw.get("text", ())),
        )
        for name, raw in data["pacemaker"].items()
    }
    needs = tuple(
        SchemaNeed(
            raw["schema"],
            raw.get("element"),
            tuple(raw.get("attributes", ())),
            tuple(raw.get("values", ())),
            raw["note"],
        )
        for raw in data["schema_needs"]
    )
    changes = tuple(
        PcsChange(name, dict(raw["since"]), raw["source"])
        for name, raw in data["pcs_changes"].items()
    )
    return Generations(
        releases,
        _targets(data, releases),
        data["default_target"],
        needs,
        changes,
        tuple(data["targets"]),
    )


def target(name: str) -> Target:
    return generations().targets[name]


def target_names() -> List[str]:
    """The generations' names (rhel8, rhel9, rhel10): each its newest minor."""
    return list(generations().generations)


def all_target_names() -> List[str]:
    """Every name --target takes: each minor release, and each generation's name."""
    return list(generations().targets)


def oracle_target_names() -> List[str]:
    """The minors a Debian release's own pcs and Pacemaker stand for in the tests."""
    return [
        item.name
        for item in generations().targets.values()
        if item.oracle and item.name != item.generation
    ]


def target_ranges() -> Tuple[str, str]:
    """The minors --target takes, as ranges (`rhel8.4 ... rhel8.10, rhel10.0, rhel10.1`),
    and what each generation's name means (`rhel8 = 8.10`)."""
    ranges: List[str] = []
    newest: List[str] = []
    for name in generations().generations:
        minors = [
            item.name
            for item in generations().targets.values()
            if item.generation == name and item.name != name
        ]
        ranges.append(f"{minors[0]} ... {minors[-1]}" if len(minors) > 2 else ", ".join(minors))
        newest.append(f"{name} = {target(name).minor}")
    return ", ".join(ranges), ", ".join(newest)


def oracle_target(name: str) -> str:
    """The minor release the Debian oracle of NAME's generation stands for (rhel8.4 for
    rhel8 or rhel8.10): what the tests compile for when that oracle's pcs builds it."""
    wanted = target(name).generation
    return next(item for item in oracle_target_names() if target(item).generation == wanted)


def same_generation(one: str, other: str) -> bool:
    """Whether two target names are of one generation (rhel9.2 and rhel9)."""
    return target(one).generation == target(other).generation


def target_of_debian(codename: str) -> Optional[str]:
    """The minor release a Debian release's pcs and Pacemaker stand for."""
    for item in generations().targets.values():
        if item.oracle and item.tested.get("debian") == codename:
            return item.name
    return None


@lru_cache(maxsize=None)
def _needs_for(tag: str) -> Tuple[SchemaNeed, ...]:
    return tuple(
        need for need in generations().schema_needs if need.element is None or need.element == tag
    )


def needs_of(tag: str, attributes: Dict[str, str]) -> List[Tuple[SchemaNeed, str]]:
    """The needs an element with these attributes has, each with what needs it."""
    found: List[Tuple[SchemaNeed, str]] = []
    for need in _needs_for(tag):
        what = need.matched(tag, attributes)
        if what is not None:
            found.append((need, what))
    return found


class Declaration(NamedTuple):
    """What a CIB root declares for a target."""

    validate_with: str
    crm_feature_set: str


def declaration(target_name: str, needed: Optional[str] = None) -> Declaration:
    """The lowest schema the content needs (never below the target's base), and the
    feature set of the oldest release of the target that accepts it."""
    item = target(target_name)
    schema = item.base_schema
    if needed is not None and version(needed) > version(schema):
        schema = needed
    first = item.first_release(schema)
    release = first[1] if first is not None else item.releases[-1][1]
    return Declaration(f"pacemaker-{schema}", release.feature_set)


def portable_declaration(needed: Optional[str] = None) -> Declaration:
    """The lowest declaration any Pacemaker release pcsgen knows would take for the
    content: what this machine's own tools (whichever generation) can read."""
    schema = min((t.base_schema for t in generations().targets.values()), key=version)
    if needed is not None and version(needed) > version(schema):
        schema = needed
    releases = sorted(generations().releases.values(), key=lambda r: version(r.pacemaker))
    release = next((r for r in releases if version(r.schema) >= version(schema)), releases[-1])
    return Declaration(f"pacemaker-{schema}", release.feature_set)


def highest(schemas: Iterable[str]) -> Optional[str]:
    found = list(schemas)
    return max(found, key=version) if found else None


OS_RELEASE = "/etc/os-release"


@lru_cache(maxsize=None)
def host_generation() -> Optional[str]:
    """The target this machine is a generation of (its pcs, Pacemaker and agents): a RHEL
    (or rebuild) by its major version, a Debian release by the one tested as it; None
    when unknown."""
    fields: Dict[str, str] = {}
    try:
        with open(OS_RELEASE, encoding="utf-8") as handle:
            for line in handle:
                key, _, value = line.strip().partition("=")
                fields[key] = value.strip().strip('"')
    except OSError:
        return None
    family = {fields.get("ID", "")} | set(fields.get("ID_LIKE", "").split())
    if "rhel" in family:
        known = generations().targets
        minor = "rhel" + fields.get("VERSION_ID", "")
        name = "rhel" + fields.get("VERSION_ID", "").split(".")[0]
        return minor if minor in known else name if name in known else None
    if fields.get("ID") == "debian":
        return target_of_debian(fields.get("VERSION_CODENAME", ""))
    return None
