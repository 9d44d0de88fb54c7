from __future__ import annotations

from bntutor.quiz.mastery import MIN_ANSWERS, RECENT, topic_mastery


def test_mastery_uses_recent_answers_and_a_floor() -> None:
    rows = {m.topic: m for m in topic_mastery(
        {"dropout": (30, 20), "bn-cnn": (1, 1), "custom": (2, 0)},
        {"dropout": [True] * 15 + [False] * 15, "bn-cnn": [True], "custom": [False, False]},
        topics=["dropout", "bn-cnn", "why-bn"],
    )}
    assert list(rows) == ["dropout", "bn-cnn", "why-bn", "custom"]
    assert rows["dropout"].recent == RECENT and rows["dropout"].mastery == 15 / RECENT
    assert rows["bn-cnn"].mastery == 1 / MIN_ANSWERS  # one lucky answer is not mastery
    assert rows["why-bn"].answers == 0 and rows["why-bn"].mastery == 0
    assert rows["custom"].to_dict() == {"topic": "custom", "answers": 2, "correct": 0,
                                        "mastery": 0.0, "counted": 2, "needed": MIN_ANSWERS}
