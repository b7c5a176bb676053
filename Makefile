# orgraph: two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= out/demo
# poppler-utils gives pdftotext, which the tests use to read the Vietnamese back out of PDFs;
# chromium is the browser the HTML viewer's tests and mermaid-cli drive (neither downloads one).
APT_PACKAGES := graphviz fonts-dejavu-core fonts-noto-core poppler-utils chromium

.PHONY: help install system-deps mermaid-cli demo test test-thorough lint format bench mutation docs docs-serve schema clean

help:
	@echo "make demo           install everything and run the Đầm Hà demo (outputs in $(OUT))"
	@echo "make test           install everything and run the tests"
	@echo "make test-thorough  the tests with the thorough hypothesis profile"
	@echo "make lint           ruff, mypy and the import layers (lint-imports)"
	@echo "make bench          the benchmarks in benchmarks/"
	@echo "make mutation       mutation testing of the kernel with mutmut (slow; see [tool.mutmut])"
	@echo "make docs           build the documentation site into site/"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[all]'
	@touch $(STAMP)

install: $(STAMP) system-deps mermaid-cli

# Graphviz, fonts that cover Vietnamese and chromium: installed with apt when missing and root,
# otherwise the exact command to run is printed.
system-deps:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	fc-list :lang=vi 2>/dev/null | grep -qi -e dejavu -e noto || missing="$$missing fonts-dejavu-core fonts-noto-core"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing system packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	else \
		echo "orgraph needs system packages that are missing:$$missing"; \
		echo "  Debian/Ubuntu: sudo apt-get install $(APT_PACKAGES)"; \
		echo "  Fedora:        sudo dnf install graphviz dejavu-sans-fonts google-noto-sans-fonts poppler-utils chromium"; \
		echo "  macOS:         brew install graphviz poppler  (system fonts cover Vietnamese)"; \
		echo "Charts in SVG, PNG and PDF need them; DOT and Mermaid output work without; the viewer tests need chromium."; \
	fi

demo: install
	@$(BIN)/orgraph demo -o $(OUT)
	@echo "orgraph is installed in $(BIN): run 'source $(BIN)/activate' to put it on PATH (or call $(BIN)/orgraph)"

test: install
	$(PY) -m pytest -q -n auto

test-thorough: install
	HYPOTHESIS_PROFILE=thorough $(PY) -m pytest -q -n auto

lint: $(STAMP)
	$(BIN)/ruff check orgraph tests benchmarks scripts _orgraph_entry.py
	$(BIN)/ruff format --check orgraph tests benchmarks scripts _orgraph_entry.py
	$(BIN)/mypy orgraph _orgraph_entry.py
	$(BIN)/lint-imports --no-logo

format: $(STAMP)
	$(BIN)/ruff format orgraph tests benchmarks
	$(BIN)/ruff check --fix orgraph tests benchmarks

mutation: $(STAMP)
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

bench: install
	@for script in benchmarks/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

docs: $(STAMP)
	$(BIN)/mkdocs build --strict

docs-serve: $(STAMP)
	$(BIN)/mkdocs serve

schema: $(STAMP)
	$(PY) scripts/write_schemas.py

clean:
	rm -rf $(VENV) site out .pytest_cache .mypy_cache .ruff_cache .hypothesis .tools

# mermaid-cli (npm) renders the Mermaid charts in the tests, with Debian's chromium:
# PUPPETEER_SKIP_DOWNLOAD=1, so no browser is downloaded (tests/render/puppeteer.json
# points puppeteer at /usr/bin/chromium). Skipped, with a note, when npm is missing.
MERMAID_CLI := .tools/mermaid/node_modules/.bin/mmdc
mermaid-cli:
	@if [ -x $(MERMAID_CLI) ]; then exit 0; fi; \
	if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the Mermaid rendering test will be skipped (install nodejs/npm)"; exit 0; fi; \
	mkdir -p .tools/mermaid && PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix .tools/mermaid \
		--no-audit --no-fund --loglevel=error @mermaid-js/mermaid-cli@12.2.0
