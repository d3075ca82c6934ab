"""The sandbox bank's accounts and transfers."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, Text

from servicekit.storage import Money, PlatformTables, UTCDateTime

metadata = MetaData()
platform = PlatformTables(metadata)

accounts = Table(
    "bank_accounts",
    metadata,
    Column("number", String(40), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("balance", Money(), nullable=False),
    Column("closed", Boolean, nullable=False),
)

transfers = Table(
    "bank_transfers",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("from_account", String(40), nullable=False),
    Column("to_bank_code", String(3), nullable=False),
    Column("to_account", String(40), nullable=False),
    Column("amount", Money(), nullable=False),
    Column("callback_url", Text, nullable=False),
    Column("status", String(10), nullable=False),
    Column("reason", Text, nullable=True),
    Column("reference", String(40), nullable=False),
    Column("complete_after", UTCDateTime(), nullable=False),
    Column("callbacks", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)
