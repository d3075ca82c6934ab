"""Tables that every service carries in its own database, next to its domain tables.

They are defined on the service's own MetaData so that its Alembic migrations create and evolve them
with the rest of its schema.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, MetaData, String, Table, Text

from servicekit.storage.types import UTCDateTime

_BIGINT_ID = BigInteger().with_variant(Integer(), "sqlite")

IDEMPOTENCY_KEY_LIFETIME = timedelta(hours=24)
"""How long the first answer to an ``Idempotency-Key`` is replayed, and then kept."""


class PlatformTables:
    """outbox, inbox, idempotency keys and the audit trail of one service."""

    def __init__(self, metadata: MetaData) -> None:
        self.metadata = metadata
        self.outbox = Table(
            "outbox",
            metadata,
            Column("id", String(36), primary_key=True),
            Column("type", String(200), nullable=False),
            Column("subject", String(200), nullable=False),
            Column("envelope", JSON, nullable=False),
            Column("created_at", UTCDateTime(), nullable=False),
            Column("sent_at", UTCDateTime(), nullable=True),
            Column("publish_attempts", Integer, nullable=False, default=0),
        )
        Index(
            "ix_outbox_pending",
            self.outbox.c.created_at,
            postgresql_where=self.outbox.c.sent_at.is_(None),
            sqlite_where=self.outbox.c.sent_at.is_(None),
        )
        self.inbox = Table(
            "inbox",
            metadata,
            Column("event_id", String(36), primary_key=True),
            Column("type", String(200), nullable=False),
            Column("source", String(200), nullable=False),
            Column("received_at", UTCDateTime(), nullable=False),
        )
        self.idempotency_keys = Table(
            "idempotency_keys",
            metadata,
            Column("principal", String(200), primary_key=True),
            Column("key", String(200), primary_key=True),
            Column("method", String(10), nullable=False),
            Column("path", String(500), nullable=False),
            Column("body_hash", String(64), nullable=False),
            Column("status_code", Integer, nullable=False),
            Column("response_body", Text, nullable=False),
            Column("response_headers", JSON, nullable=False),
            Column("created_at", UTCDateTime(), nullable=False),
        )
        self.audit_log = Table(
            "audit_log",
            metadata,
            Column("id", _BIGINT_ID, primary_key=True, autoincrement=True),
            Column("occurred_at", UTCDateTime(), nullable=False),
            Column("actor", String(200), nullable=False),
            Column("actor_roles", JSON, nullable=False),
            Column("action", String(100), nullable=False),
            Column("entity_type", String(100), nullable=False),
            Column("entity_id", String(100), nullable=False),
            Column("before", JSON, nullable=True),
            Column("after", JSON, nullable=True),
            Column("reason", Text, nullable=True),
            Column("request_id", String(100), nullable=True),
        )
        Index("ix_audit_log_entity", self.audit_log.c.entity_type, self.audit_log.c.entity_id)
