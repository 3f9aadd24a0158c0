"""What `pip install .` installs: every package of the source tree, and its data files."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python < 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_of_the_tree_is_installed() -> None:
    listed = set(_project()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "pcsgen").rglob("__init__.py")
    }
    assert found - listed == set(), "packages pyproject.toml does not install"
    assert listed - found - {"pcsgen.schemas"} == set(), "packages that are not there"


def test_every_data_file_a_package_reads_is_installed() -> None:
    data = _project()["tool"]["setuptools"]["package-data"]
    for path in (ROOT / "pcsgen").rglob("*"):
        if path.suffix not in (".json", ".j2") or "__pycache__" in path.parts:
            continue
        package = ".".join(path.parent.relative_to(ROOT).parts)
        while package not in data and "." in package:
            package = package.rsplit(".", 1)[0]
        patterns = data.get(package, [])
        relative = path.relative_to(ROOT.joinpath(*package.split(".")))
        assert any(relative.match(pattern) for pattern in patterns), (
            f"{path.relative_to(ROOT)} is not package data"
        )
