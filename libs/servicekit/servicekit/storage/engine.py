"""Engines for PostgreSQL (distributed mode) and SQLite files (embedded mode)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


READ_ONLY = "eorder_read_only"
"""Execution option of the sessions that only read (``UnitOfWorkFactory.read``)."""


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def make_engine(url: str) -> Engine:
    """Statement parameters are hidden from errors (``hide_parameters``): they hold personal data (a
    vendor's NIK, NPWP, bank account, phone, email) and an error's text ends up in the logs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, future=True, hide_parameters=True)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

    # pysqlite opens transactions lazily and upgrades read locks to write locks, which fails at once
    # under concurrent writers instead of waiting. Taking the write lock at BEGIN makes writers queue
    # on the busy timeout: the embedded mode runs web, relay and consumer threads on one file.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # Readers take no write lock: in WAL mode they see the last commit and never block writers.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
