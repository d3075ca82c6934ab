"""The vendors service's tables, next to servicekit's platform tables (outbox, inbox, idempotency, audit)."""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from servicekit.storage import Money, PlatformTables, UTCDateTime

metadata = MetaData()
platform = PlatformTables(metadata)

vendors = Table(
    "vendors",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("nib", String(13), nullable=False),
    Column("npwp", String(16), nullable=False),
    # The NPWP as one taxpayer (15 digits for an entity's 0-prefixed 16-digit form): unique, so that
    # the same taxpayer cannot register twice under its two formats, even by racing requests.
    Column("npwp_identity", String(16), nullable=False),
    Column("owner_nik", String(16), nullable=False),
    Column("street", String(300), nullable=False),
    Column("kelurahan", String(100), nullable=False),
    Column("kecamatan", String(100), nullable=False),
    Column("city", String(100), nullable=False),
    Column("postal_code", String(5), nullable=False),
    Column("contact_name", String(200), nullable=False),
    Column("contact_phone", String(20), nullable=False),
    Column("contact_email", String(254), nullable=False),
    Column("bank_name", String(100), nullable=False),
    Column("bank_code", String(3), nullable=False),
    Column("bank_account_number", String(20), nullable=False),
    Column("bank_account_holder", String(200), nullable=False),
    Column("final_tax_certificate_number", String(60), nullable=True),
    Column("final_tax_certificate_valid_until", Date, nullable=True),
    Column("pkp", Boolean, nullable=False),
    Column("capital", Money(), nullable=False),
    Column("annual_sales", Money(), nullable=False),
    # Derived from capital and annual sales, stored so that listings and metrics can filter on it.
    Column("scale", String(10), nullable=False),
    Column("jakpreneur", Boolean, nullable=False),
    Column("status", String(20), nullable=False),
    Column("status_reasons", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    UniqueConstraint("nib", name="uq_vendors_nib"),
    UniqueConstraint("npwp_identity", name="uq_vendors_npwp_identity"),
)
Index("ix_vendors_status_name", vendors.c.status, vendors.c.name)
Index("ix_vendors_status_created_at", vendors.c.status, vendors.c.created_at)
Index("ix_vendors_city_kecamatan", vendors.c.city, vendors.c.kecamatan)

# A table rather than a JSON column: filtering vendors by category is then one portable join.
vendor_categories = Table(
    "vendor_categories",
    metadata,
    Column(
        "vendor_id",
        String(36),
        ForeignKey("vendors.id", ondelete="CASCADE", name="fk_vendor_categories_vendor_id"),
        primary_key=True,
    ),
    Column("category", String(60), primary_key=True),
    Column("position", Integer, nullable=False),
)
Index("ix_vendor_categories_category", vendor_categories.c.category)

blacklist = Table(
    "blacklist",
    metadata,
    Column("npwp_identity", String(16), primary_key=True),
    Column("npwp", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("added_by", String(200), nullable=False),
    Column("added_at", UTCDateTime(), nullable=False),
)

# The rating read model fed by order.rated: one row per order (a new rating of the order replaces it).
ratings = Table(
    "ratings",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("vendor_id", String(36), nullable=False),
    Column("work_unit", String(200), nullable=False),
    Column("stars", Integer, CheckConstraint("stars BETWEEN 1 AND 5", name="ck_ratings_stars"), nullable=False),
    Column("comment", Text, nullable=True),
    Column("rated_at", UTCDateTime(), nullable=False),
)
Index("ix_ratings_vendor_id", ratings.c.vendor_id)
