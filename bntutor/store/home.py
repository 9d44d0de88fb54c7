"""Where bntutor keeps its data: ``--home``, else ``BNTUTOR_HOME``, else the user data dir."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bntutor.errors import StoreError

#: The database file in the home dir (named here so that asking whether it exists
#: does not import the store).
FILE_NAME = "bntutor.sqlite3"


def resolve_home(option: str | Path | None = None, environ: dict[str, str] | None = None) -> Path:
    """Return the home directory (not created yet) chosen by option, env var or platform."""
    env = os.environ if environ is None else environ
    if option:
        return Path(option).expanduser()
    if env.get("BNTUTOR_HOME"):
        return Path(env["BNTUTOR_HOME"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("bntutor", appauthor=False))


def home_exists(home: Path, lang: str = "en") -> bool:
    """True when ``home`` is a directory, False when it does not exist yet (it is made
    when something is saved); StoreError when it cannot be one: a file, a name longer
    than the file system allows, a parent that is a file or cannot be entered."""
    try:
        mode = home.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _error("home.unusable", home, lang, reason=exc.strerror or exc) from None
    if not stat.S_ISDIR(mode):
        raise _error("home.is_file", home, lang)
    return True


def ensure_home(home: Path, lang: str = "en") -> Path:
    """Create ``home`` if needed and check it is writable; a clear error otherwise."""
    if not home_exists(home, lang):
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _error("home.cannot_create", home, lang, reason=exc.strerror or exc) from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise _error("home.not_writable", home, lang)
    return home


def _error(key: str, home: Path, lang: str, **values: object) -> StoreError:
    from bntutor.messages import message  # the catalog only when there is something to say

    return StoreError(message(key, lang, **values), str(home), message("home.hint", lang))
