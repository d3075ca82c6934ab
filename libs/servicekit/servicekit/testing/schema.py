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
