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

# The local packages, as uv names them: never looked up on an index, never written into a lock.
LOCAL_NAMES := $(foreach p,$(PACKAGES),eorder-$(notdir $(p)))

.PHONY: install lock mutation up test test-unit test-integration test-e2e distributed migrate bench check-deploy clean-data clean

# Every third-party package comes from the lock, hash-checked (requirements/dev.txt: the runtime set
# of requirements/runtime.txt plus the test tools). The local packages install on top, editable and
# with --no-deps, so that nothing unlocked is ever pulled in; `pip check` then fails if a
# pyproject.toml asks for something the lock lacks (run `make lock`).
$(STAMP): requirements/dev.txt $(PYPROJECTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation $(foreach p,$(PACKAGES),-e $(p))
	$(BIN)/python -m pip check || { echo "make: the lock lacks a dependency of a pyproject.toml: run make lock" >&2; exit 1; }
	touch $(STAMP)

install: $(STAMP)

## Re-resolve the lock from requirements/*.in and every pyproject.toml, keeping the versions already
## locked where they still fit (UPGRADE=1 takes the newest allowed; PACKAGE=name upgrades one).
## uv itself comes from the lock, so this needs only the venv with the locked tools in it.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock" $(foreach n,$(LOCAL_NAMES),--no-emit-package $(n)) \
	$(if $(UPGRADE),--upgrade) $(if $(PACKAGE),--upgrade-package $(PACKAGE))
lock:
	@for p in $(PACKAGES); do grep -qx -- "-e ./$$p" requirements/runtime.in \
	  || { echo "make: add '-e ./$$p' to requirements/runtime.in" >&2; exit 1; }; done
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	$(UV_COMPILE) -o requirements/runtime.txt requirements/runtime.in
	$(UV_COMPILE) -o requirements/dev.txt requirements/dev.in

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

## Every benchmark, printed as one table (bench/README.md says how each figure is measured). The web
## figures need wrk, a compiled load generator: installed here when missing and run as root.
bench: install
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; \
	  else echo "make bench needs wrk: sudo apt-get install -y wrk (Debian/Ubuntu), brew install wrk (macOS)" >&2; exit 1; fi; }
	cd bench && ../$(BIN)/python platform_figures.py $(BENCH_ARGS)

## Mutation testing of the pure domain modules (slow; not part of `make test`): score per module and
## every surviving mutant (mutation/README.md says how to read them).
mutation: install
	$(BIN)/python mutation/run.py $(MUTATION_ARGS)

## Render and validate compose, Kubernetes overlays, images, the lock, Prometheus rules (installs the
## validators first, outside the work tree).
DEPLOY_TOOLS := $${TMPDIR:-/tmp}/eorder-deploy-tools
check-deploy:
	bash deploy/tools/install-validators.sh
	PATH="$(DEPLOY_TOOLS)/bin:$$PATH" $(DEPLOY_TOOLS)/bin/python deploy/tools/check_manifests.py

clean-data:
	rm -rf var

clean: clean-data
	rm -rf $(VENV)
