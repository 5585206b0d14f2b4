# banmian: set up, demonstrate, test, lint and benchmark.
# Every target creates the virtual environment (.venv) on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := samples/000_288ad13e0e775b4e.txt
GOLD   := $(wildcard samples/*.gold.json) $(wildcard tests/pages) $(wildcard tests/pages_holdout) $(wildcard tests/pages_holdout2)
# The archive make demo builds and the reader serves; where the reader listens.
DB     ?= banmian.db
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The bundled pages, copied under names that carry their paper, date and page.
DEMO_PAGES := build/demo-pages
# make demo starts the reader when run from a terminal; SERVE=yes or SERVE=no says so instead.
SERVE  ?= auto

.PHONY: venv demo archive serve eval test lint bench bench-batch fuzz clean

venv: $(STAMP)

# Rebuilt when the dependencies change; the package itself is installed editable.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Build the archive from the bundled pages, search it, then start the reader on it.
demo: archive
	@echo "== banmian search --db $(DB) --limit 3 法院"
	@$(BIN)/banmian search --db $(DB) --limit 3 法院
	@echo
	@if [ "$(SERVE)" = yes ] || { [ "$(SERVE)" = auto ] && [ -t 0 ]; }; then \
		echo "== banmian serve --db $(DB): the reader is at http://$(HOST):$(PORT)/ (Ctrl+C stops)"; \
		$(BIN)/banmian serve --db $(DB) --host $(HOST) --port $(PORT); \
	else \
		echo "== the archive is $(DB); start the reader with 'make serve'"; \
		echo "   (banmian serve --db $(DB)) and open http://$(HOST):$(PORT)/"; \
	fi

# The bundled pages (samples/, tests/pages*/) into $(DB); ingest skips pages already held.
archive: $(STAMP)
	@$(BIN)/python scripts/bundled_pages.py $(DEMO_PAGES)
	@echo "== banmian ingest --db $(DB) $(DEMO_PAGES)"
	@$(BIN)/banmian ingest --db $(DB) $(DEMO_PAGES)

serve: $(STAMP)
	$(BIN)/banmian serve --db $(DB) --host $(HOST) --port $(PORT)

# The parser on the sample page, then its scores on every gold page.
eval: $(STAMP)
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

# 20,000 generated pages through banmian batch on 1 and 2 Dask workers, checked, then a run
# killed half-way and resumed (~20 min on 2 cores); BATCH_PAGES=… for another number.
BATCH_PAGES ?= 20000
bench-batch: $(STAMP)
	$(BIN)/python -m banmian.batch.bench --pages $(BATCH_PAGES)

# Ingest 10,000 generated pages into a temporary archive, then time 500 searches (~5 min).
bench-archive: $(STAMP)
	$(BIN)/banmian bench --archive --pages 10000

# Coverage-guided fuzzing of parse + nothing-lost + enrichment for ten minutes (atheris).
fuzz: $(STAMP)
	$(BIN)/python fuzz/parse_fuzzer.py -max_total_time=600

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis $(DEMO_PAGES)
