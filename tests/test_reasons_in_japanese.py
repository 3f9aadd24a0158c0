"""The reasons the compiler and the importer give for refusing a word (an agent name
with a path in it, a word pcs would read otherwise) are catalogue phrases, so that a
Japanese message holds no English sentence."""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest

from pcsgen.agents import names
from pcsgen.diagnostics.messages import render
from pcsgen.diagnostics.phrase import Phrase
from pcsgen.pcs import arguments, rules

# three English words in a row, outside quotes and backticks: a sentence, not a term
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")


def _english_left(text: str) -> list[str]:
    bare = re.sub(r"`[^`]*`|'[^']*'", "", text)
    return _ENGLISH_RUN.findall(bare)


REASONS: list[tuple[str, Callable[[], Any]]] = [
    ("class", lambda: names.part_problem("class", "nonsense")),
    ("empty", lambda: names.part_problem("provider", "")),
    ("separator", lambda: names.part_problem("type", "a/b")),
    ("dotdot", lambda: names.part_problem("type", "a..b")),
    ("characters", lambda: names.part_problem("type", "-x")),
    ("ocf form", lambda: names.spec_problem("ocf:heartbeat")),
    ("systemd form", lambda: names.spec_problem("systemd:a:b")),
    ("expression", lambda: names.expression_problem("ocf:heartbeat")),
    ("name =", lambda: arguments.name_problem("a=b")),
    ("--wait", lambda: arguments.name_problem("--wait")),
    ("ascii", lambda: arguments.crm_attribute_problem("ノード", True)),
    ("dash", lambda: arguments.crm_attribute_problem("-Vx", True)),
    ("xml id", lambda: arguments.crm_attribute_problem("a b", True)),
    ("utilization name", lambda: (arguments.utilization_problem("a b", "1") or (None, None))[1]),
    ("utilization value", lambda: (arguments.utilization_problem("cpu", "x") or (None, None))[1]),
    ("meta id", lambda: arguments.id_reason("pcs", "why_what_meta")),
    ("parentheses", lambda: rules.word_rule_problem("(a", True, "eq")),
    ("rule keyword", lambda: rules.word_rule_problem("defined", False, "eq")),
    ("rule option", lambda: rules.word_rule_problem("a=b", True, "eq")),
    ("date", lambda: rules.word_rule_problem("date", True, "gt")),
    ("text rule", lambda: rules.text_rule_problem("a b", False, "eq")),
    ("rule type", lambda: rules.text_rule_problem("integer", False, "eq")),
]


@pytest.mark.parametrize("case", REASONS, ids=[name for name, _ in REASONS])
def test_a_refusal_reason_reads_in_both_languages(case: tuple[str, Callable[[], Any]]) -> None:
    reason = case[1]()
    assert isinstance(reason, Phrase), reason
    english = render("PG231", "en", {"value": "x", "pcs": "0.11", "reason": reason})
    japanese = render("PG231", "ja", {"value": "x", "pcs": "0.11", "reason": reason})
    assert str(reason) in english
    assert not _english_left(japanese), japanese


@pytest.mark.parametrize("code", ["PG230", "PG723", "PG725"])
def test_messages_carrying_an_agent_reason_hold_no_english(code: str) -> None:
    reason = names.part_problem("type", "../../usr/bin/x")
    args = {
        "value": "x",
        "part": "type",
        "reason": reason,
        "id": "r",
        "agent": "ocf:a:b",
        "kind": "x",
        "name": "n",
        "owner": "o",
        "pcs": "0.11",
    }
    assert not _english_left(render(code, "ja", args))
    assert "path separator" in render(code, "en", args)


@pytest.mark.parametrize(
    "content,suffix",
    [
        ("[1, 2]", ".json"),
        ('{"a b": 1}', ".json"),
        ("a: 1", ".ini"),
        ('{"deep": ' + "[" * 80 + "]" * 80 + "}", ".json"),
        ("", "missing.json"),
    ],
)
def test_a_refused_vars_file_says_why_in_japanese(tmp_path: Any, content: str, suffix: str) -> None:
    from pcsgen.compiler.variables.sources import load_vars_file
    from pcsgen.diagnostics import PcsgenError

    path = tmp_path / ("vars" + suffix)
    if not suffix.startswith("missing"):
        path.write_text(content)
    with pytest.raises(PcsgenError) as caught:
        load_vars_file(str(path))
    diagnostic = caught.value.diagnostic
    assert diagnostic.code == "PG602"
    japanese = render("PG602", "ja", diagnostic.args)
    assert not _english_left(japanese.replace(str(path), "")), japanese


def test_the_vars_listing_speaks_the_readers_language(tmp_path: Any) -> None:
    from tests.definitions import minimal, primitive, write_csv
    from tests.helpers import run_pcsgen

    document = minimal()
    document["tables"][2] = primitive("d1", "ocf:pacemaker:Dummy", [["fake", "{{ nowhere }}"]])
    write_csv(document, tmp_path / "book.csv")
    japanese = run_pcsgen(["vars", "book.csv", "--lang", "ja"], tmp_path)
    english = run_pcsgen(["vars", "book.csv", "--lang", "en"], tmp_path)
    assert japanese.returncode == english.returncode == 1, japanese.stderr
    assert "nowhere = (未定義)" in japanese.stdout and "使用箇所 book.csv" in japanese.stdout
    assert "nowhere = (undefined)" in english.stdout and "used at book.csv" in english.stdout
    assert not _english_left(japanese.stdout), japanese.stdout


MALFORMED_XML = {
    "empty": b"",
    "not xml": b"hello",
    "too deep": b"<a>" * 300 + b"</a>" * 300,
    "ends early": b"<cib><configuration><resources>",
    "tag mismatch": b"<cib><configuration></cib>",
    "extra content": b"<cib/><cib/>",
    "control character": b"<cib>\x01</cib>",
    "undefined entity": b"<cib>&nothing;</cib>",
    "bare ampersand": b"<cib>&</cib>",
    "attribute twice": b'<cib a="1" a="2"/>',
    "unquoted attribute": b"<cib a=1/>",
    "bad encoding": b"<cib>\xff\xfe</cib>",
    "open comment": b"<cib><!-- x</cib>",
    "undeclared prefix": b"<cib><x:configuration/></cib>",
    "declaration": b'<?xml version="9.9"?><cib/>',
    "unknown to the catalogue": b"<cib></cib><?xml version='1.0'?>",
}


@pytest.mark.parametrize("data", MALFORMED_XML.values(), ids=list(MALFORMED_XML))
def test_why_a_cib_is_not_xml_reads_in_both_languages(tmp_path: Any, data: bytes) -> None:
    from pcsgen.api import import_cib
    from pcsgen.diagnostics import PcsgenError

    path = tmp_path / "cib.xml"
    path.write_bytes(data)
    with pytest.raises(PcsgenError) as raised:
        import_cib(str(path), str(tmp_path / "out.xlsx"))
    found = raised.value.diagnostic
    assert found.code == "PG705"
    english, japanese = found.message("en"), found.message("ja")
    assert "line 1, column" in english, english
    assert "1 行" in japanese and not _english_left(japanese), japanese
    assert not (tmp_path / "out.xlsx").exists()
