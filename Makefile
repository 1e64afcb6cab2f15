# Two entry points: `make demo` (lint the example journeys and build their site) and
# `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test schema bench fuzz clean

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jcode needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@touch $@

$(VENV)/.demo: $(VENV)/.python-ok pyproject.toml
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.test: $(VENV)/.python-ok pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.demo

demo: $(VENV)/.demo
	$(BIN)/jcode lint journeys/
	$(BIN)/jcode build --out site

test: $(VENV)/.test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

schema: $(VENV)/.demo
	$(BIN)/jcode schema --write
	$(BIN)/python -m jcode.spec.codegen

bench: $(VENV)/.test
	$(BIN)/python bench/run.py

MINUTES ?= 5
fuzz: $(VENV)/.test
	$(BIN)/python bench/fuzz.py --minutes $(MINUTES)

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis
