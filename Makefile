# The two commands of the README. Both create .venv on first use and install svodka into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The flagship example article, when the shared folder sits beside the repository (not bundled: no open licence).
SEED := $(wildcard ../shared/seed/*.txt)

.PHONY: demo test lint setup

$(BIN)/svodka: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/svodka

setup: $(BIN)/svodka

## Extract the bundled demo corpus (50 Russian Wikinews articles + 2 examples), store it, export events, write a report, serve the dashboard
demo: setup
	mkdir -p out
	$(BIN)/svodka extract demo/wikinews-ru.jsonl demo/examples $(SEED) --workers 2 -o out/demo.jsonl
	$(BIN)/svodka ingest --records out/demo.jsonl --db out/demo.duckdb
	$(BIN)/svodka export --db out/demo.duckdb --format csv-plover -o out/demo-events.csv
	$(BIN)/svodka report --db out/demo.duckdb --format html -o out/demo-report.html
	$(BIN)/svodka serve --db out/demo.duckdb --port $(PORT)

## Lint, type-check and run the whole test suite
test: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q
