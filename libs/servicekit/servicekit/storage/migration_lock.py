"""One migration at a time per service database.

Two ``migrate`` commands started together (two deploy jobs, a rollout's init containers) would both
find the schema behind and both create the same tables: one fails with a unique violation. On
PostgreSQL the first takes a session advisory lock keyed on the service's name and holds it for the
whole migration; the second waits for it, then finds the schema current. SQLite needs none: its
migrations run in one ``BEGIN IMMEDIATE`` transaction (see ``storage/engine.py``), so a second
writer waits on the file lock, then reads the version the first one wrote.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from sqlalchemy import Engine, text

from servicekit.storage.engine import is_postgresql, make_engine

if TYPE_CHECKING:
    from servicekit.service import ServiceDefinition

Upgrade = TypeVar("Upgrade", bound=Callable[..., None])


def lock_key(service: str) -> int:
    """A stable signed 64-bit key per service (hash() differs between processes)."""
    return int.from_bytes(hashlib.sha256(f"eorder-migrate:{service}".encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def migration_lock(service: str, database_url: str, engine: Engine | None = None) -> Iterator[None]:
    """Hold the service's migration lock (PostgreSQL) while the block runs."""
    own_engine = engine is None
    engine = engine or make_engine(database_url)
    try:
        if not is_postgresql(engine):
            yield
            return
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": lock_key(service)})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": lock_key(service)})
                connection.commit()
    finally:
        if own_engine:
            engine.dispose()


def one_migration_at_a_time(upgrade: Upgrade) -> Upgrade:
    """Wraps ``upgrade(definition, database_url, *, engine=None, ...)`` in the service's lock."""

    @functools.wraps(upgrade)
    def locked(definition: "ServiceDefinition", database_url: str, *args: Any, **kwargs: Any) -> None:
        with migration_lock(definition.name, database_url, kwargs.get("engine")):
            upgrade(definition, database_url, *args, **kwargs)

    return locked  # type: ignore[return-value]
