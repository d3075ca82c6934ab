"""Sign-in sessions: an access token plus a rotating refresh token, renewed, revoked or ended.

A session (a refresh-token family) has an absolute end set at sign-in; renewals never extend it.
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from servicekit.storage import utcnow

from gateway.application.units import Gateways
from gateway.credentials.signing import TokenSigner
from gateway.domain.accounts import Account
from gateway.domain.errors import AuthenticationRefused
from gateway.domain.refresh import RefreshToken, RefreshVerdict, judge_refresh
from gateway.storage.unit_of_work import GatewayUnitOfWork


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
        uows: Gateways,
        signer: TokenSigner,
        *,
        refresh_seconds: int,
        session_seconds: int,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.uows = uows
        self.signer = signer
        self.refresh_seconds = refresh_seconds
        self.session_seconds = session_seconds
        self.clock = clock

    def start(self, account: Account) -> TokenPair:
        """A new session (refresh-token family) for an account that has just signed in."""
        session_ends_at = self.clock() + timedelta(seconds=self.session_seconds)
        with self.uows() as uow:
            pair = self._issue(uow, account, family_id=str(uuid.uuid4()), session_ends_at=session_ends_at)
            uow.commit()
        return pair

    def renew(self, refresh_token: str) -> TokenPair:
        """Rotate: the presented token is spent and a new pair issued with the account's current roles."""
        with self.uows() as uow:
            token = uow.refresh_tokens.find(_digest(refresh_token), for_update=True)
            if token is None:
                raise AuthenticationRefused("unknown refresh token")
            now = self.clock()
            verdict = judge_refresh(token, now)
            if verdict is RefreshVerdict.REUSED:
                uow.refresh_tokens.revoke_family(token.family_id, now)
                uow.commit()
                raise AuthenticationRefused("this refresh token was already used; the session is revoked")
            if verdict is not RefreshVerdict.VALID:
                raise AuthenticationRefused(f"refresh token {verdict.value}")
            account = uow.accounts.get_by_id(token.account_id)
            if not account.may_sign_in:
                uow.refresh_tokens.revoke_family(token.family_id, now)
                uow.commit()
                raise AuthenticationRefused("the account is not active")
            uow.refresh_tokens.mark_used(token.token_hash, now)
            # Sessions made before the absolute end was kept end with their token.
            session_ends_at = token.session_expires_at or token.expires_at
            pair = self._issue(uow, account, family_id=token.family_id, session_ends_at=session_ends_at)
            uow.commit()
        return pair

    def revoke(self, refresh_token: str) -> None:
        """End the session a refresh token belongs to; an unknown token is not an error (RFC 7009)."""
        with self.uows() as uow:
            token = uow.refresh_tokens.find(_digest(refresh_token))
            if token is not None:
                uow.refresh_tokens.revoke_family(token.family_id, self.clock())
                uow.commit()

    def end(self, claims: dict[str, Any]) -> None:
        """Logout with an access token: its session's refresh tokens and the token itself stop working."""
        now = self.clock()
        with self.uows() as uow:
            if claims.get("sid"):
                uow.refresh_tokens.revoke_family(str(claims["sid"]), now)
            if claims.get("jti"):
                expires_at = datetime.fromtimestamp(int(claims["exp"]), tz=timezone.utc)
                uow.revoked_tokens.deny(str(claims["jti"]), expires_at, now)
            uow.commit()

    def is_refused(self, claims: dict[str, Any]) -> bool:
        """Whether the gateway must refuse this access token: logged out, or its session has ended."""
        with self.uows.read() as uow:
            return uow.revoked_tokens.is_refused(claims.get("jti"), claims.get("sid"))

    def _issue(
        self, uow: GatewayUnitOfWork, account: Account, *, family_id: str, session_ends_at: datetime
    ) -> TokenPair:
        access_token, _claims = self.signer.sign(account.identity, session_id=family_id)
        refresh_token = secrets.token_urlsafe(32)
        now = self.clock()
        expires_at = min(now + timedelta(seconds=self.refresh_seconds), session_ends_at)
        uow.refresh_tokens.add(
            RefreshToken(
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
