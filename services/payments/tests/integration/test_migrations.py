"""The migration history runs forwards and backwards on both databases, and builds exactly what the
table definitions describe."""
from __future__ import annotations

import pytest

from payments.adapters.sandbox_bank.service import DEFINITION as SANDBOX_BANK
from payments.service import DEFINITION
from servicekit.testing.schema import migration_differences, tables_after_each_step

pytestmark = pytest.mark.integration

TABLES = {
    "invoices", "cancelled_orders", "payments", "withholdings", "payment_proofs", "journal_entries", "journal_lines",
    "vendor_accounts", "outbox", "inbox", "idempotency_keys", "audit_log",
}  # fmt: skip


def test_upgrade_downgrade_and_upgrade_again(database_url: str) -> None:
    assert tables_after_each_step(DEFINITION, database_url) == [TABLES, set(), TABLES]


def test_the_migrations_build_what_the_models_describe(database_url: str) -> None:
    assert migration_differences(DEFINITION, database_url) == []


def test_the_sandbox_banks_migrations_build_what_its_models_describe(database_url: str) -> None:
    assert migration_differences(SANDBOX_BANK, database_url) == []
