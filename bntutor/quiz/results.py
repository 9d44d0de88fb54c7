"""What happened to each question of a quiz or review: plain data for reports and storage."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: correct / wrong: answered; skipped: ``:skip``; missed: the clock ran out on it or
#: before it; unanswered: the learner quit first.
Status = Literal["correct", "wrong", "skipped", "missed", "unanswered"]


@dataclass(frozen=True)
class QuestionResult:
    """One question's outcome, with what the report needs to explain it."""

    item_id: str
    topic: str
    difficulty: int
    prompt: str
    status: Status
    answer: str | None = None
    seconds: float = 0.0
    hints: int = 0
    diagnosis: str | None = None
    expected: str = ""
    explanation: str = ""
    lessons: tuple[str, ...] = field(default_factory=tuple)
    #: choice and multi: the option ids in the order shown, and the ids the answer chose
    #: (``answer`` holds the letters as typed, which only mean something in that order).
    options: tuple[str, ...] = field(default_factory=tuple)
    chosen: tuple[str, ...] = field(default_factory=tuple)
    #: explain: the learner's marks, one tuple per part (the question, then its follow-up)
    marks: tuple[tuple[bool, ...], ...] = field(default_factory=tuple)

    @property
    def points(self) -> tuple[int, int] | None:
        """explain: (rubric points covered, points in all); None for other questions."""
        if not self.marks:
            return None
        return sum(sum(m) for m in self.marks), sum(len(m) for m in self.marks)

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def answered(self) -> bool:
        """True when the learner gave an answer or skipped (this becomes a review card)."""
        return self.status in ("correct", "wrong", "skipped")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["lessons"] = list(self.lessons)
        data["options"] = list(self.options)
        data["chosen"] = list(self.chosen)
        data["marks"] = [list(m) for m in self.marks]
        data["points"] = list(self.points) if self.points is not None else None
        data["seconds"] = round(self.seconds, 2)
        return data
