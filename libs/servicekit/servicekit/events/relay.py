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

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence

import orjson

import structlog
from sqlalchemy import func, select, update

from servicekit import metrics
from servicekit.events.brokers.base import Broker, OutgoingMessage, PublishError
from servicekit.storage.types import utcnow
from servicekit.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = structlog.get_logger(__name__)

RUN_BATCHES_BETWEEN_STOP_CHECKS = 20


@dataclass(frozen=True)
class _Batch:
    uow: UnitOfWork
    """Open: its transaction holds the rows' locks until they are marked sent."""
    rows: Sequence[Any]
    messages: list[OutgoingMessage]


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
        self._overlaps = uow_factory.engine.dialect.name == "postgresql"
        self._claims = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{self.service}-outbox-claims")
        uow_factory.on_commit(lambda _envelopes: self._wake.set())

    def relay_once(self) -> int:
        """Publish one batch of pending events; answer how many the broker took."""
        batch = self._claim()
        return 0 if batch is None else self._send(batch)

    def _claim(self) -> _Batch | None:
        """The oldest pending rows, locked in a transaction left open until :meth:`_send` ends it."""
        outbox = self.uow_factory.tables.outbox
        uow = self.uow_factory().__enter__()
        try:
            rows = uow.session.execute(
                select(outbox.c.id, outbox.c.type, outbox.c.envelope)
                .where(outbox.c.sent_at.is_(None))
                .order_by(outbox.c.created_at, outbox.c.id)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            ).all()
        except BaseException:
            uow.__exit__(None, None, None)
            raise
        if not rows:
            uow.__exit__(None, None, None)
            return None
        messages = [
            OutgoingMessage(message_id=row.id, routing_key=row.type, body=orjson.dumps(row.envelope)) for row in rows
        ]
        return _Batch(uow, rows, messages)

    def _send(self, batch: _Batch) -> int:
        """Publish a claimed batch, mark what the broker took as sent and commit; the batch's
        transaction ends here whatever happens."""
        uow, rows = batch.uow, batch.rows
        outbox = self.uow_factory.tables.outbox
        try:
            try:
                outcome = self.broker.publish(self.exchange, batch.messages, timeout=self.publish_timeout)
            except PublishError:
                self._count_attempt(uow, [row.id for row in rows])
                uow.commit()
                raise
            self._mark_sent(uow, outcome.confirmed)
            if outcome.unroutable:
                self._count_attempt(uow, outcome.unroutable)
            uow.commit()
        finally:
            uow.__exit__(None, None, None)
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

    def _relay_pending(self, max_batches: int) -> tuple[int, bool]:
        """Publish batch after batch until one comes back short or not all taken; answer how many
        events the broker took, and whether the last batch was full (more may be pending).

        On PostgreSQL the next batch is claimed (read and encoded) while the broker confirms the
        current one: the current rows stay locked until their transaction ends, so the next claim
        skips them, and the database's half of a batch no longer waits for the broker's. SQLite
        locks no rows, so there each batch is claimed only once the one before is marked."""
        total = 0
        batch = self._claim()
        for turn in range(max_batches):
            if batch is None:
                return total, False
            full = len(batch.rows) == self.batch_size
            upcoming = self._claims.submit(self._claim) if full and self._overlaps and turn + 1 < max_batches else None
            try:
                sent = self._send(batch)
            except BaseException:
                _release(upcoming)
                raise
            total += sent
            if not full or sent < len(batch.rows):  # short, or the broker returned some: wait a turn
                _release(upcoming)
                return total, False
            batch = upcoming.result() if upcoming is not None else self._claim()
        if batch is not None:
            batch.uow.__exit__(None, None, None)
        return total, True

    def _mark_sent(self, uow: UnitOfWork, message_ids: list[str]) -> None:
        outbox = self.uow_factory.tables.outbox
        uow.session.execute(update(outbox).where(outbox.c.id.in_(message_ids)).values(sent_at=utcnow()))

    def drain(self, max_batches: int = 1000) -> int:
        """Publish until nothing is pending (tests and the ``relay --once`` command use it)."""
        return self._relay_pending(max_batches)[0]

    def run(self, stop: threading.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                _, more_pending = self._relay_pending(RUN_BATCHES_BETWEEN_STOP_CHECKS)
                failures = 0
            except Exception as exc:  # the broker or database is away: back off, keep the rows pending
                failures += 1
                delay = min(5.0, 0.2 * 2**failures)
                log.warning("outbox relay failed; will retry", error=str(exc), delay=delay)
                stop.wait(delay)
                continue
            if not more_pending:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def backlog(self) -> tuple[int, float]:
        return outbox_backlog(self.uow_factory)


def _release(claimed: Future[_Batch | None] | None) -> None:
    """A batch claimed ahead but not to be sent now: its rows go back to pending, unpublished."""
    batch = claimed.result() if claimed is not None else None
    if batch is not None:
        batch.uow.__exit__(None, None, None)


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
