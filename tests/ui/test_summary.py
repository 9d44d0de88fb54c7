"""The end-of-lesson summary and the lesson table."""

from __future__ import annotations

from bntutor.tutor import Score
from bntutor.ui.lesson_table import LessonRow, lesson_table
from bntutor.ui.summary import NextLesson, duration, summary_view

from ..screen import screen_text


def test_duration() -> None:
    assert [duration(s) for s in (0, 4.6, 60, 75.4, 3600)] == [
        "0 s", "5 s", "1 min 00 s", "1 min 15 s", "60 min 00 s"
    ]


def test_summary_gives_score_hints_time_and_next() -> None:
    score = Score(questions=4, correct=3, first_try=2, wrong=1, skipped=0, hints=1,
                  steps_done=9, steps=9)
    view = summary_view(2, "Running stats", score, 75.0, NextLesson(3, "x", "BN by hand"))
    text = screen_text(view, 100)
    blank, *lines = text.splitlines()
    assert blank == ""  # set off from the lesson's last step
    assert lines[0].startswith("Lesson 2 complete: Running stats")
    assert lines[1] == "score 3/4 (2 at the first try, 1 missed)"
    assert lines[2] == "1 hint used · time 1 min 15 s"
    assert lines[3] == "next: bntutor lesson 3  BN by hand"


def test_a_long_title_wraps_above_the_rule_instead_of_being_cut() -> None:
    score = Score(0, 0, 0, 0, 0, 0, 2, 2)
    title = "Beyond: why BN helps, its backward pass, folding, small batches"
    text = screen_text(summary_view(8, title, score, 3.0, None), 40)
    lines = text.splitlines()
    assert "…" not in text
    rule = lines.index("─" * 40)
    assert " ".join(lines[1:rule]) == f"Lesson 8 complete: {title}"


def test_last_lesson_points_to_practice() -> None:
    score = Score(0, 0, 0, 0, 0, 0, 2, 2)
    text = screen_text(summary_view(9, "End", score, 3.0, None), 100)
    assert "no questions" in text and "bntutor quiz" in text


def test_lesson_table_progress_column() -> None:
    rows = [
        LessonRow(1, "why-bn", "Why BN", 8, steps=5, steps_done=5, finished=True, started=True),
        LessonRow(2, "bn-math", "BN maths", 12, steps=12, steps_done=3, started=True),
        LessonRow(3, "later", "Later", 5, steps=0),
    ]
    lines = screen_text(lesson_table(rows), 100).splitlines()
    assert lines[0].split() == ["#", "lesson", "title", "min", "progress"]
    assert lines[2].split()[-2:] == ["5/5", "✓"]
    assert lines[3].split()[-1] == "3/12"
    assert lines[4].split()[-1] == "—"


def test_lesson_table_leaves_out_slugs_on_a_narrow_screen_and_never_cuts_titles() -> None:
    rows = [LessonRow(5, "train-vs-inference", "训练与推理：滑动平均之问，以及更长的标题", 15, 18)]
    text = screen_text(lesson_table(rows), 50)
    assert "train-vs-inference" not in text and "…" not in text
    assert "滑动平均之问" in text.replace("\n", "").replace(" ", "")
    assert "train-vs-inference" in screen_text(lesson_table(rows), 100)  # 100 columns: all of it
