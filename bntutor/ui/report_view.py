"""The end-of-quiz report on screen: score, per-topic accuracy, time per question,
what was missed (with the answer and the explanation), and the lessons to revisit."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bntutor.quiz.durations import format_duration
from bntutor.quiz.report import QuizReport
from bntutor.quiz.results import QuestionResult
from bntutor.ui.player import markdown

BAR = 20
MARKS = {
    "correct": ("✓", "green"),
    "wrong": ("✗", "red"),
    "skipped": ("↷", "yellow"),
    "missed": ("⏰", "red"),
    "unanswered": ("·", "dim"),
}
ENDINGS = {
    "time-up": "time ran out; unanswered questions count as missed",
    "quit": "stopped early with :quit",
    "end-of-input": "input ended early",
    "interrupted": "interrupted",
}


def bar(fraction: float, width: int = BAR) -> Text:
    filled = round(width * max(0.0, min(fraction, 1.0)))
    style = "green" if fraction >= 0.8 else "yellow" if fraction >= 0.5 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def score_line(report: QuizReport) -> Text:
    percent = round(100 * report.score)
    took = f"  in {format_duration(report.seconds)}"
    if report.time_limit:
        took += f" of {format_duration(report.time_limit)}"
    return Text.assemble((f"{report.correct}/{report.total} correct ({percent}%)", "bold"),
                         (took, "dim"))


def topic_table(report: QuizReport) -> Table:
    table = Table(title="accuracy per topic", title_justify="left", box=None, pad_edge=False)
    table.add_column("topic")
    table.add_column("right", justify="right")
    table.add_column("")
    for t in report.topics:
        table.add_row(t.topic, f"{t.correct}/{t.asked}", bar(t.accuracy))
    return table


def timing_table(results: list[QuestionResult]) -> Table:
    table = Table(title="time per question", title_justify="left", box=None, pad_edge=False)
    for name, justify in (("#", "right"), ("", "left"), ("topic", "left"),
                          ("seconds", "right"), ("hints", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for i, r in enumerate(results, start=1):
        mark, style = MARKS[r.status]
        asked = r.status in ("correct", "wrong", "skipped", "missed")
        table.add_row(str(i), Text(mark, style=style), r.topic,
                      f"{r.seconds:.0f}" if asked else "—", str(r.hints) if r.hints else "")
    return table


def missed_view(r: QuestionResult) -> RenderableType:
    mark, _ = MARKS[r.status]
    parts: list[RenderableType] = [markdown(f"{mark} {r.prompt}")]  # maths as Unicode
    if r.answer is not None:
        parts.append(Text.assemble(("  you said: ", "dim"), r.answer))
    if r.expected:
        parts.append(Text.assemble(("  answer:   ", "dim"), (r.expected, "bold")))
    if r.diagnosis:
        parts.append(Text("  ↳ " + r.diagnosis, style="yellow"))
    if r.explanation:
        parts.append(markdown(r.explanation))
    return Group(*parts)


def report_view(report: QuizReport) -> RenderableType:
    title = "Quiz report" if report.kind == "quiz" else "Review done"
    parts: list[RenderableType] = [Text(), Rule(Text(title, style="bold"), align="left"),
                                   score_line(report)]
    if report.ended in ENDINGS:
        parts.append(Text(ENDINGS[report.ended], style="yellow"))
    if report.topics:
        parts += [Text(), topic_table(report)]
    if report.results:
        parts += [Text(), timing_table(report.results)]
    if report.missed:
        parts += [Text(), Text("to go over", style="bold underline")]
        parts += [missed_view(r) for r in report.missed]
    if report.revisit:
        lessons = ", ".join(f"bntutor lesson {slug}" for slug in report.revisit)
        parts += [Text(), Text.assemble(("lessons to revisit: ", "bold"), lessons)]
    replay = report.replay()
    if replay:
        parts.append(Text(f"same questions again: {replay}", style="dim"))
    return Group(*parts)
