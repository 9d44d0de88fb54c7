"""The import contracts (``[tool.importlinter]`` in pyproject.toml) catch what they are
for: each test copies the package, adds one import that breaks a rule, and runs
``lint-imports`` on the copy. The unchanged copy passes, so a failure is the import's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_copy(
    tmp_path: Path, module: str = "", line: str = ""
) -> subprocess.CompletedProcess[str]:
    shutil.copytree(ROOT / "bntutor", tmp_path / "bntutor",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if module:
        path = tmp_path / (module.replace(".", "/") + ".py")
        if not path.exists() and path.with_suffix("").is_dir():
            path = path.with_suffix("") / "__init__.py"
        before = path.read_text() if path.exists() else ""  # or a new module
        path.write_text(before + f"\n{line}\n")
    assert LINT_IMPORTS.exists(), "lint-imports is missing: run `make setup` (a dev extra)"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint_copy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # an upward import: the engine reaching for a lesson computation
        ("bntutor.engine.fold", "import bntutor.live.catalog", "Packages import only the"),
        # a feature reaching for the database
        ("bntutor.quiz.selection", "import bntutor.store.db", "Packages import only the"),
        # content depending on checking (checking reads content, not the other way)
        ("bntutor.content.models", "import bntutor.checking.verdict", "Packages import only"),
        # rendering below the UI
        ("bntutor.live.results", "import rich.text", "rich and typer only in ui and cli"),
        # the engine using a leaf helper that is not errors or numbers
        ("bntutor.engine.fold", "import bntutor.messages", "The engine imports nothing"),
        # two sibling modules importing each other
        ("bntutor.content.paths", "import bntutor.content.loader", "No import cycles"),
        # a new top-level module that no layer names
        ("bntutor.unlisted", "import bntutor.errors", "Packages import only the"),
        # another package's private module
        ("bntutor.quiz.items", "import bntutor.content._semantics", "A _private module"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    result = _lint_copy(tmp_path, module, line)
    assert result.returncode != 0, result.stdout
    verdicts = [ln for ln in result.stdout.splitlines() if " BROKEN" in ln]
    assert any(ln.startswith(broken) for ln in verdicts), result.stdout
