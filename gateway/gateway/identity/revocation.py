"""Access tokens refused at the gateway before they expire (after logout).

Services do not consult this list: a logged-out access token still works directly at a service for
the rest of its short lifetime. That is the price of services verifying tokens on their own without
a call per request; only the gateway is exposed to clients, and lifetimes are minutes.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, exists, insert, select
from sqlalchemy.exc import IntegrityError

from servicekit.storage import UnitOfWork, utcnow

from gateway.identity.tables import revoked_access_tokens


class AccessTokenDenyList:
    def deny(self, uow: UnitOfWork, token_id: str, expires_at: datetime) -> None:
        uow.session.execute(delete(revoked_access_tokens).where(revoked_access_tokens.c.expires_at < utcnow()))
        try:
            with uow.session.begin_nested():
                uow.session.execute(insert(revoked_access_tokens).values(jti=token_id, expires_at=expires_at))
        except IntegrityError:  # already denied: logging out twice is fine
            pass

    def is_denied(self, uow: UnitOfWork, token_id: str) -> bool:
        return bool(uow.session.execute(select(exists().where(revoked_access_tokens.c.jti == token_id))).scalar())
