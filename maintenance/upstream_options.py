"""Record which cluster options each Pacemaker release a RHEL minor ships knows, read
from a git copy of ClusterLabs/pacemaker at that release's tag:

    python -m maintenance.upstream_options PACEMAKER_GIT_DIR [--check]

The option tables are C arrays: before 2.1.8 one per daemon (the controller's, the
CIB manager's, the scheduler's), from 2.1.8 on one table of every cluster option. The
names are string literals or macros defined in include/. What the oracles measured
(schemas/cluster-options.json, "targets") stays the types and defaults; this adds, under
"releases", the names and deprecated names of each release, which pcsgen checks a
definition's properties against for the target's own minor. For the oracles' releases
the two must agree (tests/test_generations.py checks it). --check changes nothing and
exits 1 when the file differs."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from typing import Dict, Iterator, List, Set, Tuple

from maintenance.refresh_options import OUTPUT
from pcsgen.generations import all_target_names, target

# (file, arrays) holding the cluster options, by the layout of the release's tree
TABLES_BEFORE_2_1_8 = (
    ("daemons/controld/controld_control.c", ("crmd_opts", "controller_options")),
    ("lib/cib/cib_utils.c", ("cib_opts",)),
    ("lib/pengine/common.c", ("pe_opts",)),
)
TABLES_SINCE_2_1_8 = (("lib/common/options.c", ("cluster_options",)),)
_DEFINE = re.compile(r'^#\s*define\s+([A-Z][A-Z0-9_]*)\s+"([^"]*)"\s*$', re.M)


def _show(git_dir: str, tag: str, path: str) -> str:
    done = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{tag}:{path}"],
        capture_output=True,
        check=False,
    )
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def _macros(git_dir: str, tag: str) -> Dict[str, str]:
    """Every `#define NAME "text"` of the release's headers."""
    done = subprocess.run(
        ["git", "--git-dir", git_dir, "grep", "-h", "-E", r"^#\s*define\s+[A-Z].*\"", tag, "--",
         "include"],
        capture_output=True,
        check=False,
    )  # fmt: skip
    return dict(_DEFINE.findall(done.stdout.decode("utf-8", "replace")))


def _array(source: str, name: str) -> str:
    """The body of the C array NAME in SOURCE ('' when absent)."""
    found = re.search(r"\b" + re.escape(name) + r"\[\]\s*=\s*\{", source)
    if found is None:
        return ""
    depth, start = 1, found.end()
    for index in range(start, len(source)):
        if source[index] == "{":
            depth += 1
        elif source[index] == "}":
            depth -= 1
            if depth == 0:
                return source[start:index]
    return ""


# a string literal, a brace, a comma, or anything else up to one of those
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{},]|[^"{},]+')


def _entries(body: str) -> Iterator[List[str]]:
    """Each `{ ... }` entry of an array body, as its top-level fields."""
    depth, field = 0, ""
    fields: List[str] = []
    for token in _TOKEN.findall(re.sub(r"/\*.*?\*/", "", body, flags=re.S)):
        if token == "{":
            depth += 1
            if depth == 1:
                fields, field = [], ""
                continue
        elif token == "}":
            depth -= 1
            if depth == 0:
                yield [*fields, field.strip()]
                continue
        elif token == "," and depth == 1:
            fields.append(field.strip())
            field = ""
            continue
        if depth >= 1:
            field += token


def _text(field: str, macros: Dict[str, str]) -> str:
    """A field's text: its string literals and macros, joined as C joins them."""
    parts: List[str] = []
    for token in re.findall(r'"(?:[^"\\]|\\.)*"|[A-Z][A-Z0-9_]+', field):
        if token.startswith('"'):
            parts.append(token[1:-1])
        elif token in macros:
            parts.append(macros[token])
    return "".join(parts)


def release_options(git_dir: str, tag: str) -> Tuple[List[str], List[str]]:
    """(every cluster option, the deprecated ones) of the release at TAG."""
    macros = _macros(git_dir, tag)
    one_table = "cluster_options[]" in _show(git_dir, tag, "lib/common/options.c")
    tables = TABLES_SINCE_2_1_8 if one_table else TABLES_BEFORE_2_1_8
    names: Set[str] = set()
    deprecated: Set[str] = set()
    for path, arrays in tables:
        source = _show(git_dir, tag, path)
        for array in arrays:
            for fields in _entries(_array(source, array)):
                name = _text(fields[0], macros) if fields else ""
                if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
                    continue
                names.add(name)
                rest = " ".join(fields[1:])
                if "pcmk__opt_deprecated" in rest or "*** Deprecated ***" in rest:
                    deprecated.add(name)
    return sorted(names), sorted(deprecated)


def releases_of_targets() -> List[str]:
    """The Pacemaker releases the targets' own minors ship, oldest first."""
    found = {target(name).own.pacemaker for name in all_target_names()}
    return sorted(found, key=lambda v: tuple(int(p) for p in v.split(".")))


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m maintenance.upstream_options")
    parser.add_argument("git_dir")
    parser.add_argument("--check", action="store_true")
    arguments = parser.parse_args(argv)
    data = json.loads(OUTPUT.read_text(encoding="utf-8"))
    releases = {}
    for version in releases_of_targets():
        names, deprecated = release_options(arguments.git_dir, f"Pacemaker-{version}")
        if not names:
            print(f"no option table found at Pacemaker-{version}", file=sys.stderr)
            return 1
        releases[version] = {"options": names, "deprecated": deprecated}
    if arguments.check:
        return 0 if data.get("releases") == releases else 1
    data["releases"] = releases
    OUTPUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
