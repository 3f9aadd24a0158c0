"""The command line as users meet it: usage errors, mistyped commands, --version,
completion, what is said after writing, which files are replaced, file modes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

import openpyxl
import pytest

from pcsgen import __version__
from tests.definitions import minimal, write_csv
from tests.helpers import ROOT, SAMPLES


def _run(
    args: List[str], cwd: Path, env: Optional[Dict[str, str]] = None, umask: Optional[int] = None
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, PYTHONPATH=str(ROOT), LANG="C")
    environment.update(env or {})
    previous = os.umask(umask) if umask is not None else None
    try:
        return subprocess.run(
            [sys.executable, "-m", "pcsgen", *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=cwd,
            env=environment,
            timeout=120,
        )
    finally:
        if previous is not None:
            os.umask(previous)


SAMPLE = [
    "--corosync-conf",
    str(SAMPLES / "corosync.conf"),
    "--no-system-agents",
    "--no-additional-config",
]


# --- usage errors exit 1, never 2 (2 is "done with warnings"), and write nothing ----------


@pytest.mark.parametrize(
    "args,code",
    [
        (["compile", "--no-such-option", "x.csv"], "PG540"),
        (["--target", "rhel7", str(SAMPLES / "haproxy-lb.csv")], "PG509"),
        (["compile"], "PG542"),
        (["import", "cib.xml"], "PG542"),
        (["lint", str(SAMPLES / "haproxy-lb.csv"), "--format", "xml"], "PG541"),
        (["compile", str(SAMPLES / "haproxy-lb.csv"), "extra"], "PG545"),
    ],
)
def test_a_usage_error_exits_1_and_writes_nothing(
    tmp_path: Path, args: List[str], code: str
) -> None:
    result = _run(args, tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"error {code}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_usage_error_speaks_japanese(tmp_path: Path) -> None:
    result = _run(["--lang", "ja", "compile", str(SAMPLES / "haproxy-lb.csv"), "x"], tmp_path)
    assert result.returncode == 1
    assert "PG545" in result.stderr and "余分な引数" in result.stderr
    assert "Got unexpected" not in result.stderr


def test_an_unknown_option_suggests_the_near_one(tmp_path: Path) -> None:
    result = _run(["compile", "--targt", "rhel8", "x.csv"], tmp_path)
    assert result.returncode == 1
    assert "--targt" in result.stderr and "did you mean --target?" in result.stderr


def test_a_mistyped_command_is_named_not_read_as_a_file(tmp_path: Path) -> None:
    result = _run(["complie", "book.xlsx"], tmp_path)
    assert result.returncode == 1
    assert "PG544" in result.stderr
    assert "no such command 'complie'; did you mean compile?" in result.stderr
    assert "PG001" not in result.stderr  # not "cannot read the file"


def test_a_file_named_like_a_command_is_still_compiled(tmp_path: Path) -> None:
    # an existing file is never taken for a mistyped command
    (tmp_path / "lint2").write_text("not a definition")
    result = _run(["lint2"], tmp_path)
    assert "PG544" not in result.stderr
    assert result.returncode == 1


def test_options_before_the_command_belong_to_it(tmp_path: Path) -> None:
    result = _run(["--lang", "ja", "lint", str(SAMPLES / "haproxy-lb.csv"), *SAMPLE], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    assert list(tmp_path.iterdir()) == []  # lint, not compile


_GROUP = """import typer

app = typer.Typer()


@app.command("hello")
def hello(name: str, lang: str = typer.Option("en", "--lang")) -> None:
    typer.echo(f"hello {name} {lang}")


@app.command("bye")
def bye() -> None:
    typer.echo("bye")
