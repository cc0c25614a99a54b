# cisec: set-up, run, test, check, bench. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# System packages WeasyPrint needs (Pango, PangoFT2, HarfBuzz subsetting), the CJK font the
# reports name, and the tools the tests drive the app and read PDFs with; Chromium is the
# browser the classroom's browser tests drive (Playwright's own download is not used).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk tmux poppler-utils chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup system-packages run test check lint typecheck imports bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

setup: system-packages $(VENV)/.installed ## Install system libraries, the virtual environment and cisec (idempotent)

system-packages: ## Install the Debian/Ubuntu packages WeasyPrint and the tests need, if any is missing
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,serve]'
	@touch $@

run: setup ## Set up, then open the terminal UI
	$(BIN)/cisec

test: setup ## Set up, then run the whole test suite
	$(BIN)/python -m pytest

lint: setup ## ruff (with the S security rules)
	$(BIN)/ruff check cisec tests bench
	$(BIN)/ruff format --check cisec tests bench

typecheck: setup ## mypy, strict, on the package
	$(BIN)/mypy

imports: setup ## import-linter contracts (the core never imports a face; only scan.fetch imports requests)
	$(BIN)/lint-imports

check: lint typecheck imports test ## ruff, mypy, import contracts, tests

bench: setup ## Run the benchmarks and print medians
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
