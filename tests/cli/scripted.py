"""Drive bntutor as a script does: in this process through its error boundary
(``cli.main.run``), with a temporary home and answers files; and the right answers a
seeded quiz expects."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bntutor.checking.answering import Answering, typed_text
from bntutor.cli._quiz_run import load_content
from bntutor.cli.main import run
from bntutor.content.models import Question
from bntutor.content.shuffle import OptionOrder
from bntutor.quiz.selection import choose_items


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.out)
        return document


def bntutor(*args: str, input: str | None = None) -> Ran:
    """``bntutor ARGS`` with ``input`` on stdin; its exit status and captured output."""
    with CliRunner().isolation(input=input) as (out, err, _):
        code = run(list(args))
        return Ran(code, out.getvalue().decode(), err.getvalue().decode())


def use_home(home: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> Path:
    """Point bntutor at ``home`` (and the other ``env`` variables), 100 columns, no --debug."""
    monkeypatch.setenv("BNTUTOR_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "100")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("BNTUTOR_DEBUG", raising=False)
    return home


def answers_file(tmp_path: Path, *lines: str, name: str = "answers.txt") -> str:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def right_answers(seed: int, n: int, topics: tuple[str, ...] = ()) -> list[str]:
    """The canonical right answer of each question the quiz will ask, in order (the course
    is the one BNTUTOR_LESSONS names in this process)."""
    content = load_content()
    ids = choose_items(content.source.bank_items(), list(topics), None, n, seed)
    return shown_right_answers(seed, ids)


def explain_lines(question: Question, marks: str = "y") -> str:
    """The lines that answer an explain question (and its follow-up) and mark each of its
    rubric points ``marks``, joined by newlines (one entry of a quiz's answers)."""
    lines = ["My answer in my own words.", " ".join(marks * len(question.rubric or []))]
    if question.follow_up is not None:
        lines += ["And the follow-up.", " ".join(marks * len(question.follow_up.rubric))]
    return "\n".join(lines)


def shown_right_answers(seed: int | str, ids: list[str], fresh: bool = False) -> list[str]:
    """The right answer of each item, in the letters a session with ``seed`` shows
    (``fresh``: as a review asks them, generated ones with new numbers)."""
    content = load_content()
    answering = Answering()
    order = OptionOrder(seed)
    lines = []
    for item_id in ids:
        item = content.source.fresh(item_id, str(seed)) if fresh else content.source.get(item_id)
        shown = order.show(item_id, item.question)  # the options as the quiz shows them
        if shown.kind == "explain":  # an answer, then every rubric point marked covered
            lines.append(explain_lines(shown))
            continue
        lines.append(typed_text(shown, answering.resolve(shown).expected))
    return lines
