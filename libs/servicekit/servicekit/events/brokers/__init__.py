"""Brokers: RabbitMQ for the distributed mode, a bus in a SQLite file for the embedded mode, and an
in-process bus (``memory://``) that keeps nothing across a restart, for tests."""
from __future__ import annotations

from servicekit.events.brokers.base import (
    Broker,
    DeadLetter,
    Delivery,
    OutgoingMessage,
    PublishError,
    PublishOutcome,
    Topology,
)


def broker_for(url: str) -> Broker:
    if url.startswith("memory://"):
        from servicekit.events.brokers.memory import MemoryBroker

        return MemoryBroker()
    if url.startswith("sqlite:"):
        from servicekit.events.brokers.sqlite import SQLiteBroker

        return SQLiteBroker(url)
    if url.startswith(("amqp://", "amqps://", "pyamqp://")):
        from servicekit.events.brokers.rabbitmq import RabbitMQBroker

        return RabbitMQBroker(url)
    raise ValueError(f"unsupported broker URL scheme: {url.split(':', 1)[0]}")


__all__ = [
    "Broker",
    "DeadLetter",
    "Delivery",
    "OutgoingMessage",
    "PublishError",
    "PublishOutcome",
    "Topology",
    "broker_for",
]
