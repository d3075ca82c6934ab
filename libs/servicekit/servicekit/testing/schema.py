"""Checking that a service's migrations build exactly what its table definitions describe."""
from __future__ import annotations

from typing import Any, Collection

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from servicekit.migrations import upgrade
from servicekit.service import ServiceDefinition
from servicekit.storage import make_engine


def migration_differences(
    definition: ServiceDefinition,
    database_url: str,
    *,
    made_by_migrations_only: Collection[str] = (),
) -> list[Any]:
    """Alembic's autogenerate comparison of the migrated database with the service's metadata (its
    tables and servicekit's platform tables): an empty list when they agree.

    ``made_by_migrations_only`` names tables, columns (``table.column``) and indexes that only the
    migrations make, on purpose (a database's own full-text machinery, say); they are not compared.
    """
    engine = make_engine(database_url)
    try:
        upgrade(definition, database_url, engine=engine)

        def compared(obj: Any, name: str | None, kind: str, _reflected: bool, _other: Any) -> bool:
            table = getattr(obj, "table", None)
            qualified = f"{table.name}.{name}" if kind == "column" and table is not None else name
            return qualified not in made_by_migrations_only and name not in made_by_migrations_only

        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": compared}
            )
            return list(compare_metadata(context, definition.metadata))
    finally:
        engine.dispose()


def tables_after_each_step(definition: ServiceDefinition, database_url: str) -> list[set[str]]:
    """The tables that exist after upgrading to the newest revision, downgrading to nothing, and
    upgrading again: a history that runs both ways answers ``[all, set(), all]``."""
    from alembic import command
    from sqlalchemy import inspect

    from servicekit.migrations import NEWEST, alembic_config

    engine = make_engine(database_url)
    seen = []
    try:
        for step, revision in ((command.upgrade, NEWEST), (command.downgrade, "base"), (command.upgrade, NEWEST)):
            with engine.begin() as connection:
                config = alembic_config(definition, database_url)
                config.attributes["connection"] = connection
                step(config, revision)
            seen.append(set(inspect(engine).get_table_names()) - {"alembic_version"})
    finally:
        engine.dispose()
    return seen
