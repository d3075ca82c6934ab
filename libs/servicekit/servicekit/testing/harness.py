"""A service running for a test: migrated database, Flask test client, worker threads, tokens, and
ways to send it events and read what it published."""
from __future__ import annotations

import threading
import uuid
from typing import Any, Mapping

from flask.testing import FlaskClient
from sqlalchemy import select

from servicekit.events.brokers import Broker, OutgoingMessage, broker_for
from servicekit.events.contracts import EventTypeLike
from servicekit.events.envelope import Envelope
from servicekit.service import ServiceDefinition, ServiceRuntime
from servicekit.settings import Settings
from servicekit.testing.tokens import auth_header, mint_token


class ServiceHarness:
    def __init__(
        self,
        definition: ServiceDefinition,
        *,
        database_url: str,
        broker_url: str = "memory://",
        events_prefix: str | None = None,
        environ: Mapping[str, str] | None = None,
        broker: Broker | None = None,
        start_worker: bool = True,
        **overrides: Any,
    ) -> None:
        self.events_prefix = events_prefix or f"test-{uuid.uuid4().hex[:10]}."
        env = {"EORDER_ENV": "test", **(environ or {})}
        settings_overrides: dict[str, Any] = {
            "database_url": database_url,
            "broker_url": broker_url,
            "events_prefix": self.events_prefix,
            "relay_poll_seconds": 0.05,
            "handler_attempts": 2,
            "handler_backoff_seconds": 0.01,
            "delivery_limit": 3,
            "log_level": "WARNING",
            **overrides,
        }
        self.settings = Settings.from_env(definition.name, environ=env, **settings_overrides)
        self.runtime = ServiceRuntime(definition, self.settings, broker or broker_for(broker_url))
        self.runtime.migrate()
        self.app = self.runtime.create_app()
        self.app.testing = True
        self.client: FlaskClient = self.app.test_client()
        self.consumer = self.runtime.consumer() if definition.handlers else None
        self.relay = self.runtime.relay()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        if start_worker:
            self.start_worker()

    # -- lifecycle ------------------------------------------------------------------------------
    def start_worker(self, *, relay: bool = True, consumer: bool = True) -> None:
        """Consumer and relay on threads, like the worker process (sweeps are run by tests directly)."""
        loops = [self.relay.run] if relay and self.runtime.definition.uses_broker else []
        if consumer and self.consumer is not None:
            loops.append(self.consumer.run)
        for loop in loops:
            thread = threading.Thread(target=loop, args=(self._stop,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)
        try:
            if self.runtime.definition.uses_broker:
                self.runtime.broker.delete_topology(self.runtime.topology)
        finally:
            self.runtime.close()

    def __enter__(self) -> "ServiceHarness":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- tokens ---------------------------------------------------------------------------------
    def headers(self, *roles: str, subject: str | None = None, **claims: Any) -> dict[str, str]:
        return auth_header(mint_token(subject or f"user-{'-'.join(roles) or 'none'}", roles, **claims))

    # -- events in ------------------------------------------------------------------------------
    def deliver(
        self,
        event: EventTypeLike | str,
        subject: str,
        data: Mapping[str, Any],
        *,
        source: str = "tests",
        timeout: float = 10.0,
        **attrs: Any,
    ) -> Envelope:
        """Publish an event as another service would and wait until this service has settled it (a
        name rather than a contract's type delivers what no contract describes, as a stranger could)."""
        type_name = event if isinstance(event, str) else event.name
        envelope = Envelope.new(service=source, type=type_name, subject=subject, data=data, **attrs)
        self.deliver_envelope(envelope, timeout=timeout)
        return envelope

    def deliver_envelope(self, envelope: Envelope, *, timeout: float = 10.0) -> str:
        assert self.consumer is not None, f"{self.runtime.name} consumes no events"
        self.consumer.forget(envelope.id)
        self.runtime.broker.publish(
            self.settings.exchange_name,
            [OutgoingMessage(message_id=envelope.id, routing_key=envelope.type, body=envelope.to_json())],
        )
        return self.consumer.wait_settled(envelope.id, timeout=timeout)

    # -- events out -----------------------------------------------------------------------------
    def outbox(self, *types: str) -> list[Envelope]:
        """Events this service committed (sent or not), oldest first, optionally of some types."""
        table = self.runtime.tables.outbox
        statement = select(table.c.envelope).order_by(table.c.created_at, table.c.id)
        if types:
            statement = statement.where(table.c.type.in_(types))
        with self.runtime.uow() as uow:
            return [Envelope.from_dict(row.envelope) for row in uow.session.execute(statement)]

    def audit_trail(self, entity_id: str | None = None) -> list[dict[str, Any]]:
        table = self.runtime.tables.audit_log
        statement = select(table).order_by(table.c.id)
        if entity_id is not None:
            statement = statement.where(table.c.entity_id == entity_id)
        with self.runtime.uow() as uow:
            return [dict(row._mapping) for row in uow.session.execute(statement)]

