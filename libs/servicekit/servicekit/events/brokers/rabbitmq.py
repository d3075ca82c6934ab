"""RabbitMQ through kombu: durable topic exchange, quorum queues with a delivery limit and a
dead-letter queue, persistent messages published with confirms many in flight, manual acks."""
from __future__ import annotations

import socket
import threading
import time
from typing import Any, Callable, Iterator, Sequence

import amqp
import structlog
from kombu import Connection
from kombu.exceptions import OperationalError as BrokerUnreachable
from kombu.message import Message

from servicekit.events.brokers.base import DeadLetter, Delivery, OutgoingMessage, PublishError, PublishOutcome, Topology

log = structlog.get_logger(__name__)

# Waits between reconnection attempts of a consumer; the last one repeats for as long as the broker
# stays away, so an outage of any length is ridden out and ended within seconds of its end.
_RECONNECT_BACKOFF = (0.2, 0.5, 1.0, 2.0, 5.0)

_ALTERNATE_EXCHANGE_POLICY = (
    "rabbitmqctl set_policy eorder-unroutable '^{exchange}$' "
    "'{{\"alternate-exchange\":\"{unroutable}\"}}' --apply-to exchanges"
)


class _KombuDelivery:
    def __init__(self, message: Message) -> None:
        self._message = message
        self.body = message.body if isinstance(message.body, bytes) else bytes(message.body)
        self.routing_key = message.delivery_info.get("routing_key", "")
        self.headers = dict(message.headers or {})
        self.message_id = message.properties.get("message_id")

    @property
    def delivery_count(self) -> int:
        # Quorum queues count returned deliveries in this header; absent on the first delivery.
        return int(self.headers.get("x-delivery-count", 0))

    def ack(self) -> None:
        self._message.ack()

    def requeue(self) -> None:
        self._message.requeue()

    def dead_letter(self) -> None:
        self._message.reject(requeue=False)


