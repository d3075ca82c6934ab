"""A service's definition (what it is made of) and its runtime (what one process of it holds).

Each service package exposes one ``ServiceDefinition``; the app factory, the worker, the migration
command, the embedded mode and the test helpers all start from it, so a new service only declares
its parts.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

import structlog
from sqlalchemy import MetaData, text

from servicekit.auth.tokens import TokenVerifier
from servicekit.deadlines import DeadlineScheduler, Sweep, WorkingCalendar
from servicekit.events.brokers import Broker, Topology, broker_for
from servicekit.events.consumer import EventConsumer, Handler
from servicekit.events.contracts import ContractRegistry, EventTypeLike
from servicekit.events.relay import OutboxRelay
from servicekit.readiness import CachedCheck, cache_seconds
from servicekit.settings import ConfigurationError, Settings
from servicekit.storage import PlatformTables, UnitOfWork, UnitOfWorkFactory, make_engine

log = structlog.get_logger(__name__)

if TYPE_CHECKING:
    from flask import Flask
    from flask_smorest import Api
    from prometheus_client.registry import Collector


@dataclass
class ServiceDefinition:
    name: str
    port: int
    title: str
    metadata: MetaData
    tables: PlatformTables
    migrations_dir: Path
    """The service's Alembic scripts, shipped inside its package; servicekit's platform migrations
    (outbox, inbox, idempotency keys, audit log) are applied with them."""
    register_api: Callable[["Api", "ServiceRuntime"], None]
    contracts: ContractRegistry
    """The event schemas this service publishes and consumes; every event is checked against them."""
    unit_of_work: type[UnitOfWork] = UnitOfWork
    """The service's unit of work class, exposing its repositories to its use cases."""
    description: str = ""
    version: str = "1.0.0"
    handlers: Mapping[EventTypeLike, Handler] = field(default_factory=dict)
    sweeps: Callable[["ServiceRuntime"], Sequence[Sweep]] = lambda _runtime: ()
    collectors: Callable[["ServiceRuntime"], Iterable["Collector"]] = lambda _runtime: ()
    load_demo_data: Callable[["ServiceRuntime"], None] | None = None
    check_settings: Callable[[Settings], None] = lambda _settings: None
    extend_app: Callable[["Flask", "ServiceRuntime"], None] = lambda _app, _runtime: None
    """Adds routes outside the OpenAPI document (the gateway's proxy), after ``register_api``."""
    readiness_checks: Callable[["ServiceRuntime"], Mapping[str, Callable[[], None]]] = lambda _runtime: {}
    """Extra named checks for /readyz, each raising when its dependency is unreachable."""
    reported_checks: Callable[["ServiceRuntime"], Mapping[str, Callable[[], None]]] = lambda _runtime: {}
    """Checks /readyz reports without failing on them: a dependency this process can serve without
    (the gateway stays in service while one upstream is down, answering 503 for that one only)."""
    uses_broker: bool = True
    """False for a service that neither publishes nor consumes events (the gateway)."""
    is_edge: bool = False
    """The edge routes clients to the other services: it starts after them and is told where they are."""
    docs_path: str = "/docs"
    problem_statuses: tuple[int, ...] = ()
    """Problem statuses every operation may answer beyond the platform's own (the gateway's 429)."""


