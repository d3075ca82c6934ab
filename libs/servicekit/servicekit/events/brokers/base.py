"""What the relay and the consumer need from a broker; RabbitMQ and the in-process bus both provide it."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol, Sequence

from servicekit.settings import Settings


class PublishError(RuntimeError):
    """The broker did not confirm a batch (nack, timeout or lost connection): publish it again."""


@dataclass(frozen=True)
class Topology:
    """The exchange every service publishes to and, for a consuming service, its queue and DLQ."""

    exchange: str
    dead_letter_exchange: str | None = None
    queue: str | None = None
    dead_letter_queue: str | None = None
    routing_keys: Sequence[str] = ()
    delivery_limit: int = 5
    transient: bool = False
    """A throw-away queue (event capture in tests and tools): no DLQ, deleted when unused."""
    unroutable_exchange: str | None = None
    """The exchange's alternate exchange: what no queue is bound for goes there, never dropped."""
    unroutable_queue: str | None = None
    """The durable queue that keeps unroutable events until they are replayed."""

    @classmethod
    def of_service(cls, settings: Settings, routing_keys: Sequence[str] = ()) -> "Topology":
        """The names a service's settings give; a queue and DLQ only when it consumes something."""
        consumes = bool(routing_keys)
        return cls(
            exchange=settings.exchange_name,
            dead_letter_exchange=settings.dead_letter_exchange_name,
            unroutable_exchange=settings.unroutable_exchange_name,
            unroutable_queue=settings.unroutable_queue_name,
            queue=settings.queue_name if consumes else None,
            dead_letter_queue=settings.dead_letter_queue_name if consumes else None,
            routing_keys=sorted(routing_keys),
            delivery_limit=settings.delivery_limit,
        )


@dataclass(frozen=True)
class OutgoingMessage:
    message_id: str
    routing_key: str
    body: bytes
    headers: dict[str, Any] = field(default_factory=dict)


@dataclass
class PublishOutcome:
    confirmed: list[str] = field(default_factory=list)
    unroutable: list[str] = field(default_factory=list)
    """Returned by the broker: no queue bound and no alternate exchange to keep them (an exchange
    declared before it had one). They are not stored anywhere yet: publish them again later."""


class Delivery(Protocol):
    body: bytes
    routing_key: str
    message_id: str | None
    headers: dict[str, Any]

    @property
    def delivery_count(self) -> int:
        """How many times this message was handed out before this delivery."""

    def ack(self) -> None: ...

    def requeue(self) -> None: ...

    def dead_letter(self) -> None: ...


@dataclass(frozen=True)
class DeadLetter:
    message_id: str | None
    routing_key: str
    body: bytes
    headers: dict[str, Any]


class Broker(Protocol):
    def declare(self, topology: Topology) -> None: ...

    def publish(self, exchange: str, messages: Sequence[OutgoingMessage], timeout: float = 10.0) -> PublishOutcome: ...

    def consume(
        self, queue: str, on_delivery: Callable[[Delivery], None], stop: threading.Event, prefetch: int = 20
    ) -> None:
        """Hand deliveries to ``on_delivery`` until ``stop`` is set; recover from connection loss."""

    def dead_letters(self, dead_letter_queue: str, limit: int = 1000) -> list[DeadLetter]:
        """The messages a holding queue keeps (a DLQ or the unroutable queue), left in place."""

    def message_count(self, queue: str) -> int:
        """How many messages wait in a queue (0 if it does not exist)."""

    def republish(self, queue: str, exchange: str, message_ids: Sequence[str] | None = None) -> int:
        """Take messages (all, or those with the given ids) off a holding queue and publish them to
        the exchange again under their own routing key (replaying unroutable events)."""

    def replay(self, dead_letter_queue: str, target_queue: str, message_ids: Sequence[str] | None = None) -> int:
        """Move dead letters (all, or those with the given ids) back onto the work queue."""

    def check(self) -> None:
        """Raise if the broker cannot be reached."""

    def delete_queue(self, queue: str) -> None: ...

    def delete_topology(self, topology: Topology) -> None:
        """Remove queues and exchanges (test runs clean up what their prefix created)."""

    def close(self) -> None: ...
