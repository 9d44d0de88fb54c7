"""What the player's screens draw around a step: the header, the progress line, a
question with its options, hints, help, the reasons to answer again.

Every function returns a renderable; the caller prints it. Texts arrive already in the
learner's language (see :func:`bntutor.content.i18n.localize`); maths in them is
rendered to Unicode here.
"""

from __future__ import annotations

from string import ascii_lowercase

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bntutor.commands import NAMES
from bntutor.control_chars import visible
from bntutor.messages import message
from bntutor.ui import prose

BAR_WIDTH = 20

#: The commands as :help lists them, with their message keys (``{where}``: lesson or quiz).
HELP = (
    (":hint", "help.hint"),
    (":skip", "help.skip"),
    (":show", "help.show"),
    (":back", "help.back"),
    (":quit", "help.quit.{where}"),
    (":help", "help.help"),
)


def header(number: int | None, title: str, minutes: int | None = None,
           lang: str = "en", kind: str = "lesson") -> RenderableType:
    """``Lesson 3: Title`` (``Demo: Title``) as a rule across the screen (above it, if the
    title is long)."""
    lead = (message(f"{kind}.header", lang, number=number) if number is not None
            else message(f"{kind}.header_plain", lang))
    tail = "  " + message("lesson.minutes", lang, minutes=minutes) if minutes else ""
    return prose.TitleRule(Text(lead + title, style="bold") + Text(tail, style="dim"))


def progress_line(k: int, n: int, lang: str = "en") -> Text:
    """``step k of n`` with a bar of the steps before this one; the bar does not move
    when k gains a digit."""
    filled = round(BAR_WIDTH * (k - 1) / n) if n else 0
    bar = Text("━" * filled, style="cyan") + Text("─" * (BAR_WIDTH - filled), style="dim")
    step = message("lesson.step_of", lang, k=k, n=n)
    lead = step.ljust(len(message("lesson.step_of", lang, k=n, n=n)) + 2)
    return Text(lead, style="dim") + bar


def option_letter(index: int) -> str:
    return ascii_lowercase[index] if index < len(ascii_lowercase) else str(index + 1)


def question_view(prompt: str, options: list[str], multi: bool, unit: str | None,
                  lang: str = "en", commands: bool = True, note: str | None = None) -> Group:
    """The prompt, then ``a) ...`` options, then what to type (``commands``: and the line
    of commands); ``note``: what counts as right (a numeric question's tolerance)."""
    parts: list[RenderableType] = [prose.markdown(prompt)]
    if note:
        parts.append(Text(note, style="dim"))
    if options:
        parts.append(options_view(options))
        how = "answer.letters" if multi else "answer.letter"
        parts.append(Text(message(how, lang), style="dim"))
    elif unit:
        parts.append(Text(message("answer.unit", lang, unit=unit), style="dim"))
    if commands:
        parts.append(Text(message("command.bar", lang), style="dim"))
    return Group(*parts)


def options_view(options: list[str], marks: list[str] | None = None, style: str = "bold",
                 text_style: str = "none") -> Table:
    """``a) option`` (or each of ``marks`` and its text) one under the other; a long option
    wraps under its own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for i, option in enumerate(options):
        mark = f"{option_letter(i)})" if marks is None else marks[i]
        grid.add_row(Text(mark, style=style), prose.inline_markdown(option, style=text_style))
    return grid


def hint_view(text: str, number: int, total: int, lang: str = "en") -> RenderableType:
    """``hint 1/2: text``, the text wrapped under itself."""
    label = message("exercise.hint", lang, number=number, total=total)
    return prose.labelled(Text(label, style="bold"), prose.markdown(text))


def no_hint_view(total: int, explained: bool = False, lang: str = "en") -> Text:
    """What ``:hint`` says once there is nothing (more) to show. ``explained``: the
    question has an explanation, shown with the answer."""
    answer = message("hint.skip_why" if explained else "hint.skip", lang)
    if total == 0:
        return Text(message("hint.none", lang, answer=answer), style="dim")
    return Text(message("hint.no_more", lang, total=total, answer=answer), style="dim")


def reason_view(reason: str) -> Text:
    """A one-line reason to answer again (unreadable, empty, unknown command)."""
    return Text(visible(reason), style="yellow")


def help_view(lang: str = "en", where: str = "lesson") -> RenderableType:
    """The commands (the same in lessons, quizzes and review); ``where``: lesson or quiz."""
    lines = [Text(f"  {cmd:<7}", style="bold") + Text(message(key.format(where=where), lang))
             for cmd, key in HELP]
    lines.append(Text("  " + message("help.aliases", lang), style="dim"))
    lines.append(Text("  " + message(f"help.ctrl_c.{where}", lang), style="dim"))
    return Group(*lines)


def unknown_command_view(command: str, lang: str = "en") -> Text:
    return reason_view(message("command.unknown", lang, command=command,
                               commands=", ".join(NAMES)))


def saved_line(number: int | None, slug: str, lang: str = "en") -> str:
    """The one line printed on leaving a lesson early."""
    return message("lesson.saved", lang, ref=number if number is not None else slug)
