"""The gateway's tables, on its own MetaData next to servicekit's platform tables."""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table

from servicekit.storage import PlatformTables, UTCDateTime

metadata = MetaData()
platform_tables = PlatformTables(metadata)

work_units = Table(
    "work_units",
    metadata,
    Column("code", String(20), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(50), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("work_unit", String(20), ForeignKey("work_units.code"), nullable=True),
    Column("vendor_id", String(36), nullable=True),
    Column("status", String(20), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# Failed sign-ins by username, whether or not an account has it (see domain.lockout): one row per
# username and client address (that pair's lock), and one per username with client ANY_CLIENT (the
# username's count over every client, which slows answers down but never locks).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("username", String(200), primary_key=True),
    Column("client", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locked_until", UTCDateTime(), nullable=True),
    Column("last_failure_at", UTCDateTime(), nullable=False),
)
Index("ix_sign_in_failures_last", sign_in_failures.c.last_failure_at)

# Only a hash of each refresh token is kept: a copy of the database signs nobody in.
refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("family_id", String(36), nullable=False),
    Column("account_id", String(36), ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("issued_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime(), nullable=True),
    Column("revoked_at", UTCDateTime(), nullable=True),
    # The session's absolute end, set at sign-in and carried by every renewal of the family.
    Column("session_expires_at", UTCDateTime(), nullable=True),
)
Index("ix_refresh_tokens_family", refresh_tokens.c.family_id)
Index("ix_refresh_tokens_account", refresh_tokens.c.account_id)

# Access tokens refused at the edge before they expire (logout); kept until they would have expired.
revoked_access_tokens = Table(
    "revoked_access_tokens",
    metadata,
    Column("jti", String(64), primary_key=True),
    Column("expires_at", UTCDateTime(), nullable=False),
)
Index("ix_revoked_access_tokens_expiry", revoked_access_tokens.c.expires_at)
