"""The built wheel ships lessons and data and works from any directory."""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# One worker builds the wheel once and runs the three tests that use it.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]
# What the build reads; copied, so that building writes nothing into the checkout.
SOURCES = ("pyproject.toml", "README.md", "bntutor", "lessons", "data")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the built wheel in it; its dependencies are borrowed from
    the test environment through a .pth line (nothing is downloaded)."""
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "src"
    tree.mkdir()
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=junk)
        else:
            shutil.copy2(source, tree / name)
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(dist), str(tree)],
        check=True,
    )
    (wheel,) = dist.glob("bntutor-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # Borrow torch, typer, rich ... but not the editable bntutor of the checkout.
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(purelib) / "borrowed_deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q",
         str(wheel)],
        check=True,
    )
    return env_dir / "bin"


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "bntutor"), *args], cwd=cwd, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "BNTUTOR_HOME": str(cwd / "home"), "NO_COLOR": "1"},
        timeout=120,
    )


def test_wheel_imports_from_its_own_site_packages(installed: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(installed / "python"), "-c", "import bntutor; print(bntutor.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout
    assert str(ROOT) not in out
    assert "site-packages" in out


def test_help_and_compute_from_another_directory(installed: Path, tmp_path: Path) -> None:
    help_run = _run(installed, tmp_path, "--help")
    assert help_run.returncode == 0, help_run.stderr
    assert "lesson" in help_run.stdout
    result = _run(installed, tmp_path, "compute", "bn", "--values", "1;2;3;4", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    import torch

    x = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
    rm, rv = torch.zeros(1), torch.ones(1)
    y = torch.nn.functional.batch_norm(x, rm, rv, training=True, momentum=0.1, eps=1e-5)
    numbers = _numbers(doc)
    for value in y.flatten().tolist():
        assert any(abs(value - v) < 1e-4 for v in numbers), value
    assert any(abs(rm.item() - v) < 1e-6 for v in numbers)
    assert any(abs(rv.item() - v) < 1e-4 for v in numbers)


def test_lessons_and_banks_ship_in_the_wheel(installed: Path, tmp_path: Path) -> None:
    listing = _run(installed, tmp_path, "lessons")
    assert listing.returncode == 0, listing.stderr
    course = (ROOT / "lessons" / "course.yaml")
    if course.exists():
        import yaml

        slugs = yaml.safe_load(course.read_text())["lessons"]
        for slug in slugs:
            assert slug in listing.stdout
    check = _run(installed, tmp_path, "validate")
    assert check.returncode == 0, check.stdout + check.stderr


def _numbers(doc: object) -> list[float]:
    found: list[float] = []
    if isinstance(doc, bool):
        return found
    if isinstance(doc, (int, float)):
        found.append(float(doc))
    elif isinstance(doc, dict):
        for value in doc.values():
            found.extend(_numbers(value))
    elif isinstance(doc, list):
        for value in doc:
            found.extend(_numbers(value))
    return found


def test_exercises_ship_and_check_from_another_directory(installed: Path,
                                                         tmp_path: Path) -> None:
    from bntutor.content.exercises import load_exercise

    listing = _run(installed, tmp_path, "exercises")
    assert listing.returncode == 0, listing.stderr
    assert "bn-forward" in listing.stdout and "adamw-step" in listing.stdout
    work = tmp_path / "work"
    work.mkdir()
    (work / "bn_forward.py").write_text(load_exercise("bn-forward").solution.numpy)
    checked = _run(installed, tmp_path, "exercise", "bn-forward", "--dir", str(work), "--once")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "passed: all 26 cases" in checked.stdout
