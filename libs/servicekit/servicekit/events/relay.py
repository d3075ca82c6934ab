"""The outbox relay: publishes committed events and marks them sent.

An event no queue is bound for is kept by the broker's alternate exchange (the unroutable queue) and
counts as sent. Only an event the broker hands back (an exchange declared without that alternate
exchange, before its policy is applied) stays pending: it is counted, logged and published again at
the next turns, never dropped.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several relay copies share the
work without publishing a row twice; a relay that dies between publishing and marking publishes the
batch again on its next turn, and consumers drop the copy through their inbox.
"""
from __future__ import annotations

import json
import threading
from datetime import datetime

import structlog
from sqlalchemy import func, select, update

from servicekit import metrics
from servicekit.events.brokers.base import Broker, OutgoingMessage, PublishError
from servicekit.storage.types import utcnow
from servicekit.storage.unit_of_work import UnitOfWorkFactory

log = structlog.get_logger(__name__)


class OutboxRelay:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        broker: Broker,
        exchange: str,
        *,
        batch_size: int = 500,
        poll_seconds: float = 0.2,
        publish_timeout: float = 10.0,
    ) -> None:
        self.uow_factory = uow_factory
        self.broker = broker
        self.exchange = exchange
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.publish_timeout = publish_timeout
        self.service = uow_factory.service
        self._wake = threading.Event()
        uow_factory.on_commit(lambda _envelopes: self._wake.set())

    def relay_once(self) -> int:
        """Publish one batch of pending events; answer how many the broker took."""
        outbox = self.uow_factory.tables.outbox
        with self.uow_factory() as uow:
            rows = uow.session.execute(
                select(outbox.c.id, outbox.c.type, outbox.c.envelope)
                .where(outbox.c.sent_at.is_(None))
                .order_by(outbox.c.created_at, outbox.c.id)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return 0
            messages = [
                OutgoingMessage(
                    message_id=row.id,
                    routing_key=row.type,
                    body=json.dumps(row.envelope, separators=(",", ":"), ensure_ascii=False).encode(),
                )
                for row in rows
            ]
            try:
                outcome = self.broker.publish(self.exchange, messages, timeout=self.publish_timeout)
            except PublishError:
                self._count_attempt(uow, [row.id for row in rows])
                uow.commit()
                raise
            self._mark_sent(uow, outcome.confirmed)
            if outcome.unroutable:
                self._count_attempt(uow, outcome.unroutable)
            uow.commit()
        types = {row.id: row.type for row in rows}
        for message_id in outcome.confirmed:
            metrics.EVENTS_PUBLISHED.labels(self.service, types[message_id]).inc()
        for message_id in outcome.unroutable:
            metrics.EVENTS_UNROUTABLE.labels(self.service, types[message_id]).inc()
            log.error(
                "event returned by the broker: no queue bound and no alternate exchange; kept pending",
                event_id=message_id,
                type=types[message_id],
            )
        return len(outcome.confirmed)

    def _count_attempt(self, uow, message_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
        outbox = self.uow_factory.tables.outbox
        uow.session.execute(
            update(outbox).where(outbox.c.id.in_(message_ids)).values(publish_attempts=outbox.c.publish_attempts + 1)
        )

    def _mark_sent(self, uow, message_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
        outbox = self.uow_factory.tables.outbox
        uow.session.execute(update(outbox).where(outbox.c.id.in_(message_ids)).values(sent_at=utcnow()))

    def drain(self, max_batches: int = 1000) -> int:
        """Publish until nothing is pending (tests and the ``relay --once`` command use it)."""
        total = 0
        for _ in range(max_batches):
            published = self.relay_once()
            total += published
            if published == 0:
                break
        return total

    def run(self, stop: threading.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                published = self.relay_once()
                failures = 0
            except Exception as exc:  # the broker or database is away: back off, keep the rows pending
                failures += 1
                delay = min(5.0, 0.2 * 2**failures)
                log.warning("outbox relay failed; will retry", error=str(exc), delay=delay)
                stop.wait(delay)
                continue
            if published < self.batch_size:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def backlog(self) -> tuple[int, float]:
        return outbox_backlog(self.uow_factory)


def outbox_backlog(uow_factory: UnitOfWorkFactory) -> tuple[int, float]:
    """How many events wait to be published, and the age in seconds of the oldest."""
    outbox = uow_factory.tables.outbox
    with uow_factory() as uow:
        count, oldest = uow.session.execute(
            select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.sent_at.is_(None))
        ).one()
    return int(count), _age_seconds(oldest)


def _age_seconds(oldest: datetime | None) -> float:
    if oldest is None:
        return 0.0
    return max(0.0, (utcnow() - oldest).total_seconds())
