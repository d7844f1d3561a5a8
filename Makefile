# One entry point for developers and CI. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint format eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# The map page's world outline (Natural Earth land polygons, ISC-licensed TopoJSON), from npm, never
	# copied into the repository; without npm the map shows its places on a graticule alone.
	if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/share/warta world-atlas@2.0.2; \
	else echo "npm not found: the map page will have no world outline"; fi
	touch $(STAMP)

setup: $(STAMP)

## Set up and run warta on the bundled sample articles.
demo: $(STAMP)
	$(BIN)/warta demo

## Set up and run the whole test suite (lint included).
test: $(STAMP)
	$(BIN)/ruff check src tests scripts fuzz
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts fuzz

format: $(STAMP)
	$(BIN)/ruff format src tests

## Score warta against the gold corpus in ../shared (WARTA_SHARED).
eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py

## Measure speed and memory on this machine and write docs/benchmarks.md (a minute or two).
bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py --out docs/benchmarks.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
