"""The local distributed mode: each installed service as its own web (gunicorn) and worker processes
on RabbitMQ and PostgreSQL, one database per service, migrations applied once by a command.

    python -m servicekit.distributed migrate            # create databases, apply migrations, declare queues
    python -m servicekit.distributed run [--only vendors,gateway]

A process that exits (a crash, an out-of-memory kill) is started again with a growing pause, as an
orchestrator would; the others keep running.

Connection defaults match a developer machine (PostgreSQL with trust auth, RabbitMQ guest/guest);
every one of them can be overridden with the usual EORDER_* variables.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib.metadata import entry_points

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from servicekit.embedded import ENTRY_POINT_GROUP, default_upstreams, port_of

POSTGRES_ADMIN_URL = os.environ.get("EORDER_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BROKER_URL = os.environ.get("EORDER_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
WORKER_METRICS_BASE_PORT = 9100
# A process that exits is started again after 1 s, then 2, 4, ... up to 30 s while it keeps failing.
RESTART_BACKOFF_FIRST_SECONDS = 1.0
RESTART_BACKOFF_MAX_SECONDS = 30.0
RESTART_BACKOFF_RESET_SECONDS = 60.0


def migrate_command(package: str) -> list[str]:
    return [sys.executable, "-m", package, "migrate"]


def web_config(package: str) -> str:
    """A service's own gunicorn settings when it ships them (the gateway's worker model), else the shared ones."""
    own = f"{package}.gunicorn_config"
    return own if importlib.util.find_spec(own) is not None else "servicekit.gunicorn_config"


def web_command(package: str) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "-c", f"python:{web_config(package)}", f"{package}.wsgi:app"]


def worker_command(package: str, metrics_port: int) -> list[str]:
    return [sys.executable, "-m", package, "worker", "--metrics-port", str(metrics_port)]


@dataclass(frozen=True)
class InstalledService:
    name: str
    package: str
    port: int
    uses_broker: bool
    is_edge: bool

    @property
    def database_env(self) -> str:
        return f"EORDER_{self.name.upper()}_DATABASE_URL"


def installed(only: set[str] | None = None) -> list[InstalledService]:
    services = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        definition = ep.load()
        if only and definition.name not in only:
            continue
        services.append(
            InstalledService(
                definition.name,
                ep.value.split(":")[0].split(".")[0],
                definition.port,
                definition.uses_broker,
                definition.is_edge,
            )
        )
    return sorted(services, key=lambda s: (s.is_edge, s.port))


def environment(services: list[InstalledService]) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("EORDER_BROKER_URL", BROKER_URL)
    env.setdefault("EORDER_REDIS_URL", "redis://127.0.0.1:6379/0")
    for edge in (service for service in services if service.is_edge):
        env.setdefault(f"EORDER_{edge.name.upper()}_UPSTREAMS", default_upstreams(services, "127.0.0.1"))  # type: ignore[arg-type]
    admin = make_url(POSTGRES_ADMIN_URL)
    for service in services:
        env.setdefault(service.database_env, admin.set(database=f"eorder_{service.name}").render_as_string(False))
    return env


def ensure_databases(env: dict[str, str], services: list[InstalledService]) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            existing = set(connection.execute(text("SELECT datname FROM pg_database")).scalars())
            for service in services:
                url = make_url(env[service.database_env])
                if url.get_backend_name() == "postgresql" and url.database not in existing:
                    connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    finally:
        admin.dispose()


def migrate(services: list[InstalledService], env: dict[str, str]) -> None:
    ensure_databases(env, services)
    for service in services:
        subprocess.run(migrate_command(service.package), env=env, check=True)


@dataclass
class Supervised:
    """One process of the platform, started again (after a growing pause) whenever it exits, so that
    one crashed worker does not take the others down nor stay down."""

    name: str
    argv: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restarts: int = 0
    restart_at: float | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, env=self.env)
        self.started_at = time.monotonic()
        self.restart_at = None

    def watch(self, now: float) -> None:
        """Notice an exit and schedule the restart; restart when its pause is over."""
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.start()
            return
        if self.process is None or self.process.poll() is None:
            return
        if now - self.started_at > RESTART_BACKOFF_RESET_SECONDS:
            self.restarts = 0  # it had been running well: a new failure starts the pauses afresh
        delay = min(RESTART_BACKOFF_MAX_SECONDS, RESTART_BACKOFF_FIRST_SECONDS * 2**self.restarts)
        self.restarts += 1
        self.restart_at = now + delay
        print(
            f"{self.name} exited with {self.process.returncode}; restarting in {delay:.0f}s", file=sys.stderr, flush=True
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def run(services: list[InstalledService], env: dict[str, str]) -> int:
    migrate(services, env)
    processes: list[Supervised] = []
    for index, service in enumerate(services):
        web_env = {
            **env,
            "PORT": str(port_of(service)),  # type: ignore[arg-type]
            "PROMETHEUS_MULTIPROC_DIR": tempfile.mkdtemp(prefix=f"eorder-{service.name}-metrics-"),
        }
        processes.append(Supervised(f"{service.name} web :{web_env['PORT']}", web_command(service.package), web_env))
        if service.uses_broker:
            metrics_port = WORKER_METRICS_BASE_PORT + index
            processes.append(
                Supervised(
                    f"{service.name} worker (metrics :{metrics_port})", worker_command(service.package, metrics_port), env
                )
            )
    for supervised in processes:
        supervised.start()
    print("Open e-Order is running distributed (RabbitMQ, PostgreSQL):", flush=True)
    for supervised in processes:
        assert supervised.process is not None
        print(f"  {supervised.name:<40} pid {supervised.process.pid}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    stopping = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    while not stopping.wait(0.5):
        for supervised in processes:
            supervised.watch(time.monotonic())
    for supervised in processes:
        supervised.stop()
    for supervised in processes:
        supervised.wait()
    return 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["migrate", "run"])
    parser.add_argument("--only", help="comma-separated service names (a province's subset)")
    args = parser.parse_args(argv)
    services = installed(set(args.only.split(",")) if args.only else None)
    if not services:
        sys.exit("no services installed")
    env = environment(services)
    if args.command == "migrate":
        migrate(services, env)
    else:
        sys.exit(run(services, env))


if __name__ == "__main__":
    main()
