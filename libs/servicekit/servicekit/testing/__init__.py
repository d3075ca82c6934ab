"""Test helpers: real PostgreSQL and RabbitMQ (failing loudly when absent), tokens, a service harness
and event capture that waits for events instead of sleeping."""
from servicekit.testing.capture import EventCapture
from servicekit.testing.clock import FakeClock
from servicekit.testing.harness import ServiceHarness
from servicekit.testing.infrastructure import (
    POSTGRES_URL,
    RABBITMQ_URL,
    database_url_for,
    require_postgres,
    require_rabbitmq,
)
from servicekit.testing.tokens import auth_header, mint_token

__all__ = [
    "POSTGRES_URL",
    "RABBITMQ_URL",
    "EventCapture",
    "FakeClock",
    "ServiceHarness",
    "auth_header",
    "database_url_for",
    "mint_token",
    "require_postgres",
    "require_rabbitmq",
]
