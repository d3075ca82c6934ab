"""Alembic, one migration history per service, run by a command (never by every process).

A service's ``<package>/migrations/env.py`` calls :func:`run_env` with its metadata; the same scripts
run on SQLite (batch mode, for ALTERs SQLite cannot do in place) and PostgreSQL. servicekit's own
history of the platform tables (``servicekit/platform_migrations``, branch ``platform``) is a second
version location of every service's history, so ``upgrade`` to ``heads`` applies both.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command, context
from alembic.config import Config
from sqlalchemy import Engine, MetaData

from servicekit.storage.engine import make_engine
from servicekit.storage.migration_lock import one_migration_at_a_time

if TYPE_CHECKING:
    from servicekit.service import ServiceDefinition


PLATFORM_MIGRATIONS = Path(__file__).resolve().parent / "platform_migrations"
NEWEST = "heads"
"""The newest revision of the service's branch and of the platform branch."""


def alembic_config(definition: "ServiceDefinition", database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(definition.migrations_dir))
    config.set_main_option("path_separator", "newline")
    config.set_main_option("version_locations", f"{definition.migrations_dir / 'versions'}\n{PLATFORM_MIGRATIONS}")
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["service"] = definition.name
    return config


@one_migration_at_a_time
def upgrade(
    definition: "ServiceDefinition", database_url: str, *, engine: Engine | None = None, revision: str = NEWEST
) -> None:
    config = alembic_config(definition, database_url)
    if engine is not None:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    else:
        command.upgrade(config, revision)


def run_env(metadata: MetaData) -> None:
    """The body of every service's ``migrations/env.py``."""
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection, metadata)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as connection:
            _run(connection, metadata)
    finally:
        engine.dispose()


def _run(connection, metadata: MetaData) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
