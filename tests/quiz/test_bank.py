"""The shipped question bank: size, coverage, stable ids, and the misconceptions."""

from __future__ import annotations

from collections import Counter

from bntutor.content.course import load_course
from bntutor.content.i18n import localize
from bntutor.content.loader import load_banks
from bntutor.content.models import BankQuestion, Option, option_ids
from bntutor.quiz.source import bank_item
from bntutor.quiz.topics import TOPICS

BANKS = load_banks()
QUESTIONS = [q for bank in BANKS for q in bank.questions]


def test_at_least_180_questions_over_every_topic() -> None:
    assert len(QUESTIONS) >= 180
    per_topic = Counter(q.topic for q in QUESTIONS)
    assert set(per_topic) == set(TOPICS)
    assert min(per_topic.values()) >= 10


def test_the_lessons_to_revisit_exist() -> None:
    slugs = {entry.slug for entry in load_course().lessons}
    assert {s for lessons in TOPICS.values() for s in lessons} <= slugs
    assert {s for q in QUESTIONS for s in q.lessons} <= slugs


def test_every_topic_at_every_difficulty() -> None:
    levels = Counter((q.topic, q.difficulty) for q in QUESTIONS)
    missing = [(t, d) for t in TOPICS for d in (1, 2, 3) if not levels[(t, d)]]
    assert missing == []


def test_every_question_explains_itself_and_has_a_stable_item_id() -> None:
    ids = [q.id for q in QUESTIONS]
    assert len(set(ids)) == len(ids)
    for q in QUESTIONS:
        assert q.explanation or q.model_answer, q.id
        assert bank_item(q).item_id == f"bank:{q.id}"


def test_thirty_explain_questions_with_follow_ups() -> None:
    explain = [q for q in QUESTIONS if q.kind == "explain"]
    assert len(explain) >= 30
    assert sum(q.follow_up is not None for q in explain) >= 10
    assert {q.topic for q in explain} == set(TOPICS)


def _has_rules(q: BankQuestion) -> bool:
    """Feedback for a recognized wrong answer, or a `why` on a wrong option."""
    whys = any(isinstance(o, Option) and o.why for o in q.options or [])
    return bool(q.feedback) or whys


def test_three_quarters_carry_feedback_rules() -> None:
    assert sum(map(_has_rules, QUESTIONS)) >= 0.75 * len(QUESTIONS)
    # every answerable question does; explain questions are self-graded on a rubric
    assert [q.id for q in QUESTIONS if q.kind != "explain" and not _has_rules(q)] == []


def test_every_learner_facing_string_is_in_english_and_chinese() -> None:
    fields = ("prompt", "explanation", "hints", "options", "model_answer", "rubric")
    for q in QUESTIONS:
        texts = [getattr(q, name) for name in fields] + [f.message for f in q.feedback]
        if q.follow_up is not None:
            texts += [q.follow_up.prompt, q.follow_up.model_answer, q.follow_up.rubric]
        for text in texts:
            for one in _flatten(text):
                assert isinstance(one, dict) and set(one) == {"en", "zh"}, (q.id, one)


def _flatten(value: object) -> list[object]:
    """The LText values inside a field: options give their text and why."""
    if value is None:
        return []
    if isinstance(value, list):
        return [t for v in value for t in _flatten(v)]
    if isinstance(value, Option):
        return [value.text] + ([value.why] if value.why is not None else [])
    return [value]


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
    assert len(with_rules) >= 60


def test_kinds_are_varied() -> None:
    kinds = Counter(q.kind for q in QUESTIONS)
    assert {"choice", "multi", "numeric", "text", "expression"} <= set(kinds)


def test_the_right_option_is_not_a_tell() -> None:
    """Per bank, the key is strictly the longest option in well under 40% of its choice
    questions, in either language, and the keys are spread over the positions."""
    for bank in BANKS:
        choice = [q for q in bank.questions if q.kind == "choice"]
        if not choice:
            continue
        for lang in ("en", "zh"):
            longest = 0
            for q in choice:
                ids = option_ids(q.options)
                sizes = [len(localize(o.text if isinstance(o, Option) else o, lang))
                         for o in q.options or []]
                key = sizes[ids.index(str(q.answer))]
                longest += all(key > size for i, size in enumerate(sizes) if ids[i] != q.answer)
            assert longest <= 0.3 * len(choice), (bank.questions[0].topic, lang, longest)
        positions = Counter(option_ids(q.options).index(str(q.answer)) for q in choice)
        assert max(positions.values()) <= 0.6 * len(choice)
