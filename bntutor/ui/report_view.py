"""The end-of-quiz report on screen: score, per-topic accuracy, time per question,
what was missed (with the answer and the explanation), and the lessons to revisit."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bntutor.control_chars import visible
from bntutor.messages import message
from bntutor.quiz.durations import format_duration
from bntutor.quiz.report import QuizReport
from bntutor.quiz.results import QuestionResult
from bntutor.ui.prose import TitleRule, labelled, markdown
from bntutor.ui.verdict_view import answer_line, diagnosis_view

BAR = 20
MARKS = {
    "correct": ("✓", "green"),
    "wrong": ("✗", "red"),
    "skipped": ("↷", "yellow"),
    "missed": ("⏰", "red"),
    "unanswered": ("·", "dim"),
}
#: How a quiz can end early, each with its message key ``report.ended.<ending>``.
ENDINGS = ("time-up", "quit", "end-of-input", "interrupted")


def bar(fraction: float, width: int = BAR) -> Text:
    filled = round(width * max(0.0, min(fraction, 1.0)))
    style = "green" if fraction >= 0.8 else "yellow" if fraction >= 0.5 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def score_line(report: QuizReport, lang: str = "en") -> Text:
    percent = round(100 * report.score)
    took = "  " + message("report.took", lang, time=format_duration(report.seconds))
    if report.time_limit:
        took += message("report.of_limit", lang, limit=format_duration(report.time_limit))
    line = Text.assemble((message("report.correct", lang, correct=report.correct,
                                  asked=report.asked, percent=percent), "bold"),
                         (took, "dim"))
    if report.not_asked:
        line.append("  " + message("report.not_asked_paren", lang, n=report.not_asked),
                    style="dim")
    return line


def topic_table(report: QuizReport, lang: str = "en") -> Table:
    table = Table(title=message("report.per_topic", lang), title_justify="left", box=None,
                  pad_edge=False)
    table.add_column(message("report.topic", lang))
    table.add_column(message("report.right", lang), justify="right")
    table.add_column("")
    for t in report.topics:
        right = f"{t.correct}/{t.asked}"
        shown = bar(t.accuracy) if t.asked else Text("░" * BAR, style="dim")
        if t.not_asked:
            shown.append("  " + message("report.not_asked", lang, n=t.not_asked), style="dim")
        table.add_row(t.topic, right, shown)
    return table


def timing_table(results: list[QuestionResult], lang: str = "en") -> Table:
    """One row per question asked; the questions left by quitting are counted below."""
    table = Table(title=message("report.per_question", lang), title_justify="left", box=None,
                  pad_edge=False)
    for name, justify in (("#", "right"), ("", "left"), (message("report.topic", lang), "left"),
                          (message("report.seconds", lang), "right"),
                          (message("report.hints", lang), "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for i, r in enumerate(results, start=1):
        if r.status == "unanswered":
            continue
        mark, style = MARKS[r.status]
        table.add_row(str(i), Text(mark, style=style), r.topic,
                      f"{r.seconds:.0f}", str(r.hints) if r.hints else "")
    left = sum(r.status == "unanswered" for r in results)
    if left:
        mark, style = MARKS["unanswered"]
        key = "report.more_not_asked" if left < len(results) else "report.not_asked"
        table.add_row("", Text(mark, style=style),
                      Text(message(key, lang, n=left), style="dim"), "", "")
    return table


def missed_view(r: QuestionResult, lang: str = "en") -> RenderableType:
    """The question, what was said, the answer, the diagnosis, then the explanation."""
    mark, style = MARKS[r.status]
    parts: list[RenderableType] = [labelled(Text(f"{mark} ", style=style), markdown(r.prompt))]
    if r.answer is not None:
        parts.append(labelled(Text(message("report.you_said", lang), style="dim"),
                              Text(visible(r.answer)), indent=2))
    if r.expected:
        parts.append(answer_line(message("report.answer", lang), r.expected, 2, "dim", "bold"))
    if r.diagnosis:
        parts.append(diagnosis_view(r.diagnosis))
    if r.explanation:
        parts.append(labelled(Text(""), markdown(r.explanation), indent=2))
    return Group(*parts)


def report_view(report: QuizReport, lang: str = "en") -> RenderableType:
    title = message("report.title" if report.kind == "quiz" else "report.review_title", lang)
    parts: list[RenderableType] = [Text(), TitleRule(Text(title, style="bold")),
                                   score_line(report, lang)]
    if report.ended in ENDINGS:
        parts.append(Text(message(f"report.ended.{report.ended}", lang), style="yellow"))
    if report.topics:
        parts += [Text(), topic_table(report, lang)]
    if report.results:
        parts += [Text(), timing_table(report.results, lang)]
    if report.missed:
        parts += [Text(), Text(message("report.to_go_over", lang), style="bold underline")]
        for r in report.missed:
            parts += [missed_view(r, lang), Text()]
        parts.pop()
    if report.revisit:
        parts += [Text(), Text(message("report.revisit", lang), style="bold")]
        parts += [Text(f"  bntutor lesson {slug}") for slug in report.revisit]
    replay = report.replay()
    if replay:
        parts += [Text(), labelled(Text(message("report.again", lang), style="dim"),
                                   Text(replay, style="dim"))]
    return Group(*parts)
