"""pyproject lists every code package explicitly (content dirs are mapped in), so check it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_code_package_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "bntutor").rglob("__init__.py")
    }
    missing = found - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def test_content_packages_are_mapped_to_the_top_level_dirs() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert setuptools["package-dir"]["bntutor.lessons"] == "lessons"
    assert setuptools["package-dir"]["bntutor.data"] == "data"
    for package in ("bntutor.lessons", "bntutor.data", "bntutor.data.questions"):
        assert package in setuptools["packages"]
