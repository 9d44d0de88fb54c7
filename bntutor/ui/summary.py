"""The end of a lesson: score, hints used, time, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text

from bntutor.tutor import Score
from bntutor.ui.prose import cjk_text, title_rule


@dataclass(frozen=True)
class NextLesson:
    number: int
    slug: str
    title: str


def duration(seconds: float) -> str:
    """``75.4`` -> ``"1 min 15 s"``; under a minute just seconds."""
    whole = max(int(round(seconds)), 0)
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return f"{secs} s"
    return f"{minutes} min {secs:02d} s"


def summary_view(
    number: int | None, title: str, score: Score, seconds: float, next_lesson: NextLesson | None
) -> Group:
    """A blank line, then the lesson's score, hints, time and the next step."""
    lead = f"Lesson {number} complete" if number is not None else "Lesson complete"
    parts: list[RenderableType] = [Text(), title_rule(Text(f"{lead}: {title}", style="bold green"))]
    if score.questions:
        line = Text(f"score {score.correct}/{score.questions}", style="bold")
        extras = [f"{score.first_try} at the first try"]
        if score.wrong:
            extras.append(f"{score.wrong} missed")
        if score.skipped:
            extras.append(f"{score.skipped} skipped")
        line += Text(" (" + ", ".join(extras) + ")")
        parts.append(line)
    else:
        parts.append(Text("no questions in this lesson"))
    hints = "1 hint" if score.hints == 1 else f"{score.hints} hints"
    parts.append(Text(f"{hints} used · time {duration(seconds)}"))
    if next_lesson is not None:
        parts.append(cjk_text(
            Text("next: ", style="bold")
            + Text(f"bntutor lesson {next_lesson.number}", style="cyan")
            + Text(f"  {next_lesson.title}")
        ))
    else:
        parts.append(Text("that was the last lesson: try `bntutor quiz` or `bntutor review`"))
    return Group(*parts)

