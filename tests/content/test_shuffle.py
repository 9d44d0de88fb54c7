"""Options in a seeded order: ids kept, the same key the same order, no position favoured."""

from __future__ import annotations

from collections import Counter

from bntutor.checking.choice import check_choice
from bntutor.content.models import BankQuestion, Option, option_ids
from bntutor.content.shuffle import OptionOrder, lesson_key, quiz_key, shuffle_options

QUESTION = BankQuestion(
    id="eval-stats", topic="bn-mechanics", kind="choice", prompt="In eval mode BN uses?",
    options=["the batch statistics", Option(text="the running statistics"),
             Option(id="nothing", text="nothing", why="BN always normalizes."), "the weights"],
    answer="b",
)


def test_the_same_key_gives_the_same_order_and_every_option_keeps_its_id() -> None:
    one = shuffle_options(QUESTION, quiz_key(7, "bank:eval-stats"))
    again = shuffle_options(QUESTION, quiz_key(7, "bank:eval-stats"))
    assert one.options == again.options
    assert sorted(option_ids(one.options)) == ["a", "b", "d", "nothing"]
    texts = {i: o.text for i, o in zip(option_ids(one.options), one.options or [], strict=True)
             if isinstance(o, Option)}
    assert texts["b"] == "the running statistics" and texts["nothing"] == "nothing"
    assert QUESTION.options is not None and QUESTION.options[0] == "the batch statistics"


def test_the_learner_answers_with_the_letter_shown() -> None:
    shown = shuffle_options(QUESTION, quiz_key(3, "bank:eval-stats"))
    letter = "abcd"[option_ids(shown.options).index("b")]
    assert check_choice(letter, shown.answer, shown.options or []).correct
    wrong = "abcd"[option_ids(shown.options).index("nothing")]
    assert check_choice(wrong, shown.answer, shown.options or []).diagnosis == (
        "BN always normalizes."
    )


def test_the_right_option_lands_on_every_letter_about_equally() -> None:
    seen = Counter(
        option_ids(shuffle_options(QUESTION, quiz_key(seed, "bank:eval-stats")).options).index("b")
        for seed in range(2000)
    )
    assert sorted(seen) == [0, 1, 2, 3]
    assert all(400 <= count <= 600 for count in seen.values()), seen


def test_lesson_runs_draw_new_orders() -> None:
    orders = {
        tuple(option_ids(shuffle_options(QUESTION, lesson_key("bn", "q", run)).options))
        for run in range(20)
    }
    assert len(orders) > 5


def test_a_quiz_deals_the_right_letter_evenly_and_reproducibly() -> None:
    items = [(f"bank:q{i}", QUESTION.model_copy(update={"id": f"q{i}"})) for i in range(40)]
    for seed in range(5):
        first = [option_ids(OptionOrder(seed).show(*item).options) for item in items[:1]]
        order, again = OptionOrder(seed), OptionOrder(seed)
        shown = [option_ids(order.show(*item).options) for item in items]
        assert shown == [option_ids(again.show(*item).options) for item in items]
        assert shown[:1] == first
        right_letters = Counter(ids.index("b") for ids in shown)
        assert right_letters == {0: 10, 1: 10, 2: 10, 3: 10}
