"""Access tokens refused at the gateway before they expire: after logout, and once their session ended.

A session ends when it is revoked (logout, a reused refresh token) and when its account is disabled,
has its password reset or its roles or organisation changed: every access token carries its session
(``sid``), so all of that account's live tokens stop working at the gateway at once.

Services do not consult this list: a logged-out access token still works directly at a service for
the rest of its short lifetime. That is the price of services verifying tokens on their own without
a call per request; only the gateway is exposed to clients, and lifetimes are minutes.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, exists, insert, or_, select
from sqlalchemy.exc import IntegrityError

from servicekit.storage import UnitOfWork, utcnow

from gateway.identity.tables import refresh_tokens, revoked_access_tokens


class AccessTokenDenyList:
    def deny(self, uow: UnitOfWork, token_id: str, expires_at: datetime) -> None:
        uow.session.execute(delete(revoked_access_tokens).where(revoked_access_tokens.c.expires_at < utcnow()))
        try:
            with uow.session.begin_nested():
                uow.session.execute(insert(revoked_access_tokens).values(jti=token_id, expires_at=expires_at))
        except IntegrityError:  # already denied: logging out twice is fine
            pass

    def is_refused(self, uow: UnitOfWork, token_id: str | None, session_id: str | None) -> bool:
        """Whether the token was logged out or its session has ended (one query)."""
        denied = exists().where(revoked_access_tokens.c.jti == (token_id or ""))
        session_ended = exists().where(
            refresh_tokens.c.family_id == (session_id or ""), refresh_tokens.c.revoked_at.is_not(None)
        )
        return bool(uow.session.execute(select(or_(denied, session_ended))).scalar())
