# One command per chore; CI runs the same ones.
SHELL := /bin/bash
UV_VERSION := 0.13.8
UV := .cache/uv/bin/uv
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: up test test-quick lint typecheck install bench help

help: ## list the chores
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	python3 -m venv .cache/uv
	.cache/uv/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --all-extras --python python3.11
	touch $@

install: $(VENV)/.installed ## create .venv from the lock file

up: install ## install everything and run ResumeRoast at http://127.0.0.1:8000
	$(VENV)/bin/resumeroast up

lint: install ## ruff
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: install ## mypy --strict on the package
	$(VENV)/bin/mypy

test: install lint typecheck ## lint, type-check and run the whole test suite
	$(VENV)/bin/pytest

test-quick: install ## unit tests only, no real processes or models
	$(VENV)/bin/pytest -m "not integration and not llm and not chaos"
