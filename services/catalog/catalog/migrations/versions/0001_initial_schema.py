"""initial schema: categories, vendors (copy), products, revisions, prices, reservations, capacity
bookings, and the full-text index of each database (the platform tables are servicekit's own history)

Revision ID: 0001
Revises:
Create Date: 2026-03-02 09:00:00
"""
import sqlalchemy as sa
from alembic import op

import servicekit.storage.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC = servicekit.storage.types.UTCDateTime(timezone=True)
MONEY = servicekit.storage.types.Money(precision=15, scale=0)
BIGINT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# Partial-index predicates written as each database renders the queries' own expressions, so that
# the planners see the queries imply them (catalog.storage.tables.LISTED / APPROVED).
LISTED = {"postgresql_where": sa.text("listed IS true"), "sqlite_where": sa.text("listed IS 1")}
APPROVED = {"postgresql_where": sa.text("state = 'approved'"), "sqlite_where": sa.text("state = 'approved'")}

# PostgreSQL has no Indonesian text-search configuration; 'simple' lower-cases and splits words without
# stemming, which suits product names. The name weighs more than the description in ts_rank.
POSTGRESQL_FULL_TEXT = (
    """
    ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('simple', description), 'B')
    ) STORED
    """,
    "CREATE INDEX ix_products_search ON products USING gin (search_vector) WHERE listed IS true",
)
# SQLite: an FTS5 table holding its own copy of name and description, kept in step by triggers.
# (A later migration that rebuilds the products table in batch mode must recreate these triggers.)
SQLITE_FULL_TEXT = (
    """
    CREATE VIRTUAL TABLE products_fts USING fts5(
        product_id UNINDEXED, name, description, tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
        INSERT INTO products_fts (product_id, name, description) VALUES (new.id, new.name, new.description);
    END
    """,
    """
    CREATE TRIGGER products_fts_update AFTER UPDATE OF name, description ON products
    WHEN old.name IS NOT new.name OR old.description IS NOT new.description BEGIN
        DELETE FROM products_fts WHERE product_id = old.id;
        INSERT INTO products_fts (product_id, name, description) VALUES (new.id, new.name, new.description);
    END
    """,
    """
    CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
        DELETE FROM products_fts WHERE product_id = old.id;
    END
    """,
)


def upgrade() -> None:
    op.create_table(
        "categories",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("slug", sa.String(80), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("parent_id", sa.String(36), sa.ForeignKey("categories.id"), nullable=True),
        sa.Column("requires_halal", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
    )
    op.create_index("ix_categories_parent_id", "categories", ["parent_id"])
    op.create_table(
        "vendors",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("scale", sa.String(10), nullable=False),
        sa.Column("kelurahan", sa.String(100), nullable=True),
        sa.Column("kecamatan", sa.String(100), nullable=True),
        sa.Column("city", sa.String(100), nullable=True),
        sa.Column("pkp", sa.Boolean(), nullable=True),
        sa.Column("categories", sa.JSON(), nullable=True),
        sa.Column("jakpreneur", sa.Boolean(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("seeded", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
    )
    op.create_index("ix_vendors_city", "vendors", [sa.text("lower(city)")])
    op.create_index("ix_vendors_kecamatan", "vendors", [sa.text("lower(kecamatan)")])
    op.create_table(
        "products",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("vendor_id", sa.String(36), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("category_id", sa.String(36), sa.ForeignKey("categories.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.Column("min_order_quantity", sa.Integer(), nullable=False),
        sa.Column("fulfilment", sa.String(20), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=True),
        sa.Column("daily_capacity", sa.Integer(), nullable=True),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("halal_certificate", sa.String(40), nullable=True),
        sa.Column("photo_urls", sa.JSON(), nullable=False),
        sa.Column("local_content_percent", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("rejection_reasons", sa.JSON(), nullable=True),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("has_supply", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("awaiting_curation_since", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint("stock IS NULL OR stock >= 0", name="ck_products_stock_not_negative"),
    )
    op.create_index("ix_products_vendor_id", "products", ["vendor_id"])
    op.create_index("ix_products_listed_price", "products", ["price", "id"], **LISTED)
    op.create_index("ix_products_listed_newest", "products", ["created_at", "id"], **LISTED)
    op.create_index("ix_products_price_group", "products", ["category_id", "unit", "price"], **APPROVED)
    op.create_index(
        "ix_products_curation_queue",
        "products",
        ["awaiting_curation_since", "id"],
        postgresql_where=sa.text("awaiting_curation_since IS NOT NULL"),
        sqlite_where=sa.text("awaiting_curation_since IS NOT NULL"),
    )
    op.create_table(
        "product_revisions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("product_id", sa.String(36), sa.ForeignKey("products.id"), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=True),
        sa.Column("proposed_by", sa.String(200), nullable=False),
        sa.Column("proposed_at", UTC, nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decided_at", UTC, nullable=True),
    )
    op.create_index(
        "ux_product_revisions_one_open",
        "product_revisions",
        ["product_id"],
        unique=True,
        postgresql_where=sa.text("state = 'pending'"),
        sqlite_where=sa.text("state = 'pending'"),
    )
    op.create_table(
        "price_history",
        sa.Column("id", BIGINT_ID, primary_key=True, autoincrement=True),
        sa.Column("product_id", sa.String(36), sa.ForeignKey("products.id"), nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.Column("effective_at", UTC, nullable=False),
        sa.Column("approved_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_price_history_product", "price_history", ["product_id", "id"])
    op.create_table(
        "reference_prices",
        sa.Column("category_id", sa.String(36), sa.ForeignKey("categories.id"), primary_key=True),
        sa.Column("unit", sa.String(20), primary_key=True),
        sa.Column("median_price", MONEY, nullable=False),
        sa.Column("product_count", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", UTC, nullable=False),
    )
    op.create_table(
        "reservations",
        sa.Column("order_id", sa.String(36), primary_key=True),
        sa.Column("vendor_id", sa.String(36), nullable=True),
        sa.Column("work_unit", sa.String(100), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("order_day", sa.Date(), nullable=True),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("total", MONEY, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
    )
    op.create_table(
        "capacity_bookings",
        sa.Column("product_id", sa.String(36), sa.ForeignKey("products.id"), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.CheckConstraint("booked >= 0", name="ck_capacity_bookings_not_negative"),
    )
    full_text = POSTGRESQL_FULL_TEXT if op.get_bind().dialect.name == "postgresql" else SQLITE_FULL_TEXT
    for statement in full_text:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("products_fts_insert", "products_fts_update", "products_fts_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS products_fts")
    for table in (
        "capacity_bookings",
        "reservations",
        "reference_prices",
        "price_history",
        "product_revisions",
        "products",
        "vendors",
        "categories",
    ):
        op.drop_table(table)
