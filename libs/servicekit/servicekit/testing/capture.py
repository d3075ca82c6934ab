"""Listen on the bus like another service would, and wait for a given event (no sleeps)."""
from __future__ import annotations

import threading
import uuid
from typing import Callable, Sequence

from servicekit.events.brokers.base import Broker, Delivery, Topology
from servicekit.events.envelope import Envelope


class EventCapture:
    """Binds a throw-away queue to the exchange and records every event that reaches it."""

    def __init__(self, broker: Broker, exchange: str, routing_keys: Sequence[str] = ("#",)) -> None:
        self.broker = broker
        self.queue = f"{exchange}.capture-{uuid.uuid4().hex[:8]}"
        self.topology = Topology(
            exchange=exchange,
            queue=self.queue,
            routing_keys=tuple(routing_keys),
            transient=True,
        )
        self.events: list[Envelope] = []
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "EventCapture":
        self.broker.declare(self.topology)
        self._thread = threading.Thread(
            target=self.broker.consume, args=(self.queue, self._record, self._stop), daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.broker.delete_queue(self.queue)

    def _record(self, delivery: Delivery) -> None:
        envelope = Envelope.from_json(delivery.body)
        delivery.ack()
        with self._changed:
            self.events.append(envelope)
            self._changed.notify_all()

    def of_type(self, type_name: str) -> list[Envelope]:
        with self._changed:
            return [e for e in self.events if e.type == type_name]

    def wait_for(
        self, type_name: str, where: Callable[[Envelope], bool] = lambda _e: True, timeout: float = 10.0, count: int = 1
    ) -> list[Envelope]:
        """Block until ``count`` events of this type (matching ``where``) have arrived; return them."""

        def matching() -> list[Envelope]:
            return [e for e in self.events if e.type == type_name and where(e)]

        with self._changed:
            if not self._changed.wait_for(lambda: len(matching()) >= count, timeout=timeout):
                seen = sorted({e.type for e in self.events})
                raise TimeoutError(f"{count} x {type_name} not seen within {timeout}s; seen types: {seen}")
            return matching()
