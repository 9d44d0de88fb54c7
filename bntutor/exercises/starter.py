"""Starter files: the task as a docstring, the framework's import, the function to write.

The signature comes from the exercise's own solution listing (parsed, never run), so
starter and solution cannot disagree. A starter is written once: the learner's work is
never overwritten unless they asked for ``--reset`` and confirmed it.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from bntutor.content.exercises import Exercise
from bntutor.messages import message

DEFAULT_DIR = "bntutor-exercises"


def _signature(listing: str) -> tuple[list[str], str, list[str]]:
    """The import lines, the function name and its argument names of a solution listing."""
    tree = ast.parse(listing)
    imports = [ast.get_source_segment(listing, node) or "" for node in tree.body
               if isinstance(node, ast.Import | ast.ImportFrom)]
    func = next(node for node in tree.body if isinstance(node, ast.FunctionDef))
    return imports, func.name, [a.arg for a in func.args.args]


def starter_text(exercise: Exercise, framework: str, lang: str) -> str:
    """The starter file for ``exercise`` in ``framework``, its texts in ``lang``."""
    listing = exercise.solution.torch if framework == "torch" else exercise.solution.numpy
    imports, name, args = _signature(listing)
    task = exercise.task.get(lang).strip()
    doc = exercise.doc.get(lang).strip()
    if "backward" in exercise.name and framework == "torch":
        doc += "\n" + message("exercise.autograd_off", lang)
    footer = message("exercise.starter_footer", lang)
    header = f"bntutor exercise {exercise.name}: {exercise.title.get(lang)}\n\n{task}\n\n{footer}"
    your_code = message("exercise.your_code", lang)
    body = textwrap.indent(f'"""{doc}\n"""\n{your_code}\nraise NotImplementedError\n', "    ")
    return (f'"""{header}\n"""\n\n' + "\n".join(imports) + "\n\n\n"
            f"def {name}({', '.join(args)}):\n{body}")


def starter_path(directory: Path, exercise: Exercise, framework: str) -> Path:
    suffix = "_torch" if framework == "torch" else ""
    return directory / f"{exercise.name.replace('-', '_')}{suffix}.py"


def write_starter(path: Path, text: str, overwrite: bool = False) -> bool:
    """Write ``text`` to ``path`` unless a file is there; True when written."""
    if path.exists() and not overwrite:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".py.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True
