"""The shipped question bank: size, coverage, stable ids, and the misconceptions."""

from __future__ import annotations

from collections import Counter

from bntutor.content.loader import load_banks
from bntutor.quiz.source import bank_item
from bntutor.quiz.topics import DEFAULT_LESSONS, TOPIC_NAMES, TOPICS

QUESTIONS = [q for bank in load_banks() for q in bank.questions]


def test_at_least_eighty_questions_over_every_topic() -> None:
    assert len(QUESTIONS) >= 80
    per_topic = Counter(q.topic for q in QUESTIONS)
    assert set(per_topic) == set(TOPICS)
    assert min(per_topic.values()) >= 8
    assert set(DEFAULT_LESSONS) == set(TOPICS)


def test_every_topic_at_every_difficulty_with_a_name_in_both_languages() -> None:
    levels = Counter((q.topic, q.difficulty) for q in QUESTIONS)
    missing = [(t, d) for t in TOPICS for d in (1, 2, 3) if not levels[(t, d)]]
    assert missing == []
    assert set(TOPIC_NAMES) == set(TOPICS)
    assert all(name["en"] and name["zh"] for name in TOPIC_NAMES.values())


def test_every_question_explains_itself_and_has_a_stable_item_id() -> None:
    ids = [q.id for q in QUESTIONS]
    assert len(set(ids)) == len(ids)
    for q in QUESTIONS:
        assert q.explanation, q.id
        assert bank_item(q).item_id == f"bank:{q.id}"


def test_classic_misconceptions_have_feedback_rules() -> None:
    with_rules = {q.id for q in QUESTIONS if q.feedback}
    for qid in (
        "bn-train-uses-batch-stats",   # training uses the moving average
        "pit-no-grad-updates",         # no_grad freezes BN
        "pit-keras-trainable-false",   # trainable=False only freezes gamma/beta
        "tvi-torch-momentum-rule",     # PyTorch vs Keras momentum
        "tvi-port-momentum",
        "tvi-stored-var",              # biased vs unbiased running variance
        "pit-similar-images",          # "this is normal"
        "why-santurkar",               # BN works by removing covariate shift
        "wd-adam-vs-adamw",            # Adam's weight_decay is AdamW's
    ):
        assert qid in with_rules, qid
    assert len(with_rules) >= 30


def test_kinds_are_varied() -> None:
    kinds = Counter(q.kind for q in QUESTIONS)
    assert {"choice", "multi", "numeric", "text", "expression"} <= set(kinds)
