"""Refresh tokens rotate on every use; presenting one that was already used revokes its whole family.

A stolen refresh token is then useful once at most: whichever of the thief and the owner comes
second shows the reuse, and both lose the session.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class RefreshVerdict(str, Enum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REUSED = "reused"


@dataclass(frozen=True)
class RefreshRecord:
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class RefreshToken(RefreshRecord):
    """One refresh token as stored (its hash), in its family (the session)."""

    token_hash: str
    family_id: str
    account_id: str
    issued_at: datetime
    session_expires_at: datetime | None


def judge_refresh(record: RefreshRecord, now: datetime) -> RefreshVerdict:
    if record.revoked_at is not None:
        return RefreshVerdict.REVOKED
    if record.used_at is not None:
        return RefreshVerdict.REUSED
    if record.expires_at <= now:
        return RefreshVerdict.EXPIRED
    return RefreshVerdict.VALID
