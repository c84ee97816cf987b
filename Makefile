# Everything a fresh machine needs: `make demo` and `make test` create .venv and install into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STORE  ?= .ergraph/store
BENCH_ARGS ?= --bolt

.PHONY: demo test test-neo4j lint bench eval browser-deps clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/ergraph load seeds/ --store $(STORE)
	$(BIN)/ergraph viz -o graph.html --store $(STORE)
	@echo "--- who contacted whom (queries/contacts.cypher) ---"
	$(BIN)/ergraph queries run contacts --store $(STORE)
	@echo "Open graph.html in a browser; try: $(BIN)/ergraph --help"

## Headless Chromium for the browser tests (Debian package; needs root or sudo).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed-dev browser-deps
	$(BIN)/ruff check .
	$(BIN)/pytest -q

## The same store tests against a real Neo4j (docker compose up -d first, or any NEO4J_URI).
test-neo4j: $(VENV)/.installed-dev
	docker compose up -d --wait
	NEO4J_URI=$${NEO4J_URI:-bolt://localhost:7687} $(BIN)/pytest -q -m bolt

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check graph loaders queries tests bench

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-dev

## Throughput, memory and latency of every stage, both stores (the Bolt one on ArcadeDB);
## `make bench BENCH_ARGS="--quick --bolt"` for a short run, BENCH_ARGS= to skip the Bolt store.
bench: $(VENV)/.installed-bench browser-deps
	$(PY) -m bench $(BENCH_ARGS)

## Extraction quality against gold: the seeds, tests/data/articles and the synthetic corpus.
eval: $(VENV)/.installed-dev
	$(PY) -m bench.evaluate

clean:
	rm -rf $(VENV) .ergraph graph.html
