"""Every name and value reaches pcs literally, with the real pcs of each generation: the
script builds the CIB the XML holds, or the compile refused the value (PG231 for what
pcs reads its own way, PG232-PG234 for what its Pacemaker writes otherwise).

The values are the hostile ones (options, keywords, '=', '%', parentheses, quotes,
shell syntax) and, in the fuzz tests, random ones."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Set, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcsgen.compiler.pipeline import Compiled
from pcsgen.compiler.tables import clean
from pcsgen.generations import oracle_target, target_names
from tests.definitions import write_csv
from tests.helpers import assert_same_cib, compile_document, compile_file, errors_of, generation_of

COROSYNC = """nodelist {
    node {
        name: n1
        nodeid: 1
    }
    node {
        name: n2
        nodeid: 2
    }
}
"""


class Slot(NamedTuple):
    """Where a value goes in the definition."""

    kind: str
    text: str


KINDS = (
    "attr_name",
    "attr_value",
    "meta_name",
    "meta_value",
    "utilization_name",
    "utilization_value",
    "op_name",
    "op_description",
    "location_node",
    "rule_attribute",
    "rule_value",
    "level_target",
    "default_value",
    "node_attr_name",
    "node_attr_value",
    "alert_path",
    "alert_option_value",
    "recipient_value",
)

HOSTILE = [
    "--group",
    "--group=x",
    "-f",
    "-f/x",
    "--force",
    "--",
    "-",
    "-x",
    "-INFINITY",
    "-5",
    "--wait",
    "--wait=5",
    "p=q",
    "=x",
    "x=",
    "a=b=c",
    "op",
    "meta",
    "clone",
    "group",
    "bundle",
    "and",
    "or",
    "not",
    "eq",
    "defined",
    "date",
    "integer",
    "integer-5",
    "version",
    "to",
    "in_range",
    "date-spec",
    "duration",
    "(x)",
    "a)",
    "a b",
    "%",
    "n%1",
    "regexp%n",
    "attrib%a=b",
    "x'y",
    'x"y',
    "$(touch /tmp/pcsgen-literal)",
    "`touch /tmp/pcsgen-literal`",
    "a;b|c&d",
    "\\",
    "日本語",
    "全角\u3000空白",
    "#uname",
    "{x}",
    "%s",
    "name",
    "id",
    "a\tb",
    "x\x7f",
    "é&x",
    "é<x",
    'é"x',
    "é'x>",
    "&é",
]
# what the target's Pacemaker would not write as given (PG232-PG234)
WRITTEN_OTHERWISE = ("PG232", "PG233", "PG234")


def _document(slots: List[Slot]) -> Dict[str, Any]:
    """One primitive carrying the attribute slots, and one object per other slot."""
    options = [["fake", "1"]]
    meta: List[List[str]] = []
    utilization: List[List[str]] = []
    ops: List[Dict[str, str]] = [{"type": "monitor", "timeout": "20s", "interval": "10s"}]
    rows: Dict[str, List[Dict[str, str]]] = {
        m: [] for m in ("LOCATION_NODE", "LOCATION_RULE", "STONITH_LEVEL", "RSC_DEFAULTS", "NODE")
    }
    alerts: List[Dict[str, Any]] = []
    for index, (kind, text) in enumerate(slots):
        key = f"k{index}"
        if kind == "attr_name":
            options.append([text, "v"])
        elif kind == "attr_value":
            options.append([key, text])
        elif kind == "meta_name":
            meta.append([text, "v"])
        elif kind == "meta_value":
            meta.append([key, text])
        elif kind == "utilization_name":
            utilization.append([text, "1"])
        elif kind == "utilization_value":
            utilization.append([key, text])
        elif kind == "op_name":
            ops.append({"type": text, "timeout": "20s", "interval": f"{index + 11}s"})
        elif kind == "op_description":
            ops.append(
                {
                    "type": "monitor",
                    "timeout": "20s",
                    "interval": f"{index + 11}s",
                    "description": text,
                }
            )
        elif kind == "location_node":
            rows["LOCATION_NODE"].append(
                {"rsc": "d1", "prefers/avoids": "prefers", "node": text, "score": str(index + 1)}
            )
        elif kind == "rule_attribute":
            rows["LOCATION_RULE"].append(
                {"rsc": "d1", "score": str(index + 1), "attribute": text, "op": "eq", "value": "v"}
            )
        elif kind == "rule_value":
            rows["LOCATION_RULE"].append(
                {"rsc": "d1", "score": str(index + 1), "attribute": key, "op": "eq", "value": text}
            )
        elif kind == "level_target":
            rows["STONITH_LEVEL"].append({"node": text, "id": "f1", "level": "1"})
        elif kind == "default_value":
            rows["RSC_DEFAULTS"].append({"name": key, "value": text})
        elif kind == "node_attr_name":
            rows["NODE"].append({"uname": "n1", "type": "attribute", "name": text, "value": "v"})
        elif kind == "node_attr_value":
            rows["NODE"].append({"uname": "n1", "type": "attribute", "name": key, "value": text})
        elif kind == "alert_path":
            alerts.append({"table": "ALERT", "P": {"path": text}, "A": []})
        elif kind == "alert_option_value":
            alerts.append(
                {
                    "table": "ALERT",
                    "P": {"path": f"/bin/a{index}"},
                    "A": [{"type": "options", "name": key, "value": text}],
                }
            )
        elif kind == "recipient_value":
            alerts.append(
                {
                    "table": "ALERT",
                    "P": {"path": f"/bin/r{index}"},
                    "A": [],
                    "R": [{"recipient": text, "A": []}],
                }
            )
    attributes = (
        [{"type": "options", "name": n, "value": v} for n, v in options]
        + [{"type": "meta", "name": n, "value": v} for n, v in meta]
        + [{"type": "utilization", "name": n, "value": v} for n, v in utilization]
    )
    tables: List[Dict[str, Any]] = [
        {"table": "NODE", "rows": rows["NODE"]},
        {"table": "RSC_DEFAULTS", "rows": rows["RSC_DEFAULTS"]},
        {
            "table": "RESOURCES",
            "rows": [
                {"depth": 0, "kind": "Primitive", "id": "d1"},
                {"depth": 0, "kind": "Stonith", "id": "f1"},
            ],
        },
        # an agent no catalogue knows: any parameter name is taken (a known agent's
        # unknown parameter is refused, PG410), and pcs takes it forced, offline
        {
            "table": "PRIMITIVE",
            "P": {"id": "d1", "class": "ocf", "provider": "pacemaker", "type": "LiteralValues"},
            "A": attributes,
            "O": ops,
        },
        {
            "table": "STONITH",
            "P": {"id": "f1", "type": "fence_dummy"},
            "A": [{"type": "options", "name": "pcmk_host_list", "value": "n1"}],
            "O": [{"type": "monitor", "timeout": "20s", "interval": "60s"}],
        },
        {"table": "STONITH_LEVEL", "rows": rows["STONITH_LEVEL"]},
        {"table": "LOCATION_NODE", "rows": rows["LOCATION_NODE"]},
        {"table": "LOCATION_RULE", "rows": rows["LOCATION_RULE"]},
        *alerts,
    ]
    return {"name": "literal", "tables": [t for t in tables if t.get("rows", True)]}


def _compile_what_passes(
    slots: List[Slot], target: str, directory: Path
) -> Tuple[Compiled, Set[str]]:
    """Compile, dropping refused values until the rest compiles; (compiled, refused)."""
    (directory / "corosync.conf").write_text(COROSYNC)
    corosync = str(directory / "corosync.conf")
    refused: Set[str] = set()
    not_integers: Set[str] = set()  # refused as utilization only
    while True:
        kept = [
            s
            for s in slots
            if s.text not in refused
            and not (s.kind == "utilization_value" and s.text in not_integers)
        ]
        compiled = compile_document(
            _document(kept), directory, oracle_target(target), corosync_conf=corosync
        )
        errors = errors_of(compiled)
        if not errors:
            return compiled, refused
        # PG231: pcs would not take it as written; PG232-PG234: its Pacemaker would
        # not write it as given; PG256: pcs refuses a utilization that is no integer
        unexpected = [d for d in errors if d.code not in ("PG231", "PG256", *WRITTEN_OTHERWISE)]
        assert not unexpected, [(d.code, d.args, str(d.location)) for d in unexpected]
        more = {
            d.args["value"] for d in errors if d.code in ("PG231", *WRITTEN_OTHERWISE)
        } - refused
        more_integers = {d.args["value"] for d in errors if d.code == "PG256"} - not_integers
        assert more or more_integers, [(d.code, d.args, str(d.location)) for d in errors]
        refused |= more
        not_integers |= more_integers


def _build_and_compare(slots: List[Slot], target: str, directory: Path) -> Set[str]:
    generation = generation_of(target)
    compiled, refused = _compile_what_passes(slots, target, directory)
    assert compiled.cib is not None and compiled.script is not None
    (directory / "gen.xml").write_bytes(compiled.cib)
    (directory / "gen.sh").write_text(compiled.script)
    marker = Path("/tmp/pcsgen-literal")
    built = generation.build(directory / "gen.sh")
    assert not marker.exists(), "a value was executed"
    assert_same_cib(compiled.cib, built)
    # the ids too, which the comparison above leaves out
    assert _ids(compiled.cib) == _ids(built)
    return refused


def _ids(cib: bytes) -> List[Tuple[str, str, str]]:
    """(element, name, id) of every element of the configuration that has an id."""
    from lxml import etree

    configuration = etree.fromstring(cib).find("configuration")
    assert configuration is not None
    return sorted(
        (str(e.tag), e.get("name") or "", e.get("id") or "")
        for e in configuration.iter()
        if e.get("id") is not None
    )


# The values each generation takes literally once `--` ends its options: the test
# fails when one of them is refused (or when the script builds something else).
ACCEPTED = {
    "attr_name": ["--group", "-f", "--force", "-x", "--", "op", "meta"],
    "attr_value": ["-f/x", "--force", "--group=x", "--wait=5", "=x", "a=b=c", "-INFINITY"],
    "location_node": ["--force", "-x", "n%1"],
    "rule_value": ["--force", "-f/x", "-5"],
}


@pytest.mark.parametrize("target", target_names())
def test_hostile_names_and_values_reach_pcs_literally_or_are_refused(
    target: str, tmp_path: Path
) -> None:
    slots = [Slot(kind, text) for kind in KINDS for text in HOSTILE]
    # one object per slot for most kinds would make a long script: the primitive's
    # attributes take every value, the other kinds a sample that covers their rules
    few = {
        "op_name",
        "op_description",
        "location_node",
        "rule_attribute",
        "rule_value",
        "level_target",
        "default_value",
        "node_attr_name",
        "node_attr_value",
        "alert_path",
        "alert_option_value",
        "recipient_value",
        "utilization_name",
        "utilization_value",
    }
    sample = {
        "--force",
        "-x",
        "p=q",
        "--wait",
        "and",
        "integer-5",
        "(x)",
        "a b",
        "n%1",
        "date",
        "-f/x",
        "meta",
        "name",
        "$(touch /tmp/pcsgen-literal)",
        "日本語",
        "a\tb",
        "é&x",
        "é'x>",
    }
    slots = [s for s in slots if s.kind not in few or s.text in sample]
    refused = _build_and_compare(slots, target, tmp_path)
    assert {"p=q", "--wait"} <= refused
    # refusals drop a text from every kind: what pcs takes as written in a kind is
    # compiled alone, and must not be refused
    accepted = [s for s in slots if s.text in ACCEPTED.get(s.kind, ())]
    assert accepted
    alone = tmp_path / "accepted"
    alone.mkdir()
    assert _compile_what_passes(accepted, target, alone)[1] == set()


@pytest.mark.parametrize("target", target_names())
def test_each_refusal_is_located_and_explained(target: str, tmp_path: Path) -> None:
    (tmp_path / "corosync.conf").write_text(COROSYNC)
    slots = [
        Slot("attr_name", "p=q"),
        Slot("location_node", "lb01=5"),
        Slot("rule_value", "and" if target != "rhel10" else "a b"),
        Slot("level_target", "n%1"),
        Slot("op_name", "meta"),
    ]
    path = write_csv(_document(slots), tmp_path / "refused.csv")
    compiled = compile_file(
        path, oracle_target(target), corosync_conf=str(tmp_path / "corosync.conf")
    )
    errors = [d for d in compiled.analysis.diagnostics if d.code == "PG231"]
    assert sorted(d.args["value"] for d in errors) == sorted(s.text for s in slots)
    assert all(d.location is not None and d.location.row and d.location.column for d in errors)
    assert compiled.cib is None and compiled.script is None


# What each target's Pacemaker writes into the CIB file pcs edits: the code refusing
# the text wherever the script carries it, or None where it is kept as given (which
# the build with the real pcs then shows).
WRITTEN = {
    "日本語": {"rhel8": "PG232", "rhel9": None, "rhel10": None},
    "é&x": {"rhel8": "PG232", "rhel9": "PG234", "rhel10": None},
    "é<x": {"rhel8": "PG232", "rhel9": "PG234", "rhel10": None},
    'é"x': {"rhel8": "PG232", "rhel9": "PG234", "rhel10": None},
    "&é": {"rhel8": "PG232", "rhel9": None, "rhel10": None},
    "é'x>": {"rhel8": "PG232", "rhel9": None, "rhel10": None},
    "a\tb": {"rhel8": "PG233", "rhel9": "PG233", "rhel10": None},
    "x\x7f": {"rhel8": "PG233", "rhel9": "PG233", "rhel10": None},
}
WRITTEN_KINDS = (
    "attr_name",
    "attr_value",
    "meta_value",
    "op_description",
    "location_node",
    "rule_attribute",
    "rule_value",
    "level_target",
    "default_value",
    "alert_path",
    "alert_option_value",
    "recipient_value",
)


@pytest.mark.parametrize("target", target_names())
def test_what_pacemaker_would_write_otherwise_is_refused(target: str, tmp_path: Path) -> None:
    slots = [Slot(kind, text) for kind in WRITTEN_KINDS for text in WRITTEN]
    (tmp_path / "corosync.conf").write_text(COROSYNC)
    path = write_csv(_document(slots), tmp_path / "written.csv")
    compiled = compile_file(
        path, oracle_target(target), corosync_conf=str(tmp_path / "corosync.conf")
    )
    errors = errors_of(compiled)
    expected = {text: codes[target] for text, codes in WRITTEN.items() if codes[target]}
    found: Dict[str, Set[str]] = {}
    for d in errors:
        assert d.location is not None and d.location.row and d.location.column
        if d.code in WRITTEN_OTHERWISE:
            found.setdefault(d.args["value"], set()).add(d.code)
    assert found == {v: {code} for v, code in expected.items()}
    # every slot holding such a text is refused (PG231 may say so first), once
    where = [(d.args["value"], d.location) for d in errors if d.args["value"] in expected]
    assert len(where) == len(set(where)) == len(expected) * len(WRITTEN_KINDS)
    # the rest reaches the CIB as given with the real pcs and Pacemaker
    (tmp_path / "built").mkdir()
    assert _build_and_compare(slots, target, tmp_path / "built") >= set(expected)


# ADDITIONAL_CONFIG reaches the XML through this machine's pcs (Pacemaker 2.1.5 here),
# the CIB through the target's: a word must pass both (PG235 where only this machine's
# would change it).
ADDITIONAL_WRITTEN = {
    "日本語": {"rhel8": "PG232", "rhel9": None, "rhel10": None},
    "é&x": {"rhel8": "PG232", "rhel9": "PG234", "rhel10": "PG235"},
    "a\tb": {"rhel8": "PG233", "rhel9": "PG233", "rhel10": "PG235"},
}


@pytest.mark.parametrize("target", target_names())
@pytest.mark.parametrize("text", list(ADDITIONAL_WRITTEN))
def test_additional_config_words_pacemaker_would_write_otherwise_are_refused(
    target: str, text: str, tmp_path: Path
) -> None:
    import shlex

    from tests.definitions import minimal

    generation = generation_of(target)
    generation_of("rhel9")  # the pcs the commands run with at compile time
    document = minimal()
    document["tables"].append(
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [{"config": "pcs resource defaults update " + shlex.quote(f"note={text}")}],
        }
    )
    compiled = compile_file(write_csv(document, tmp_path / "extra.csv"), oracle_target(target))
    errors = errors_of(compiled)
    expected = ADDITIONAL_WRITTEN[text][target]
    if expected is not None:
        assert [(d.code, d.args["value"]) for d in errors] == [(expected, f"note={text}")]
        assert errors[0].location is not None and errors[0].location.row
        return
    assert errors == [] and compiled.cib is not None and compiled.script is not None
    (tmp_path / "gen.sh").write_text(compiled.script)
    assert_same_cib(compiled.cib, generation.build(tmp_path / "gen.sh"))
    assert text.encode() in compiled.cib


FUZZ_EXAMPLES = int(os.environ.get("PCSGEN_FUZZ_PCS_EXAMPLES", "4"))
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
_TOKEN = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(_ALPHABET, min_size=1, max_size=8),
    st.builds(
        lambda a, b: a + b,
        st.sampled_from(["-", "--", "=", "%", "("]),
        st.text(_ALPHABET, min_size=1, max_size=6),
    ),
)
_SLOTS = st.lists(st.builds(Slot, st.sampled_from(KINDS), _TOKEN), min_size=1, max_size=12)


@pytest.mark.parametrize("target", target_names())
def test_fuzz_random_names_and_values(target: str, tmp_path_factory: Any) -> None:
    generation_of(target)

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        derandomize=not bool(os.environ.get("PCSGEN_FUZZ_RANDOM")),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_SLOTS)
    def check(slots: List[Slot]) -> None:
        # what is tested is the value the reader keeps (trimmed, one line), not the
        # reader; templates are not values
        slots = [s._replace(text=clean(s.text)) for s in slots]
        slots = list(
            dict.fromkeys(
                s for s in slots if s.text and not any(p in s.text for p in ("{{", "{%", "{#"))
            )
        )
        _build_and_compare(slots, target, tmp_path_factory.mktemp("fuzz"))

    check()


# --- ADDITIONAL_CONFIG words -----------------------------------------------------------

_WORDS = st.one_of(
    st.sampled_from(
        HOSTILE
        + [
            "--force",
            "--group",
            "--group=g",
            "--before",
            "-f",
            "/x",
            "--corosync_conf=/x",
            "--corosync",
            "--fo",
            "-h",
            "-p",
            "--agent-validation",
            "-INFINITY",
            "-1e5",
            "-nan",
            "ocf:x:y",
            "ocf:heartbeat:../x",
            "lsb:../x",
            "d1",
            "meta",
            "a=b",
        ]
    ),
    st.text(_ALPHABET, min_size=1, max_size=6),
)
_COMMANDS = st.sampled_from(
    [
        ["resource", "meta", "d1"],
        ["resource", "op", "defaults", "update"],
        ["resource", "defaults", "update"],
        ["constraint", "location", "d1", "prefers"],
        ["resource", "create", "x"],
        ["stonith", "create", "f"],
        ["resource", "utilization", "d1"],
        ["cluster", "cib"],
        ["config", "checkpoint", "restore"],
        ["resource", "cleanup"],
        ["property", "set"],
        ["alert", "create"],
        ["tag", "create", "t1"],
        [],
    ]
)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("PCSGEN_FUZZ_EXAMPLES", "2000")), deadline=None)
@given(_COMMANDS, st.lists(_WORDS, max_size=8))
def test_fuzz_additional_config_words_parse_as_pcs_reads_them(
    command: List[str], words: List[str]
) -> None:
    """Whatever the words, a command is refused with a located error, or reaches pcs as
    allow-listed command words, full allowed options, `--`, then the other words in
    their order: pcs can read no word of them as an option."""
    import shlex

    from pcsgen.compiler.builders.commands import FLAG_OPTIONS, VALUE_OPTIONS, read_command
    from pcsgen.diagnostics.location import Location, Source

    text = "pcs " + " ".join(shlex.quote(w) for w in command + words)
    item = read_command(text, Location(Source("x.csv"), 3, 3))
    parsed = item.accepted
    if parsed is None:
        assert item.refusal is not None
        assert item.refusal.code in ("PG505", "PG520", "PG521", "PG230")
        assert item.refusal.location == item.location
        return
    argv = parsed.argv
    end = argv.index("--")
    assert all(not w.startswith("-") for w in parsed.command)
    assert all(o in FLAG_OPTIONS or o.split("=", 1)[0] in VALUE_OPTIONS for o in parsed.options)
    assert argv[:end] == parsed.command + parsed.options
    assert not any(w.startswith("--wait=") for w in argv)
    rest = shlex.split(text)[1:]
    for word in parsed.command:  # the command words come first here
        rest.remove(word)
    # the arguments are the other given words, less the options, in their order
    it = iter(rest)
    assert all(any(a == w for w in it) for a in parsed.arguments)


ADDITIONAL_EXAMPLES = int(os.environ.get("PCSGEN_FUZZ_PCS_EXAMPLES", "4"))


@settings(
    max_examples=ADDITIONAL_EXAMPLES,
    deadline=None,
    derandomize=not bool(os.environ.get("PCSGEN_FUZZ_RANDOM")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(_COMMANDS, st.lists(_WORDS, max_size=4)), min_size=1, max_size=5))
def test_fuzz_additional_config_the_script_builds_the_xml(
    tmp_path_factory: Any, commands: List[Tuple[List[str], List[str]]]
) -> None:
    """With the real pcs: what compiles (pcs applied the commands at compile time) is what
    the script builds; what pcs refused at compile time fails the compile."""
    import shlex

    from tests.definitions import minimal

    generation = generation_of("rhel9")
    directory = tmp_path_factory.mktemp("additional")
    document = minimal()
    document["tables"].append(
        {
            "table": "ADDITIONAL_CONFIG",
            "rows": [
                {"config": "pcs " + " ".join(shlex.quote(w) for w in c + w)} for c, w in commands
            ],
        }
    )
    # for the minor whose pcs builds the script (rhel9 itself is a newer minor)
    compiled = compile_file(write_csv(document, directory / "extra.csv"), oracle_target("rhel9"))
    if compiled.cib is None or compiled.script is None or compiled.analysis.diagnostics.has_errors:
        codes = {d.code for d in errors_of(compiled)}
        # pcs refused it, or a Pacemaker (the target's, or the one running the commands
        # now) would not write a word as given (PG232-PG235)
        allowed = {"PG504", "PG505", "PG520", "PG521", "PG230", "PG232", "PG233", "PG234", "PG235"}
        assert codes <= allowed, codes
        return
    (directory / "gen.sh").write_text(compiled.script)
    assert_same_cib(compiled.cib, generation.build(directory / "gen.sh"))
