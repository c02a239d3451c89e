# The two commands of the README. Both create .venv on first use and install svodka into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint setup

$(BIN)/svodka: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/svodka

setup: $(BIN)/svodka

## Extract the bundled demo corpus (50 Russian Wikinews articles + 2 examples) to out/demo.jsonl
demo: setup
	mkdir -p out
	$(BIN)/svodka extract demo/wikinews-ru.jsonl demo/examples --workers 2 -o out/demo.jsonl
	@echo "records in out/demo.jsonl; first entities:"
	@$(BIN)/python -c "import json; r = json.loads(open('out/demo.jsonl').readline()); print(r['id'], [e['name'] for e in r['entities']][:12])"

## Lint, type-check and run the whole test suite
test: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q
