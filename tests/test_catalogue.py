"""The agent catalogue file: valid JSON, read one entry at a time, whatever its layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pcsgen.agents import catalogue
from pcsgen.ir import AgentName


@pytest.fixture()
def shipped() -> dict:
    data: dict = json.loads(catalogue.CATALOGUE_FILE.read_text("utf-8"))
    return data


def _use(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(catalogue, "CATALOGUE_FILE", path)
    catalogue._document.cache_clear()


def test_the_shipped_file_is_in_the_layout_it_is_written_in(shipped: dict) -> None:
    text = catalogue.CATALOGUE_FILE.read_text("utf-8")
    assert text == catalogue.format_catalogue(shipped)
    # and read in it: each entry is kept as its own line until it is asked for
    catalogue._document.cache_clear()
    lines = {line.rstrip(",") for line in text.split("\n")}
    entries = catalogue._document()[1]
    assert len(entries) == len(shipped["agents"]) and set(entries.values()) <= lines


def test_a_catalogue_without_header_is_still_json() -> None:
    data = {"agents": [{"agent": "ocf:x:y", "actions": []}]}
    assert json.loads(catalogue.format_catalogue(data)) == data


@pytest.mark.parametrize("layout", ["lines", "indented"])
def test_entries_read_alone_are_the_whole_documents(
    shipped: dict, layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(
        catalogue.format_catalogue(shipped) if layout == "lines" else json.dumps(shipped, indent=1),
        "utf-8",
    )
    _use(monkeypatch, path)
    try:
        assert catalogue.read_catalogue() == shipped
        assert catalogue.base_generation() == shipped["base"]
        for entry in shipped["agents"]:
            assert catalogue.known_agents()[entry["agent"]] == entry
        metadata = catalogue.catalogue_metadata(AgentName("ocf", "heartbeat", "IPaddr2"), "rhel9")
        assert metadata is not None and "ip" in {p.name for p in metadata.parameters}
        assert catalogue.catalogue_metadata(AgentName("ocf", "heartbeat", "NoSuchAgent")) is None
    finally:
        catalogue._document.cache_clear()


def test_a_name_with_an_escape_is_read_as_json_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = {
        "base": "rhel9",
        "agents": [
            {"agent": 'ocf:x:a"b\\u00e9', "actions": []},
            {"agent": "ocf:x:plain", "actions": []},
        ],
    }
    path = tmp_path / "catalogue.json"
    path.write_text(catalogue.format_catalogue(data), "utf-8")
    _use(monkeypatch, path)
    try:
        assert json.loads(path.read_text("utf-8")) == data
        assert set(catalogue.known_agents()) == {'ocf:x:a"b\\u00e9', "ocf:x:plain"}
    finally:
        catalogue._document.cache_clear()