class ServiceRuntime:
    """Engine, unit-of-work factory, broker and token verifier of one service in this process."""

    def __init__(self, definition: ServiceDefinition, settings: Settings, broker: Broker | None = None) -> None:
        definition.check_settings(settings)
        self.definition = definition
        self.settings = settings
        self.name = definition.name
        self.tables = definition.tables
        self.engine = make_engine(settings.database_url)
        for event in definition.handlers:
            definition.contracts.require(event)
        self.uow: UnitOfWorkFactory[Any] = UnitOfWorkFactory(
            self.engine,
            self.tables,
            self.name,
            contracts=definition.contracts,
            settings=settings,
            unit_of_work=definition.unit_of_work,
        )
        self.broker = broker or broker_for(settings.broker_url)
        self.verifier = TokenVerifier.from_settings(settings)
        self.calendar = _calendar(settings)
        self.state: dict[str, Any] = {}
        self.failed_loops: list[str] = []
        # One broker connection per interval answers every /readyz in it (see servicekit.readiness).
        self.check_broker = CachedCheck(self.broker.check, seconds=cache_seconds(settings))

    @property
    def topology(self) -> Topology:
        return Topology.of_service(self.settings, list(self.handlers))

    @property
    def handlers(self) -> dict[str, Handler]:
        """The event handlers by routing key (the event type's name)."""
        return {event.name: handler for event, handler in self.definition.handlers.items()}

    def migrate(self) -> None:
        """Bring the database schema to the newest revision and declare the broker topology."""
        from servicekit.migrations import upgrade

        upgrade(self.definition, self.settings.database_url, engine=self.engine)
        if self.definition.uses_broker:
            self.broker.declare(self.topology)

    def relay(self) -> OutboxRelay:
        return OutboxRelay(
            self.uow,
            self.broker,
            self.settings.exchange_name,
            batch_size=self.settings.relay_batch_size,
            poll_seconds=self.settings.relay_poll_seconds,
        )

    def consumer(self) -> EventConsumer:
        return EventConsumer(
            self.uow,
            self.broker,
            self.topology,
            self.handlers,
            attempts=self.settings.handler_attempts,
            backoff_seconds=self.settings.handler_backoff_seconds,
        )

    def sweeps(self) -> Sequence[Sweep]:
        return self.definition.sweeps(self)

    def housekeeping_sweeps(self) -> list[Sweep]:
        from servicekit.storage.retention import retention_sweeps

        return retention_sweeps(
            self.tables,
            outbox_days=self.settings.int_setting("OUTBOX_RETENTION_DAYS", 7),
            inbox_days=self.settings.int_setting("INBOX_RETENTION_DAYS", 30),
        )

    def metrics_collectors(self) -> list["Collector"]:
        """Figures read from the database at scrape time: the outbox backlog and the business ones."""
        from servicekit.events.relay import outbox_backlog
        from servicekit.metrics import outbox_collector, unroutable_collector

        collectors: list["Collector"] = [outbox_collector(self.name, lambda: outbox_backlog(self.uow))]
        if self.definition.uses_broker:
            queue = self.settings.unroutable_queue_name
            collectors.append(unroutable_collector(self.name, lambda: self.broker.message_count(queue)))
        return [*collectors, *self.definition.collectors(self)]

    def create_app(self) -> "Flask":
        from servicekit.http.app import create_app

        return create_app(self)

    def readiness_checks(self) -> dict[str, Callable[[], None]]:
        checks: dict[str, Callable[[], None]] = {"database": self.check_database}
        if self.definition.uses_broker:
            checks["broker"] = self.check_broker
        checks.update(self.definition.readiness_checks(self))
        return checks

    def check_database(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def start_worker(self, stop: threading.Event) -> list[threading.Thread]:
        """Consumer, outbox relay and deadline sweeps, each on its own thread, until ``stop`` is set."""
        loops: list[tuple[str, Callable[[threading.Event], None]]] = []
        if self.definition.uses_broker:
            loops.append((f"{self.name}-relay", self.relay().run))
        if self.definition.handlers:
            loops.append((f"{self.name}-consumer", self.consumer().run))
        sweeps = [*self.sweeps(), *self.housekeeping_sweeps()]
        # Each sweep runs in one transaction that the use cases it calls join.
        loops.append((f"{self.name}-deadlines", DeadlineScheduler(sweeps, self.uow.transaction, service=self.name).run))
        threads = [
            threading.Thread(target=self._stop_all_if_it_dies, args=(run, stop), name=name, daemon=True)
            for name, run in loops
        ]
        for thread in threads:
            thread.start()
        return threads

    def _stop_all_if_it_dies(self, loop: Callable[[threading.Event], None], stop: threading.Event) -> None:
        """A worker loop that crashes takes the whole worker down, so that the orchestrator restarts it
        instead of leaving a process that looks alive but no longer consumes or relays."""
        try:
            loop(stop)
        except Exception:
            log.exception("worker loop died; stopping the worker", thread=threading.current_thread().name)
            self.failed_loops.append(threading.current_thread().name)
            stop.set()

    def close(self) -> None:
        self.broker.close()
        self.engine.dispose()


def _calendar(settings: Settings) -> WorkingCalendar:
    """Deadlines count working days: a bad EORDER_CLOSED_DAYS refuses to start, not to sweep."""
    try:
        return WorkingCalendar.from_settings(settings.closed_days)
    except ValueError as exc:
        raise ConfigurationError(f"EORDER_CLOSED_DAYS: {exc}") from exc


def wsgi_app(definition: ServiceDefinition) -> "Flask":
    """The WSGI application of a service's web process, configured from the environment."""
    return ServiceRuntime(definition, Settings.from_env(definition.name)).create_app()
