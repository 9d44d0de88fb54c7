"""`bntutor quiz` and `bntutor review` through the error boundary, scripted with
--answers files; reports checked as --json documents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bntutor.checking.answering import Answering
from bntutor.cli._quiz_run import load_content, review_seed
from bntutor.content.i18n import localize
from bntutor.content.models import option_ids
from bntutor.quiz.selection import choose_items
from bntutor.quiz.topics import TOPICS
from bntutor.store.store import Store

from .scripted import (
    answers_file,
    bntutor,
    explain_lines,
    right_answers,
    shown_right_answers,
    use_home,
)

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "quiz" / "lessons"
DAY1 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS),
                    BNTUTOR_NOW=DAY1.isoformat())


def test_all_right_gives_full_score_and_cards(home: Path, tmp_path: Path) -> None:
    answers = right_answers(seed=11, n=6)
    ran = bntutor("quiz", "--seed", "11", "-n", "6", "--answers", answers_file(tmp_path, *answers),
                  "--json")
    assert ran.code == 0, ran.err
    report = ran.json()
    assert report["total"] == 6 and report["correct"] == 6 and report["score"] == 1.0
    assert report["ended"] == "finished" and report["missed"] == [] and report["revisit"] == []
    assert all(q["status"] == "correct" for q in report["questions"])
    assert sum(t["asked"] for t in report["topics"]) == 6
    with Store.open(home) as store:
        assert store.card_count() == 6
        assert store.attempt_count() == 6
        (quiz,) = store.quiz_history()
        assert (quiz.n_questions, quiz.n_correct) == (6, 6)
        # right, fast, no hints -> Easy: nothing due the same day
        assert store.due_cards(DAY1 + timedelta(hours=12)) == []


def test_misses_are_explained_and_point_to_lessons(home: Path, tmp_path: Path) -> None:
    answers = right_answers(seed=4, n=4, topics=("dropout",))
    lines = [":hint", answers[0], ":skip", "999999", answers[3]]
    ran = bntutor("quiz", "--topic", "dropout", "--seed", "4", "-n", "4",
                  "--answers", answers_file(tmp_path, *lines), "--json")
    assert ran.code == 0, ran.err
    report = ran.json()
    statuses = [q["status"] for q in report["questions"]]
    assert statuses == ["correct", "skipped", "wrong", "correct"]
    first = load_content().source.get(report["questions"][0]["item_id"]).question
    assert report["questions"][0]["hints"] == min(1, len(first.hints))
    missed = [q for q in report["questions"] if q["item_id"] in report["missed"]]
    assert len(missed) == 2 and all(q["explanation"] and q["expected"] for q in missed)
    assert report["revisit"] == ["mini-dropout"]  # the fixture course's dropout lesson
    assert report["topics"] == [{"topic": "dropout", "asked": 4, "correct": 2, "not_asked": 0,
                                 "accuracy": 0.5}]


def test_same_seed_same_quiz(home: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, *[":skip"] * 5)
    first = bntutor("quiz", "--seed", "99", "-n", "5", "--answers", path, "--json").json()
    second = bntutor("quiz", "--seed", "99", "-n", "5", "--answers", path, "--json").json()
    assert [q["item_id"] for q in first["questions"]] == [
        q["item_id"] for q in second["questions"]
    ]
    assert [q["prompt"] for q in first["questions"]] == [q["prompt"] for q in second["questions"]]
    assert [q["options"] for q in first["questions"]] == [q["options"] for q in second["questions"]]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_answering_the_first_option_everywhere_gets_few_choice_questions_right(
    home: Path, tmp_path: Path, seed: int
) -> None:
    """Position carries no information: 'a' to all 40 questions of the shipped bank."""
    ran = bntutor("quiz", "--seed", str(seed), "-n", "40", "--answers",
                  answers_file(tmp_path, *["a"] * 200), "--json")  # explain ones read more
    assert ran.code == 0, ran.err
    source = load_content().source
    choice = [q for q in ran.json()["questions"]
              if source.get(q["item_id"]).question.kind == "choice"]
    assert len(choice) >= 10
    right = [q for q in choice if q["status"] == "correct"]
    assert all(q["chosen"] == [q["options"][0]] for q in choice)  # "a" is the first shown
    assert len(right) <= 0.4 * len(choice), (len(right), len(choice))


def test_the_transcript_names_the_options_shown_and_chosen(home: Path, tmp_path: Path) -> None:
    answers = right_answers(seed=8, n=12)
    report = bntutor("quiz", "--seed", "8", "-n", "12", "--answers",
                     answers_file(tmp_path, *answers), "--json").json()
    source, answering = load_content().source, Answering()
    choices = 0
    for q in report["questions"]:
        item = source.get(q["item_id"])
        if item.question.kind not in ("choice", "multi"):
            assert q["options"] == [] and q["chosen"] == []
            continue
        choices += 1
        assert sorted(q["options"]) == sorted(option_ids(item.question.options))
        expected = answering.resolve(item.question).expected
        assert sorted(q["chosen"]) == sorted(expected if isinstance(expected, list) else [expected])
        assert q["status"] == "correct"
    assert choices >= 3


def test_input_ending_early_saves_and_exits_130(home: Path) -> None:
    answers = right_answers(seed=2, n=3)
    ran = bntutor("quiz", "--seed", "2", "-n", "3", input=answers[0] + "\n")  # stdin, not a tty
    assert ran.code == 130
    assert "quiz stopped: 1 of 3 answered and saved" in ran.err
    assert "bntutor quiz --seed 2 -n 3" in ran.err
    assert "Traceback" not in ran.out + ran.err
    with Store.open(home) as store:
        assert store.attempt_count() == 1 and store.card_count() == 1
        assert store.quiz_history()[0].n_questions == 1  # asked, as in the report
        assert len(store.quiz_history()[0].topics) == 1  # only the asked question's topic


def test_quit_shows_the_report(home: Path, tmp_path: Path) -> None:
    answers = right_answers(seed=3, n=3)
    ran = bntutor("quiz", "--seed", "3", "-n", "3", "--answers",
                  answers_file(tmp_path, answers[0], ":quit"))
    assert ran.code == 0, ran.err
    assert "Quiz report" in ran.out and "1/1 correct (100%)" in ran.out
    assert "(2 not asked)" in ran.out
    assert "stopped early" in ran.out


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["--topic", "nope"], 5, "unknown topic 'nope'"),
        (["--time-limit", "soon"], 2, "cannot read 'soon' as a duration"),
        (["--time-limit", "5"], 2, "duration '5' has no unit (--time-limit); write 5m for "
                                   "minutes or 5s for seconds"),
        (["-n", "0"], 2, "cannot ask 0 questions"),
        (["--difficulty", "4"], 2, "unknown difficulty 4"),
        (["--answers", "/no/such/file"], 2, "cannot read the answers file"),
    ],
)
def test_bad_options_are_one_line_errors(home: Path, args: list[str], code: int,
                                         text: str) -> None:
    ran = bntutor("quiz", *args)
    assert ran.code == code
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bntutor: error: ") and text in lines[0]
    if "topic" in text:
        assert all(t in lines[0] for t in TOPICS)


def test_a_time_limit_without_a_unit_is_refused_in_the_learners_language(home: Path) -> None:
    ran = bntutor("--lang", "zh", "quiz", "--time-limit", "5")
    assert ran.code == 2
    assert ran.err.strip() == "bntutor: error: 时长 '5' 没有单位 (--time-limit); 分钟写 5m，秒写 5s"


def test_bad_clock_is_named(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BNTUTOR_NOW", "yesterday")
    ran = bntutor("review")
    assert ran.code == 2 and "BNTUTOR_NOW" in ran.err


def test_review_next_day_asks_what_was_missed(home: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    answers = right_answers(seed=8, n=4)
    lines = [answers[0], "999999", answers[2], ":skip"]
    quiz = bntutor("quiz", "--seed", "8", "-n", "4", "--answers", answers_file(tmp_path, *lines),
                   "--json").json()
    missed = [q["item_id"] for q in quiz["questions"] if q["status"] != "correct"]
    if quiz["questions"][1]["status"] == "correct":  # "999999" happened to be right
        missed.remove(quiz["questions"][1]["item_id"])
    assert missed

    monkeypatch.setenv("BNTUTOR_NOW", (DAY1 + timedelta(days=1)).isoformat())
    with Store.open(home) as store:  # the review shows its own option orders
        seed = review_seed(store)
    due_file = answers_file(tmp_path, *shown_right_answers(seed, missed, fresh=True),
                            name="due.txt")
    review = bntutor("review", "--answers", due_file, "--json")
    assert review.code == 0, review.err
    document = review.json()
    assert document["kind"] == "review"
    assert sorted(q["item_id"] for q in document["questions"]) == sorted(missed)
    assert all(q["status"] == "correct" for q in document["questions"])

    again = bntutor("review")
    assert again.code == 0 and "Nothing is due for review" in again.out


def test_review_asks_lesson_questions(home: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from bntutor.quiz.scheduler import record_answer

    with Store.open(home) as store:  # a lesson question answered wrongly: due in minutes
        record_answer(store, "lesson:mini-dropout/q-scale", "dropout", False, 0, 5.0, DAY1)
    monkeypatch.setenv("BNTUTOR_NOW", (DAY1 + timedelta(hours=1)).isoformat())
    ran = bntutor("review", "--answers", answers_file(tmp_path, "3"), "--json")
    assert ran.code == 0, ran.err
    (question,) = ran.json()["questions"]
    assert question["item_id"] == "lesson:mini-dropout/q-scale"
    assert question["status"] == "wrong" and question["expected"] == "2"
    assert ran.json()["revisit"] == ["mini-dropout"]


def test_review_runs_a_lesson_predictions_reveal_as_the_lesson_does(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bntutor.quiz.scheduler import record_answer

    course = Path(__file__).resolve().parent.parent / "fixtures" / "content" / "good" / "lessons"
    monkeypatch.setenv("BNTUTOR_LESSONS", str(course))
    with Store.open(home) as store:  # the lesson's "predict, then run" question, missed
        record_answer(store, "lesson:column-stats/q-predict", "bn-mechanics", False, 0, 5.0, DAY1)
    monkeypatch.setenv("BNTUTOR_NOW", (DAY1 + timedelta(hours=1)).isoformat())
    ran = bntutor("--no-color", "review", "--answers", answers_file(tmp_path, "0"))
    assert ran.code == 0, ran.err
    lines = [line.rstrip() for line in ran.out.splitlines()]
    # x_hat of 7 in [1, 3, 5, 7]: (7 - 4) / sqrt(5 + 1e-5)
    largest = f"{(7 - 4) / (5 + 1e-5) ** 0.5:.4f}"
    verdict = lines.index(f"✗ Far off: your guess was 0, the result is {largest}.")
    # its context (the batch) before the question, as the lesson showed it
    context = next(i for i, line in enumerate(lines) if "the data this question works with" in line)
    assert context < lines.index("Guess the largest normalized value of feature 1.") < verdict
    step_by_step = lines.index("feature 1, step by step", verdict)  # the reveal, run live
    report = next(i for i, line in enumerate(lines) if line.startswith("Review done ─"))
    assert verdict < step_by_step < report
    assert lines[step_by_step + 6].split() == ["sample", "4", "7", largest, largest]


def test_review_with_no_cards(home: Path) -> None:
    ran = bntutor("review")
    assert ran.code == 0 and "No review cards yet" in ran.out
    ran = bntutor("review", "--json")
    assert ran.json() == {"kind": "review", "due": 0, "cards": 0, "next_due": None}


def explain_quiz_seed() -> tuple[int, Any]:
    """The first seed whose one-question quiz asks an explain question with a follow-up."""
    source = load_content().source
    for seed in range(1000):
        (item_id,) = choose_items(source.bank_items(), [], None, 1, seed)
        question = source.get(item_id).question
        if question.kind == "explain" and question.follow_up is not None:
            return seed, question
    raise AssertionError("the bank has no explain question with a follow-up")


def _marks(count: int, pattern: str) -> str:
    return " ".join((pattern * count)[:count])


@pytest.mark.parametrize(("pattern", "due_same_day"), [("n", True), ("yn", True), ("y", False)])
def test_an_explain_question_is_answered_marked_and_scheduled_from_a_file(
    home: Path, tmp_path: Path, pattern: str, due_same_day: bool
) -> None:
    seed, question = explain_quiz_seed()
    first, follow = len(question.rubric), len(question.follow_up.rubric)
    lines = ["BN normalizes with batch statistics.", _marks(first, pattern),
             "Use GroupNorm.", _marks(follow, pattern)]
    ran = bntutor("quiz", "--seed", str(seed), "-n", "1", "--answers",
                  answers_file(tmp_path, *lines), "--json")
    assert ran.code == 0, ran.err
    (q,) = ran.json()["questions"]
    wanted = [[ch == "y" for ch in (pattern * n)[:n]] for n in (first, follow)]
    assert q["marks"] == wanted
    assert q["points"] == [sum(map(sum, wanted)), first + follow]
    assert q["status"] == ("correct" if pattern == "y" else "wrong")
    with Store.open(home) as store:
        assert store.card_count() == 1
        # none: Again and some: Hard come back soon; all, quickly: Easy waits for days
        assert bool(store.due_cards(DAY1 + timedelta(hours=12))) is due_same_day
        if pattern == "yn":
            assert not store.due_cards(DAY1 + timedelta(minutes=1))  # Hard is not Again


def test_review_asks_an_explain_card_and_records_its_marks(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed, question = explain_quiz_seed()
    lines = ["An answer.", _marks(len(question.rubric), "n"), ":skip"]
    bntutor("quiz", "--seed", str(seed), "-n", "1", "--answers", answers_file(tmp_path, *lines))
    monkeypatch.setenv("BNTUTOR_NOW", (DAY1 + timedelta(days=1)).isoformat())
    review = bntutor("review", "--json", "--answers",
                     answers_file(tmp_path, explain_lines(question), name="due.txt"))
    assert review.code == 0, review.err
    document = review.json()
    (q,) = document["questions"]
    assert q["status"] == "correct" and q["points"] == [q["points"][1]] * 2
    # every point covered: Easy, so the card waits days; the review says until when
    assert document["next_due"] > (DAY1 + timedelta(days=2)).isoformat()


def test_a_generated_card_comes_back_with_new_numbers_each_review(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = load_content().source
    seed = next(s for s in range(1000)
                if choose_items(source.bank_items(), ["dropout"], None, 2, s)[1].startswith("gen:"))
    ids = choose_items(source.bank_items(), ["dropout"], None, 2, seed)
    quiz = bntutor("quiz", "--topic", "dropout", "--seed", str(seed), "-n", "2", "--answers",
                   answers_file(tmp_path, ":skip", ":skip"), "--json").json()
    first_prompt = quiz["questions"][1]["prompt"]
    prompts = []
    for day in (1, 2, 3):  # a skip is Again: the card is due again the next day
        monkeypatch.setenv("BNTUTOR_NOW", (DAY1 + timedelta(days=day)).isoformat())
        review = bntutor("review", "--json", "--answers",
                         answers_file(tmp_path, ":skip", ":skip", name=f"r{day}.txt")).json()
        (asked,) = [q for q in review["questions"] if q["item_id"] == ids[1]]
        prompts.append(asked["prompt"])
    assert len({first_prompt, *prompts}) == 4, prompts  # new numbers every time


def test_a_skipped_explain_question_still_shows_its_model_answer(home: Path,
                                                                 tmp_path: Path) -> None:
    seed, question = explain_quiz_seed()
    ran = bntutor("quiz", "--seed", str(seed), "-n", "1",
                  "--answers", answers_file(tmp_path, ":skip"))
    assert ran.code == 0, ran.err
    words = " ".join(localize(question.model_answer, "en").split())
    screen = " ".join(ran.out.split())
    assert screen.count(words[:40]) >= 2  # after the skip, and in the report's list
    assert " ".join(localize(question.follow_up.rubric[0], "en").split())[:30] in screen
    as_json = bntutor("quiz", "--seed", str(seed), "-n", "1", "--json",
                      "--answers", answers_file(tmp_path, ":skip", name="b.txt"))
    (q,) = as_json.json()["questions"]
    assert q["status"] == "skipped"
    assert q["expected"].startswith(localize(question.model_answer, "en")[:20])
