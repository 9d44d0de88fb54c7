"""Mastery per topic: the share of recent answers that were right.

Mastery of a topic = right answers among the latest :data:`RECENT` answers on it
(lessons, quizzes and reviews alike), divided by at least :data:`MIN_ANSWERS`, so one
lucky answer does not show as full mastery.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bntutor.quiz.topics import TOPICS

RECENT = 20
MIN_ANSWERS = 5


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    answers: int  # all answers ever given on the topic
    correct: int
    recent: int  # answers counted for mastery (at most RECENT)
    recent_correct: int

    @property
    def mastery(self) -> float:
        return self.recent_correct / max(self.recent, MIN_ANSWERS)

    def to_dict(self) -> dict[str, object]:
        return {"topic": self.topic, "answers": self.answers, "correct": self.correct,
                "mastery": round(self.mastery, 4), "counted": self.recent,
                "needed": MIN_ANSWERS}


def topic_mastery(
    totals: Mapping[str, tuple[int, int]],
    recent: Mapping[str, Sequence[bool]],
    topics: Iterable[str] = TOPICS,
) -> list[TopicMastery]:
    """Every topic of ``topics`` (answered or not), then any other answered topic.

    ``totals`` maps a topic to (answers, correct); ``recent`` to its latest answers'
    correctness, newest first.
    """
    names = list(topics) + sorted(t for t in totals if t not in set(topics))
    rows = []
    for name in names:
        answers, correct = totals.get(name, (0, 0))
        latest = list(recent.get(name, ()))[:RECENT]
        rows.append(TopicMastery(name, answers, correct, len(latest), sum(latest)))
    return rows
