"""The end-of-quiz report: score, accuracy per topic, time per question, what was missed
and which lessons to revisit. Plain data; ``ui/report_view`` renders it, ``--json``
prints :meth:`QuizReport.to_dict`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from bntutor.quiz.results import QuestionResult
from bntutor.quiz.topics import lessons_for


@dataclass(frozen=True)
class TopicScore:
    """``asked`` counts the questions put to the learner, and those the clock ran out on;
    ``not_asked`` those left when the learner quit, which do not count against accuracy."""

    topic: str
    asked: int
    correct: int
    not_asked: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class QuizReport:
    """``ended``: finished, time-up, quit, end-of-input or interrupted."""

    kind: str  # "quiz" or "review"
    started_at: datetime
    seconds: float
    ended: str
    results: list[QuestionResult]
    topics: list[TopicScore]
    revisit: list[str]
    seed: int | None = None
    time_limit: float | None = None
    chosen_topics: list[str] = field(default_factory=list)
    difficulty: int | None = None

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def answered(self) -> int:
        return sum(r.status in ("correct", "wrong") for r in self.results)

    @property
    def not_asked(self) -> int:
        """Questions never put to the learner (left by :quit, Ctrl-C or end of input)."""
        return sum(r.status == "unanswered" for r in self.results)

    @property
    def asked(self) -> int:
        """Questions put to the learner (those the clock cut off count as asked and missed):
        the one total the score, the topics and the report line all use."""
        return self.total - self.not_asked

    @property
    def score(self) -> float:
        """Correct answers over the questions asked."""
        return self.correct / self.asked if self.asked else 0.0

    @property
    def missed(self) -> list[QuestionResult]:
        """Wrong, skipped, or missed when time ran out (not those left by quitting)."""
        return [r for r in self.results if r.status in ("wrong", "skipped", "missed")]

    def replay(self) -> str | None:
        """The command that asks the same questions again (quizzes with a seed only)."""
        if self.kind != "quiz" or self.seed is None:
            return None
        words = ["bntutor quiz", f"--seed {self.seed}"]
        words += [f"--topic {t}" for t in self.chosen_topics]
        if self.difficulty is not None:
            words.append(f"--difficulty {self.difficulty}")
        words.append(f"-n {self.total}")
        if self.time_limit is not None:
            words.append(f"--time-limit {round(self.time_limit)}s")
        return " ".join(words)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "started_at": self.started_at.isoformat(),
            "seconds": round(self.seconds, 2),
            "ended": self.ended,
            "seed": self.seed,
            "time_limit": self.time_limit,
            "chosen_topics": self.chosen_topics,
            "difficulty": self.difficulty,
            "total": self.total,
            "answered": self.answered,
            "asked": self.asked,
            "not_asked": self.not_asked,
            "correct": self.correct,
            "score": round(self.score, 4),
            "topics": [{**asdict(t), "accuracy": round(t.accuracy, 4)} for t in self.topics],
            "questions": [r.to_dict() for r in self.results],
            "missed": [r.item_id for r in self.missed],
            "revisit": self.revisit,
        }


def build_report(
    kind: str,
    results: Sequence[QuestionResult],
    *,
    started_at: datetime,
    seconds: float,
    ended: str,
    course_topics: Mapping[str, Sequence[str]] | None = None,
    seed: int | None = None,
    time_limit: float | None = None,
    chosen_topics: Sequence[str] = (),
    difficulty: int | None = None,
) -> QuizReport:
    """The report of ``results``. ``course_topics`` maps each lesson slug of the course to
    its topics: lessons to revisit are chosen from it, and only existing ones are named."""
    per_topic: dict[str, list[int]] = {}
    for r in results:
        counts = per_topic.setdefault(r.topic, [0, 0, 0])  # asked, correct, not asked
        if r.status == "unanswered":  # left by quitting: never put to the learner
            counts[2] += 1
        else:
            counts[0] += 1
            counts[1] += int(r.correct)
    topics = [TopicScore(t, n, ok, left) for t, (n, ok, left) in sorted(per_topic.items())]
    report = QuizReport(
        kind=kind, started_at=started_at, seconds=seconds, ended=ended, results=list(results),
        topics=topics, revisit=[], seed=seed, time_limit=time_limit,
        chosen_topics=list(chosen_topics), difficulty=difficulty,
    )
    revisit: list[str] = []
    for r in report.missed:
        for slug in _lessons(r, course_topics):
            if slug not in revisit:
                revisit.append(slug)
    return replace(report, revisit=revisit)


def _lessons(r: QuestionResult, course_topics: Mapping[str, Sequence[str]] | None) -> list[str]:
    """The question's own lessons that the course has, else the course's for its topic."""
    if course_topics is None:
        return lessons_for(r.topic, r.lessons)
    own = [slug for slug in r.lessons if slug in course_topics]
    return own or [s for s in lessons_for(r.topic, (), course_topics) if s in course_topics]
