"""The in-process bus of the embedded mode: topic routing, per-queue delivery limits and dead letters,
with the same semantics as the RabbitMQ broker so that the relay and consumer run unchanged."""
from __future__ import annotations

import collections
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from servicekit.events.brokers.base import DeadLetter, Delivery, OutgoingMessage, PublishOutcome, Topology


def topic_pattern(binding_key: str) -> re.Pattern[str]:
    """AMQP topic matching: ``*`` is exactly one word, ``#`` is zero or more words."""
    parts = []
    for word in binding_key.split("."):
        if word == "#":
            parts.append(r"(?:[^.]+(?:\.[^.]+)*)?")
        elif word == "*":
            parts.append(r"[^.]+")
        else:
            parts.append(re.escape(word))
    regex = r"\.".join(parts).replace(r"(?:[^.]+(?:\.[^.]+)*)?\.", r"(?:[^.]+\.)*").replace(
        r"\.(?:[^.]+(?:\.[^.]+)*)?", r"(?:\.[^.]+)*"
    )
    return re.compile(f"^{regex}$")


@dataclass
class _Message:
    message_id: str | None
    routing_key: str
    body: bytes
    headers: dict[str, Any]
    delivery_count: int = 0


@dataclass
class _Queue:
    name: str
    dead_letter_queue: str | None
    delivery_limit: int
    messages: collections.deque[_Message] = field(default_factory=collections.deque)


