"""The lesson state machine, with no I/O: events in, progress and outcomes out."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor import tutor
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Lesson

RIGHT = Verdict(correct=True, message="right")
WRONG = Verdict(correct=False, message="wrong", diagnosis="keras convention")
UNREADABLE = Verdict.unreadable("not a number")


def make_lesson(*step_ids: str) -> Lesson:
    steps: list[dict[str, Any]] = []
    for sid in step_ids:
        if sid.startswith("q"):
            steps.append(
                {
                    "id": sid,
                    "type": "question",
                    "kind": "numeric",
                    "prompt": "How much?",
                    "answer": 2.5,
                    "hints": ["first hint", "second hint"],
                    "explanation": "because",
                }
            )
        else:
            steps.append({"id": sid, "type": "text", "body": f"text of {sid}"})
    return Lesson.model_validate({"slug": "demo", "title": "Demo", "minutes": 5, "steps": steps})


LESSON = make_lesson("intro", "q1", "middle", "q2", "end")


def run(
    lesson: Lesson, progress: tutor.LessonState, *events: tutor.Event
) -> tuple[tutor.LessonState, list[tutor.Outcome]]:
    outcomes = []
    for event in events:
        progress, outcome = tutor.advance(lesson, progress, event)
        outcomes.append(outcome)
    return progress, outcomes


def answer(verdict: Verdict, text: str = "1.0", scripted: bool = False) -> tutor.Answer:
    return tutor.Answer(text=text, verdict=verdict, counted_if_unreadable=scripted)


def test_fresh_start_is_at_the_first_step() -> None:
    progress = tutor.start(LESSON)
    assert progress.current == "intro"
    assert progress.steps == {}


def test_continue_marks_a_text_step_seen_and_moves_on() -> None:
    progress, outcome = tutor.advance(LESSON, tutor.start(LESSON), tutor.Continue())
    assert outcome == tutor.Moved(done="intro", next="q1")
    assert progress.current == "q1"
    assert progress.record_of("intro").result == "seen"


def test_wrong_then_hint_then_right() -> None:
    progress = tutor.LessonState(current="q1")
    progress, first = tutor.advance(LESSON, progress, answer(WRONG))
    assert isinstance(first, tutor.Judged)
    assert (first.done, first.attempt, first.wrong_left, first.next) == (False, 1, 2, "q1")
    progress, hint = tutor.advance(LESSON, progress, tutor.Hint())
    assert hint == tutor.HintShown(index=0, number=1, total=2)
    progress, second = tutor.advance(LESSON, progress, answer(RIGHT))
    assert isinstance(second, tutor.Judged)
    assert (second.done, second.attempt, second.next) == (True, 2, "middle")
    record = progress.record_of("q1")
    assert (record.result, record.attempts, record.wrong, record.hints) == ("correct", 2, 1, 1)


def test_hints_are_progressive_and_run_out() -> None:
    hint = tutor.Hint()
    progress, outcomes = run(LESSON, tutor.LessonState(current="q1"), hint, hint, hint)
    assert outcomes == [
        tutor.HintShown(index=0, number=1, total=2),
        tutor.HintShown(index=1, number=2, total=2),
        tutor.NoMoreHints(total=2),
    ]
    assert progress.record_of("q1").hints == 2


def test_three_wrong_answers_reveal_and_move_on() -> None:
    wrong = [answer(WRONG)] * tutor.MAX_WRONG
    progress, outcomes = run(LESSON, tutor.LessonState(current="q1"), *wrong)
    last = outcomes[-1]
    assert isinstance(last, tutor.Judged)
    assert last.revealed and last.done and last.next == "middle" and last.wrong_left == 0
    assert all(isinstance(o, tutor.Judged) and not o.done for o in outcomes[:-1])
    assert progress.record_of("q1").result == "wrong"


def test_a_prediction_gets_one_guess() -> None:
    lesson = Lesson.model_validate(
        {"slug": "p", "title": "P", "minutes": 1, "steps": [
            {"id": "guess", "type": "question", "kind": "predict", "prompt": "?", "answer": 0},
            {"id": "after", "type": "text", "body": "."},
        ]}
    )
    progress, outcome = tutor.advance(lesson, tutor.LessonState("guess"), answer(WRONG))
    assert isinstance(outcome, tutor.Judged)
    assert outcome.done and outcome.revealed and outcome.next == "after"
    assert progress.record_of("guess").result == "wrong"


def test_skip_finishes_the_question_as_skipped() -> None:
    progress, outcome = tutor.advance(LESSON, tutor.LessonState(current="q1"), tutor.Skip())
    assert outcome == tutor.Skipped(step="q1", next="middle")
    assert progress.record_of("q1").result == "skipped"


def test_unreadable_answer_is_reasked_interactively_but_counted_in_scripts() -> None:
    start = tutor.LessonState(current="q1")
    progress, outcome = tutor.advance(LESSON, start, answer(UNREADABLE))
    assert outcome == tutor.Reask("not a number")
    assert progress == start
    progress, outcome = tutor.advance(LESSON, start, answer(UNREADABLE, scripted=True))
    assert isinstance(outcome, tutor.Judged) and not outcome.done
    assert progress.record_of("q1").attempts == 1


@pytest.mark.parametrize("event", [tutor.Continue(), answer(RIGHT, text="   ")])
def test_empty_answer_is_reasked(event: tutor.Event) -> None:
    start = tutor.LessonState(current="q1")
    progress, outcome = tutor.advance(LESSON, start, event)
    assert outcome == tutor.Reask(tutor.EMPTY_ANSWER)
    assert progress == start


def test_quit_help_and_unknown_commands_change_nothing() -> None:
    start = tutor.LessonState(current="q1")
    for line, expected in [(":quit", tutor.Quit()), (":help", tutor.Help())]:
        event = tutor.parse_command(line)
        assert event is not None
        assert tutor.advance(LESSON, start, event) == (start, expected)
    unknown = tutor.parse_command(":hnt")
    progress, outcome = tutor.advance(LESSON, start, unknown)  # type: ignore[arg-type]
    assert progress == start
    assert outcome == tutor.Unknown(":hnt")


def test_show_and_back_change_nothing_and_name_the_data() -> None:
    lesson = Lesson.model_validate({"slug": "d", "title": "D", "minutes": 5, "steps": [
        {"id": "batch", "type": "compute", "computation": "bn_column"},
        {"id": "talk", "type": "text", "body": "words"},
        {"id": "q1", "type": "question", "kind": "numeric", "prompt": "p", "answer": 1},
        {"id": "other", "type": "compute", "computation": "bn_column"},
        {"id": "q2", "type": "question", "kind": "numeric", "prompt": "p", "answer": 1,
         "context": ["batch", "talk"]},
    ]})
    at_q1 = tutor.LessonState(current="q1")
    # without a declared context: the latest compute step before the question
    assert tutor.advance(lesson, at_q1, tutor.Show()) == (at_q1, tutor.ShowContext(("batch",)))
    assert tutor.advance(lesson, at_q1, tutor.Back()) == (at_q1, tutor.Back())
    # a declared context wins over the nearer compute step
    at_q2 = tutor.LessonState(current="q2")
    assert tutor.advance(lesson, at_q2, tutor.Show())[1] == tutor.ShowContext(("batch", "talk"))
    assert tutor.context_ids(lesson, "batch") == []  # nothing computed before the first step


def test_start_at_a_step_keeps_other_records_and_asks_it_afresh() -> None:
    saved = tutor.LessonState(current="middle", steps={
        "intro": tutor.StepRecord(result="seen"),
        "q1": tutor.StepRecord(result="correct", attempts=1),
    })
    progress = tutor.start_at(LESSON, "q1", saved)
    assert progress.current == "q1"
    assert set(progress.steps) == {"intro"}
    assert tutor.start_at(LESSON, "q2").current == "q2"
    with pytest.raises(ValueError):
        tutor.start_at(LESSON, "nope")


def test_the_next_open_step_is_taken_whatever_its_id() -> None:
    # started at "middle" (--step): "intro" is still open, and the step after has id ""
    lesson = make_lesson("intro", "middle", "", "end")
    progress, outcome = tutor.advance(lesson, tutor.start_at(lesson, "middle"), tutor.Continue())
    assert outcome == tutor.Moved(done="middle", next="")
    assert progress.current == ""


def test_parse_command_only_takes_colon_words() -> None:
    assert tutor.parse_command("  :HINT ") == tutor.Hint()
    assert tutor.parse_command(":skip") == tutor.Skip()
    assert tutor.parse_command("2.5") is None
    assert tutor.parse_command("") is None
    # the short forms, the same in lessons, quizzes and review
    for line, event in [(":q", tutor.Quit()), (":h", tutor.Help()), (":?", tutor.Help()),
                        (":show", tutor.Show()), (":S", tutor.Show()), (":back", tutor.Back()),
                        (":b", tutor.Back())]:
        assert tutor.parse_command(line) == event
    assert tutor.parse_command(":x + 1") is None  # several words after an unknown ':': an answer
    assert tutor.parse_command(":nope") == tutor.Unknown(":nope")


def test_hint_at_a_text_step_has_nothing_to_show() -> None:
    progress, outcome = tutor.advance(LESSON, tutor.start(LESSON), tutor.Hint())
    assert outcome == tutor.NoMoreHints(total=0)
    assert progress.current == "intro"


def test_last_step_finishes_the_lesson() -> None:
    progress, outcome = tutor.advance(LESSON, tutor.LessonState(current="end"), tutor.Continue())
    # earlier steps are still open, so play wraps to the first open one
    assert outcome == tutor.Moved(done="end", next="intro")
    done = {sid: tutor.StepRecord(result="seen") for sid in ("intro", "middle")}
    done |= {"q1": tutor.StepRecord(result="correct", attempts=1), "q2": tutor.StepRecord("wrong")}
    progress, outcome = tutor.advance(LESSON, tutor.LessonState("end", done), tutor.Continue())
    assert outcome == tutor.Moved(done="end", next=None)
    assert tutor.finished(progress)


def test_resume_follows_the_step_id_after_a_reorder() -> None:
    saved = tutor.LessonState(
        current="q2",
        steps={"intro": tutor.StepRecord("seen"), "q1": tutor.StepRecord("correct", attempts=1)},
    )
    reordered = make_lesson("q2", "intro", "end", "q1", "middle")
    assert tutor.start(reordered, saved).current == "q2"


def test_resume_at_a_vanished_step_goes_to_the_first_unfinished() -> None:
    saved = tutor.LessonState(
        current="gone",
        steps={"intro": tutor.StepRecord("seen"), "gone": tutor.StepRecord("seen")},
    )
    progress = tutor.start(LESSON, saved)
    assert progress.current == "q1"
    assert "gone" not in progress.steps


def test_restart_forgets_everything() -> None:
    saved = tutor.LessonState(current="q2", steps={"intro": tutor.StepRecord("seen")})
    assert tutor.start(LESSON, saved, restart=True) == tutor.LessonState(current="intro")


def test_score_counts_results_and_hints() -> None:
    steps = {
        "intro": tutor.StepRecord("seen"),
        "q1": tutor.StepRecord("correct", attempts=2, wrong=1, hints=1),
        "q2": tutor.StepRecord("skipped", hints=2),
    }
    result = tutor.score(LESSON, tutor.LessonState(current="middle", steps=steps))
    assert result == tutor.Score(
        questions=2, correct=1, first_try=0, wrong=0, skipped=1, hints=3, steps_done=3, steps=5
    )


EVENTS = st.sampled_from(
    [tutor.Continue(), tutor.Hint(), tutor.Skip(), tutor.Help(), answer(RIGHT), answer(WRONG)]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(EVENTS, min_size=1, max_size=40))
def test_any_event_sequence_keeps_the_invariants(events: list[tutor.Event]) -> None:
    progress = tutor.start(LESSON)
    for event in events:
        if tutor.finished(progress):
            break
        before = progress.record_of(progress.current or "")
        results_before = {sid: r.result for sid, r in progress.steps.items() if r.done}
        progress, outcome = tutor.advance(LESSON, progress, event)
        # a finished step is never reopened or changed
        assert all(progress.steps[sid].result == res for sid, res in results_before.items())
        for record in progress.steps.values():
            assert record.wrong <= tutor.MAX_WRONG
            assert record.hints <= 2
        if isinstance(outcome, tutor.Judged) and not outcome.done:
            assert progress.current == outcome.next
            assert progress.record_of(outcome.next or "").attempts == before.attempts + 1
        assert progress.current is None or not progress.record_of(progress.current).done
    assert progress.current is None or progress.current in tutor.step_ids(LESSON)


def test_a_near_miss_is_asked_again_even_in_scripts() -> None:
    near = Verdict.near_miss("did you mean 'unbiased'?")
    start = tutor.LessonState(current="q1")
    progress, outcome = tutor.advance(LESSON, start, answer(near, "unbaised", scripted=True))
    assert progress == start
    assert outcome == tutor.Reask("did you mean 'unbiased'?")
    # other unreadable answers still count in scripts
    progress, outcome = tutor.advance(LESSON, start, answer(UNREADABLE, "zzz", scripted=True))
    assert isinstance(outcome, tutor.Judged) and progress.record_of("q1").wrong == 1
