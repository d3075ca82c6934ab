"""Access tokens refused at the gateway before they expire: after logout, and once their session ended.

A session ends when it is revoked (logout, a reused refresh token) and when its account is disabled,
has its password reset or its roles or organisation changed: every access token carries its session
(``sid``), so all of that account's live tokens stop working at the gateway at once.

Services do not consult this: a refused access token still works directly at a service for the rest
of its short lifetime. That is the price of services verifying tokens on their own without a call
per request; only the gateway is exposed to clients, and lifetimes are minutes.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from gateway.storage.tables import refresh_tokens, revoked_access_tokens
from gateway.storage.upsert import insert_if_absent


class RevokedTokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def deny(self, token_id: str, expires_at: datetime, now: datetime) -> None:
        """Refuse a token until it would have expired (denying twice is fine); expired entries go."""
        self.session.execute(delete(revoked_access_tokens).where(revoked_access_tokens.c.expires_at < now))
        insert_if_absent(self.session, revoked_access_tokens, {"jti": token_id, "expires_at": expires_at})

    def is_refused(self, token_id: str | None, session_id: str | None) -> bool:
        """Whether the token was logged out or its session has ended (one query)."""
        denied = exists().where(revoked_access_tokens.c.jti == (token_id or ""))
        session_ended = exists().where(
            refresh_tokens.c.family_id == (session_id or ""), refresh_tokens.c.revoked_at.is_not(None)
        )
        return bool(self.session.execute(select(or_(denied, session_ended))).scalar())
