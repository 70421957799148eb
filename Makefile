# ita — every target bootstraps what it needs (uv, .venv, packages, fonts).
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect

.PHONY: help venv demo test test-slow lint fmt typecheck samples accuracy bench bench-extract clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools && .tools/bin/pip install -q uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

venv: .venv/.synced ## Create/refresh .venv from uv.lock

demo: venv ## Run the whole pipeline on the bundled samples
	.venv/bin/ita demo

test: venv ## Run the test suite (fast part)
	$(PY) -m pytest -m "not slow" -q

.PHONY: test-browser
test-browser: venv ## Browser tests of `ita web` (installs Debian's chromium when missing)
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian chromium (Playwright cannot download its own browser here)"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends chromium; \
	fi
	$(PY) -m pytest tests/web -m browser -q

test-slow: venv ## Run the slow tests (fuzzing, kill -9, big batches)
	$(PY) -m pytest -m slow -q

lint: venv ## ruff check + format check
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

fmt: venv ## Format the code
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

typecheck: venv ## mypy on the domain and contracts
	.venv/bin/mypy ita schemas

samples: venv ## Regenerate the sample corpus (installs Chromium, LibreOffice, fonts when missing)
	bash scripts/install-producers.sh
	$(PY) -m ita.samples

accuracy: venv ## Extraction exact-match rates per producer and field against golden JSON
	$(PY) -m ita.sources.accuracy

bench-extract: venv ## ms/page: pypdfium2 text, pdfplumber chars, our extraction
	$(PY) -m bench.extract

bench: venv ## All benchmarks → bench/results.md and bench/results.json
	$(PY) -m bench

clean: ## Remove the venv, caches and the local warehouse
	rm -rf .venv .tools .pytest_cache .ruff_cache .mypy_cache out warehouse/*.duckdb
