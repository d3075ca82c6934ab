"""The migration history runs forwards and backwards on both databases, and builds exactly what the
table definitions describe."""
from __future__ import annotations

from typing import Callable

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from servicekit.migrations import NEWEST, alembic_config
from servicekit.storage import make_engine
from servicekit.testing.schema import migration_differences
from vendors.service import DEFINITION

pytestmark = pytest.mark.integration

TABLES = {"vendors", "vendor_categories", "blacklist", "ratings", "outbox", "inbox", "idempotency_keys", "audit_log"}


def migrate(engine: Engine, database_url: str, step: Callable[[Config, str], None], revision: str) -> set[str]:
    """Run one alembic step; answer which of the service's tables exist afterwards."""
    with engine.begin() as connection:
        config = alembic_config(DEFINITION, database_url)
        config.attributes["connection"] = connection
        step(config, revision)
    return TABLES & set(inspect(engine).get_table_names())


def test_upgrade_downgrade_and_upgrade_again(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert migrate(engine, database_url, command.upgrade, NEWEST) == TABLES
        assert migrate(engine, database_url, command.downgrade, "base") == set()
        assert migrate(engine, database_url, command.upgrade, NEWEST) == TABLES
    finally:
        engine.dispose()


def test_the_migrations_build_what_the_models_describe(database_url: str) -> None:
    assert migration_differences(DEFINITION, database_url) == []
