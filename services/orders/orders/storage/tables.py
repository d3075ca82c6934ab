"""The orders service's tables, next to servicekit's platform tables (outbox, inbox, idempotency, audit)."""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from servicekit.storage import Money, PlatformTables, UTCDateTime

metadata = MetaData()
platform = PlatformTables(metadata)

packages = Table(
    "packages",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("work_unit", String(40), nullable=False),
    Column("rup_code", String(40), nullable=False),
    Column("name", String(300), nullable=False),
    Column("budget_account", String(40), nullable=False),
    Column("fiscal_year", Integer, nullable=False),
    Column("amount", Money(), nullable=False),
    Column("committed", Money(), nullable=False),
    Column("realised", Money(), nullable=False),
    Column("commitment_officer", String(200), nullable=True),
    Column("procurement_officers", JSON, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    UniqueConstraint("work_unit", "fiscal_year", "rup_code", name="uq_packages_work_unit_year_rup"),
    # The last line of defence under the guarded UPDATE: the database itself refuses a negative remainder.
    CheckConstraint("committed >= 0 AND realised >= 0 AND amount - committed - realised >= 0", name="ck_packages_remaining"),
)
Index("ix_packages_commitment_officer", packages.c.commitment_officer)

orders = Table(
    "orders",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("work_unit", String(40), nullable=False),
    Column("package_id", String(36), nullable=False),
    Column("vendor_id", String(36), nullable=False),
    Column("state", String(20), nullable=False),
    Column("total", Money(), nullable=False),
    Column("submitted_at", UTCDateTime(), nullable=True),
    Column("deadline_kind", String(20), nullable=True),
    Column("deadline_at", UTCDateTime(), nullable=True),
    Column("missed_deadline", String(20), nullable=True),
    Column("reminded_for", String(20), nullable=True),
    Column("created_by", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    # The rest of the aggregate (lines, shipments, checks, steps) is one document: it is read and
    # written whole, and its history is kept as JSON Patches between versions of it.
    Column("document", JSON, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)
Index("ix_orders_work_unit_vendor_submitted", orders.c.work_unit, orders.c.vendor_id, orders.c.submitted_at)
Index("ix_orders_state_deadline", orders.c.state, orders.c.deadline_at)
Index("ix_orders_package_id", orders.c.package_id)
Index("ix_orders_vendor_id", orders.c.vendor_id)

order_revisions = Table(
    "order_revisions",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("actor", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("patch", JSON, nullable=False),
)

# How long orders stay in each state: one row per stay, closed when the order moves on.
state_stays = Table(
    "state_stays",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("entered_at", UTCDateTime(), primary_key=True),
    Column("state", String(20), nullable=False),
    Column("left_at", UTCDateTime(), nullable=True),
)
Index("ix_state_stays_state", state_stays.c.state)

products = Table(
    "products",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("vendor_id", String(36), nullable=False),
    Column("name", String(300), nullable=False),
    Column("unit", String(40), nullable=False),
    Column("price", Money(), nullable=False),
    Column("category", String(80), nullable=False),
    Column("available", Boolean, nullable=False),
    Column("listed", Boolean, nullable=False),
    Column("lead_time_days", Integer, nullable=True),
    Column("min_quantity", Integer, nullable=True),
    Column("version", Integer, nullable=False),
)
Index("ix_products_vendor_id", products.c.vendor_id)

vendors = Table(
    "vendors",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("scale", String(10), nullable=False),
    Column("pkp", Boolean, nullable=False),
    Column("jakpreneur", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

# Gap-free document numbers: one counter per (work unit, year, kind), incremented in the transaction
# that issues the document, so a rolled-back issue leaves no hole.
document_counters = Table(
    "document_counters",
    metadata,
    Column("work_unit", String(40), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("kind", String(10), primary_key=True),
    Column("last", Integer, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("number", String(60), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("order_id", String(36), nullable=False),
    Column("work_unit", String(40), nullable=False),
    Column("vendor_name", String(200), nullable=False),
    Column("total", Money(), nullable=False),
    Column("issued_at", UTCDateTime(), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    UniqueConstraint("digest", name="uq_documents_digest"),
    UniqueConstraint("order_id", "kind", name="uq_documents_order_kind"),
)
