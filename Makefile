# Two entry points: `make demo` (lint the example journeys and build their site) and
# `make test` (the whole suite). Both install exactly the set pinned in uv.lock, with its
# hashes, into .venv; uv itself is bootstrapped into .venv at the version (and hashes) the
# lock records, so nothing is installed outside the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
# uv's own settings only: never the user's global uv.toml, so a fresh machine and CI agree.
export UV_NO_CONFIG := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)
SYNC := $(UV) sync --locked --python $(BIN)/python

.PHONY: demo test test-compat lock schema i18n bench fuzz clean

# The venv is made without pip (0.2 s instead of 6 s) and uv is put into it by the pip of the
# Python that runs make; a Python without pip gets a venv with pip instead.
$(UV): uv.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jcode needs Python 3.11 or newer (set PYTHON=...)")'
	@$(PYTHON) .ci/uv_requirement.py > $(VENV).uv-requirement.txt
	@if $(PYTHON) -m pip --version >/dev/null 2>&1; then \
	  [ -x $(BIN)/python ] || $(PYTHON) -m venv --without-pip $(VENV); \
	  $(PYTHON) -m pip --python $(BIN)/python install -q --no-deps --require-hashes -r $(VENV).uv-requirement.txt; \
	else \
	  [ -x $(BIN)/pip ] || $(PYTHON) -m venv $(VENV); \
	  $(BIN)/python -m pip install -q --no-deps --require-hashes -r $(VENV).uv-requirement.txt; \
	fi
	@rm -f $(VENV).uv-requirement.txt
	@touch $@

$(VENV)/.demo: $(UV) uv.lock pyproject.toml
	$(SYNC)
	@touch $@

$(VENV)/.test: $(UV) uv.lock pyproject.toml
	$(SYNC) --extra test
	@touch $@ $(VENV)/.demo

demo: $(VENV)/.demo
	$(BIN)/jcode lint journeys/
	$(BIN)/jcode build --out site

test: $(VENV)/.test
	$(BIN)/ruff check src tests bench .ci
	$(BIN)/ruff format --check src tests bench .ci
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

# The bad-input cases under the oldest and the newest PyYAML jcode supports, each in a
# throwaway environment (libyaml 0.2.5 and 0.2.6 have different limits of their own).
test-compat: $(VENV)/.test
	$(BIN)/python .ci/compat.py

# Refresh uv.lock after changing dependencies in pyproject.toml (or to take upstream releases).
lock: $(UV)
	$(UV) lock --upgrade
	@touch $(UV)

schema: $(VENV)/.demo
	$(BIN)/python -m jcode.spec.codegen

# Extract jcode's message templates, update every catalog under src/jcode/locale (new
# templates untranslated, changed ones fuzzy, gone ones dropped) and compile them; then
# translate what it reports as missing and run it again.
i18n: $(VENV)/.test
	$(BIN)/python .ci/i18n.py

bench: $(VENV)/.test
	$(BIN)/python bench/run.py

MINUTES ?= 5
fuzz: $(VENV)/.test
	$(BIN)/python bench/fuzz.py --minutes $(MINUTES)

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis
