"""The quiz on screen (rendered to a string) and the timed line reader on a real pipe."""

from __future__ import annotations

import io
import os
import time
from datetime import UTC, datetime, timedelta

from rich.console import Console

from bntutor.checking.verdict import Verdict
from bntutor.content.models import BankQuestion
from bntutor.player.io import TIME_UP
from bntutor.quiz.mastery import topic_mastery
from bntutor.quiz.report import build_report
from bntutor.quiz.results import QuestionResult
from bntutor.quiz.source import bank_item
from bntutor.ui.lesson_table import LessonRow
from bntutor.ui.progress_view import nothing_due_line, progress_view, until
from bntutor.ui.prompt import ScriptedSource, TerminalSource
from bntutor.ui.quiz_view import QuizView, countdown, result_view
from bntutor.ui.report_view import report_view

from ..screen import screen_text

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def console() -> Console:
    return Console(file=io.StringIO(), width=90, no_color=True, highlight=False)


def text(c: Console) -> str:
    out = c.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


ITEM = bank_item(BankQuestion(id="q", topic="dropout", difficulty=3, kind="choice",
                              prompt="Pick the `right` one.", options=["right", "wrong"],
                              answer="a", explanation="Because."))


def test_question_with_countdown_and_scripted_answer() -> None:
    c = console()
    view = QuizView(c, ScriptedSource(io.StringIO("\n  \nb\n"), c), lambda: 100.0)
    view.show_question(2, 5, ITEM, remaining=75.0)
    assert view.read(deadline=190.0) == "b"
    out = text(c)
    assert "Question 2 of 5" in out and "dropout" in out and "★★★" in out
    assert "a) right" in out and "b) wrong" in out
    assert "1:30 left" in out and "› b" in out
    assert str(countdown(30)) == "⏱ 0:30 left"


def test_result_view_shows_answer_only_when_missed() -> None:
    right = QuestionResult("bank:q", "dropout", 3, "p", "correct", "a", 2.0, expected="a) right",
                           explanation="Because.")
    c = console()
    c.print(result_view(right, Verdict(True, "Correct.")))
    assert "Correct." in text(c) and "answer:" not in text(c) and "Because." in text(c)
    wrong = QuestionResult("bank:q", "dropout", 3, "p", "wrong", "b", 2.0, expected="a) right",
                           diagnosis="the slip")
    c = console()
    c.print(result_view(wrong, Verdict(False, "Not correct.", diagnosis="the slip")))
    assert "answer: a) right" in text(c) and "the slip" in text(c)


def test_report_view() -> None:
    results = [
        QuestionResult("bank:q", "dropout", 3, "Pick the `right` one.", "wrong", "b", 4.0,
                       expected="a) right", explanation="Because.", diagnosis="the slip"),
        QuestionResult("bank:r", "bn-cnn", 1, "Other", "correct", "a", 2.0),
    ]
    report = build_report("quiz", results, started_at=AT, seconds=65.0, ended="time-up",
                          course_topics={"dropout-and-bn": ["dropout"]}, seed=3,
                          time_limit=120.0)
    c = console()
    c.print(report_view(report))
    out = text(c)
    assert "1/2 correct (50%)" in out and "in 1:05 of 2:00" in out
    assert "time ran out" in out and "accuracy per topic" in out and "time per question" in out
    assert "Pick the right one." in out.replace("`", "")
    assert "you said: b" in out and "the slip" in out
    assert "bntutor lesson dropout-and-bn" in out
    assert "bntutor quiz --seed 3 -n 2 --time-limit 120s" in out


def test_progress_view_and_due_lines() -> None:
    rows = [LessonRow(1, "bn-mechanics", "BN", 10, steps=5, steps_done=5, finished=True,
                      started=True)]
    mastery = topic_mastery({"dropout": (4, 3)}, {"dropout": [True, True, True, False]})
    c = console()
    c.print(progress_view(rows, [], mastery, AT, 2, 7, AT))
    out = text(c)
    assert "lessons finished: 1 of 1" in out and "no quizzes yet" in out
    assert "60%" in out  # 3 right of the latest 4, over at least 5
    assert "2 of 7 review cards due now" in out
    assert until(AT, AT + timedelta(hours=5)) == "in 5 h"
    assert until(AT, AT + timedelta(days=3)) == "in 3 days"
    assert "No review cards yet" in nothing_due_line(AT, None, 0)
    assert "Next card due in 10 min" in nothing_due_line(AT, AT + timedelta(minutes=10), 3)


