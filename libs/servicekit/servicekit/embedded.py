"""The embedded mode: every installed service and the gateway in one process, on SQLite files and
the embedded bus (``var/bus.db``, durable like RabbitMQ: an event is delivered at least once across
Ctrl-C, a crash and a restart), with demo data. ``make up`` runs it; Ctrl-C stops it; the data and
the undelivered events stay in ``var/``.

Services are found through the ``eorder.services`` entry point group, so a province that installs
only some services gets only those.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from importlib.metadata import entry_points
from typing import Sequence

from werkzeug.serving import make_server

from servicekit.logging import configure_logging
from servicekit.service import ServiceDefinition, ServiceRuntime
from servicekit.settings import Settings

ENTRY_POINT_GROUP = "eorder.services"


def installed_services() -> list[ServiceDefinition]:
    """Every installed service, the edge (which routes to the others) last."""
    definitions = [ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)]
    return sorted(definitions, key=lambda d: (d.is_edge, d.port))


def default_upstreams(definitions: Sequence[ServiceDefinition], host: str) -> str:
    """``name=url,...`` of every service the edge routes clients to: not the edge, nor an unrouted one."""
    return ",".join(f"{d.name}=http://{host}:{port_of(d)}" for d in definitions if d.routed and not d.is_edge)


def port_of(definition: ServiceDefinition) -> int:
    """The service's port, or ``EORDER_<SERVICE>_PORT`` (two platforms on one machine, tests)."""
    return int(os.environ.get(f"EORDER_{definition.name.upper()}_PORT", definition.port))


def main(argv: Sequence[str] | None = None) -> None:
    host = os.environ.get("EORDER_EMBEDDED_HOST", "127.0.0.1")
    definitions = installed_services()
    if not definitions:
        sys.exit("no services installed: run `make up` from the repository root")
    for edge in (definition for definition in definitions if definition.is_edge):
        os.environ.setdefault(f"EORDER_{edge.name.upper()}_UPSTREAMS", default_upstreams(definitions, host))
    configure_logging("embedded", os.environ.get("EORDER_LOG_LEVEL", "WARNING"))
    stop = threading.Event()
    servers = []
    runtimes: list[ServiceRuntime] = []
    for definition in definitions:
        settings = Settings.from_env(definition.name)
        if settings.is_production:
            sys.exit("the embedded mode is for local use only; unset EORDER_ENV=production")
        runtimes.append(ServiceRuntime(definition, settings))
    # Every service's queue is declared before any demo event is relayed: a consumer whose queue
    # came later would find the demo events among the unroutable ones.
    for runtime in runtimes:
        runtime.migrate()
    for runtime in runtimes:
        definition = runtime.definition
        if definition.load_demo_data is not None and os.environ.get("EORDER_DEMO_DATA", "1") == "1":
            definition.load_demo_data(runtime)
        runtime.start_worker(stop)
        server = make_server(host, port_of(definition), runtime.create_app(), threaded=True)
        threading.Thread(target=server.serve_forever, name=f"{definition.name}-web", daemon=True).start()
        servers.append(server)
    print("Open e-Order is running (embedded: SQLite files and the event bus in var/, demo data):", flush=True)
    for definition in sorted(definitions, key=lambda d: d.port):
        port = port_of(definition)
        print(f"  {definition.name:<9} http://{host}:{port}   docs: http://{host}:{port}{definition.docs_path}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    print("stopping...", flush=True)
    for server in servers:
        server.shutdown()
    for runtime in runtimes:
        runtime.close()


if __name__ == "__main__":
    main()
