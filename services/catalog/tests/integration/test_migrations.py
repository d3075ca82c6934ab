"""The migrations build exactly what the table definitions describe, on both databases, apart from
the full-text machinery, which only the migrations make (it differs by database)."""
from __future__ import annotations

import pytest

from servicekit.testing.schema import migration_differences
from catalog.service import DEFINITION

pytestmark = pytest.mark.integration

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


# SQLite cannot reflect the expression indexes on lower(city) and lower(kecamatan), so only
# PostgreSQL compares them; alembic and SQLAlchemy say so with a warning each.
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrations_build_what_the_models_describe(database_url: str) -> None:
    assert migration_differences(DEFINITION, database_url, made_by_migrations_only=FULL_TEXT) == []
