"""The lesson loop on the rich screen, with a fake answering service and a fake recorder:
what is shown, what is saved."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.text import Text

from bntutor import tutor
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Lesson, QuestionStep
from bntutor.player.lesson import LessonPlayer
from bntutor.ui.lesson_screen import LessonScreen
from bntutor.ui.prompt import ScriptedSource, TerminalSource

LESSON = Lesson.model_validate(
    {
        "slug": "fake",
        "title": {"en": "Fake lesson", "zh": "假课"},
        "minutes": 2,
        "steps": [
            {"id": "intro", "type": "text", "body": "Intro with $\\gamma$."},
            {"id": "run", "type": "compute", "computation": "anything", "after": "after text"},
            {
                "id": "q",
                "type": "question",
                "kind": "choice",
                "prompt": "Pick one",
                "options": ["first", {"text": "second"}],
                "answer": "b",
                "hints": ["not the first"],
                "explanation": "because it is second",
            },
            {
                "id": "guess",
                "type": "question",
                "kind": "predict",
                "prompt": "Guess",
                "answer": 0,
                "reveal": {"computation": "shown-after", "args": {"n": 1}},
            },
            {"id": "end", "type": "text", "body": "Bye."},
        ],
    }
)


@dataclass
class FakeRecorder:
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def step_done(
        self, step_id: str, result: tutor.Result, next_id: str | None, hints: int, seconds: float
    ) -> None:
        self.calls.append(("step", step_id, result, next_id, hints))

    def attempt(
        self, step_id: str, answer: str, verdict: Verdict, hints: int, seconds: float
    ) -> None:
        self.calls.append(("attempt", step_id, answer, verdict.correct, hints))

    def question_done(self, step_id: str, correct: bool, hints: int, seconds: float) -> None:
        self.calls.append(("card", step_id, correct, hints))

    def lesson_done(self) -> None:
        self.calls.append(("finished",))


def check(step: QuestionStep, text: str) -> Verdict:
    if step.kind == "predict":
        return Verdict(correct=text.strip() == "0", message=f"the result is {step.answer}")
    if text.strip() not in ("a", "b"):
        return Verdict.unreadable("answer with a letter, a or b")
    return Verdict(correct=text.strip() == step.answer, message="checked")


def compute(name: str, args: dict[str, Any]) -> Text:
    return Text(f"COMPUTED {name} {args}")


class Answers:
    def check(self, step: QuestionStep, text: str) -> Verdict:
        return check(step, text)

    def reveal(self, step: QuestionStep) -> str:
        return "b) second"


def screen(console: Console, lines: str, lang: str = "en",
           run: Any = compute) -> LessonScreen:
    return LessonScreen(console, ScriptedSource(io.StringIO(lines), console), run, lang)


def play(
    lines: str, progress: tutor.LessonState | None = None, lang: str = "en"
) -> tuple[Any, str, FakeRecorder]:
    out = io.StringIO()
    console = Console(file=out, width=80, no_color=True)
    recorder = FakeRecorder()
    ticks = iter(range(1000))
    player = LessonPlayer(
        LESSON, 4, io=screen(console, lines, lang), answers=Answers(), recorder=recorder,
        lang=lang, clock=lambda: float(next(ticks)),
    )
    result = player.play(progress or tutor.start(LESSON))
    return result, out.getvalue(), recorder


def test_a_whole_lesson_is_shown_and_saved_step_by_step() -> None:
    result, shown, recorder = play("a\n:hint\nb\n3\n")
    assert result.ending == "completed"
    for text in ("Lesson 4: Fake lesson", "step 1 of 5", "Intro with γ.", "COMPUTED anything",
                 "after text", "a) first", "b) second", "hint 1/1: not the first",
                 "because it is second", "Bye."):
        assert text in shown, text
    assert shown.index("✗") < shown.index("hint 1/1") < shown.index("✓")
    assert recorder.calls == [
        ("step", "intro", "seen", "run", 0),
        ("step", "run", "seen", "q", 0),
        ("attempt", "q", "a", False, 0),
        ("attempt", "q", "b", True, 1),
        ("step", "q", "correct", "guess", 1),
        ("card", "q", False, 1),  # right only after a wrong try: reviewed again soon
        ("attempt", "guess", "3", False, 0),
        ("step", "guess", "wrong", "end", 0),  # one guess only
        ("card", "guess", False, 0),
        ("step", "end", "seen", None, 0),
        ("finished",),
    ]
    assert [s["id"] for s in result.transcript] == ["intro", "run", "q", "guess", "end"]
    # the prediction's computation is shown once the guess is in, before the last step
    assert shown.index("the result is 0") < shown.index("COMPUTED shown-after {'n': 1}")
    assert shown.index("COMPUTED shown-after") < shown.index("Bye.")
    assert result.transcript[2]["answers"][1] == {
        "answer": "b", "correct": True, "readable": True, "message": "checked",
    }


def test_skip_reveals_the_answer_and_makes_a_card() -> None:
    result, shown, recorder = play(":skip\n:skip\n")
    assert "skipped; the answer: b) second" in shown
    assert "COMPUTED shown-after" in shown  # a skipped prediction still shows the run
    assert ("card", "q", False, 0) in recorder.calls
    assert result.state.record_of("q").result == "skipped"


def test_end_of_input_stops_at_the_question() -> None:
    result, shown, recorder = play("")
    assert result.ending == "eof"
    assert result.state.current == "q"
    assert ("finished",) not in recorder.calls


def test_quit_keeps_the_place() -> None:
    result, _, recorder = play(":quit\n")
    assert result.ending == "quit"
    assert result.state.current == "q"
    assert recorder.calls[-1] == ("step", "run", "seen", "q", 0)


def test_unreadable_answers_count_as_wrong_in_scripts() -> None:
    result, shown, recorder = play("zzz\nb\n0\n")
    assert "answer with a letter, a or b" in shown
    attempts = [c for c in recorder.calls if c[0] == "attempt" and c[1] == "q"]
    assert [c[3] for c in attempts] == [False, True]


def test_three_wrong_answers_reveal_and_move_on() -> None:
    result, shown, recorder = play("a\na\na\n0\n")
    assert result.ending == "completed"
    assert "the answer: b) second" in shown
    assert ("step", "q", "wrong", "guess", 0) in recorder.calls


def test_ctrl_c_ends_play_as_interrupted() -> None:
    def interrupt(name: str, args: dict[str, Any]) -> Text:
        raise KeyboardInterrupt

    out = io.StringIO()
    console = Console(file=out, width=80)
    recorder = FakeRecorder()
    player = LessonPlayer(LESSON, 1, io=screen(console, "", run=interrupt), answers=Answers(),
                          recorder=recorder)
    result = player.play(tutor.start(LESSON))
    assert result.ending == "interrupted"
    assert result.state.current == "run"
    assert recorder.calls == [("step", "intro", "seen", "run", 0)]


def test_resumed_progress_starts_at_its_step_with_a_note() -> None:
    seen = tutor.StepRecord("seen")
    saved = tutor.LessonState(current="q", steps={"intro": seen, "run": seen})
    result, shown, _ = play("b\n0\n", tutor.start(LESSON, saved))
    assert "Intro with" not in shown and "COMPUTED anything" not in shown
    assert "step 3 of 5" in shown
    assert result.ending == "completed"


def test_a_step_left_open_earlier_is_played_after_the_last() -> None:
    saved = tutor.LessonState(current="q", steps={"intro": tutor.StepRecord("seen")})
    result, shown, _ = play("b\n0\n", tutor.start(LESSON, saved))
    assert shown.index("Bye.") < shown.index("COMPUTED anything")
    assert result.ending == "completed"


def test_chinese_title_with_english_fallback() -> None:
    _, shown, _ = play("b\n", lang="zh")
    assert "假课" in shown and "Pick one" in shown


def test_show_and_back_redisplay_without_changing_anything() -> None:
    result, shown, recorder = play(":show\n:back\n:back\n:back\n:quit\n")
    assert result.ending == "quit" and result.state.current == "q"
    # nothing but the two reading steps was recorded: :show and :back are view only
    assert [c[0] for c in recorder.calls] == ["step", "step"]
    after_show = shown.split("› :show", 1)[1].split("› :back", 1)[0]
    # :show: the latest computation before the question, then the question again
    assert "the data this question works with" in after_show
    assert "COMPUTED anything" in after_show
    assert after_show.index("COMPUTED anything") < after_show.index("Pick one")
    backs = shown.split("› :back")[1:]
    assert "looking back: step 2 of 5 (view only)" in backs[0] and "COMPUTED anything" in backs[0]
    assert "looking back: step 1 of 5" in backs[1] and "Intro with γ." in backs[1]
    assert "this is the first step" in backs[2]
    assert "you are still at step 3" in backs[0]
    assert result.transcript[2]["commands"] == [":show", ":back", ":back", ":back", ":quit"]


def test_a_resumed_lesson_shows_the_data_first_in_the_learners_language() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, no_color=True)
    player = LessonPlayer(LESSON, 4, io=screen(console, ":s\n", "zh"), answers=Answers(),
                          recorder=FakeRecorder(), lang="zh", clock=lambda: 0.0)
    player.play(tutor.LessonState(current="q"), "resuming", context=True)
    shown = out.getvalue()
    assert shown.index("COMPUTED anything") < shown.index("Pick one")
    assert "本题要用到的数据" in shown and "继续之前" in shown


def test_a_finished_step_is_saved_before_its_verdict_and_answer_are_drawn() -> None:
    # Killed while the verdict, the answer or a prediction's run is being drawn, the
    # lesson must not ask again a question whose answer the learner has just seen.
    out = io.StringIO()
    console = Console(file=out, width=80, no_color=True)
    shown_when_saved: dict[str, str] = {}

    class Snapshotting(FakeRecorder):
        def step_done(self, step_id: str, result: tutor.Result, next_id: str | None,
                      hints: int, seconds: float) -> None:
            shown_when_saved[step_id] = out.getvalue()
            super().step_done(step_id, result, next_id, hints, seconds)

    player = LessonPlayer(LESSON, 4, io=screen(console, "b\n3\n"), answers=Answers(),
                          recorder=Snapshotting())
    assert player.play(tutor.start(LESSON)).ending == "completed"
    shown = out.getvalue()
    assert "because it is second" in shown and "COMPUTED shown-after" in shown
    assert "✓" not in shown_when_saved["q"]
    assert "because it is second" not in shown_when_saved["q"]
    assert "the result is 0" not in shown_when_saved["guess"]
    assert "COMPUTED shown-after" not in shown_when_saved["guess"]


def test_ctrl_c_while_a_prediction_runs_keeps_the_guess() -> None:
    def compute_then_interrupt(name: str, args: dict[str, Any]) -> Text:
        if name == "shown-after":
            raise KeyboardInterrupt
        return Text("ran")

    out = io.StringIO()
    console = Console(file=out, width=80)
    recorder = FakeRecorder()
    saved = tutor.LessonState(current="guess", steps={})
    player = LessonPlayer(LESSON, 1, io=screen(console, "3\n", run=compute_then_interrupt),
                          answers=Answers(), recorder=recorder)
    result = player.play(tutor.start(LESSON, saved))
    assert result.ending == "interrupted"
    assert ("step", "guess", "wrong", "end", 0) in recorder.calls
    assert ("card", "guess", False, 0) in recorder.calls


def test_a_command_that_needs_a_question_says_so_at_a_reading_step() -> None:
    out = io.StringIO()
    console = Console(file=out, width=100, no_color=True)
    typed = TerminalSource(console, io.StringIO(":hint\n:q\n"))  # a person at the keys
    player = LessonPlayer(LESSON, 4, io=LessonScreen(console, typed, compute),
                          answers=Answers(), recorder=FakeRecorder())
    result = player.play(tutor.start(LESSON))
    assert result.ending == "quit" and result.state.current == "intro"
    shown = out.getvalue()
    assert ":hint works at a question; this step is for reading: press Enter to go on" in shown
    assert "has no hints" not in shown
