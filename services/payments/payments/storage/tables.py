"""The payments service's tables, next to servicekit's platform tables (outbox, inbox, idempotency, audit)."""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text, UniqueConstraint

from servicekit.storage import Money, PlatformTables, UTCDateTime

metadata = MetaData()
platform = PlatformTables(metadata)

invoices = Table(
    "invoices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("order_id", String(36), nullable=False),
    Column("work_unit", String(50), nullable=False),
    Column("vendor_id", String(36), nullable=False),
    Column("package_id", String(36), nullable=False),
    Column("rup_code", String(100), nullable=False),
    Column("budget_account", String(100), nullable=False),
    Column("bast_number", String(100), nullable=False),
    Column("bast_digest", String(64), nullable=False),
    Column("vat_registered", Boolean, nullable=False),
    Column("supply_kind", String(10), nullable=False),
    Column("subtotal", Money(), nullable=False),
    Column("vat", Money(), nullable=False),
    Column("total", Money(), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("remind_at", UTCDateTime(), nullable=False),
    Column("due_at", UTCDateTime(), nullable=False),
    Column("state", String(12), nullable=False),
    Column("invoice_number", String(50), nullable=True),
    Column("invoice_date", Date, nullable=True),
    Column("tax_invoice_number", String(17), nullable=True),
    Column("return_reasons", JSON, nullable=False),
    Column("drafted_at", UTCDateTime(), nullable=False),
    Column("submitted_at", UTCDateTime(), nullable=True),
    Column("decided_at", UTCDateTime(), nullable=True),
    Column("decided_by", String(200), nullable=True),
    Column("reminded", Boolean, nullable=False),
    Column("overdue", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    # One invoice per BAST: a redelivered order.received drafts nothing new.
    UniqueConstraint("order_id", name="uq_invoices_order_id"),
)
Index("ix_invoices_state_due_at", invoices.c.state, invoices.c.due_at)
Index("ix_invoices_work_unit_drafted_at", invoices.c.work_unit, invoices.c.drafted_at)
Index("ix_invoices_vendor_id_drafted_at", invoices.c.vendor_id, invoices.c.drafted_at)

# Orders cancelled before their BAST reached us: an order.received arriving late drafts nothing.
cancelled_orders = Table(
    "cancelled_orders",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("cancelled_at", UTCDateTime(), nullable=False),
)

payments = Table(
    "payments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("invoice_id", String(36), ForeignKey("invoices.id", name="fk_payments_invoice_id"), nullable=False),
    # The invoice while this payment holds it (every state but failed), NULL once failed: unique, so
    # that the database itself refuses a second live payment of one invoice, even by racing requests.
    Column("live_invoice_id", String(36), nullable=True),
    Column("order_id", String(36), nullable=False),
    Column("work_unit", String(50), nullable=False),
    Column("vendor_id", String(36), nullable=False),
    Column("method", String(20), nullable=False),
    Column("state", String(12), nullable=False),
    Column("gross", Money(), nullable=False),
    Column("withheld", Money(), nullable=False),
    Column("net", Money(), nullable=False),
    Column("payee_bank_code", String(3), nullable=True),
    Column("payee_account_number", String(20), nullable=True),
    Column("payee_holder_name", String(200), nullable=True),
    Column("reference", String(100), nullable=True),
    Column("requested_by", String(200), nullable=False),
    Column("approved_by", String(200), nullable=True),
    Column("failure_reason", Text, nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("settled_at", UTCDateTime(), nullable=True),
    Column("version", Integer, nullable=False),
    UniqueConstraint("live_invoice_id", name="uq_payments_live_invoice_id"),
)
Index("ix_payments_invoice_id", payments.c.invoice_id)
Index("ix_payments_state", payments.c.state)
Index("ix_payments_work_unit_settled_at", payments.c.work_unit, payments.c.settled_at)

withholdings = Table(
    "withholdings",
    metadata,
    Column("payment_id", String(36), ForeignKey("payments.id", name="fk_withholdings_payment_id"), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("amount", Money(), nullable=False),
    Column("base", Money(), nullable=False),
    Column("rate_bp", Integer, nullable=False),
    Column("rule", String(40), nullable=False),
    Column("regulation", Text, nullable=False),
)

payment_proofs = Table(
    "payment_proofs",
    metadata,
    Column("payment_id", String(36), ForeignKey("payments.id", name="fk_payment_proofs_payment_id"), primary_key=True),
    Column("content_type", String(40), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
)

journal_entries = Table(
    "journal_entries",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(12), nullable=False),
    Column("work_unit", String(50), nullable=False),
    Column("reference", String(36), nullable=False),
    Column("narration", Text, nullable=False),
    Column("occurred_at", UTCDateTime(), nullable=False),
    Column("reverses", String(36), nullable=True),
    # An entry is reversed at most once.
    UniqueConstraint("reverses", name="uq_journal_entries_reverses"),
)
Index("ix_journal_entries_occurred_at", journal_entries.c.occurred_at, journal_entries.c.id)
Index("ix_journal_entries_reference", journal_entries.c.reference)

journal_lines = Table(
    "journal_lines",
    metadata,
    Column("entry_id", String(36), ForeignKey("journal_entries.id", name="fk_journal_lines_entry_id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("account", String(200), nullable=False),
    Column("amount", Money(), nullable=False),
)
Index("ix_journal_lines_account", journal_lines.c.account)

# The read model of vendor.payment_details: where to pay each vendor, and whether it holds the MSME
# final-tax certificate. Never logged, never published.
vendor_accounts = Table(
    "vendor_accounts",
    metadata,
    Column("vendor_id", String(36), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("bank_name", String(100), nullable=False),
    Column("bank_code", String(3), nullable=False),
    Column("account_number", String(20), nullable=False),
    Column("holder_name", String(200), nullable=False),
    Column("certificate_number", String(60), nullable=True),
    Column("certificate_valid_until", Date, nullable=True),
    Column("account_changed_at", UTCDateTime(), nullable=False),
    Column("changed_at", UTCDateTime(), nullable=False),
)
