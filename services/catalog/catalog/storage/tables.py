"""The catalog's tables, on its own MetaData next to the platform tables (outbox, inbox, audit, ...).

The full-text index is not here: it differs by database (a generated ``tsvector`` column with a GIN
index on PostgreSQL, an FTS5 table kept in sync by triggers on SQLite) and is made by the migrations;
``catalog.storage.search`` queries it.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    literal_column,
)

from servicekit.storage import Money, PlatformTables, UTCDateTime

from catalog.domain.curation import CurationState

ID = String(36)
_BIGINT_ID = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()
platform = PlatformTables(metadata)

categories = Table(
    "categories",
    metadata,
    Column("id", ID, primary_key=True),
    Column("slug", String(80), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("parent_id", ID, ForeignKey("categories.id"), nullable=True, index=True),
    Column("requires_halal", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# The catalog's copy of each vendor, kept from vendor.* events: products show where their vendor is,
# and only a verified vendor's products are listed.
vendors = Table(
    "vendors",
    metadata,
    Column("id", ID, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("scale", String(10), nullable=False),
    # Nullable: the copy tolerates a profile the vendors service has not completed yet.
    Column("kelurahan", String(100), nullable=True),
    Column("kecamatan", String(100), nullable=True),
    Column("city", String(100), nullable=True),
    Column("pkp", Boolean, nullable=True),
    Column("categories", JSON, nullable=True),
    Column("jakpreneur", Boolean, nullable=True),
    Column("reason", Text, nullable=True),
    Column("seeded", Boolean, nullable=False, default=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# Searches compare places case-insensitively; these indexes also give the planner statistics on
# lower(city) and lower(kecamatan), without which it misjudges how many vendors a city has.
Index("ix_vendors_city", func.lower(vendors.c.city))
Index("ix_vendors_kecamatan", func.lower(vendors.c.kecamatan))

# The live version of each product: what buyers see once it is approved. A material change to an
# approved product waits in product_revisions instead.
products = Table(
    "products",
    metadata,
    Column("id", ID, primary_key=True),
    Column("vendor_id", ID, ForeignKey("vendors.id"), nullable=False, index=True),
    Column("category_id", ID, ForeignKey("categories.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("unit", String(20), nullable=False),
    Column("price", Money(), nullable=False),
    Column("min_order_quantity", Integer, nullable=False),
    Column("fulfilment", String(20), nullable=False),
    Column("stock", Integer, nullable=True),
    Column("daily_capacity", Integer, nullable=True),
    Column("lead_time_days", Integer, nullable=False),
    Column("halal_certificate", String(40), nullable=True),
    Column("photo_urls", JSON, nullable=False),
    Column("local_content_percent", Integer, nullable=False),
    Column("state", String(20), nullable=False),
    Column("rejection_reasons", JSON, nullable=True),
    # Both kept by the application with the domain rules (catalog.domain.visibility.is_listed and
    # catalog.domain.products.has_supply) whenever their inputs change, so that search filters on
    # them, through small partial indexes, without repeating the rules in SQL.
    Column("listed", Boolean, nullable=False),
    Column("has_supply", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("awaiting_curation_since", UTCDateTime(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    CheckConstraint("stock IS NULL OR stock >= 0", name="ck_products_stock_not_negative"),
)
# Search only ever looks at listed products, the price reference at approved ones: partial indexes
# keep both small. Queries use these same expressions, with the value written inline rather than as
# a bound parameter: the planner uses a partial index only when it can see the query implies it.
LISTED = products.c.listed.is_(True)
APPROVED = products.c.state == literal_column(f"'{CurationState.APPROVED.value}'")
Index("ix_products_listed_price", products.c.price, products.c.id, postgresql_where=LISTED, sqlite_where=LISTED)
Index("ix_products_listed_newest", products.c.created_at, products.c.id, postgresql_where=LISTED, sqlite_where=LISTED)
Index(
    "ix_products_price_group",
    products.c.category_id,
    products.c.unit,
    products.c.price,
    postgresql_where=APPROVED,
    sqlite_where=APPROVED,
)
_AWAITING = products.c.awaiting_curation_since.is_not(None)
Index(
    "ix_products_curation_queue",
    products.c.awaiting_curation_since,
    products.c.id,
    postgresql_where=_AWAITING,
    sqlite_where=_AWAITING,
)

product_revisions = Table(
    "product_revisions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("product_id", ID, ForeignKey("products.id"), nullable=False),
    # Material fields only (name, description, category slug, unit, price, halal_certificate).
    Column("changes", JSON, nullable=False),
    Column("state", String(20), nullable=False),
    Column("reasons", JSON, nullable=True),
    Column("proposed_by", String(200), nullable=False),
    Column("proposed_at", UTCDateTime(), nullable=False),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", UTCDateTime(), nullable=True),
)
_OPEN_REVISION = product_revisions.c.state == "pending"
Index(
    "ux_product_revisions_one_open",
    product_revisions.c.product_id,
    unique=True,
    postgresql_where=_OPEN_REVISION,
    sqlite_where=_OPEN_REVISION,
)

price_history = Table(
    "price_history",
    metadata,
    Column("id", _BIGINT_ID, primary_key=True, autoincrement=True),
    Column("product_id", ID, ForeignKey("products.id"), nullable=False),
    Column("price", Money(), nullable=False),
    Column("effective_at", UTCDateTime(), nullable=False),
    Column("approved_by", String(200), nullable=False),
)
Index("ix_price_history_product", price_history.c.product_id, price_history.c.id)

# The median approved price per (category, unit), refreshed whenever an approved price in the group
# changes, so that listing a product never computes a median.
reference_prices = Table(
    "reference_prices",
    metadata,
    Column("category_id", ID, ForeignKey("categories.id"), primary_key=True),
    Column("unit", String(20), primary_key=True),
    Column("median_price", Money(), nullable=False),
    Column("product_count", Integer, nullable=False),
    Column("refreshed_at", UTCDateTime(), nullable=False),
)

reservations = Table(
    "reservations",
    metadata,
    Column("order_id", ID, primary_key=True),
    Column("vendor_id", ID, nullable=True),
    Column("work_unit", String(100), nullable=True),
    Column("state", String(20), nullable=False),
    Column("order_day", Date, nullable=True),
    # Reserved: [{product_id, quantity, unit_price, unit, name, fulfilment}]; failed: the failing lines.
    Column("lines", JSON, nullable=False),
    Column("total", Money(), nullable=True),
    # The order's revision the lines answer (0: as submitted), so a late or repeated order.amended is ignored.
    Column("order_revision", Integer, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# Units of made-to-order products taken per order day (catalog.domain.reservations).
capacity_bookings = Table(
    "capacity_bookings",
    metadata,
    Column("product_id", ID, ForeignKey("products.id"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("booked", Integer, nullable=False),
    CheckConstraint("booked >= 0", name="ck_capacity_bookings_not_negative"),
)
