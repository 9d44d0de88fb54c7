"""Lesson questions that work with earlier data must declare it as ``context``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bntutor.content._context import refers_to_data
from bntutor.content.loader import check_lesson_file

LESSON = """\
slug: ctx
title: Context
minutes: 3
steps:
  - id: batch
    type: compute
    computation: stats
  - id: talk
    type: text
    body: words
  - id: q
    type: question
    kind: numeric
{context}    prompt: {{en: "{en}", zh: "{zh}"}}
    answer: 1
  - id: later
    type: text
    body: more
"""


def errors_for(tmp_path: Path, en: str, zh: str = "多少？", context: str = "") -> list[str]:
    path = tmp_path / "ctx.yaml"
    line = f"    context: {context}\n" if context else ""
    path.write_text(LESSON.format(context=line, en=en, zh=zh), encoding="utf-8")
    return [f"{e.line} {e.step} {e.what}" for e in check_lesson_file(path, None).errors]


@pytest.mark.parametrize(("prompt", "phrase"), [
    ("Compute the mean of feature 1 of the batch above.", "the batch above"),
    ("Now the variance that BN normalizes feature 1 with.", "feature 1"),
    ("The noise in these samples has std 0.2.", "these samples"),
    ("At the 5th lambda of the grid, how many are zero?", "the grid"),
    ("What caused the colleague's symptom?", "the colleague's"),
    ("Which claims of the original blog post are wrong?", "blog post"),
    ("Compare the degree-12 fits with and without L2.", "the degree-12 fits"),
])
def test_prompts_that_point_at_earlier_data(prompt: str, phrase: str) -> None:
    assert refers_to_data(prompt, "en") == phrase


@pytest.mark.parametrize("prompt", [
    "Feature 1 of a batch of 8 samples is 3 for every sample. What is x-hat of sample 1?",
    "Targets sit 1 above the centred inputs. What is b?",
    "A batch of 2 samples: sample 1 is (1, 10), sample 2 is (3, 30).",
    "Over which axis does BN take its statistics?",
    "Why does the model fits the noise at degree 12?",
])
def test_prompts_that_stand_alone(prompt: str) -> None:
    assert refers_to_data(prompt, "en") is None


def test_chinese_prompts_are_checked_too() -> None:
    assert refers_to_data("计算上面批次中特征 1 的均值。", "zh") == "上面"
    assert refers_to_data("再算特征 1 的方差。", "zh") == "特征 1"
    assert refers_to_data("一个 8 样本批次里，特征 1 在每个样本上都是 3。", "zh") is None


def test_a_question_on_earlier_data_without_context_is_located(tmp_path: Path) -> None:
    found = errors_for(tmp_path, "What is the mean of feature 1?")
    assert found == ["14 q the prompt refers to earlier data ('feature 1') but the question "
                     "declares no context"]
    # the Chinese prompt alone is enough to need it
    assert errors_for(tmp_path, "What is the mean?", zh="上面的均值是多少？")
    assert errors_for(tmp_path, "What is the mean of feature 1?", context="[batch]") == []
    assert errors_for(tmp_path, "How much?", context="[batch, talk]") == []


def test_context_must_name_earlier_steps(tmp_path: Path) -> None:
    found = errors_for(tmp_path, "How much?", context="[later, nope]")
    assert found == [
        "14 q context names 'later', which is not an earlier step",
        "14 q context names 'nope', which is not an earlier step",
    ]
