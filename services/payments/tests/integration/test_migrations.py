"""The migration history runs forwards and backwards on both databases, and builds exactly what the
table definitions describe."""
from __future__ import annotations

from typing import Callable

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from payments.adapters.sandbox_bank.service import DEFINITION as SANDBOX_BANK
from payments.service import DEFINITION
from servicekit.migrations import NEWEST, alembic_config
from servicekit.storage import make_engine
from servicekit.testing.schema import migration_differences

pytestmark = pytest.mark.integration

TABLES = {
    "invoices", "cancelled_orders", "payments", "withholdings", "payment_proofs", "journal_entries", "journal_lines",
    "vendor_accounts", "outbox", "inbox", "idempotency_keys", "audit_log",
}  # fmt: skip


def migrate(engine: Engine, database_url: str, step: Callable[[Config, str], None], revision: str) -> set[str]:
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


def test_the_sandbox_banks_migrations_build_what_its_models_describe(database_url: str) -> None:
    assert migration_differences(SANDBOX_BANK, database_url) == []
