"""The real PostgreSQL and RabbitMQ the tests run against. Missing ones fail the tests that need
them with what is missing and how to start it; they are never skipped silently."""
from __future__ import annotations

import contextlib
import os
import socket
import uuid
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("EORDER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
RABBITMQ_URL = os.environ.get("EORDER_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")

_HOW_TO_START = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "RabbitMQ": "rabbitmq-server -detached",
}


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url.replace("+psycopg", ""))
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def _missing(what: str, url: str) -> None:
    pytest.fail(
        f"{what} is not reachable at {make_url(url).render_as_string(hide_password=True) if '://' in url else url}. "
        f"These tests need a real {what}; start it with: {_HOW_TO_START[what]} "
        f"(or point EORDER_TEST_{what.upper()}_URL at one).",
        pytrace=False,
    )


def require_postgres() -> None:
    if not _reachable(POSTGRES_URL, 5432):
        _missing("PostgreSQL", POSTGRES_URL)


def require_rabbitmq() -> None:
    if not _reachable(RABBITMQ_URL, 5672):
        _missing("RabbitMQ", RABBITMQ_URL)


@contextlib.contextmanager
def postgres_database(prefix: str = "eorder_test") -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (or module); dropped afterwards."""
    require_postgres()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextlib.contextmanager
def database_url_for(kind: str, tmp_path: Path) -> Iterator[str]:
    """``kind`` is ``sqlite`` (a file under ``tmp_path``) or ``postgresql`` (a fresh database)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'service.db'}"
    elif kind == "postgresql":
        with postgres_database() as url:
            yield url
    else:
        raise ValueError(f"unknown database kind {kind!r}")