"""


def test_a_command_group_is_one_registration(tmp_path: Path) -> None:
    """A command with commands of its own is one line in `COMMAND_GROUPS`: it runs, takes
    the options typed before it, is listed, and is suggested for a typo."""
    (tmp_path / "demo_group.py").write_text(_GROUP)
    probe = (
        "import sys\nfrom pcsgen import cli\n"
        "cli.COMMAND_GROUPS['demo'] = 'demo_group:app'\n"
        "cli.main(sys.argv[1:])\n"
    )
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(tmp_path)]), LANG="C")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env=environment,
            timeout=120,
        )

    assert run("demo", "hello", "x").stdout == "hello x en\n"
    assert run("--lang", "ja", "demo", "hello", "x").stdout == "hello x ja\n"
    assert run("demo", "bye").stdout == "bye\n"
    assert "demo" in run("--help").stdout
    mistyped = run("dmeo", "bye")
    assert mistyped.returncode == 1 and "did you mean demo?" in mistyped.stderr


def test_version_option(tmp_path: Path) -> None:
    result = _run(["--version"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"pcsgen {__version__}"


def test_shell_completion_offers_the_commands(tmp_path: Path) -> None:
    result = _run(
        [],
        tmp_path,
        env={"_PCSGEN_COMPLETE": "complete_bash", "COMP_WORDS": "pcsgen li", "COMP_CWORD": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["lint"]
    shown = _run(["--show-completion", "bash"], tmp_path)
    assert shown.returncode == 0 and "_PCSGEN_COMPLETE" in shown.stdout


def test_no_arguments_shows_help(tmp_path: Path) -> None:
    result = _run([], tmp_path)
    assert result.returncode == 0
    assert "Commands:" in result.stdout


# --- what is said after writing -----------------------------------------------------------


def test_compile_says_what_it_wrote_unless_quiet(tmp_path: Path) -> None:
    result = _run([str(SAMPLES / "haproxy-lb.csv"), *SAMPLE], tmp_path)
    assert result.returncode in (0, 2), result.stderr
    assert "Wrote haproxy-lb.xml, haproxy-lb.sh." in result.stderr
    quiet = _run([str(SAMPLES / "haproxy-lb.csv"), *SAMPLE, "-q"], tmp_path)
    assert quiet.returncode == result.returncode
    assert "Wrote" not in quiet.stderr


def test_the_default_corosync_conf_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pcsgen import api
    from pcsgen.compiler import corosync
    from pcsgen.compiler.pipeline import Options

    conf = tmp_path / "corosync.conf"
    conf.write_text((SAMPLES / "corosync.conf").read_text())
    monkeypatch.setattr(corosync, "DEFAULT_PATH", str(conf))
    diagnostics = api.lint(
        str(SAMPLES / "haproxy-lb.csv"),
        None,
        Options(target="rhel10", system_agents=False, apply_additional_config=False),
    )
    found = [d for d in diagnostics if d.code == "PG318"]
    assert found and str(conf) in found[0].message("en")
    assert "--corosync-conf ''" in found[0].message("en")
    chosen = api.lint(
        str(SAMPLES / "haproxy-lb.csv"),
        None,
        Options(
            target="rhel10",
            system_agents=False,
            corosync_conf=str(conf),
            apply_additional_config=False,
        ),
    )
    assert not [d for d in chosen if d.code == "PG318"]  # given, so not a default


# --- outputs replace only pcsgen's own unchanged documents ----------------------------------


def test_template_never_replaces_a_filled_definition(tmp_path: Path) -> None:
    assert _run(["template", "book.xlsx"], tmp_path).returncode == 0
    assert _run(["template", "book.xlsx"], tmp_path).returncode == 0  # its own, unchanged
    book = openpyxl.load_workbook(tmp_path / "book.xlsx")
    assert book.active is not None
    book.active["H40"] = "filled in by the user"
    book.save(tmp_path / "book.xlsx")
    before = (tmp_path / "book.xlsx").read_bytes()
    refused = _run(["template", "book.xlsx"], tmp_path)
    assert refused.returncode == 1 and "PG525" in refused.stderr
    assert (tmp_path / "book.xlsx").read_bytes() == before
    forced = _run(["template", "book.xlsx", "--force"], tmp_path)
    assert forced.returncode == 0
    assert (tmp_path / "book.xlsx").read_bytes() != before


def test_import_replaces_its_own_output_only(tmp_path: Path) -> None:
    csv = write_csv(minimal(), tmp_path / "d.csv")
    made = _run(
        [
            csv.name,
            "--corosync-conf",
            "",
            "--no-system-agents",
            "--xml",
            "cib.xml",
            "--sh",
            "cib.sh",
        ],
        tmp_path,
    )
    assert made.returncode in (0, 2), made.stderr
    for suffix in ("csv", "xlsx"):
        first = _run(["import", "cib.xml", "-o", f"back.{suffix}"], tmp_path)
        assert first.returncode in (0, 2), first.stderr
        again = _run(["import", "cib.xml", "-o", f"back.{suffix}"], tmp_path)
        assert again.returncode in (0, 2), again.stderr
    # the imported CSV is still a definition: its mark is a comment row
    compiled = _run(
        [
            "back.csv",
            "--corosync-conf",
            "",
            "--no-system-agents",
            "--xml",
            "again.xml",
            "--sh",
            "again.sh",
        ],
        tmp_path,
    )
    assert compiled.returncode in (0, 2), compiled.stderr
    with open(tmp_path / "back.csv", "a", encoding="utf-8") as stream:
        stream.write("#,a note of the user\r\n")
    refused = _run(["import", "cib.xml", "-o", "back.csv"], tmp_path)
    assert refused.returncode == 1 and "PG525" in refused.stderr
    assert "a note of the user" in (tmp_path / "back.csv").read_text("utf-8")
    (tmp_path / "mine.xlsx").write_bytes((SAMPLES / "haproxy-lb.xlsx").read_bytes())
    refused = _run(["import", "cib.xml", "-o", "mine.xlsx"], tmp_path)
    assert refused.returncode == 1 and "PG525" in refused.stderr
    assert (tmp_path / "mine.xlsx").read_bytes() == (SAMPLES / "haproxy-lb.xlsx").read_bytes()


def test_a_mark_of_another_kind_does_not_count(tmp_path: Path) -> None:
    from pcsgen.own_outputs import is_own, mark

    (tmp_path / "plan.csv").write_bytes(mark("test-plan", ".csv", b"a,b\r\n"))
    assert is_own(str(tmp_path / "plan.csv"), "test-plan")
    assert not is_own(str(tmp_path / "plan.csv"), "import")
    # a mark copied onto other content does not count either
    marked = mark("import", ".csv", b"a,b\r\n").split(b"\r\n")[0]
    (tmp_path / "forged.csv").write_bytes(marked + b"\r\nother,rows\r\n")
    assert not is_own(str(tmp_path / "forged.csv"), "import")


# --- file modes: the umask, and secrets for the owner alone ---------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_outputs_honour_the_umask(tmp_path: Path) -> None:
    result = _run([str(SAMPLES / "haproxy-lb.csv"), *SAMPLE], tmp_path, umask=0o027)
    assert result.returncode in (0, 2), result.stderr
    assert _mode(tmp_path / "haproxy-lb.xml") == 0o640
    assert _mode(tmp_path / "haproxy-lb.sh") == 0o750
    assert _run(["template", "t.xlsx"], tmp_path, umask=0o077).returncode == 0
    assert _mode(tmp_path / "t.xlsx") == 0o600


def test_outputs_holding_a_secret_are_the_owners_alone(tmp_path: Path) -> None:
    document = minimal()
    for item in document["tables"]:
        if item["table"] == "PRIMITIVE" and item["P"]["id"] == "d1":
            item["A"] = [{"type": "options", "name": "passwd", "value": "s3cret"}]
    csv = write_csv(document, tmp_path / "secret.csv")
    result = _run([csv.name, "--corosync-conf", "", "--no-system-agents"], tmp_path, umask=0o022)
    assert result.returncode in (0, 2), result.stderr
    assert _mode(tmp_path / "secret.xml") == 0o600
    assert _mode(tmp_path / "secret.sh") == 0o700
    imported = _run(["import", "secret.xml", "-o", "back.xlsx"], tmp_path, umask=0o022)
    assert imported.returncode in (0, 2), imported.stderr
    assert _mode(tmp_path / "back.xlsx") == 0o600
    plain = _run([str(SAMPLES / "haproxy-lb.csv"), *SAMPLE], tmp_path, umask=0o022)
    assert plain.returncode in (0, 2)
    assert _mode(tmp_path / "haproxy-lb.xml") == 0o644


# --- what users meet when reading: Excel's lock file, UTF-16, messages all in one language --


def test_excel_lock_file_is_named(tmp_path: Path) -> None:
    # what Excel writes beside an open book: the length and name of who opened it
    (tmp_path / "~$book.xlsx").write_bytes(b"\x05alice" + b"\x00" * 160)
    result = _run(["~$book.xlsx"], tmp_path)
    assert result.returncode == 1
    assert "PG018" in result.stderr and "lock file of book.xlsx" in result.stderr
    assert "PG004" not in result.stderr


@pytest.mark.parametrize(
    "encoding,named", [("utf-16", "UTF-16LE"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")]
)
def test_a_utf16_csv_is_named(tmp_path: Path, encoding: str, named: str) -> None:
    text = (SAMPLES / "haproxy-lb.csv").read_text("utf-8")
    (tmp_path / "book.csv").write_bytes(text.encode(encoding))
    result = _run(["book.csv"], tmp_path)
    assert result.returncode == 1
    assert "PG019" in result.stderr and named in result.stderr
    assert "PG015" not in result.stderr  # not "holds a NUL byte"


def _ascii_words(text: str) -> List[str]:
    """English words in a line: runs of 4+ ASCII letters, but for names the message
    quotes (paths, options, codes)."""
    import re

    kept = re.sub(r"(\S*[/.~$_-]\S*|PG\d+|'[^']*'|\{\{[^}]*\}\})", " ", text)
    return [word for word in re.findall(r"[A-Za-z]{4,}", kept) if word not in _TERMS]


# names of things, the same in both languages: corosync.conf's keys, Excel, vault
_TERMS = {"nodeid", "nodelist", "name", "Excel", "vault", "totem", "xlsx"}


def test_japanese_messages_carry_no_english_fragment(tmp_path: Path) -> None:
    (tmp_path / "bad.conf").write_text("totem {\n  version: 2\n")
    (tmp_path / "nodes.conf").write_text(
        "nodelist {\n  node {\n    name: a\n    nodeid: x\n  }\n}\n"
    )
    (tmp_path / "flat.conf").write_text("nodelist: x\n")
    document = minimal()
    for item in document["tables"]:
        if item["table"] == "PRIMITIVE" and item["P"]["id"] == "d1":
            item["A"] = [{"type": "options", "name": "passwd", "value": "s3cret"}]
    write_csv(document, tmp_path / "secret.csv")
    runs = [
        ["lint", "missing.csv"],
        ["lint", str(SAMPLES / "haproxy-lb.csv"), "--corosync-conf", "bad.conf"],
        ["lint", str(SAMPLES / "haproxy-lb.csv"), "--corosync-conf", "nodes.conf"],
        ["lint", str(SAMPLES / "haproxy-lb.csv"), "--corosync-conf", "missing.conf"],
        ["lint", str(SAMPLES / "haproxy-lb.csv"), "--corosync-conf", "flat.conf"],
        ["lint", "secret.csv", "--corosync-conf", "", "--no-system-agents"],
        ["complie", "x"],
        ["compile", "--targt", "x"],
    ]
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip at all")
    runs.append(["lint", "junk.xlsx"])
    for args in runs:
        result = _run(["--lang", "ja", *args], tmp_path)
        assert result.stderr.strip(), args
        for line in result.stderr.splitlines():
            if "PG" in line:
                message = line.split(":", 2)[-1] if "エラー" in line or "警告" in line else line
                assert not _ascii_words(message), (args, line)


def test_a_cib_for_a_newer_pacemaker_is_said_in_one_line(tmp_path: Path) -> None:
    from pcsgen.diagnostics import PcsgenError
    from pcsgen.simulation import crm_simulate
    from tests.helpers import need_tool

    need_tool("crm_simulate")
    cib = tmp_path / "cib.xml"
    cib.write_text(
        '<cib validate-with="pacemaker-99.0" epoch="1" num_updates="0" '
        'admin_epoch="0"><configuration><crm_config/><nodes/><resources/>'
        "<constraints/></configuration><status/></cib>"
    )
    with pytest.raises(PcsgenError) as failure:
        crm_simulate.run(str(cib), [])
    assert failure.value.diagnostic.code == "PG815"
    assert failure.value.diagnostic.args["schema"] == "pacemaker-99.0"
    assert "\n" not in failure.value.diagnostic.message("en")
