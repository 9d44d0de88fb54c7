# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# torch first, pinned to the CPU build; the project's own range then installs nothing more.
TORCH  := torch==2.13.0
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck bench setup clean

# The first set-up takes a few minutes (torch is a ~190 MB download): each step says what
# it installs and pip shows what it fetches, so the wait is never silent.
$(STAMP): pyproject.toml
	@echo "==> [1/4] Creating the virtual environment $(VENV) with $(PYTHON)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "==> [2/4] Upgrading pip inside $(VENV)"
	@$(PY) -m pip install --quiet --upgrade pip
	@echo "==> [3/4] Installing $(TORCH) (CPU build, ~190 MB download; the longest step)"
	@$(PY) -m pip install --progress-bar on $(TORCH)
	@echo "==> [4/4] Installing bntutor (editable) with its libraries and the dev tools"
	@$(PY) -m pip install --progress-bar on -e '.[dev]'
	@touch $(STAMP)
	@echo "==> Set-up done. Start bntutor with:  make run   (or .venv/bin/bntutor, e.g. .venv/bin/bntutor lesson 1)"

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/bntutor $(ARGS)

test: $(STAMP)
	$(PY) -m ruff check bntutor tests benchmarks
	$(VENV)/bin/lint-imports
	$(PY) -m mypy
	$(VENV)/bin/bntutor validate
	$(PY) -m pytest -q -n auto --dist loadgroup --durations=10

lint: $(STAMP)
	$(PY) -m ruff check bntutor tests benchmarks
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) benchmarks/engine_speed.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/demos.py
	$(PY) benchmarks/lesson_run.py
	$(PY) benchmarks/quiz_start.py
	$(PY) benchmarks/hostile_answers.py
	$(PY) benchmarks/content_size.py
	$(PY) benchmarks/exercise_check.py

clean:
	rm -rf $(VENV) build dist *.egg-info
