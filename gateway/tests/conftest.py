"""Fixtures for the gateway's tests: the gateway under a harness, and fake upstreams on real ports.

The fakes keep to the contracts of the real services (paths, bodies, Idempotency-Key replay) so that
the gateway's own behaviour can be tested apart from them; tests/e2e runs it with the real ones.
"""
from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from flask import Flask, Response, jsonify, request

from servicekit.testing import ServiceHarness, database_url_for

from gateway.service import DEFINITION
from gateway.testing import served

FAST = {
    "EORDER_GATEWAY_FAILURE_DELAY_SECONDS": "0",
    "EORDER_GATEWAY_UPSTREAM_RETRIES": "1",
    "EORDER_GATEWAY_PASSWORD_HASHING": "cheapest-for-tests",
}


@pytest.fixture
def make_gateway(tmp_path: Path) -> Iterator[Callable[..., ServiceHarness]]:
    """``make_gateway(upstreams={"vendors": url}, db="sqlite", **env)``: a migrated gateway with a test client."""

    def make(upstreams: dict[str, str] | None = None, db: str = "sqlite", demo: bool = False, **env: str) -> ServiceHarness:
        database_url = made.enter_context(database_url_for(db, tmp_path / uuid.uuid4().hex[:6]))
        environ = {
            **FAST,
            "EORDER_GATEWAY_UPSTREAMS": ",".join(f"{k}={v}" for k, v in (upstreams or {}).items()),
            **env,
        }
        harness = made.enter_context(ServiceHarness(DEFINITION, database_url=database_url, environ=environ))
        if demo:
            assert DEFINITION.load_demo_data is not None
            DEFINITION.load_demo_data(harness.runtime)
        return harness

    # Closed in reverse: each harness before the database it runs on is dropped.
    with ExitStack() as made:
        yield make


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# -- fake upstreams ---------------------------------------------------------------------------------
class FakeVendors:
    """The vendors service's registration and read contract, with switches for failures."""

    def __init__(self) -> None:
        self.vendors: dict[str, dict[str, Any]] = {}
        self.registrations: dict[str, tuple[int, dict[str, Any]]] = {}
        self.received: list[dict[str, Any]] = []
        self.refuse_with: tuple[int, dict[str, Any]] | None = None
        self.delay_seconds = 0.0
        self.openapi_fetches = 0
        self.app = self._build()

    def add(self, name: str, **fields: Any) -> str:
        vendor_id = str(uuid.uuid4())
        self.vendors[vendor_id] = {
            "id": vendor_id,
            "name": name,
            "status": "verified",
            "rating": {"average": 4.5, "count": 2},
            **fields,
        }
        return vendor_id

    def _build(self) -> Flask:
        app = Flask("fake-vendors")

        @app.post("/api/v1/vendors/registrations")
        def register() -> Any:
            self.received.append({"headers": dict(request.headers), "body": request.get_json()})
            time.sleep(self.delay_seconds)
            key = request.headers.get("Idempotency-Key", "")
            if key in self.registrations:
                status, body = self.registrations[key]
                return jsonify(body), status
            if self.refuse_with is not None:
                status, problem = self.refuse_with
                return Response(json.dumps(problem), status=status, mimetype="application/problem+json")
            vendor_id = self.add(request.get_json()["name"], status="pending")
            self.registrations[key] = (201, self.vendors[vendor_id])
            return jsonify(self.vendors[vendor_id]), 201

        @app.get("/api/v1/vendors/<vendor_id>")
        def read(vendor_id: str) -> Any:
            vendor = self.vendors.get(vendor_id)
            if vendor is None or vendor["status"] != "verified":
                return jsonify(type="about:blank", title="Not Found", status=404), 404
            return jsonify(vendor)

        @app.get("/openapi.json")
        def openapi() -> Any:
            self.openapi_fetches += 1
            return jsonify(
                openapi="3.0.3",
                info={"title": "fake vendors", "version": "1"},
                paths={
                    "/api/v1/vendors/{vendor_id}": {"get": {"responses": {"200": {"description": "ok", "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Vendor"}}}}}}},
                    "/api/v1/vendors/registrations": {"post": {
                        "requestBody": {"content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/Registration"}}}},
                        "responses": {"201": {"description": "registered"}},
                    }},
                },
                components={"schemas": {
                    "Vendor": {"type": "object"},
                    # The shape of the vendors service's RegistrationIn, as apispec publishes it.
                    "Registration": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string", "minLength": 1},
                            "nib": {"type": "string", "pattern": "^[0-9]{13}$"},
                            "website": {"type": "string", "nullable": True},
                        },
                        "required": ["name", "nib"],
                        "additionalProperties": False,
                    },
                }},
            )

        @app.get("/readyz")
        def ready() -> Any:
            return jsonify(status="ready")

        return app


class FakeCatalog:
    def __init__(self) -> None:
        self.products: list[dict[str, Any]] = []
        self.queries: list[dict[str, str]] = []
        self.app = Flask("fake-catalog")

        @self.app.get("/api/v1/catalog/products")
        def products() -> Any:
            self.queries.append(dict(request.args))
            vendor = request.args.get("vendor")
            return jsonify(items=[p for p in self.products if p["vendor_id"] == vendor], next=None)

        @self.app.get("/readyz")
        def ready() -> Any:
            return jsonify(status="ready")


def echo_app() -> Flask:
    """Answers with what it received; ``/api/v1/echo/status/<n>`` answers n, ``/slow`` sleeps."""
    app = Flask("echo")
    app.config["hits"] = 0
    app.config["readiness_probes"] = 0

    @app.route("/api/v1/echo/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
    def echo(rest: str) -> Any:
        app.config["hits"] += 1
        if rest.startswith("slow"):
            time.sleep(float(request.args.get("seconds", "1")))
        status = int(rest.split("/")[1]) if rest.startswith("status/") else 200
        body = {
            "method": request.method,
            "path": request.path,
            "query": request.query_string.decode(),
            "headers": dict(request.headers),
            "body": request.get_data(as_text=True),
        }
        response = jsonify(body)
        response.status_code = status
        response.headers["Keep-Alive"] = "timeout=99"
        response.headers["X-Upstream"] = "echo"
        return response

    @app.get("/readyz")
    def ready() -> Any:
        app.config["readiness_probes"] += 1
        return jsonify(status="ready")

    return app


@pytest.fixture
def fake_vendors() -> Iterator[tuple[FakeVendors, str]]:
    fake = FakeVendors()
    with served(fake.app) as url:
        yield fake, url


@pytest.fixture
def fake_catalog() -> Iterator[tuple[FakeCatalog, str]]:
    fake = FakeCatalog()
    with served(fake.app) as url:
        yield fake, url


@pytest.fixture
def echo() -> Iterator[tuple[Flask, str]]:
    app = echo_app()
    with served(app) as url:
        yield app, url


class HangUpServer:
    """Accepts connections, reads the request and closes without answering; counts the attempts."""

    def __init__(self) -> None:
        self.attempts = 0
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self._sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                connection, _ = self._sock.accept()
            except OSError:
                continue
            with connection:
                connection.recv(65536)
                self.attempts += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()


@pytest.fixture
def hang_up() -> Iterator[HangUpServer]:
    server = HangUpServer()
    yield server
    server.close()
