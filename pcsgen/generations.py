"""The generations pcsgen writes for (RHEL 8, 9, 10): their pcs, their Pacemaker releases
and the CIB schemas those accept, loaded from schemas/generations.json."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Tuple

Version = Tuple[int, ...]


def version(text: str) -> Version:
    """'2.1.10' -> (2, 1, 10); schemas ('3.10') compare the same way."""
    return tuple(int(part) for part in text.split("."))


class Release(NamedTuple):
    """One Pacemaker release: the newest schema it accepts, the feature set it writes,
    and the integers it reads a score as without logging that it clipped it (None:
    it never logs it above debug)."""

    pacemaker: str
    schema: str
    feature_set: str
    score_log_bits: Optional[int] = None


class Target(NamedTuple):
    name: str
    pcs: str  # the pcs dialect (pcsgen.compiler.emit.dialects)
    releases: Tuple[Tuple[str, Release], ...]  # (RHEL minor release, its Pacemaker), oldest first
    reproduces: str  # the Pacemaker release whose generated metadata pcsgen writes
    tested: Dict[str, str]  # the Debian release the tests run as this generation

    @property
    def floor(self) -> Release:
        """The oldest Pacemaker of the supported minor releases: a CIB must suit it."""
        return self.releases[0][1]

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


class Generations(NamedTuple):
    releases: Dict[str, Release]
    targets: Dict[str, Target]
    default_target: str
    schema_needs: Tuple[SchemaNeed, ...]


def _read() -> Dict[str, Any]:
    """The data file: beside the package once installed, else in the source tree."""
    here = Path(__file__).resolve().parent
    for path in (here / "schemas" / "generations.json",
                 here.parent / "schemas" / "generations.json"):
        if path.exists():
            data: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
    from importlib.resources import files

    text = files("pcsgen.schemas").joinpath("generations.json").read_text(encoding="utf-8")
    loaded: Dict[str, Any] = json.loads(text)
    return loaded


@lru_cache(maxsize=None)
def generations() -> Generations:
    data = _read()
    releases = {name: Release(name, raw["schema"], raw["feature_set"],
                              raw.get("score_log_bits"))
                for name, raw in data["pacemaker"].items()}
    targets: Dict[str, Target] = {}
    for name, raw in data["targets"].items():
        pairs = sorted(((rhel, releases[pacemaker]) for rhel, pacemaker in raw["releases"].items()),
                       key=lambda pair: version(pair[1].pacemaker))
        targets[name] = Target(name, raw["pcs"], tuple(pairs), raw["reproduces"],
                               dict(raw["tested"]))
    needs = tuple(SchemaNeed(raw["schema"], raw.get("element"), tuple(raw.get("attributes", ())),
                             tuple(raw.get("values", ())), raw["note"])
                  for raw in data["schema_needs"])
    return Generations(releases, targets, data["default_target"], needs)


def target(name: str) -> Target:
    return generations().targets[name]


def target_names() -> List[str]:
    return list(generations().targets)


def target_of_debian(codename: str) -> Optional[str]:
    """The target whose generation a Debian release is tested as."""
    for item in generations().targets.values():
        if item.tested.get("debian") == codename:
            return item.name
    return None


@lru_cache(maxsize=None)
def _needs_for(tag: str) -> Tuple[SchemaNeed, ...]:
    return tuple(need for need in generations().schema_needs
                 if need.element is None or need.element == tag)


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
        name = "rhel" + fields.get("VERSION_ID", "").split(".")[0]
        return name if name in generations().targets else None
    if fields.get("ID") == "debian":
        return target_of_debian(fields.get("VERSION_CODENAME", ""))
    return None
