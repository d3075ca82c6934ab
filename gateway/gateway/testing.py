"""Helpers for tests: apps served on free loopback ports by a thread, and signing in to a gateway."""
from __future__ import annotations

import threading
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from flask.testing import FlaskClient
from werkzeug.serving import WSGIRequestHandler, make_server

from servicekit.testing.processes import free_port

if TYPE_CHECKING:
    from servicekit.service import ServiceDefinition
    from servicekit.testing.harness import ServiceHarness


class _QuietHandler(WSGIRequestHandler):
    """The services log each request themselves (JSON); werkzeug's access lines would double them."""

    def log_request(self, *_args: Any, **_kwargs: Any) -> None:
        pass


@contextmanager
def served(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``app`` until the block ends; yields its base URL (``http://127.0.0.1:<port>``)."""
    server = make_server(host, 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="served-app", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port_url() -> str:
    """A loopback URL nothing listens on: connecting is refused."""
    return f"http://127.0.0.1:{free_port()}"


def sign_in(client: FlaskClient, username: str, password: str = "demo") -> dict[str, Any]:
    """The token answer for a user of a gateway under a Flask test client; fails the test otherwise."""
    response = client.post("/api/v1/auth/token", json={"username": username, "password": password})
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


class ServedStack:
    """The gateway and some installed services, each served on a free loopback port, embedded-style.

    SQLite files, one in-process bus shared by the services, demo data loaded: what ``make up`` runs,
    but on ports of its own so that tests run side by side. Services are found through the
    ``eorder.services`` entry points, as the embedded mode finds them, so that the gateway never
    imports another service's code. Use as a context manager.
    """

    def __init__(self, directory: Path, services: Sequence[str], *, demo: bool = True, **gateway_env: str) -> None:
        from servicekit.embedded import installed_services

        from gateway.service import DEFINITION as GATEWAY

        available = {definition.name: definition for definition in installed_services()}
        missing = sorted(set(services) - set(available))
        if missing:
            raise LookupError(f"not installed: {', '.join(missing)}")
        self._exits = ExitStack()
        self._servers: dict[str, ExitStack] = {}
        prefix = f"stack-{uuid.uuid4().hex[:8]}."
        self.harnesses: dict[str, "ServiceHarness"] = {}
        self.urls: dict[str, str] = {}
        try:
            # In port order, as the embedded mode starts them: consumers declare their queues before
            # the demo data of the services they listen to is published.
            for definition in sorted((available[name] for name in services), key=lambda d: d.port):
                self._start(definition, directory, prefix, demo, {})
            upstreams = ",".join(f"{name}={url}" for name, url in self.urls.items())
            self._start(GATEWAY, directory, prefix, demo, {"EORDER_GATEWAY_UPSTREAMS": upstreams, **gateway_env})
        except BaseException:
            self._exits.close()
            raise

    def _start(
        self, definition: "ServiceDefinition", directory: Path, prefix: str, demo: bool, environ: dict[str, str]
    ) -> None:
        from servicekit.testing.harness import ServiceHarness

        harness = self._exits.enter_context(
            ServiceHarness(
                definition,
                database_url=f"sqlite:///{directory / (definition.name + '.db')}",
                events_prefix=prefix,
                environ=environ,
            )
        )
        if demo and definition.load_demo_data is not None:
            definition.load_demo_data(harness.runtime)
        self.harnesses[definition.name] = harness
        server = self._exits.enter_context(ExitStack())
        self.urls[definition.name] = server.enter_context(served(harness.app))
        self._servers[definition.name] = server

    def stop(self, name: str) -> None:
        """Stop serving one service (its port then refuses connections), as if it had gone down."""
        self._servers[name].close()

    def __enter__(self) -> "ServedStack":
        return self

    def __exit__(self, *exc: object) -> None:
        self._exits.close()
