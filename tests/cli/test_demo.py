"""`bntutor demo` through the error boundary, and once as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bntutor.content.demos import demo_list

from .scripted import bntutor, use_home


def demo_names() -> list[str]:
    return [d.slug for d in demo_list()]


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_home(tmp_path / "home", monkeypatch)


def test_demo_lists_every_demo_one_line_each() -> None:
    ran = bntutor("demo")
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    for name in demo_names():
        assert sum(line.startswith(name + " ") for line in lines) == 1, name


def test_demo_list_as_json() -> None:
    ran = bntutor("demo", "--json")
    assert ran.code == 0
    assert [d["name"] for d in json.loads(ran.out)["demos"]] == demo_names()


def test_unknown_demo_is_a_one_line_error() -> None:
    ran = bntutor("demo", "similar")
    assert ran.code == 5
    assert ran.err.startswith("bntutor: error: unknown demo 'similar'")
    assert "similar-batch" in ran.err and "Traceback" not in ran.err


@pytest.mark.parametrize("args", [["--seed", "-1"], ["--seed", "x"], ["--bogus"]])
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    ran = bntutor("demo", "fc-bn", *args)
    assert ran.code == 2
    assert ran.err.startswith("bntutor: error:")


def test_json_is_one_document_with_no_progress_noise() -> None:
    ran = bntutor("demo", "similar-batch", "--quick", "--json", "--seed", "1")
    assert ran.code == 0, ran.err
    assert ran.err == ""
    document = json.loads(ran.out)
    assert document["demo"] == "similar-batch" and document["seed"] == 1
    acc = document["sections"]["predict"]["similar_accuracy"]
    assert acc[0] < acc[1]


def test_rich_output_tells_the_story_a_step_at_a_time() -> None:
    ran = bntutor("--no-color", "demo", "fc-bn", "--quick")
    assert ran.code == 0, ran.err
    assert "\x1b[" not in ran.out
    assert "γ = √(σ² + ε)" in ran.out and "feature 1: statistics over the 8 samples" in ran.out
    assert "Demo: BN in a fully connected layer" in ran.out and "(seed 0, quick)" in ran.out
    assert "step 1 of 2" in ran.out and "step 2 of 2" in ran.out
    assert "the output equals the input to" in ran.out


def test_a_demo_in_chinese_has_chinese_narrative_and_labels() -> None:
    ran = bntutor("--lang", "zh", "--no-color", "demo", "fc-bn", "--quick")
    assert ran.code == 0, ran.err
    assert "演示：全连接层中的 BN" in ran.out and "第 1 步，共 2 步" in ran.out
    assert "所以一个样本归一化后的值取决于同批的其他样本" in ran.out


def test_demo_list_in_chinese() -> None:
    ran = bntutor("--lang", "zh", "demo")
    assert ran.code == 0, ran.err
    assert "几乎一样的图片在训练模式下会错" in ran.out and "运行一个：bntutor demo" in ran.out


def test_real_process_same_seed_same_numbers(tmp_path: Path) -> None:
    env = {**os.environ, "BNTUTOR_HOME": str(tmp_path), "COLUMNS": "100"}

    def document() -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-m", "bntutor", "demo", "overfit", "--quick", "--json"],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        result: dict[str, object] = json.loads(done.stdout)
        return result

    assert document() == document()


def test_listing_demos_does_not_import_torch(tmp_path: Path) -> None:
    code = ("import sys\n"
            "from bntutor.cli.main import run\n"
            "assert run(['demo']) == 0\n"
            "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')\n")
    env = {**os.environ, "BNTUTOR_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("NO-TORCH")
