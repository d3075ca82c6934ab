"""Vendors and catalog as real processes (gunicorn web, worker) on PostgreSQL and RabbitMQ, with the
broker made really unreachable or the consumer's queue missing. After each fault every write the
platform accepted has reached catalog once, vendors' outbox is drained and catalog's DLQ is empty."""
from __future__ import annotations

import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Callable, Iterator

import pytest
import requests
from sqlalchemy import create_engine, text

from catalog.handlers import HANDLERS as CATALOG_HANDLERS
from servicekit.events.brokers import Broker, broker_for
from servicekit.settings import Settings
from servicekit.testing import RABBITMQ_URL, auth_header, mint_token, require_rabbitmq
from servicekit.testing.infrastructure import postgres_database
from servicekit.testing.metrics import metric_value
from servicekit.testing.processes import ServiceProcesses, wait_until
from servicekit.testing.proxy import TcpProxy
from vendors.testing import valid_application

pytestmark = pytest.mark.e2e

ADMIN = auth_header(mint_token("admin-bppbj", ["admin"]))
OUTAGE_SECONDS = 10.0  # several of the consumer's reconnection attempts are refused


@dataclass
class Platform:
    env: dict[str, str]
    vendors_db: str
    catalog_db: str
    broker: Broker
    """Straight to RabbitMQ, never through the proxy: what the test itself reads."""
    stack: ExitStack
    proxy: TcpProxy | None = None
    vendors: ServiceProcesses | None = None
    catalog: ServiceProcesses | None = None
    accepted: list[str] = field(default_factory=list)

    def start(self, *names: str) -> None:
        for name in names:
            setattr(self, name, self.stack.enter_context(ServiceProcesses(name, self.env)))

    def register_vendor(self) -> str:
        assert self.vendors is not None
        response = requests.post(
            f"{self.vendors.base_url}/api/v1/vendors", json=valid_application(), headers=ADMIN, timeout=30
        )
        assert response.status_code == 201, response.text
        self.accepted.append(str(response.json()["id"]))
        return self.accepted[-1]

    def rows(self, database: str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
        engine = create_engine(database)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql))]
        finally:
            engine.dispose()

    def events_catalog_wants(self) -> set[str]:
        handled = {event_type.name for event_type in CATALOG_HANDLERS}
        return {
            event_id
            for event_id, event_type in self.rows(self.vendors_db, "SELECT id, type FROM outbox")
            if event_type in handled
        }

    def assert_every_accepted_write_reached_catalog_once(self) -> None:
        wanted = self.events_catalog_wants()
        assert len(wanted) >= len(self.accepted)

        def all_handled() -> bool:
            return wanted <= {row[0] for row in self.rows(self.catalog_db, "SELECT event_id FROM inbox")}

        wait_until("catalog handled every vendor event", all_handled, timeout=90)
        known = [row[0] for row in self.rows(self.catalog_db, "SELECT id::text FROM vendors")]
        assert sorted(known) == sorted(self.accepted)  # each vendor once: no lost and no doubled effect
        assert self.rows(self.vendors_db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == [(0,)]
        settings = Settings.from_env("catalog", environ=self.env)
        assert self.broker.dead_letters(settings.dead_letter_queue_name) == []
        assert self.broker.message_count(settings.unroutable_queue_name) == 0

    def assert_workers_alive(self) -> None:
        for processes in (self.vendors, self.catalog):
            assert processes is not None and processes.worker is not None
            assert processes.worker.poll() is None, f"{processes.package} worker exited:\n{processes.logs()}"


@pytest.fixture
def platform_on() -> Iterator[Callable[[bool], Platform]]:
    """Call with whether the services reach RabbitMQ through a proxy the test controls."""
    require_rabbitmq()
    with ExitStack() as stack:
        broker = broker_for(RABBITMQ_URL)
        stack.callback(broker.close)

        def make(through_proxy: bool) -> Platform:
            proxy = None
            broker_url = RABBITMQ_URL
            if through_proxy:  # entered first, so that it outlives the services on teardown
                proxy = stack.enter_context(TcpProxy.in_front_of(RABBITMQ_URL))
                broker_url = proxy.url()
            vendors_db = stack.enter_context(postgres_database("eorder_faults_vendors"))
            catalog_db = stack.enter_context(postgres_database("eorder_faults_catalog"))
            env = {
                "EORDER_VENDORS_DATABASE_URL": vendors_db,
                "EORDER_CATALOG_DATABASE_URL": catalog_db,
                "EORDER_BROKER_URL": broker_url,
                "EORDER_EVENTS_PREFIX": f"faults-{uuid.uuid4().hex[:8]}.",
                "EORDER_RELAY_POLL_SECONDS": "0.05",
            }
            return Platform(env, vendors_db, catalog_db, broker, stack, proxy)

        yield make


def backlog(processes: ServiceProcesses) -> float:
    return metric_value(requests.get(f"{processes.base_url}/metrics", timeout=10).text, "eorder_outbox_backlog")


def test_writes_accepted_during_a_broker_outage_reach_catalog_once_after_it(
    platform_on: Callable[[bool], Platform],
) -> None:
    platform = platform_on(True)
    platform.start("catalog", "vendors")
    assert platform.vendors is not None and platform.proxy is not None
    platform.register_vendor()
    with platform.proxy.outage():
        started = time.monotonic()
        for _ in range(5):
            platform.register_vendor()  # the database is up: writes are accepted, events wait
        ready = requests.get(f"{platform.vendors.base_url}/readyz", timeout=30)
        assert ready.status_code == 503 and ready.json()["checks"]["broker"] == "unreachable"
        assert backlog(platform.vendors) >= 5  # the backlog shows in the metrics
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - started)))  # the outage lasts
        platform.assert_workers_alive()
    platform.assert_every_accepted_write_reached_catalog_once()
    platform.assert_workers_alive()
    assert backlog(platform.vendors) == 0


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


def test_writes_accepted_while_rabbitmq_is_stopped_reach_catalog_once_after_it(
    platform_on: Callable[[bool], Platform],
) -> None:
    """The real thing: ``rabbitmqctl stop_app``, then ``start_app`` (always, even if the test fails)."""
    platform = platform_on(False)
    platform.start("catalog", "vendors")
    platform.register_vendor()
    try:
        rabbitmqctl("stop_app")
        for _ in range(3):
            platform.register_vendor()
        time.sleep(OUTAGE_SECONDS / 2)  # the outage lasts
        platform.assert_workers_alive()
    finally:
        rabbitmqctl("start_app")
    rabbitmqctl("await_startup")
    platform.assert_every_accepted_write_reached_catalog_once()
    platform.assert_workers_alive()


def test_events_published_before_the_consumer_queue_exists_are_replayed_to_it(
    platform_on: Callable[[bool], Platform],
) -> None:
    """A rollout that starts vendors before catalog's ``migrate`` has declared catalog's queue."""
    platform = platform_on(False)
    platform.start("vendors")
    for _ in range(3):
        platform.register_vendor()
    settings = Settings.from_env("vendors", environ=platform.env)
    wait_until(
        "the events were kept as unroutable",
        lambda: platform.broker.message_count(settings.unroutable_queue_name) == 3,
        timeout=90,
    )
    assert platform.rows(platform.vendors_db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == [(0,)]

    platform.start("catalog")
    assert platform.vendors is not None
    replay = subprocess.run(
        [sys.executable, "-m", "vendors", "unroutable", "replay"],
        env=platform.vendors.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert replay.stdout.startswith("replayed 3 unroutable events"), replay.stdout
    platform.assert_every_accepted_write_reached_catalog_once()
