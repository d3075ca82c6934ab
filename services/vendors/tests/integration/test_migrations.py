"""The migration history runs forwards and backwards on both databases, and builds exactly what the
table definitions describe."""
from __future__ import annotations

import pytest

from servicekit.testing.schema import migration_differences, tables_after_each_step
from vendors.service import DEFINITION

pytestmark = pytest.mark.integration

TABLES = {"vendors", "vendor_categories", "blacklist", "ratings", "outbox", "inbox", "idempotency_keys", "audit_log"}


def test_upgrade_downgrade_and_upgrade_again(database_url: str) -> None:
    assert tables_after_each_step(DEFINITION, database_url) == [TABLES, set(), TABLES]


def test_the_migrations_build_what_the_models_describe(database_url: str) -> None:
    assert migration_differences(DEFINITION, database_url) == []
