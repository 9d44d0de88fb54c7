"""Which language the learner reads: chosen once, then remembered.

``--lang``, else ``BNTUTOR_LANG``, else the choice remembered in the home's settings
(made with ``--lang`` or ``bntutor config lang``), else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``: ``zh_*`` means Chinese), else English.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bntutor.store.settings import read_settings

LANGS = ("en", "zh")


@dataclass(frozen=True)
class LanguageChoice:
    lang: str
    #: Where it came from: "option", "env", "settings", "locale" or "default".
    source: str

    @property
    def explicit(self) -> bool:
        """Chosen for this run (``--lang`` or ``BNTUTOR_LANG``), not remembered or guessed."""
        return self.source in ("option", "env")


def locale_lang(environ: Mapping[str, str]) -> str | None:
    """The language the locale names, as POSIX picks it: the first of ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG`` that is set and not empty; None when none is."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return None


def choose_language(option: str | None, home: Path | None,
                    environ: Mapping[str, str] | None = None) -> LanguageChoice:
    """The language for this run (``option`` is ``--lang``, already checked)."""
    env = os.environ if environ is None else environ
    if option:
        return LanguageChoice(option, "option")
    from_env = env.get("BNTUTOR_LANG", "").strip().lower()
    if from_env in LANGS:
        return LanguageChoice(from_env, "env")
    if home is not None:
        saved = read_settings(home).get("lang")
        if saved:
            return LanguageChoice(saved, "settings")
    from_locale = locale_lang(env)
    if from_locale:
        return LanguageChoice(from_locale, "locale")
    return LanguageChoice("en", "default")


def early_language(argv: list[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a run read straight from ``argv``, for errors said before the app
    has read its options (a bad option, an unknown command)."""
    found: dict[str, str] = {}  # the last --lang (of en, zh) and --home given
    for i, arg in enumerate(argv):
        name, equals, value = arg.partition("=")
        if name in ("--lang", "--home") and (equals or i + 1 < len(argv)):
            value = value if equals else argv[i + 1]
            if name == "--home" or value in LANGS:
                found[name] = value
    from bntutor.store.home import resolve_home

    try:
        where = resolve_home(found.get("--home"), dict(os.environ if environ is None else environ))
    except Exception:  # noqa: BLE001 - no home, no remembered choice
        where = None
    return choose_language(found.get("--lang"), where, environ).lang


def remember_language(home: Path, lang: str) -> None:
    """Save ``lang`` as the learner's choice in ``home`` (created if needed); a home that
    cannot be written is no error (the run goes on in ``lang``; nothing else is lost)."""
    from bntutor.errors import BntutorError
    from bntutor.store.home import ensure_home
    from bntutor.store.settings import save_setting

    with contextlib.suppress(OSError, BntutorError):
        if read_settings(home).get("lang") != lang:
            save_setting(ensure_home(home), "lang", lang)
