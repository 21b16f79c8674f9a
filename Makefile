# One command per chore; CI runs the same ones.
SHELL := /bin/bash
UV_VERSION := 0.13.8
UV := .cache/uv/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
WEB := frontend
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f 2>/dev/null) \
	$(addprefix $(WEB)/,index.html vite.config.ts tsconfig.json package.json package-lock.json)

.PHONY: up test test-postgres test-quick mutation-check lint typecheck install web client bench help

help: ## list the chores
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	python3 -m venv .cache/uv
	.cache/uv/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --all-extras --python python3.11
	touch $@

install: $(VENV)/.installed ## create .venv from the lock file

# The web app (Node 20 and npm): npm ci when the lock file changed, a build when dist is
# missing or older than any source.
$(WEB)/node_modules/.package-lock.json: $(WEB)/package-lock.json
	@scripts/check_node.sh
	cd $(WEB) && npm ci --no-audit --no-fund
	touch $@

$(WEB)/dist/index.html: $(WEB)/node_modules/.package-lock.json $(WEB_SOURCES)
	cd $(WEB) && npm run build
	touch $@

web: $(WEB)/dist/index.html ## build the web app into frontend/dist when missing or stale

client: install $(WEB)/node_modules/.package-lock.json ## regenerate frontend/openapi.json and the typed API client
	$(PY) scripts/export_openapi.py
	cd $(WEB) && npm run generate

up: install web ## install everything and run ResumeRoast at http://127.0.0.1:8000
	$(VENV)/bin/resumeroast up

lint: install ## ruff, and import-linter's layer contracts (pyproject.toml)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports --no-cache --no-logo

typecheck: install ## mypy --strict on the package
	$(VENV)/bin/mypy

test: install lint typecheck web ## lint, type-check and run the whole test suite
	cd $(WEB) && npm test
	$(VENV)/bin/pytest

test-postgres: install ## the tests of the database's own behaviour (marker db) again, on PostgreSQL (TEST_DATABASE_URL)
	@test -n "$(TEST_DATABASE_URL)" || (echo "set TEST_DATABASE_URL=postgresql://…" && exit 2)
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest -m "db and not e2e and not llm" tests/integration tests/chaos

test-quick: install ## unit tests only, no real processes or models
	$(VENV)/bin/pytest -m "not integration and not llm and not chaos and not e2e"

mutation-check: install ## break each documented guarantee in a copy of the code: its tests must go red
	$(PY) scripts/mutation_check.py
