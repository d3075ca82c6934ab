"""The durable bus of the embedded mode: exchanges, bindings and queues in one SQLite file.

It keeps RabbitMQ's promise, so that the embedded mode loses nothing on Ctrl-C, a crash or a restart:
a publish is confirmed once its messages are committed to the file; a delivery stays in its queue,
claimed by the consuming process, until the consumer acknowledges it (after its own commit); what a
process held when it died is handed out again, counted as a delivery, when a consumer of that queue
starts; a message handed out more often than the queue's delivery limit goes to its dead-letter
queue. An exchange's alternate exchange keeps what no queue is bound for.

Several processes may share the file (the platform and an operator's ``dlq``/``unroutable`` command):
each claim is one ``BEGIN IMMEDIATE`` transaction, so a message is handed to one consumer at a time.
"""
from __future__ import annotations

import os
import socket
import threading
import uuid
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import (
    JSON,
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine, Row, make_url

from servicekit.events.brokers.base import DeadLetter, Delivery, OutgoingMessage, PublishOutcome, Topology
from servicekit.events.brokers.memory import topic_pattern
from servicekit.storage.engine import make_engine

_metadata = MetaData()
_exchanges = Table(
    "bus_exchanges",
    _metadata,
    Column("name", String(255), primary_key=True),
    Column("alternate_exchange", String(255), nullable=True),
)
_queues = Table(
    "bus_queues",
    _metadata,
    Column("name", String(255), primary_key=True),
    Column("dead_letter_queue", String(255), nullable=True),
    Column("delivery_limit", Integer, nullable=False),
)
_bindings = Table(
    "bus_bindings",
    _metadata,
    Column("exchange", String(255), primary_key=True),
    Column("binding_key", String(255), primary_key=True),
    Column("queue", String(255), primary_key=True),
)
_messages = Table(
    "bus_messages",
    _metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("queue", String(255), nullable=False, index=True),
    Column("message_id", String(255), nullable=True),
    Column("routing_key", String(255), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("headers", JSON, nullable=False),
    Column("delivery_count", Integer, nullable=False, default=0),
    # The consumer (``host:pid:token``) the message is handed to; NULL while it waits in the queue.
    Column("holder", String(255), nullable=True),
)

_POLL_SECONDS = 0.2
_HOST = socket.gethostname()
_UNLIMITED = 10**9
# Publishes in this process wake its consumers at once; other processes' publishes are seen by polling.
_WAKE_UPS: dict[str, threading.Condition] = {}
_WAKE_UPS_LOCK = threading.Lock()


def _wake_up_for(path: str) -> threading.Condition:
    with _WAKE_UPS_LOCK:
        return _WAKE_UPS.setdefault(os.path.abspath(path), threading.Condition())


def _holder_is_gone(holder: str) -> bool:
    """Whether the process that claimed a message has ended (only this host's processes are judged)."""
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != _HOST or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class _SQLiteDelivery:
    def __init__(self, broker: "SQLiteBroker", row: Row[Any]) -> None:
        self._broker = broker
        self._seq = row.seq
        self._queue = row.queue
        self.body = bytes(row.body)
        self.routing_key = row.routing_key
        self.message_id = row.message_id
        self.headers = dict(row.headers or {})
        self._delivery_count = int(row.delivery_count)
        self.settled = False

    @property
    def delivery_count(self) -> int:
        return self._delivery_count

    def ack(self) -> None:
        self.settled = True
        with self._broker._engine.begin() as connection:
            connection.execute(delete(_messages).where(_messages.c.seq == self._seq))

    def requeue(self) -> None:
        self.settled = True
        with self._broker._engine.begin() as connection:
            self._broker._return(connection, self._seq, self._queue)
        self._broker._notify()

    def dead_letter(self) -> None:
        self.settled = True
        with self._broker._engine.begin() as connection:
            self._broker._dead_letter(connection, self._seq, self._queue, "rejected")
        self._broker._notify()


class SQLiteBroker:
    """``sqlite:///var/bus.db``: the embedded mode's bus, durable in a SQLite file."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = make_url(url).database or ""
        if not self.path or self.path == ":memory:":
            raise ValueError("the SQLite bus needs a file: sqlite:///var/bus.db")
        self._wake_up = _wake_up_for(self.path)
        self._engine_lock = threading.Lock()
        self._opened: Engine | None = None

    @property
    def _engine(self) -> Engine:
        """Opened on first use: a process that never touches the bus (the gateway) makes no file."""
        with self._engine_lock:
            if self._opened is None:
                engine = make_engine(self.url)
                _metadata.create_all(engine)
                self._opened = engine
            return self._opened

    # -- topology -----------------------------------------------------------------------------
    def declare(self, topology: Topology) -> None:
        with self._engine.begin() as connection:
            self._ensure_exchange(connection, topology.exchange, topology.unroutable_exchange)
            if topology.unroutable_exchange and topology.unroutable_queue:
                self._ensure_exchange(connection, topology.unroutable_exchange, None)
                self._ensure_queue(connection, topology.unroutable_queue, None, _UNLIMITED)
                self._ensure_bindings(connection, topology.unroutable_exchange, topology.unroutable_queue, ["#"])
            if topology.dead_letter_queue:
                self._ensure_queue(connection, topology.dead_letter_queue, None, _UNLIMITED)
            if topology.queue:
                dead_letter_queue = None if topology.transient else topology.dead_letter_queue
                self._ensure_queue(connection, topology.queue, dead_letter_queue, topology.delivery_limit)
                self._ensure_bindings(connection, topology.exchange, topology.queue, topology.routing_keys)

    @staticmethod
    def _ensure_exchange(connection: Connection, name: str, alternate: str | None) -> None:
        known = connection.execute(select(_exchanges.c.alternate_exchange).where(_exchanges.c.name == name)).first()
        if known is None:
            connection.execute(insert(_exchanges).values(name=name, alternate_exchange=alternate))
        elif alternate and known.alternate_exchange != alternate:
            connection.execute(update(_exchanges).where(_exchanges.c.name == name).values(alternate_exchange=alternate))

    @staticmethod
    def _ensure_queue(connection: Connection, name: str, dead_letter_queue: str | None, delivery_limit: int) -> None:
        if connection.execute(select(_queues.c.name).where(_queues.c.name == name)).first() is None:
            connection.execute(
                insert(_queues).values(name=name, dead_letter_queue=dead_letter_queue, delivery_limit=delivery_limit)
            )

    @staticmethod
    def _ensure_bindings(connection: Connection, exchange: str, queue: str, keys: Iterable[str]) -> None:
        bound = set(
            connection.execute(
                select(_bindings.c.binding_key).where(_bindings.c.exchange == exchange, _bindings.c.queue == queue)
            ).scalars()
        )
        for key in keys:
            if key not in bound:
                connection.execute(insert(_bindings).values(exchange=exchange, binding_key=key, queue=queue))

    # -- publishing ---------------------------------------------------------------------------
    def publish(self, exchange: str, messages: Sequence[OutgoingMessage], timeout: float = 10.0) -> PublishOutcome:
        """Confirmed once committed to the file: the same promise as a RabbitMQ publisher confirm."""
        if not messages:
            return PublishOutcome()
        with self._engine.begin() as connection:
            outcome = self._route(connection, exchange, messages)
        self._notify()
        return outcome

    def _route(self, connection: Connection, exchange: str, messages: Sequence[OutgoingMessage]) -> PublishOutcome:
        outcome = PublishOutcome()
        routes = self._routes(connection, exchange)
        alternate = connection.execute(select(_exchanges.c.alternate_exchange).where(_exchanges.c.name == exchange)).scalar()
        alternate_routes = self._routes(connection, alternate) if alternate else []
        for message in messages:
            targets = self._targets(routes, message.routing_key) or self._targets(alternate_routes, message.routing_key)
            self._enqueue(connection, targets, message.message_id, message.routing_key, message.body, message.headers)
            (outcome.confirmed if targets else outcome.unroutable).append(message.message_id)
        return outcome

    @staticmethod
    def _routes(connection: Connection, exchange: str) -> list[tuple[Any, str]]:
        rows = connection.execute(select(_bindings.c.binding_key, _bindings.c.queue).where(_bindings.c.exchange == exchange))
        return [(topic_pattern(key), queue) for key, queue in rows]

    @staticmethod
    def _targets(routes: list[tuple[Any, str]], routing_key: str) -> list[str]:
        return sorted({queue for pattern, queue in routes if pattern.match(routing_key)})

    @staticmethod
    def _enqueue(
        connection: Connection,
        queues: Iterable[str],
        message_id: str | None,
        routing_key: str,
        body: bytes,
        headers: dict[str, Any],
        delivery_count: int = 0,
    ) -> None:
        for queue in queues:
            connection.execute(
                insert(_messages).values(
                    queue=queue,
                    message_id=message_id,
                    routing_key=routing_key,
                    body=body,
                    headers=dict(headers),
                    delivery_count=delivery_count,
                    holder=None,
                )
            )

    def _notify(self) -> None:
        with self._wake_up:
            self._wake_up.notify_all()

    # -- consuming ----------------------------------------------------------------------------
    def consume(
        self, queue: str, on_delivery: Callable[[Delivery], None], stop: threading.Event, prefetch: int = 20
    ) -> None:
        holder = f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._recover(queue)
        while not stop.is_set():
            delivery = self._claim(queue, holder)
            if delivery is None:
                with self._wake_up:
                    self._wake_up.wait(timeout=_POLL_SECONDS)
                continue
            try:
                on_delivery(delivery)
            finally:
                if not delivery.settled:  # a consumer that died mid-message: handed out again
                    delivery.requeue()

    def _recover(self, queue: str) -> None:
        """Hand out again what a process that ended (killed, crashed) had claimed from this queue."""
        with self._engine.begin() as connection:
            held = connection.execute(
                select(_messages.c.seq, _messages.c.holder).where(
                    _messages.c.queue == queue, _messages.c.holder.is_not(None)
                )
            ).all()
            for seq, holder in held:
                if _holder_is_gone(holder):
                    self._return(connection, seq, queue)

    def _claim(self, queue: str, holder: str) -> _SQLiteDelivery | None:
        with self._engine.begin() as connection:
            row = connection.execute(
                select(_messages)
                .where(_messages.c.queue == queue, _messages.c.holder.is_(None))
                .order_by(_messages.c.seq)
                .limit(1)
            ).first()
            if row is None:
                return None
            connection.execute(update(_messages).where(_messages.c.seq == row.seq).values(holder=holder))
        return _SQLiteDelivery(self, row)

    def _return(self, connection: Connection, seq: int, queue: str) -> None:
        """Back to the queue's tail with one more delivery counted, or to the DLQ past the limit."""
        row = connection.execute(select(_messages).where(_messages.c.seq == seq)).first()
        if row is None:
            return
        limit = connection.execute(select(_queues.c.delivery_limit).where(_queues.c.name == queue)).scalar()
        if limit is not None and row.delivery_count + 1 > limit:
            self._dead_letter(connection, seq, queue, "delivery_limit")
            return
        connection.execute(delete(_messages).where(_messages.c.seq == seq))
        self._enqueue(connection, [queue], row.message_id, row.routing_key, row.body, row.headers, row.delivery_count + 1)

    @staticmethod
    def _dead_letter(connection: Connection, seq: int, queue: str, reason: str) -> None:
        row = connection.execute(select(_messages).where(_messages.c.seq == seq)).first()
        if row is None:
            return
        connection.execute(delete(_messages).where(_messages.c.seq == seq))
        dead_letter_queue = connection.execute(
            select(_queues.c.dead_letter_queue).where(_queues.c.name == queue)
        ).scalar()
        if dead_letter_queue is None:
            return
        headers = {**(row.headers or {}), "x-death-reason": reason, "x-first-death-queue": queue}
        SQLiteBroker._enqueue(connection, [dead_letter_queue], row.message_id, row.routing_key, row.body, headers)

    # -- holding queues (dead letters, unroutable events) --------------------------------------
    def dead_letters(self, dead_letter_queue: str, limit: int = 1000) -> list[DeadLetter]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_messages).where(_messages.c.queue == dead_letter_queue).order_by(_messages.c.seq).limit(limit)
            ).all()
        return [DeadLetter(r.message_id, r.routing_key, bytes(r.body), dict(r.headers or {})) for r in rows]

    def message_count(self, queue: str) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(select(func.count()).where(_messages.c.queue == queue)).scalar() or 0)

    def _take(self, connection: Connection, queue: str, message_ids: Sequence[str] | None) -> list[Row[Any]]:
        statement = select(_messages).where(_messages.c.queue == queue, _messages.c.holder.is_(None))
        if message_ids is not None:
            statement = statement.where(_messages.c.message_id.in_(list(message_ids)))
        rows = connection.execute(statement.order_by(_messages.c.seq)).all()
        connection.execute(delete(_messages).where(_messages.c.seq.in_([r.seq for r in rows])))
        return rows

    def replay(self, dead_letter_queue: str, target_queue: str, message_ids: Sequence[str] | None = None) -> int:
        with self._engine.begin() as connection:
            if connection.execute(select(_queues.c.name).where(_queues.c.name == target_queue)).first() is None:
                return 0
            rows = self._take(connection, dead_letter_queue, message_ids)
            for row in rows:
                headers = {k: v for k, v in (row.headers or {}).items() if not k.startswith("x-")}
                self._enqueue(connection, [target_queue], row.message_id, row.routing_key, row.body, headers)
        self._notify()
        return len(rows)

    def republish(self, queue: str, exchange: str, message_ids: Sequence[str] | None = None) -> int:
        with self._engine.begin() as connection:
            rows = self._take(connection, queue, message_ids)
            # In the same transaction: a message still unroutable goes back to the queue's tail.
            self._route(
                connection,
                exchange,
                [OutgoingMessage(r.message_id or "", r.routing_key, bytes(r.body), dict(r.headers or {})) for r in rows],
            )
        self._notify()
        return len(rows)

    # -- housekeeping -------------------------------------------------------------------------
    def delete_queue(self, queue: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(_messages).where(_messages.c.queue == queue))
            connection.execute(delete(_bindings).where(_bindings.c.queue == queue))
            connection.execute(delete(_queues).where(_queues.c.name == queue))

    def delete_topology(self, topology: Topology) -> None:
        for queue in (topology.queue, topology.dead_letter_queue, topology.unroutable_queue):
            if queue:
                self.delete_queue(queue)
        with self._engine.begin() as connection:
            for exchange in (topology.exchange, topology.unroutable_exchange):
                if exchange:
                    connection.execute(delete(_bindings).where(_bindings.c.exchange == exchange))
                    connection.execute(delete(_exchanges).where(_exchanges.c.name == exchange))

    def check(self) -> None:
        with self._engine.connect() as connection:
            connection.execute(select(1))

    def close(self) -> None:
        with self._engine_lock:
            if self._opened is not None:
                self._opened.dispose()
                self._opened = None
