"""The gateway's migration history runs forwards and backwards on both databases, and builds exactly
what its table definitions describe."""
from __future__ import annotations

from pathlib import Path

import pytest

from servicekit.testing import database_url_for
from servicekit.testing.schema import migration_differences, tables_after_each_step

from gateway.service import DEFINITION

pytestmark = pytest.mark.integration

TABLES = {"accounts", "work_units", "sign_in_failures", "refresh_tokens", "revoked_access_tokens"}


def test_the_migrations_build_what_the_tables_describe(db: str, tmp_path: Path) -> None:
    with database_url_for(db, tmp_path) as url:
        assert migration_differences(DEFINITION, url) == []


def test_upgrade_downgrade_and_upgrade_again(db: str, tmp_path: Path) -> None:
    everything = TABLES | {"outbox", "inbox", "idempotency_keys", "audit_log"}
    with database_url_for(db, tmp_path) as url:
        assert tables_after_each_step(DEFINITION, url) == [everything, set(), everything]
