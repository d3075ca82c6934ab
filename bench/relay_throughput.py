"""Outbox relay throughput against a raw publish baseline, measured in the same run.

    .venv/bin/python bench/relay_throughput.py [--events 20000] [--batch 500]

Both sides publish persistent messages with publisher confirms to a durable topic exchange routed
to a quorum queue on the local RabbitMQ:
- raw: py-amqp straight from memory, confirms pipelined (the ceiling for this broker and machine);
- relay: the platform's outbox relay reading committed rows from PostgreSQL, publishing them and
  marking them sent (what production does).
Figures are printed, never asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import json
import socket
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import amqp
from sqlalchemy import MetaData

from servicekit.events.brokers.rabbitmq import RabbitMQBroker
from servicekit.events.contracts import ContractRegistry
from servicekit.events.relay import OutboxRelay
from servicekit.storage import PlatformTables, UnitOfWorkFactory, make_engine
from servicekit.testing.infrastructure import RABBITMQ_URL, postgres_database

@dataclass(frozen=True)
class BenchEvent:
    name: str = "bench.relay"
    version: int = 1


def bench_contracts() -> ContractRegistry:
    """The benchmark event's contract (any object), as a service's contracts library would hold it."""
    directory = Path(tempfile.mkdtemp(prefix="eorder-bench-contracts-"))
    (directory / "bench.relay.v1.schema.json").write_text(json.dumps({"type": "object"}))
    return ContractRegistry([directory])


PAYLOAD = {"id": "00000000-0000-0000-0000-000000000000", "name": "Katering Bu Sri", "total": 1_250_000, "lines": 3}


@contextmanager
def routed_queue(exchange: str, queue: str) -> Iterator[tuple[amqp.Connection, amqp.Channel]]:
    """A channel on the local RabbitMQ with a durable topic ``exchange`` routed to a quorum ``queue``,
    both deleted afterwards."""
    connection = amqp.Connection("127.0.0.1:5672", userid="guest", password="guest")
    connection.connect()
    try:
        channel = connection.channel()
        channel.exchange_declare(exchange, "topic", durable=True, auto_delete=False)
        channel.queue_declare(queue, durable=True, auto_delete=False, arguments={"x-queue-type": "quorum"})
        channel.queue_bind(queue, exchange, "#")
        yield connection, channel
        channel.queue_delete(queue)
        channel.exchange_delete(exchange)
    finally:
        connection.close()


def raw_publish(count: int) -> float:
    exchange, queue = f"bench-{uuid.uuid4().hex[:6]}.raw", f"bench-{uuid.uuid4().hex[:6]}.raw.q"
    with routed_queue(exchange, queue) as (connection, channel):
        acked = {"up_to": 0}
        channel.events["basic_ack"].add(lambda tag, multiple: acked.__setitem__("up_to", max(acked["up_to"], tag)))
        channel.confirm_select()
        body = b'{"specversion":"1.0","data":' + str(PAYLOAD).encode() + b"}"
        started = time.perf_counter()
        for i in range(count):
            channel.basic_publish(
                amqp.Message(body, delivery_mode=2, message_id=str(i), content_type="application/json"),
                exchange=exchange,
                routing_key="bench.raw",
                mandatory=True,
            )
        while acked["up_to"] < count:
            try:
                connection.drain_events(timeout=5)
            except socket.timeout:
                # A rate over messages the broker never confirmed would flatter the baseline.
                raise RuntimeError(f"the broker confirmed {acked['up_to']} of {count} messages") from None
        elapsed = time.perf_counter() - started
    return count / elapsed


def relay_publish(count: int, batch: int) -> tuple[float, float]:
    prefix = f"bench-{uuid.uuid4().hex[:6]}."
    with postgres_database("eorder_bench") as url:
        metadata = MetaData()
        tables = PlatformTables(metadata)
        engine = make_engine(url)
        metadata.create_all(engine)
        uow_factory = UnitOfWorkFactory(engine, tables, "bench", contracts=bench_contracts())
        started = time.perf_counter()
        for start in range(0, count, 1000):
            with uow_factory() as uow:
                for _ in range(min(1000, count - start)):
                    uow.publish(BenchEvent(), str(uuid.uuid4()), PAYLOAD)
                uow.commit()
        write_rate = count / (time.perf_counter() - started)
        broker = RabbitMQBroker(RABBITMQ_URL)
        exchange, queue = f"{prefix}eorder.events", f"{prefix}bench.q"
        with routed_queue(exchange, queue):
            relay = OutboxRelay(uow_factory, broker, exchange, batch_size=batch)
            started = time.perf_counter()
            published = relay.drain(max_batches=count)
            elapsed = time.perf_counter() - started
            assert published == count, f"relay published {published} of {count}"
            assert relay.backlog()[0] == 0
        broker.close()
        engine.dispose()
    return count / elapsed, write_rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    raw = raw_publish(args.events)
    relay, writes = relay_publish(args.events, args.batch)
    print(f"events per run: {args.events}, relay batch: {args.batch}")
    print(f"{'raw publish (confirms pipelined, from memory)':<52} {raw:>10,.0f} events/s")
    print(f"{'outbox relay (PostgreSQL -> RabbitMQ, marked sent)':<52} {relay:>10,.0f} events/s")
    print(f"{'relay / raw':<52} {relay / raw:>10.2f}")
    print(f"{'(outbox writes in the producing transactions)':<52} {writes:>10,.0f} events/s")


if __name__ == "__main__":
    main()
