# banmian: set up, demonstrate, test, lint and benchmark.
# Every target creates the virtual environment (.venv) on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := samples/000_288ad13e0e775b4e.txt
GOLD   := $(wildcard samples/*.gold.json) $(wildcard tests/pages) $(wildcard tests/pages_holdout) $(wildcard tests/pages_holdout2)

.PHONY: venv demo test lint bench clean

venv: $(STAMP)

# Rebuilt when the dependencies change; the package itself is installed editable.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== banmian parse --format markdown $(SAMPLE)"
	@$(BIN)/banmian parse --format markdown $(SAMPLE)
	@echo
	@echo "== banmian eval $(GOLD)"
	@$(BIN)/banmian eval $(GOLD)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/python -m ruff check src tests
	$(BIN)/python -m mypy

bench: $(STAMP)
	$(BIN)/banmian bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
