# syntax=docker/dockerfile:1
# One image per service, every one built from this file at the repository root:
#
#   docker build --build-arg SERVICE=vendors --build-arg PORT=8082 -t eorder/vendors .
#   docker build --build-arg SERVICE=catalog --build-arg PORT=8081 -t eorder/catalog .
#   docker build --build-arg SERVICE=gateway --build-arg PORT=8080 -t eorder/gateway .
#
# SERVICE is the service's name, which is also its Python package and the name of its entry in the
# `eorder.services` entry points; its project directory is services/<SERVICE>/ (or <SERVICE>/ at the
# root, as for the gateway; PACKAGE_DIR overrides). PORT is the port of its web process: the build
# checks it against the service's own definition, so that a wrong one fails here and not in a cluster.
# Processes (one image): web (the default command), `python -m <service> worker`,
# `python -m <service> migrate`.
#
# The base image is pinned to an exact release. Pin it to a digest as well (python:...@sha256:...)
# where the build machine can reach a registry to look it up; this repository's own machines cannot.
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/eorder
WORKDIR /src
# Every third-party package from the lock, hash-checked. This layer comes before SERVICE is declared,
# so that all the services' images share it.
COPY requirements/runtime.txt requirements/runtime.txt
RUN /opt/eorder/bin/pip install --require-hashes --no-deps -r requirements/runtime.txt

ARG SERVICE
ARG PORT
ARG PACKAGE_DIR
COPY libs/ libs/
COPY services/ services/
COPY gateway/ gateway/
# The shared libraries and the service, built from their directories (not editable) with the locked
# setuptools, and with --no-deps: everything they need is in the lock, and an `eorder-*` name is never
# looked up on an index. The development key pair's private half is not in the build context
# (.dockerignore); the check below makes sure that stays so.
RUN set -eu; \
    test -n "${SERVICE:-}" || { echo "build with --build-arg SERVICE=<service> (e.g. vendors)" >&2; exit 1; }; \
    dir="${PACKAGE_DIR:-services/$SERVICE}"; \
    [ -n "${PACKAGE_DIR:-}" ] || [ -f "$dir/pyproject.toml" ] || dir="$SERVICE"; \
    test -f "$dir/pyproject.toml" || { echo "no pyproject.toml for $SERVICE (set PACKAGE_DIR)" >&2; exit 1; }; \
    /opt/eorder/bin/pip install --no-deps --no-build-isolation ./libs/* "./$dir"; \
    /opt/eorder/bin/pip check; \
    if find /opt/eorder -name 'dev-private.pem' | grep -q .; then \
      echo "a private key would ship in the image" >&2; exit 1; fi; \
    port="$(cd / && /opt/eorder/bin/python -c "from importlib.metadata import entry_points; print(entry_points(group='eorder.services')['$SERVICE'].load().port)")"; \
    test "${PORT:-}" = "$port" || { echo "$SERVICE serves on $port: build with --build-arg PORT=$port" >&2; exit 1; }

FROM ${PYTHON_IMAGE}
ARG SERVICE
ARG PORT
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/eorder/bin:$PATH \
    SERVICE=${SERVICE} \
    PORT=${PORT}
RUN groupadd --system --gid 10001 eorder \
    && useradd --system --uid 10001 --gid eorder --home-dir /app --shell /usr/sbin/nologin eorder
# The virtualenv only: no sources, no tests, no build tools beyond the locked setuptools. It stays
# owned by root: the service can read its code, not change it.
COPY --from=build /opt/eorder /opt/eorder
WORKDIR /app
USER eorder
EXPOSE ${PORT}
# The root filesystem may be read-only (compose and Kubernetes): gunicorn and Prometheus use /tmp.
# gunicorn with the service's own settings when it ships them (the gateway: gevent workers).
CMD ["sh", "-c", "exec python -m servicekit.web \"$SERVICE\""]
