"""The event consumer: one unit of work per message, inbox de-duplication, ack after commit,
retries with backoff, and dead letters for what keeps failing."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Mapping

import structlog
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from tenacity import RetryCallState, Retrying, retry_if_not_exception_type, wait_exponential

from servicekit import context, metrics
from servicekit.events.brokers.base import Broker, Delivery, Topology
from servicekit.events.contracts import ContractViolation
from servicekit.events.envelope import Envelope, InvalidEnvelope
from servicekit.storage.types import utcnow
from servicekit.storage.unit_of_work import UnitOfWorkFactory

log = structlog.get_logger(__name__)

Handler = Callable[[UnitOfWorkFactory[Any], Envelope], None]
"""Applies one event, thin: reads what it needs from the envelope and calls a use case with the
service's units of work. The use case's unit of work joins the consumer's transaction, so the inbox
row, the change and its events commit together, once, and the message is acknowledged after."""


_SETTLED_KEPT = 10_000


class PoisonMessage(Exception):
    """An event that can never be handled (it breaks its contract): dead-lettered without retries."""


def _is_infrastructure(error: BaseException | None) -> bool:
    if isinstance(error, (OperationalError, InterfaceError)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


class EventConsumer:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        broker: Broker,
        topology: Topology,
        handlers: Mapping[str, Handler],
        *,
        attempts: int = 3,
        backoff_seconds: float = 0.1,
        infrastructure_patience_seconds: float = 300.0,
    ) -> None:
        self.uow_factory = uow_factory
        self.broker = broker
        self.topology = topology
        self.handlers = dict(handlers)
        self.attempts = attempts
        self.backoff_seconds = backoff_seconds
        self.contracts = uow_factory.contracts
        self.infrastructure_patience_seconds = infrastructure_patience_seconds
        self.service = uow_factory.service
        self._settled = threading.Condition()
        # Only the most recent outcomes are kept: a worker runs for months and handles millions.
        self._settled_ids: OrderedDict[str, str] = OrderedDict()

    def run(self, stop: threading.Event) -> None:
        assert self.topology.queue is not None
        self.broker.consume(self.topology.queue, self.handle, stop)

    def handle(self, delivery: Delivery) -> None:
        try:
            envelope = Envelope.from_json(delivery.body)
            handler = self.handlers.get(envelope.type)
            if handler is not None:
                self.contracts.validate(envelope)
        except (InvalidEnvelope, ContractViolation) as exc:
            log.error("dead-lettering a message that is not a valid event", error=str(exc), message_id=delivery.message_id)
            metrics.EVENTS_DEAD_LETTERED.labels(self.service, delivery.routing_key or "unknown").inc()
            delivery.dead_letter()
            self._settle(delivery.message_id, "dead_lettered")
            return
        if handler is None:
            log.info("ignoring an event this service does not handle", type=envelope.type, event_id=envelope.id)
            delivery.ack()
            self._settle(envelope.id, "ignored")
            return
        correlation_token = context.correlation_id.set(context.accepted_id(envelope.correlationid))
        request_token = context.request_id.set(context.accepted_id(envelope.requestid))
        try:
            self._handle_with_retries(delivery, envelope, handler)
        finally:
            context.correlation_id.reset(correlation_token)
            context.request_id.reset(request_token)

    def _handle_with_retries(self, delivery: Delivery, envelope: Envelope, handler: Handler) -> None:
        try:
            for attempt in Retrying(
                stop=self._give_up,
                wait=wait_exponential(multiplier=self.backoff_seconds, max=5),
                retry=retry_if_not_exception_type(PoisonMessage),
                reraise=True,
            ):
                with attempt:
                    if attempt.retry_state.attempt_number > 1:
                        metrics.EVENTS_RETRIED.labels(self.service, envelope.type).inc()
                    first_time = self._apply_once(envelope, handler)
        except Exception as exc:
            gave_up = isinstance(exc, PoisonMessage) or delivery.delivery_count + 1 >= self.topology.delivery_limit
            log.error(
                "event handler failed",
                type=envelope.type,
                event_id=envelope.id,
                error=repr(exc),
                delivery_count=delivery.delivery_count,
                dead_lettered=gave_up,
            )
            if gave_up:
                metrics.EVENTS_DEAD_LETTERED.labels(self.service, envelope.type).inc()
                delivery.dead_letter()
                self._settle(envelope.id, "dead_lettered")
            else:
                metrics.EVENTS_RETRIED.labels(self.service, envelope.type).inc()
                delivery.requeue()
            return
        # Acknowledge only now: the handler's changes and the inbox row are committed.
        delivery.ack()
        if first_time:
            metrics.EVENTS_CONSUMED.labels(self.service, envelope.type).inc()
        else:
            metrics.INBOX_DUPLICATES.labels(self.service, envelope.type).inc()
        self._settle(envelope.id, "handled" if first_time else "duplicate")

    def _give_up(self, state: RetryCallState) -> bool:
        """A broken event gets ``attempts`` tries; an unreachable database is waited out (the message
        stays unacknowledged, so it neither burns its delivery limit nor lands in the DLQ)."""
        error = state.outcome.exception() if state.outcome is not None else None
        if _is_infrastructure(error):
            return (state.seconds_since_start or 0.0) > self.infrastructure_patience_seconds
        return state.attempt_number >= self.attempts

    def _apply_once(self, envelope: Envelope, handler: Handler) -> bool:
        inbox = self.uow_factory.tables.inbox
        with self.uow_factory.transaction() as uow:
            seen = uow.session.execute(select(inbox.c.event_id).where(inbox.c.event_id == envelope.id)).first()
            if seen is not None:
                return False
            uow.session.execute(
                insert(inbox).values(
                    event_id=envelope.id, type=envelope.type, source=envelope.source, received_at=utcnow()
                )
            )
            handler(self.uow_factory, envelope)
            try:
                uow.commit()
            except IntegrityError:
                # Another consumer copy committed the same event first.
                uow.session.rollback()
                with self.uow_factory() as check:
                    if check.session.execute(select(inbox.c.event_id).where(inbox.c.event_id == envelope.id)).first():
                        return False
                raise
        return True

    # -- observing, for tests and tools --------------------------------------------------------
    def _settle(self, event_id: str | None, outcome: str) -> None:
        if event_id is None:
            return
        with self._settled:
            self._settled_ids[event_id] = outcome
            self._settled_ids.move_to_end(event_id)
            while len(self._settled_ids) > _SETTLED_KEPT:
                self._settled_ids.popitem(last=False)
            self._settled.notify_all()

    def wait_settled(self, event_id: str, timeout: float = 10.0) -> str:
        """Block until this consumer has settled the event; answer how (handled, duplicate, ...)."""
        with self._settled:
            if not self._settled.wait_for(lambda: event_id in self._settled_ids, timeout=timeout):
                raise TimeoutError(f"event {event_id} was not settled by {self.service} within {timeout}s")
            return self._settled_ids[event_id]

    def forget(self, event_id: str) -> None:
        with self._settled:
            self._settled_ids.pop(event_id, None)
