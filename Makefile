# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# torch first, pinned to the CPU build; the project's own range then installs nothing more.
TORCH  := torch==2.13.0
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck bench setup clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(TORCH)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/bntutor $(ARGS)

test: $(STAMP)
	$(PY) -m ruff check bntutor tests benchmarks
	$(PY) -m mypy
	$(VENV)/bin/bntutor validate
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check bntutor tests benchmarks

typecheck: $(STAMP)
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) benchmarks/engine_speed.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/demos.py
	$(PY) benchmarks/lesson_run.py
	$(PY) benchmarks/quiz_start.py
	$(PY) benchmarks/hostile_answers.py
	$(PY) benchmarks/exercise_check.py

clean:
	rm -rf $(VENV) build dist *.egg-info