def test_terminal_reader_gives_up_at_the_deadline_and_reads_lines() -> None:
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "r") as stream, os.fdopen(write_fd, "w") as writer:
        reader = TerminalSource(console(), stream, time.monotonic)
        ticks: list[float] = []
        start = time.monotonic()
        assert reader.read(deadline=start + 1.3, tick=ticks.append) is TIME_UP
        assert 1.2 <= time.monotonic() - start < 3.0
        assert len(ticks) >= 1  # the countdown was redrawn while waiting
        writer.write("0.25\n")
        writer.flush()
        assert reader.read(deadline=time.monotonic() + 5.0) == "0.25"
        writer.close()
        assert reader.read(deadline=time.monotonic() + 5.0) is None  # end of input


def test_report_after_quitting_counts_the_questions_not_asked_in_one_line() -> None:
    results = [
        QuestionResult("bank:q", "dropout", 3, "First", "wrong", "b", 4.0, expected="a) right",
                       diagnosis="the $\\beta$ slip"),
        QuestionResult("bank:r", "bn-cnn", 1, "Second", "skipped", None, 2.0, expected="b) x"),
    ] + [QuestionResult(f"bank:{i}", "bn-cnn", 1, "Later", "unanswered", None, 0.0)
         for i in range(17)]
    report = build_report("review", results, started_at=AT, seconds=9.0, ended="quit",
                          course_topics=None)
    c = console()
    c.print(report_view(report))
    lines = [line.rstrip() for line in text(c).splitlines()]
    assert "(17 not asked)" in lines[2]
    assert sum("—" in line for line in lines) == 0  # no row per question never asked
    assert any(line.endswith("17 more not asked") for line in lines)
    bn_cnn = next(line for line in lines if line.startswith("bn-cnn"))
    assert "0/1" in bn_cnn and bn_cnn.endswith("17 not asked")  # accuracy over those asked
    assert "  ↳ the β slip" in lines  # maths rendered in the diagnosis
    first = lines.index("✗ First")
    assert lines[lines.index("↷ Second") - 1] == ""  # missed questions set apart
    assert first < lines.index("↷ Second")


def test_mastery_bars_shrink_to_fit_a_narrow_screen() -> None:
    mastery = topic_mastery({"train-vs-inference": (4, 3)},
                            {"train-vs-inference": [True, True, True, False]})
    text = screen_text(progress_view([], [], mastery, AT, 0, 0, None), 50)
    chart = [line for line in text.splitlines() if "train-vs-inference" in line]
    assert len(chart) == 1 and "…" not in chart[0]
    assert chart[0].rstrip().endswith("4 of 5")  # of the 5 answers mastery needs
    assert len(chart[0].rstrip()) <= 50


def test_countdown_is_not_redrawn_over_an_answer_just_entered() -> None:
    from rich.text import Text

    from bntutor.ui.quiz_view import status_redraw

    out = io.StringIO()
    terminal = Console(file=out, force_terminal=True, width=40)
    status_redraw(terminal, Text("⏱ 0:10 left"), pending=lambda: True)
    assert out.getvalue() == ""  # the cursor is below the answer now: leave it alone
    status_redraw(terminal, Text("⏱ 0:10 left"), pending=lambda: False)
    assert "0:10 left" in out.getvalue() and out.getvalue().startswith("\0337\033[1A")
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "r") as stream, os.fdopen(write_fd, "w") as writer:
        reader = TerminalSource(console(), stream, time.monotonic)
        assert not reader.pending()
        writer.write("b\n")
        writer.flush()
        assert reader.pending()
