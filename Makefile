# Open e-Order: `make up` runs the platform embedded; `make test` runs every test.
# Both install what is missing into .venv first, so they work on a fresh clone.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Every installable part of the platform, in dependency order. A directory that does not exist yet
# (a service not written) is skipped.
PACKAGES := $(wildcard libs/contracts libs/servicekit services/vendors services/catalog services/orders services/payments gateway)
PYPROJECTS := $(foreach p,$(PACKAGES),$(p)/pyproject.toml)
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install up test test-unit test-integration test-e2e distributed migrate bench check-deploy clean-data clean

$(STAMP): requirements/constraints.txt requirements/dev.txt $(PYPROJECTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -r requirements/dev.txt $(foreach p,$(PACKAGES),-e $(p))
	touch $(STAMP)

install: $(STAMP)

## Run every service and the gateway in one process: SQLite files in var/, in-process bus, demo data.
up: install
	$(BIN)/eorder-embedded

## The whole suite, against RabbitMQ and PostgreSQL on 127.0.0.1 and the embedded backends.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-unit: install
	$(BIN)/python -m pytest -m unit $(PYTEST_ARGS)

test-integration: install
	$(BIN)/python -m pytest -m integration $(PYTEST_ARGS)

test-e2e: install
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

## Local distributed mode: web (gunicorn) and worker processes per service on RabbitMQ and PostgreSQL.
migrate: install
	$(BIN)/python -m servicekit.distributed migrate

distributed: install
	$(BIN)/python -m servicekit.distributed run

bench: install
	$(BIN)/python bench/relay_throughput.py

## Render and validate compose, Kubernetes overlays, Prometheus rules (installs the validators first).
check-deploy:
	bash deploy/tools/install-validators.sh
	$${TMPDIR:-/tmp}/eorder-deploy-tools/bin/check-deploy

clean-data:
	rm -rf var

clean: clean-data
	rm -rf $(VENV)
