"""Round trips of real CIBs: import -> compile -> diff against the original.

Used by tests/test_corpus.py, and runnable on any directory of CIBs:

    python -m tests.corpus DIR... [--target rhel9] [--tsv OUT]

prints one line per CIB (its verdict, the import's warnings about what it could not
carry, and the differences left) and the counts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence

# Warnings by which the import names what does not survive the round trip.
LOSS_CODES = (
    "PG704",
    "PG710",
    "PG712",
    "PG713",
    "PG714",
    "PG715",
    "PG717",
    "PG722",
    "PG723",
    "PG724",
    "PG725",
    "PG727",
    "PG728",
    "PG729",
    "PG730",
    "PG731",
    "PG732",
    "PG733",
    "PG734",
    "PG735",
    "PG526",
)


class RoundTrip(NamedTuple):
    path: str
    verdict: str  # equal, warned, different, import-failed, compile-failed
    warnings: List[str]  # the import's loss warnings, rendered
    changes: List[str]  # the differences left, as diff prints them
    errors: List[str]  # errors of the import or of the compile


def node_source(path: Path) -> str:
    """What gives the compile the cluster's nodes and ids: the CIB itself (as the
    cluster it came from would), or nothing when it lists no cluster node."""
    from lxml import etree

    root = etree.parse(
        str(path), etree.XMLParser(resolve_entities=False, no_network=True)
    ).getroot()
    members = [
        n
        for n in root.iterfind("configuration/nodes/node")
        if n.get("type", "member") in ("member", "normal")
    ]
    return str(path) if members else ""


def round_trip(
    path: Path,
    target: str = "rhel9",
    workdir: Optional[Path] = None,
    apply_additional_config: bool = True,
) -> RoundTrip:
    from pcsgen.api.options import Options
    from pcsgen.cib.canonical import canonical, parse_cib
    from pcsgen.cib.diff import format_text, semantic_diff
    from pcsgen.compiler.pipeline import compile_definition
    from pcsgen.diagnostics import Diagnostics, PcsgenError
    from pcsgen.diagnostics.severity import Severity
    from pcsgen.workbook.importer import import_cib
    from pcsgen.workbook.writer import document_to_sheet, grid_to_csv

    with tempfile.TemporaryDirectory(prefix="pcsgen-corpus-", dir=workdir) as directory:
        here = Path(directory)
        diagnostics = Diagnostics()
        try:
            document = import_cib(str(path), "imported", diagnostics, target)
        except PcsgenError as exc:
            diagnostics.report(exc)
            document = None
        warnings = [f"{d.code}: {d.message()}" for d in diagnostics if d.code in LOSS_CODES]
        if document is None or diagnostics.has_errors:
            return RoundTrip(
                str(path),
                "import-failed",
                warnings,
                [],
                [f"{d.code}: {d.message()}" for d in diagnostics if d.severity is Severity.ERROR],
            )
        definition = here / "imported.csv"
        definition.write_bytes(grid_to_csv(document_to_sheet(document).rows))
        original = parse_cib(path.read_bytes())
        compiled = compile_definition(
            str(definition),
            None,
            Options(
                target=target,
                corosync_conf=node_source(path) or None,
                apply_additional_config=apply_additional_config,
            ),
        )
        errors = [
            f"{d.code}: {d.message()}"
            for d in compiled.analysis.diagnostics
            if d.severity is Severity.ERROR
        ]
        # what the compile could not carry over is named there (PG526)
        warnings += [
            f"{d.code}: {d.message()}"
            for d in compiled.analysis.diagnostics
            if d.code in LOSS_CODES
        ]
        if compiled.cib is None or errors:
            return RoundTrip(str(path), "compile-failed", warnings, [], errors)
        changes = semantic_diff(canonical(original), canonical(parse_cib(compiled.cib)))
        lines = format_text(changes).splitlines()
        if not lines:
            return RoundTrip(str(path), "equal", warnings, [], [])
        return RoundTrip(str(path), "warned" if warnings else "different", warnings, lines, [])


# path parts of a diff that name no object of their own
GENERIC = frozenset(
    {
        "resources",
        "children",
        "constraints",
        "locations",
        "colocations",
        "orders",
        "tickets",
        "nodes",
        "attributes",
        "utilization",
        "instance",
        "meta",
        "then",
        "values",
        "operations",
        "acls",
        "tags",
        "alerts",
        "recipients",
        "options",
        "rsc_defaults",
        "op_defaults",
        "fencing_levels",
        "description",
        "lifetime",
        "sets",
        "rule",
        "path",
        "",
    }
)


def unexplained(result: RoundTrip) -> List[str]:
    """The differences left that no warning of the import names: for each, some part of
    its path (a resource, a node, a constraint's resource ...) must be in a warning."""
    import re

    said = " ".join(result.warnings)
    missing = []
    for line in result.changes:
        path = line[2:].split(": ", 1)[0]
        words = {w.strip("'\"()") for part in path.split("/") for w in part.split()}
        names = [w for w in words if w not in GENERIC and w and not w.startswith("#")]
        if not names and path.startswith("resources/"):
            names = ["''"]  # a resource with no id: a warning names it so
        if not any(re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", said) for name in names):
            missing.append(line)
    return missing


def crm_verify_accepts(path: Path) -> Optional[bool]:
    """Whether Pacemaker's crm_verify accepts the CIB (None without crm_verify)."""
    import shutil
    import subprocess

    tool = shutil.which("crm_verify")
    if tool is None:
        return None
    completed = subprocess.run(
        [tool, "--xml-file", str(path), "-V"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    output = completed.stdout + completed.stderr
    # warnings (about node status: the corpus keeps no status) do not refuse a CIB
    return (
        "error:" not in output and "Errors found" not in output and "validity error" not in output
    )


def cib_files(roots: Iterable[Path]) -> List[Path]:
    found: List[Path] = []
    for root in roots:
        found += [root] if root.is_file() else sorted(root.rglob("*.xml"))
    return found


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus")
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument("--target", default="rhel9")
    parser.add_argument("--tsv", type=Path)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    results = []
    counts: Dict[str, Dict[str, int]] = {}
    for path in cib_files(args.roots):
        result = round_trip(path, args.target)
        accepted = crm_verify_accepts(path)
        tier = {True: "crm_verify accepts", False: "crm_verify refuses", None: "not verified"}[
            accepted
        ]
        verdict = result.verdict
        if verdict == "warned" and unexplained(result):
            verdict = "warned (not all named)"
        results.append((result, tier, verdict))
        counts.setdefault(tier, {})
        counts[tier][verdict] = counts[tier].get(verdict, 0) + 1
        if not args.quiet:
            print(f"{verdict}\t{tier}\t{path}", flush=True)
            for line in result.errors + result.changes[:8]:
                print(f"    {line[:300]}")
    for tier, found in sorted(counts.items()):
        print(
            f"{tier}: " + " ".join(f"{k}={v}" for k, v in sorted(found.items())),
            f"total={sum(found.values())}",
        )
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as handle:
            for result, tier, verdict in results:
                handle.write(
                    "\t".join(
                        [
                            result.path,
                            verdict,
                            tier,
                            " | ".join(result.errors + result.changes)[:2000],
                            " | ".join(result.warnings)[:2000],
                        ]
                    )
                    + "\n"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
