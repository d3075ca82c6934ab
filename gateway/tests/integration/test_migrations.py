"""The gateway's migration history runs forwards and backwards on both databases, and builds exactly
what its table definitions describe."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from servicekit.migrations import NEWEST, alembic_config
from servicekit.storage import make_engine
from servicekit.testing import database_url_for
from servicekit.testing.schema import migration_differences

from gateway.service import DEFINITION

pytestmark = pytest.mark.integration

TABLES = {"accounts", "work_units", "sign_in_failures", "refresh_tokens", "revoked_access_tokens"}


def test_the_migrations_build_what_the_tables_describe(db: str, tmp_path: Path) -> None:
    with database_url_for(db, tmp_path) as url:
        assert migration_differences(DEFINITION, url) == []


def test_upgrade_downgrade_and_upgrade_again(db: str, tmp_path: Path) -> None:
    with database_url_for(db, tmp_path) as url:
        engine = make_engine(url)
        try:
            for revision, step, expected in (
                (NEWEST, command.upgrade, TABLES),
                ("base", command.downgrade, set()),
                (NEWEST, command.upgrade, TABLES),
            ):
                with engine.begin() as connection:
                    config = alembic_config(DEFINITION, url)
                    config.attributes["connection"] = connection
                    step(config, revision)
                assert TABLES & set(inspect(engine).get_table_names()) == expected
        finally:
            engine.dispose()
