"""the platform tables: outbox, inbox, idempotency keys, audit log

Databases made before the platform tables had their own history created these same tables in their
service's first migration; such a database already holds them, and this revision adopts them.

Revision ID: platform_0001
Revises:
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

import servicekit.storage.types

revision = "platform_0001"
down_revision = None
branch_labels = ("platform",)
depends_on = None

_BIGINT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _missing(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    if _missing("audit_log"):
        op.create_table(
            "audit_log",
            sa.Column("id", _BIGINT_ID, autoincrement=True, nullable=False),
            sa.Column("occurred_at", servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
            sa.Column("actor", sa.String(length=200), nullable=False),
            sa.Column("actor_roles", sa.JSON(), nullable=False),
            sa.Column("action", sa.String(length=100), nullable=False),
            sa.Column("entity_type", sa.String(length=100), nullable=False),
            sa.Column("entity_id", sa.String(length=100), nullable=False),
            sa.Column("before", sa.JSON(), nullable=True),
            sa.Column("after", sa.JSON(), nullable=True),
            sa.Column("reason", sa.Text(), nullable=True),
            sa.Column("request_id", sa.String(length=100), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_audit_log_entity", "audit_log", ["entity_type", "entity_id"])
    if _missing("idempotency_keys"):
        op.create_table(
            "idempotency_keys",
            sa.Column("principal", sa.String(length=200), nullable=False),
            sa.Column("key", sa.String(length=200), nullable=False),
            sa.Column("method", sa.String(length=10), nullable=False),
            sa.Column("path", sa.String(length=500), nullable=False),
            sa.Column("body_hash", sa.String(length=64), nullable=False),
            sa.Column("status_code", sa.Integer(), nullable=False),
            sa.Column("response_body", sa.Text(), nullable=False),
            sa.Column("response_headers", sa.JSON(), nullable=False),
            sa.Column("created_at", servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("principal", "key"),
        )
    if _missing("inbox"):
        op.create_table(
            "inbox",
            sa.Column("event_id", sa.String(length=36), nullable=False),
            sa.Column("type", sa.String(length=200), nullable=False),
            sa.Column("source", sa.String(length=200), nullable=False),
            sa.Column("received_at", servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("event_id"),
        )
    if _missing("outbox"):
        op.create_table(
            "outbox",
            sa.Column("id", sa.String(length=36), nullable=False),
            sa.Column("type", sa.String(length=200), nullable=False),
            sa.Column("subject", sa.String(length=200), nullable=False),
            sa.Column("envelope", sa.JSON(), nullable=False),
            sa.Column("created_at", servicekit.storage.types.UTCDateTime(timezone=True), nullable=False),
            sa.Column("sent_at", servicekit.storage.types.UTCDateTime(timezone=True), nullable=True),
            sa.Column("publish_attempts", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(
            "ix_outbox_pending",
            "outbox",
            ["created_at"],
            postgresql_where=sa.text("sent_at IS NULL"),
            sqlite_where=sa.text("sent_at IS NULL"),
        )


def downgrade() -> None:
    for table in ("outbox", "inbox", "idempotency_keys", "audit_log"):
        op.drop_table(table)
