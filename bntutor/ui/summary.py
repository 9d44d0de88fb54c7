"""The end of a lesson: score, hints used, time, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text

from bntutor.messages import message
from bntutor.tutor import Score
from bntutor.ui.prose import TitleRule, cjk_text


@dataclass(frozen=True)
class NextLesson:
    number: int
    slug: str
    title: str


def duration(seconds: float, lang: str = "en") -> str:
    """``75.4`` -> ``"1 min 15 s"``; under a minute just seconds."""
    whole = max(int(round(seconds)), 0)
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return message("time.seconds", lang, s=secs)
    return message("time.minutes", lang, m=minutes, s=f"{secs:02d}")


def summary_view(
    number: int | None, title: str, score: Score, seconds: float, next_lesson: NextLesson | None,
    lang: str = "en",
) -> Group:
    """A blank line, then the lesson's score, hints, time and the next step."""
    lead = (message("summary.complete", lang, number=number) if number is not None
            else message("summary.complete_plain", lang))
    parts: list[RenderableType] = [Text(), TitleRule(Text(f"{lead}: {title}", style="bold green"))]
    if score.questions:
        line = Text(message("summary.score", lang, correct=score.correct, total=score.questions),
                    style="bold")
        extras = [message("summary.first_try", lang, n=score.first_try)]
        if score.wrong:
            extras.append(message("summary.missed", lang, n=score.wrong))
        if score.skipped:
            extras.append(message("summary.skipped", lang, n=score.skipped))
        line += Text(message("summary.extras", lang, extras=message("list.sep", lang).join(extras)))
        parts.append(line)
    else:
        parts.append(Text(message("summary.no_questions", lang)))
    hints = message("summary.hint" if score.hints == 1 else "summary.hints", lang, n=score.hints)
    parts.append(Text(message("summary.used_time", lang, hints=hints,
                              time=duration(seconds, lang))))
    if next_lesson is not None:
        parts.append(cjk_text(
            Text(message("summary.next", lang), style="bold")
            + Text(f"bntutor lesson {next_lesson.number}", style="cyan")
            + Text(f"  {next_lesson.title}")
        ))
    else:
        parts.append(Text(message("summary.last", lang)))
    return Group(*parts)

