# Project tasks. `make run` and `make test` are the two a new user needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY := .venv/bin/python
STAMP := .venv/.installed
# Debian packages: CJK fonts (sample generator, page rendering), chromium (browser tests),
# Tesseract with its Simplified Chinese model (OCR of scanned PDFs, ingest/ocr.py).
APT_REQUIRED := fonts-wqy-zenhei fonts-arphic-uming chromium tesseract-ocr tesseract-ocr-chi-sim
APT_OPTIONAL := poppler-utils
LAKE_DIR ?= lake
PORT ?= 8501
# the synthetic demo corpus (示例数据), generated and ingested by `make lake`
SYNTH_DIR ?= build/synthetic
SYNTH_N ?= 29
export LAKE_DIR

.PHONY: help setup apt lake run test lint bench load samples clean-lake accuracy

help:
	@echo "make run         set up, build the demo lake if empty, serve the dashboard on :$(PORT)"
	@echo "make test        set up, run the test suite"
	@echo "make setup       system packages + .venv + project install (idempotent)"
	@echo "make lake        ingest samples/ (real PDFs in samples/real/ included) and $(SYNTH_N) synthetic 示例数据 documents into $(LAKE_DIR) when empty"
	@echo "make samples     regenerate the sample PDFs"
	@echo "make lint        ruff (style, bugs) and mypy (strict on fiscal/ and ingest/)"
	@echo "make bench       run the benchmarks"
	@echo "make accuracy    measure figures and flags against the truth files in accuracy/truth (+ planted defects)"
	@echo "make load        load test: 20 headless browser sessions on the dashboard (~2 min, loopback)"
	@echo "make clean-lake  empty $(LAKE_DIR)"

setup: apt $(STAMP)

# Installs only what is missing; apt-get update only when something must be installed.
apt:
	@set -e; installed() { dpkg -s "$$1" 2>/dev/null | grep -q '^Status: install ok installed'; }; \
	if ! command -v dpkg >/dev/null; then echo "setup: no dpkg (not Debian?): install $(APT_REQUIRED) yourself"; exit 0; fi; \
	missing=""; optional=""; \
	for p in $(APT_REQUIRED); do installed $$p || missing="$$missing $$p"; done; \
	for p in $(APT_OPTIONAL); do installed $$p || optional="$$optional $$p"; done; \
	if [ ! -x $(PY) ] && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then missing="$$missing python3-venv"; fi; \
	if [ -z "$$missing$$optional" ]; then exit 0; fi; \
	sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	echo "setup: installing$$missing$$optional"; \
	$$sudo apt-get update -qq; \
	if [ -n "$$missing" ]; then DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; fi; \
	if [ -n "$$optional" ]; then DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$optional \
		|| echo "setup: optional$$optional not installed (not needed to run)"; fi

$(PY):
	python3 -m venv .venv

# Reinstall only when pyproject.toml changed since the last install, or when a top-level
# package appeared since (the editable install maps only the packages present at install time).
PACKAGES := $(patsubst %/__init__.py,%,$(wildcard fiscal/__init__.py ingest/__init__.py samplegen/__init__.py))
ifneq ($(shell cat $(STAMP) 2>/dev/null),$(PACKAGES))
.PHONY: $(STAMP)
endif
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,ray]'
	echo '$(PACKAGES)' > $@

lake: setup
	@if [ -d "$(LAKE_DIR)/documents/_delta_log" ]; then \
		echo "lake: $(LAKE_DIR) already has documents (make clean-lake to rebuild)"; \
	else \
		set -e; srcs="samples/"; \
		echo "lake: ingesting $$srcs into $(LAKE_DIR)"; \
		$(PY) -m ingest $$srcs --lake "$(LAKE_DIR)"; \
		echo "lake: generating $(SYNTH_N) synthetic documents (示例数据) into $(SYNTH_DIR)"; \
		$(PY) -m samplegen --synthetic $(SYNTH_N) --out "$(SYNTH_DIR)"; \
		$(PY) -m ingest "$(SYNTH_DIR)" --lake "$(LAKE_DIR)" --synthetic; \
	fi

# Loopback only unless sign-in is configured (fiscal/serve.py); HOST=0.0.0.0 with sign-in to open it up.
run: setup lake
	$(PY) -m fiscal serve --port $(PORT)

test: setup
	$(PY) -m pytest -q

lint: setup
	.venv/bin/ruff check .
	.venv/bin/mypy

bench: setup
	$(PY) -m bench

load: setup
	$(PY) -m bench.load

samples: setup
	$(PY) -m samplegen

accuracy: setup
	$(PY) -m accuracy

clean-lake:
	@if [ -d "$(LAKE_DIR)" ]; then find "$(LAKE_DIR)" -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +; fi
	@echo "clean-lake: $(LAKE_DIR) emptied"
