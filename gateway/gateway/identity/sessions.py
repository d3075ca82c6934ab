"""Sign-in sessions: an access token plus a rotating refresh token, renewed, revoked or ended."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row

from servicekit.http.problems import Unauthorized
from servicekit.storage import UnitOfWork, utcnow

from gateway.domain.accounts import AccountStatus
from gateway.domain.refresh import RefreshRecord, RefreshVerdict, judge_refresh
from gateway.identity.accounts import identity_of
from gateway.identity.revocation import AccessTokenDenyList
from gateway.identity.signing import TokenSigner
from gateway.identity.tables import accounts, refresh_tokens


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    token_type: str = "Bearer"


def _digest(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode()).hexdigest()


class Sessions:
    def __init__(
        self,
        signer: TokenSigner,
        deny_list: AccessTokenDenyList,
        *,
        refresh_seconds: int,
        session_seconds: int,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.signer = signer
        self.deny_list = deny_list
        self.refresh_seconds = refresh_seconds
        self.session_seconds = session_seconds
        self.clock = clock

    def start(self, uow: UnitOfWork, account: Row[Any]) -> TokenPair:
        """A new session (refresh-token family) for an account that has just signed in."""
        session_ends_at = self.clock() + timedelta(seconds=self.session_seconds)
        pair = self._issue(uow, account, family_id=str(uuid.uuid4()), session_ends_at=session_ends_at)
        uow.commit()
        return pair

    def renew(self, uow: UnitOfWork, refresh_token: str) -> TokenPair:
        """Rotate: the presented token is spent and a new pair issued with the account's current roles."""
        row = self._find(uow, refresh_token)
        verdict = judge_refresh(RefreshRecord(row.expires_at, row.used_at, row.revoked_at), self.clock())
        if verdict is RefreshVerdict.REUSED:
            self._revoke_family(uow, row.family_id)
            uow.commit()
            raise Unauthorized("this refresh token was already used; the session is revoked")
        if verdict is not RefreshVerdict.VALID:
            raise Unauthorized(f"refresh token {verdict.value}")
        account = uow.session.execute(select(accounts).where(accounts.c.id == row.account_id)).one()
        if account.status != AccountStatus.ACTIVE.value:
            self._revoke_family(uow, row.family_id)
            uow.commit()
            raise Unauthorized("the account is not active")
        uow.session.execute(
            update(refresh_tokens).where(refresh_tokens.c.token_hash == row.token_hash).values(used_at=self.clock())
        )
        # Renewal never extends the session: every token of the family ends with it (sessions made before
        # the absolute end was kept end with their token).
        session_ends_at = row.session_expires_at or row.expires_at
        pair = self._issue(uow, account, family_id=row.family_id, session_ends_at=session_ends_at)
        uow.commit()
        return pair

    def revoke(self, uow: UnitOfWork, refresh_token: str) -> None:
        """End the session a refresh token belongs to; an unknown token is not an error (RFC 7009)."""
        row = uow.session.execute(
            select(refresh_tokens).where(refresh_tokens.c.token_hash == _digest(refresh_token))
        ).first()
        if row is not None:
            self._revoke_family(uow, row.family_id)
            uow.commit()

    def end(self, uow: UnitOfWork, claims: dict[str, Any]) -> None:
        """Logout with an access token: its session's refresh tokens and the token itself stop working."""
        if claims.get("sid"):
            self._revoke_family(uow, str(claims["sid"]))
        if claims.get("jti"):
            expires_at = datetime.fromtimestamp(int(claims["exp"]), tz=timezone.utc)
            self.deny_list.deny(uow, str(claims["jti"]), expires_at)
        uow.commit()

    def end_all_for(self, uow: UnitOfWork, account_id: str) -> None:
        """Revoke every session of an account, and so its live access tokens at the gateway; the caller commits."""
        uow.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.account_id == account_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=self.clock())
        )

    def _find(self, uow: UnitOfWork, refresh_token: str) -> Row[Any]:
        row = uow.session.execute(
            select(refresh_tokens).where(refresh_tokens.c.token_hash == _digest(refresh_token)).with_for_update()
        ).first()
        if row is None:
            raise Unauthorized("unknown refresh token")
        return row

    def _issue(self, uow: UnitOfWork, account: Row[Any], *, family_id: str, session_ends_at: datetime) -> TokenPair:
        access_token, _claims = self.signer.sign(identity_of(account), session_id=family_id)
        refresh_token = secrets.token_urlsafe(32)
        now = self.clock()
        expires_at = min(now + timedelta(seconds=self.refresh_seconds), session_ends_at)
        uow.session.execute(
            insert(refresh_tokens).values(
                token_hash=_digest(refresh_token),
                family_id=family_id,
                account_id=account.id,
                issued_at=now,
                expires_at=expires_at,
                used_at=None,
                revoked_at=None,
                session_expires_at=session_ends_at,
            )
        )
        return TokenPair(
            access_token=access_token,
            expires_in=self.signer.lifetime_seconds,
            refresh_token=refresh_token,
            refresh_expires_in=max(int((expires_at - now).total_seconds()), 0),
        )

    def _revoke_family(self, uow: UnitOfWork, family_id: str) -> None:
        uow.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=self.clock())
        )
