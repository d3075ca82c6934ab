"""Brokers: RabbitMQ for the distributed mode, an in-process bus for the embedded mode."""
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
