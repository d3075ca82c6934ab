"""The migration history runs forwards and backwards on both databases, and builds exactly what the
table definitions describe (apart from the full-text machinery, which only the migrations make)."""
from __future__ import annotations

from typing import Callable

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from servicekit.migrations import NEWEST, alembic_config
from servicekit.storage import make_engine
from servicekit.testing.schema import migration_differences
from catalog.service import DEFINITION

pytestmark = pytest.mark.integration

TABLES = {
    "categories",
    "vendors",
    "products",
    "product_revisions",
    "price_history",
    "reference_prices",
    "reservations",
    "capacity_bookings",
    "outbox",
    "inbox",
    "idempotency_keys",
    "audit_log",
}
FULL_TEXT = {
    # SQLite: the FTS5 table kept in sync by triggers, and the shadow tables FTS5 keeps it in.
    "products_fts",
    "products_fts_config",
    "products_fts_content",
    "products_fts_data",
    "products_fts_docsize",
    "products_fts_idx",
    # PostgreSQL: the generated tsvector column and its GIN index.
    "products.search_vector",
    "ix_products_search",
}


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
    assert migration_differences(DEFINITION, database_url, made_by_migrations_only=FULL_TEXT) == []