class RabbitMQBroker:
    def __init__(self, url: str, connect_timeout: float = 5.0, heartbeat: int = 30) -> None:
        self.url = url
        self.connect_timeout = connect_timeout
        self.heartbeat = heartbeat
        self._publish_lock = threading.Lock()
        self._publish_connection: Connection | None = None
        self._publish_channel: amqp.Channel | None = None
        self._acked_up_to = 0
        self._nacked: set[int] = set()
        self._returned: set[str] = set()
        self._published_tags = 0
        self._single_acks: set[int] = set()
        self._connection_errors = Connection(url).connection_errors + Connection(url).channel_errors

    # -- connections --------------------------------------------------------------------------
    def _connect(self) -> Connection:
        connection = Connection(self.url, connect_timeout=self.connect_timeout, heartbeat=self.heartbeat)
        connection.ensure_connection(max_retries=1)
        return connection

    def check(self) -> None:
        connection = self._connect()
        connection.release()

    def delete_topology(self, topology: Topology) -> None:
        with self._connect() as connection:
            channel = connection.connection.channel()
            for queue in (topology.queue, topology.dead_letter_queue):
                if queue:
                    channel.queue_delete(queue)
            for queue in (topology.unroutable_queue,):
                if queue:
                    channel.queue_delete(queue)
            for exchange in (topology.exchange, topology.dead_letter_exchange, topology.unroutable_exchange):
                if exchange:
                    channel.exchange_delete(exchange)
            channel.close()

    def delete_queue(self, queue: str) -> None:
        with self._connect() as connection:
            channel = connection.connection.channel()
            channel.queue_delete(queue)
            channel.close()

    def close(self) -> None:
        with self._publish_lock:
            self._drop_publisher()

    # -- topology -----------------------------------------------------------------------------
    def declare(self, topology: Topology) -> None:
        with self._connect() as connection:
            channel = self._declare_exchange(connection, topology)
            if topology.dead_letter_exchange:
                channel.exchange_declare(topology.dead_letter_exchange, "direct", durable=True, auto_delete=False)
            if topology.queue and topology.transient:
                channel.queue_declare(
                    topology.queue, durable=False, auto_delete=False, arguments={"x-expires": 600_000}
                )
                for key in topology.routing_keys:
                    channel.queue_bind(topology.queue, topology.exchange, key)
            elif topology.queue and topology.dead_letter_queue and topology.dead_letter_exchange:
                channel.queue_declare(
                    topology.dead_letter_queue,
                    durable=True,
                    auto_delete=False,
                    arguments={"x-queue-type": "quorum"},
                )
                channel.queue_bind(topology.dead_letter_queue, topology.dead_letter_exchange, topology.dead_letter_queue)
                channel.queue_declare(
                    topology.queue,
                    durable=True,
                    auto_delete=False,
                    arguments={
                        "x-queue-type": "quorum",
                        "x-delivery-limit": topology.delivery_limit,
                        "x-dead-letter-exchange": topology.dead_letter_exchange,
                        "x-dead-letter-routing-key": topology.dead_letter_queue,
                        # at-least-once dead-lettering: a message is never dropped on the way to the DLQ
                        "x-dead-letter-strategy": "at-least-once",
                        "x-overflow": "reject-publish",
                    },
                )
                for key in topology.routing_keys:
                    channel.queue_bind(topology.queue, topology.exchange, key)
            channel.close()

    def _declare_exchange(self, connection: Connection, topology: Topology) -> amqp.Channel:
        """The topic exchange with its alternate exchange, which keeps in a durable quorum queue
        what no queue is bound for (an event published before its consumer's queue exists)."""
        channel: amqp.Channel = connection.connection.channel()
        if not topology.unroutable_exchange:
            # A capture queue's topology does not know the alternate exchange: use the exchange as
            # the services declared it, and declare a plain one only if there is none.
            try:
                channel.exchange_declare(topology.exchange, "topic", passive=True)
            except amqp.exceptions.NotFound:
                channel = connection.connection.channel()
                channel.exchange_declare(topology.exchange, "topic", durable=True, auto_delete=False)
            return channel
        channel.exchange_declare(topology.unroutable_exchange, "fanout", durable=True, auto_delete=False)
        if topology.unroutable_queue:
            channel.queue_declare(
                topology.unroutable_queue, durable=True, auto_delete=False, arguments={"x-queue-type": "quorum"}
            )
            channel.queue_bind(topology.unroutable_queue, topology.unroutable_exchange, "")
        try:
            channel.exchange_declare(
                topology.exchange,
                "topic",
                durable=True,
                auto_delete=False,
                arguments={"alternate-exchange": topology.unroutable_exchange},
            )
        except amqp.exceptions.PreconditionFailed:
            # Declared by an older release without the argument, which RabbitMQ will not change in
            # place. A policy adds it; until then returned events stay pending in the outboxes.
            log.error(
                "the events exchange was declared without an alternate exchange argument: unless this "
                "policy is applied, events no queue is bound for stay pending in the outboxes",
                exchange=topology.exchange,
                apply=_ALTERNATE_EXCHANGE_POLICY.format(
                    exchange=topology.exchange.replace(".", "\\."), unroutable=topology.unroutable_exchange
                ),
            )
            channel = connection.connection.channel()
            channel.exchange_declare(topology.exchange, "topic", passive=True)
        return channel

    # -- publishing ---------------------------------------------------------------------------
    def _publisher(self) -> amqp.Channel:
        if self._publish_channel is not None and self._publish_connection is not None and self._publish_connection.connected:
            return self._publish_channel
        self._drop_publisher()
        connection = self._connect()
        channel: amqp.Channel = connection.connection.channel()
        channel.events["basic_ack"].add(self._on_ack)
        channel.events["basic_nack"].add(self._on_nack)
        channel.events["basic_return"].add(self._on_return)
        channel.confirm_select()
        self._publish_connection, self._publish_channel = connection, channel
        self._acked_up_to, self._published_tags = 0, 0
        self._nacked.clear()
        self._single_acks.clear()
        return channel

    def _drop_publisher(self) -> None:
        if self._publish_connection is not None:
            try:
                self._publish_connection.release()
            except Exception:  # already broken: nothing to release cleanly
                pass
        self._publish_connection, self._publish_channel = None, None

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        if multiple:
            self._acked_up_to = max(self._acked_up_to, delivery_tag)
        elif delivery_tag == self._acked_up_to + 1:
            self._acked_up_to = delivery_tag
        else:
            self._single_acks.add(delivery_tag)
        while self._acked_up_to + 1 in self._single_acks:
            self._single_acks.discard(self._acked_up_to + 1)
            self._acked_up_to += 1

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self._nacked.add(delivery_tag)
        self._on_ack(delivery_tag, multiple)

    def _on_return(self, exc: Exception, exchange: str, routing_key: str, message: amqp.Message) -> None:
        message_id = message.properties.get("message_id")
        if message_id:
            self._returned.add(message_id)

    def publish(self, exchange: str, messages: Sequence[OutgoingMessage], timeout: float = 10.0) -> PublishOutcome:
        """Publish all messages with confirms outstanding together; return once all are confirmed."""
        if not messages:
            return PublishOutcome()
        with self._publish_lock:
            try:
                return self._publish_locked(exchange, messages, timeout)
            except PublishError:
                self._drop_publisher()
                raise
            except (OSError, amqp.exceptions.AMQPError, socket.timeout, BrokerUnreachable) as exc:
                self._drop_publisher()
                raise PublishError(f"publishing failed: {exc}") from exc

    def _publish_locked(self, exchange: str, messages: Sequence[OutgoingMessage], timeout: float) -> PublishOutcome:
        channel = self._publisher()
        self._returned.clear()
        first_tag = self._published_tags + 1
        tags: dict[int, str] = {}
        for message in messages:
            amqp_message = amqp.Message(
                message.body,
                content_type="application/cloudevents+json",
                delivery_mode=2,
                message_id=message.message_id,
                type=message.routing_key,
                application_headers=message.headers or None,
            )
            channel.basic_publish(amqp_message, exchange=exchange, routing_key=message.routing_key, mandatory=True)
            self._published_tags += 1
            tags[self._published_tags] = message.message_id
        last_tag = self._published_tags
        deadline = time.monotonic() + timeout
        assert self._publish_connection is not None
        while self._acked_up_to < last_tag:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PublishError(f"{last_tag - self._acked_up_to} of {len(messages)} publishes not confirmed in time")
            try:
                self._publish_connection.connection.drain_events(timeout=min(remaining, 1.0))
            except socket.timeout:
                continue
        nacked = [tags[t] for t in range(first_tag, last_tag + 1) if t in self._nacked]
        if nacked:
            raise PublishError(f"broker refused {len(nacked)} messages")
        outcome = PublishOutcome()
        for tag in range(first_tag, last_tag + 1):
            message_id = tags[tag]
            (outcome.unroutable if message_id in self._returned else outcome.confirmed).append(message_id)
        return outcome

    # -- consuming ----------------------------------------------------------------------------
    def consume(
        self, queue: str, on_delivery: Callable[[Delivery], None], stop: threading.Event, prefetch: int = 20
    ) -> None:
        attempt = 0
        while not stop.is_set():
            try:
                with self._connect() as connection:
                    attempt = 0
                    self._consume_on(connection, queue, on_delivery, stop, prefetch)
            except (OSError, amqp.exceptions.AMQPError, BrokerUnreachable, *self._connection_errors) as exc:
                # BrokerUnreachable is what a reconnection attempt raises while the broker is down.
                delay = _RECONNECT_BACKOFF[min(attempt, len(_RECONNECT_BACKOFF) - 1)]
                attempt += 1
                log.warning("consumer connection lost; reconnecting", queue=queue, error=str(exc), delay=delay)
                stop.wait(delay)

    def _consume_on(
        self,
        connection: Connection,
        queue: str,
        on_delivery: Callable[[Delivery], None],
        stop: threading.Event,
        prefetch: int,
    ) -> None:
        channel = connection.channel()
        channel.basic_qos(0, prefetch, False)

        def _callback(message: amqp.Message) -> None:
            on_delivery(_KombuDelivery(channel.message_to_python(message)))

        channel.basic_consume(queue, no_ack=False, callback=_callback)
        while not stop.is_set():
            try:
                connection.drain_events(timeout=0.5)
            except socket.timeout:
                connection.heartbeat_check()

    # -- dead letters -------------------------------------------------------------------------
    def dead_letters(self, dead_letter_queue: str, limit: int = 1000) -> list[DeadLetter]:
        letters: list[DeadLetter] = []
        with self._connect() as connection:
            channel = connection.connection.channel()
            # Messages fetched without ack go back to the queue, in order, when the channel closes.
            while len(letters) < limit:
                message = channel.basic_get(dead_letter_queue, no_ack=False)
                if message is None:
                    break
                letters.append(
                    DeadLetter(
                        message.properties.get("message_id"),
                        message.delivery_info.get("routing_key", ""),
                        bytes(message.body),
                        dict(message.properties.get("application_headers") or {}),
                    )
                )
            channel.close()
        return letters

    def message_count(self, queue: str) -> int:
        with self._connect() as connection:
            channel = connection.connection.channel()
            try:
                return int(channel.queue_declare(queue, passive=True).message_count)
            except amqp.exceptions.NotFound:
                return 0

    def republish(self, queue: str, exchange: str, message_ids: Sequence[str] | None = None) -> int:
        moved: set[str | None] = set()
        with self._connect() as connection:
            channel = connection.connection.channel()
            channel.confirm_select()
            for message in _taking(channel, queue, message_ids):
                message_id = message.properties.get("message_id")
                if message_id in moved:
                    # Still unroutable: it came back to the queue's tail through the alternate
                    # exchange. Left unacked, it stays there; everything before it has been taken.
                    break
                routing_key = str(message.properties.get("type") or message.delivery_info.get("routing_key", ""))
                again = _copy(message, routing_key, message.properties.get("application_headers") or None)
                channel.basic_publish_confirm(again, exchange=exchange, routing_key=routing_key, mandatory=True)
                channel.basic_ack(message.delivery_tag)
                moved.add(message_id)
            channel.close()
        return len(moved)

    def replay(self, dead_letter_queue: str, target_queue: str, message_ids: Sequence[str] | None = None) -> int:
        moved = 0
        with self._connect() as connection:
            channel = connection.connection.channel()
            channel.confirm_select()
            for message in _taking(channel, dead_letter_queue, message_ids):
                headers = {
                    k: v
                    for k, v in (message.properties.get("application_headers") or {}).items()
                    if not k.startswith("x-")
                }
                original_key = self._original_routing_key(message)
                headers["x-replayed-routing-key"] = original_key
                # The default exchange routes straight to the work queue, so other services'
                # queues do not see the event a second time.
                channel.basic_publish_confirm(
                    _copy(message, original_key, headers), exchange="", routing_key=target_queue, mandatory=True
                )
                channel.basic_ack(message.delivery_tag)
                moved += 1
            channel.close()
        return moved

    @staticmethod
    def _original_routing_key(message: amqp.Message) -> str:
        deaths: list[dict[str, Any]] = (message.properties.get("application_headers") or {}).get("x-death") or []
        for death in deaths:
            keys = death.get("routing-keys") or []
            if keys:
                return str(keys[0])
        return str(message.properties.get("type") or message.delivery_info.get("routing_key", ""))


def _taking(channel: amqp.Channel, queue: str, message_ids: Sequence[str] | None) -> Iterator[amqp.Message]:
    """The queue's messages (those with the given ids), fetched unacknowledged: the caller acks what
    it has moved; the rest return to the queue, in order, when the channel closes."""
    wanted = set(message_ids) if message_ids is not None else None
    while True:
        message = channel.basic_get(queue, no_ack=False)
        if message is None:
            return
        if wanted is None or message.properties.get("message_id") in wanted:
            yield message


def _copy(message: amqp.Message, routing_key: str, headers: dict[str, Any] | None) -> amqp.Message:
    return amqp.Message(
        bytes(message.body),
        content_type=message.properties.get("content_type"),
        delivery_mode=2,
        message_id=message.properties.get("message_id"),
        type=routing_key,
        application_headers=headers,
    )
