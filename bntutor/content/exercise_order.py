"""The exercises' course order (``data/exercises/course.yaml``), read without the schema
machinery so that the home screen can say what to do next without paying for it;
``bntutor validate`` and the exercise commands check the file fully."""

from __future__ import annotations

from pathlib import Path

from bntutor.content.paths import data_dir
from bntutor.errors import ContentError

ORDER_FILE = "course.yaml"


def exercises_dir() -> Path:
    return data_dir() / "exercises"


def exercise_order(directory: Path | None = None) -> list[str]:
    """Exercise names in course order."""
    import yaml

    path = (exercises_dir() if directory is None else directory) / ORDER_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"cannot read the exercise order: {exc}", str(path)) from None
    names = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ContentError("expected 'exercises:' with a list of exercise names", str(path))
    return names
