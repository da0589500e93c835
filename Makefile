# corridor: the verbs. `make demo` and `make test` work on a fresh machine with Python and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv

.PHONY: help install yente-client assets screenshots bytecode demo test lint typecheck check bench serve docs docs-gen clean

help:
	@echo "make demo   - install, load the bundled real data, run the main job end to end"
	@echo "make test   - ruff, mypy --strict and pytest (SQLite and PostgreSQL)"
	@echo "make bench  - benchmarks; figures printed and written to benchmarks/results/"
	@echo "make serve  - the console and the HTTP API on http://127.0.0.1:8000 (the demo's store unless CORRIDOR_HOME is set)"
	@echo "make docs   - the documentation site in site/ (mkdocs build --strict); docs-gen refreshes generated pages"
	@echo "make lint | typecheck | check | clean"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv

# Bytecode is compiled at install (--compile-bytecode for the dependencies, compileall for the
# package's own sources, installed editable): these machines set PYTHONDONTWRITEBYTECODE=1, so
# without it every command would recompile everything it imports (seconds per command).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	bash scripts/system-deps.sh
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -e . --group dev
	touch $@

# Venvs installed before --compile-bytecode was used get their bytecode once (a pure speed-up:
# files that do not compile, such as templates some packages ship, are skipped silently).
$(VENV)/.bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -qq -j 0 $(VENV)/lib || true
	touch $@

# The package's own sources (editable install): cheap when nothing changed, since compileall
# skips sources whose bytecode is current.
bytecode: $(VENV)/.bytecode
	$(BIN)/python -m compileall -q -j 0 src

# The console's browser assets (npm, package-lock.json) copied into the package's static folder.
assets:
	bash scripts/assets.sh

install: $(VENV)/.installed bytecode assets

# yente and nomenklatura, the real clients tests/api/test_api_yente.py runs against the API, in
# a venv of their own: yente pins older rigour, fastapi, uvicorn, pyicu and httpx than corridor.
YENTE_VENV := .venv-yente
$(YENTE_VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PYTHON) -m venv $(YENTE_VENV)
	$(UV) pip install --quiet --compile-bytecode --python $(YENTE_VENV)/bin/python --group yente-client
	touch $@

yente-client: $(YENTE_VENV)/.installed

demo: install
	bash scripts/demo.sh

# The console's screenshots for docs/console.md, taken by the browser tests.
screenshots: install
	bash scripts/chromium.sh
	CORRIDOR_SCREENSHOTS=docs/console $(BIN)/pytest -q -p no:cacheprovider tests/console/test_screenshots.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install yente-client
	bash scripts/test.sh

check: lint typecheck test

bench: install
	bash benchmarks/run.sh

serve: install
	CORRIDOR_HOME="$${CORRIDOR_HOME:-$(CURDIR)/.corridor/demo}" $(BIN)/corridor serve --host 127.0.0.1 --port 8000

$(VENV)/.docs-installed: pyproject.toml | $(VENV)/.installed
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -e . --group dev --group docs
	touch $@

docs: $(VENV)/.docs-installed
	$(BIN)/python scripts/gen_cli_docs.py --check
	$(BIN)/python scripts/gen_ref_docs.py --check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

docs-gen: install
	$(BIN)/python scripts/gen_cli_docs.py
	$(BIN)/python scripts/gen_ref_docs.py

clean:
	rm -rf $(VENV) $(YENTE_VENV) .corridor .mypy_cache .pytest_cache .ruff_cache site node_modules src/corridor/console/static/vendor