class _Hub:
    """The state of every in-process exchange and queue; one per process."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.queues: dict[str, _Queue] = {}
        self.bindings: dict[str, list[tuple[re.Pattern[str], str]]] = collections.defaultdict(list)
        self.alternates: dict[str, str] = {}

    def reset(self) -> None:
        with self.lock:
            self.queues.clear()
            self.bindings.clear()
            self.alternates.clear()


HUB = _Hub()


class _MemoryDelivery:
    def __init__(self, broker: "MemoryBroker", queue: _Queue, message: _Message) -> None:
        self._broker = broker
        self._queue = queue
        self._message = message
        self.body = message.body
        self.routing_key = message.routing_key
        self.message_id = message.message_id
        self.headers = dict(message.headers)
        self._settled = False

    @property
    def delivery_count(self) -> int:
        return self._message.delivery_count

    def ack(self) -> None:
        self._settled = True

    def requeue(self) -> None:
        self._settled = True
        self._message.delivery_count += 1
        with HUB.lock:
            if self._message.delivery_count > self._queue.delivery_limit:
                self._broker._dead_letter(self._queue, self._message, "delivery_limit")
            else:
                self._queue.messages.append(self._message)
            HUB.lock.notify_all()

    def dead_letter(self) -> None:
        self._settled = True
        with HUB.lock:
            self._broker._dead_letter(self._queue, self._message, "rejected")
            HUB.lock.notify_all()


class MemoryBroker:
    def __init__(self, hub: _Hub = HUB) -> None:
        self._hub = hub

    def declare(self, topology: Topology) -> None:
        with self._hub.lock:
            if topology.unroutable_exchange and topology.unroutable_queue:
                self._hub.alternates[topology.exchange] = topology.unroutable_exchange
                self._hub.queues.setdefault(topology.unroutable_queue, _Queue(topology.unroutable_queue, None, 10**9))
                if not self._hub.bindings[topology.unroutable_exchange]:
                    self._hub.bindings[topology.unroutable_exchange].append((topic_pattern("#"), topology.unroutable_queue))
            if topology.dead_letter_queue:
                self._hub.queues.setdefault(
                    topology.dead_letter_queue, _Queue(topology.dead_letter_queue, None, 10**9)
                )
            if topology.queue:
                queue = self._hub.queues.setdefault(
                    topology.queue, _Queue(topology.queue, topology.dead_letter_queue, topology.delivery_limit)
                )
                bound = {p.pattern for p, q in self._hub.bindings[topology.exchange] if q == queue.name}
                for key in topology.routing_keys:
                    pattern = topic_pattern(key)
                    if pattern.pattern not in bound:
                        self._hub.bindings[topology.exchange].append((pattern, queue.name))

    def publish(self, exchange: str, messages: Sequence[OutgoingMessage], timeout: float = 10.0) -> PublishOutcome:
        outcome = PublishOutcome()
        with self._hub.lock:
            for message in messages:
                targets = self._targets(exchange, message.routing_key)
                if not targets and exchange in self._hub.alternates:
                    targets = self._targets(self._hub.alternates[exchange], message.routing_key)
                for name in sorted(targets):
                    self._hub.queues[name].messages.append(
                        _Message(message.message_id, message.routing_key, message.body, dict(message.headers))
                    )
                (outcome.confirmed if targets else outcome.unroutable).append(message.message_id)
            self._hub.lock.notify_all()
        return outcome

    def _targets(self, exchange: str, routing_key: str) -> set[str]:
        return {q for pattern, q in self._hub.bindings.get(exchange, []) if pattern.match(routing_key)}

    def message_count(self, queue: str) -> int:
        with self._hub.lock:
            q = self._hub.queues.get(queue)
            return len(q.messages) if q else 0

    def republish(self, queue: str, exchange: str, message_ids: Sequence[str] | None = None) -> int:
        wanted = set(message_ids) if message_ids is not None else None
        with self._hub.lock:
            held = self._hub.queues.get(queue)
            if held is None:
                return 0
            taken = [m for m in held.messages if wanted is None or m.message_id in wanted]
            taken_ids = {id(m) for m in taken}
            held.messages = collections.deque(m for m in held.messages if id(m) not in taken_ids)
        self.publish(
            exchange, [OutgoingMessage(m.message_id or "", m.routing_key, m.body, dict(m.headers)) for m in taken]
        )
        return len(taken)

    def consume(
        self, queue: str, on_delivery: Callable[[Delivery], None], stop: threading.Event, prefetch: int = 20
    ) -> None:
        while not stop.is_set():
            with self._hub.lock:
                q = self._hub.queues.get(queue)
                if q is None or not q.messages:
                    self._hub.lock.wait(timeout=0.2)
                    continue
                message = q.messages.popleft()
            delivery = _MemoryDelivery(self, q, message)
            try:
                on_delivery(delivery)
            finally:
                if not delivery._settled:  # a consumer that died mid-message: the broker hands it out again
                    delivery.requeue()

    def _dead_letter(self, queue: _Queue, message: _Message, reason: str) -> None:
        if queue.dead_letter_queue is None:
            return
        headers = dict(message.headers)
        headers["x-death-reason"] = reason
        headers["x-first-death-queue"] = queue.name
        self._hub.queues[queue.dead_letter_queue].messages.append(
            _Message(message.message_id, message.routing_key, message.body, headers)
        )

    def dead_letters(self, dead_letter_queue: str, limit: int = 1000) -> list[DeadLetter]:
        with self._hub.lock:
            q = self._hub.queues.get(dead_letter_queue)
            items = list(q.messages)[:limit] if q else []
        return [DeadLetter(m.message_id, m.routing_key, m.body, dict(m.headers)) for m in items]

    def replay(self, dead_letter_queue: str, target_queue: str, message_ids: Sequence[str] | None = None) -> int:
        wanted = set(message_ids) if message_ids is not None else None
        with self._hub.lock:
            dlq = self._hub.queues.get(dead_letter_queue)
            target = self._hub.queues.get(target_queue)
            if dlq is None or target is None:
                return 0
            keep: collections.deque[_Message] = collections.deque()
            moved = 0
            for message in dlq.messages:
                if wanted is None or message.message_id in wanted:
                    headers = {k: v for k, v in message.headers.items() if not k.startswith("x-")}
                    target.messages.append(_Message(message.message_id, message.routing_key, message.body, headers))
                    moved += 1
                else:
                    keep.append(message)
            dlq.messages = keep
            self._hub.lock.notify_all()
        return moved

    def delete_topology(self, topology: Topology) -> None:
        for queue in (topology.queue, topology.dead_letter_queue, topology.unroutable_queue):
            if queue:
                self.delete_queue(queue)
        with self._hub.lock:
            self._hub.bindings.pop(topology.exchange, None)
            self._hub.alternates.pop(topology.exchange, None)

    def delete_queue(self, queue: str) -> None:
        with self._hub.lock:
            self._hub.queues.pop(queue, None)
            for exchange, bindings in self._hub.bindings.items():
                self._hub.bindings[exchange] = [(p, q) for p, q in bindings if q != queue]

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None
