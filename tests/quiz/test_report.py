"""The quiz report: score, per-topic accuracy, missed questions, lessons to revisit."""

from __future__ import annotations

from datetime import UTC, datetime

from bntutor.quiz.report import build_report
from bntutor.quiz.results import QuestionResult

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def _r(item: str, topic: str, status: str, lessons: tuple[str, ...] = ()) -> QuestionResult:
    return QuestionResult(item, topic, 2, f"prompt {item}", status, seconds=3.0,  # type: ignore[arg-type]
                          explanation=f"why {item}", expected="a", lessons=lessons)


RESULTS = [
    _r("bank:a", "dropout", "correct"),
    _r("bank:b", "dropout", "wrong", ("dropout-and-bn",)),
    _r("bank:c", "bn-cnn", "skipped"),
    _r("gen:t/1", "why-bn", "missed"),
    _r("bank:e", "l1-l2", "unanswered"),
]
COURSE = {"bn-cnn": ["bn-cnn"], "dropout-and-bn": ["dropout"], "beyond-bn": ["why-bn"]}


def test_score_and_topics() -> None:
    report = build_report("quiz", RESULTS, started_at=AT, seconds=40.0, ended="time-up",
                          course_topics=COURSE)
    assert (report.total, report.correct, report.answered) == (5, 1, 2)
    assert report.score == 0.25  # over the 4 asked (the one the clock cut off is missed)
    assert (report.asked, report.not_asked) == (4, 1)
    by_topic = {t.topic: (t.asked, t.correct, t.accuracy) for t in report.topics}
    # the clock ran out on why-bn: missed, so it counts; l1-l2 was left by quitting
    assert by_topic == {"bn-cnn": (1, 0, 0.0), "dropout": (2, 1, 0.5), "l1-l2": (0, 0, 0.0),
                        "why-bn": (1, 0, 0.0)}


def test_quitting_leaves_unasked_questions_out_of_topic_accuracy() -> None:
    results = [
        _r("bank:a", "dropout", "correct"),
        _r("bank:b", "dropout", "unanswered"),
        _r("bank:c", "dropout", "unanswered"),
        _r("bank:d", "bn-cnn", "unanswered"),
    ]
    report = build_report("quiz", results, started_at=AT, seconds=5.0, ended="quit")
    by_topic = {t.topic: (t.asked, t.correct, t.not_asked, t.accuracy) for t in report.topics}
    assert by_topic == {"dropout": (1, 1, 2, 1.0), "bn-cnn": (0, 0, 1, 0.0)}
    assert report.score == 1.0  # one total everywhere: the questions asked
    assert (report.asked, report.not_asked) == (1, 3)
    topics = {t["topic"]: t for t in report.to_dict()["topics"]}
    assert (topics["dropout"]["accuracy"], topics["dropout"]["not_asked"]) == (1.0, 2)


def test_time_up_counts_the_questions_it_cut_off_as_missed() -> None:
    results = [_r("bank:a", "dropout", "correct"), _r("bank:b", "dropout", "missed"),
               _r("bank:c", "dropout", "missed")]
    report = build_report("quiz", results, started_at=AT, seconds=90.0, ended="time-up")
    [topic] = report.topics
    assert (topic.asked, topic.correct, topic.not_asked) == (3, 1, 0)
    assert abs(topic.accuracy - 1 / 3) < 1e-12


def test_missed_and_revisit() -> None:
    report = build_report("quiz", RESULTS, started_at=AT, seconds=40.0, ended="time-up",
                          course_topics=COURSE)
    assert [r.item_id for r in report.missed] == ["bank:b", "bank:c", "gen:t/1"]
    # the question's own lesson first, then the course's lesson for the topic
    assert report.revisit == ["dropout-and-bn", "bn-cnn", "beyond-bn"]


def test_revisit_names_only_lessons_the_course_has() -> None:
    report = build_report("quiz", RESULTS, started_at=AT, seconds=1.0, ended="finished",
                          course_topics={"bn-cnn": ["bn-cnn"]})
    assert report.revisit == ["bn-cnn"]
    report = build_report("quiz", RESULTS, started_at=AT, seconds=1.0, ended="finished")
    assert report.revisit == ["dropout-and-bn", "bn-cnn", "beyond-bn"]  # the topic defaults


def test_json_document_and_replay() -> None:
    report = build_report("quiz", RESULTS, started_at=AT, seconds=40.0, ended="time-up",
                          seed=7, time_limit=90.0, chosen_topics=["dropout"])
    data = report.to_dict()
    assert (data["score"], data["asked"], data["not_asked"]) == (0.25, 4, 1)
    assert data["missed"] == ["bank:b", "bank:c", "gen:t/1"]
    assert data["questions"][1]["explanation"] == "why bank:b"
    assert data["started_at"] == "2024-05-01T09:00:00+00:00"
    assert report.replay() == "bntutor quiz --seed 7 --topic dropout -n 5 --time-limit 90s"
    review = build_report("review", RESULTS, started_at=AT, seconds=1.0, ended="finished")
    assert review.replay() is None
