"""Refresh tokens (their hashes) by session family: rows in, ``RefreshToken`` out."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from gateway.domain.refresh import RefreshToken
from gateway.storage.tables import refresh_tokens


def _token(row: RowMapping) -> RefreshToken:
    return RefreshToken(**{column: row[column] for column in refresh_tokens.c.keys()})


class RefreshTokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, token: RefreshToken) -> None:
        self.session.execute(insert(refresh_tokens).values(**asdict(token)))

    def find(self, token_hash: str, *, for_update: bool = False) -> RefreshToken | None:
        statement = select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash)
        if for_update:
            statement = statement.with_for_update()
        row = self.session.execute(statement).mappings().first()
        return _token(row) if row is not None else None

    def mark_used(self, token_hash: str, at: datetime) -> None:
        self.session.execute(update(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash).values(used_at=at))

    def revoke_family(self, family_id: str, at: datetime) -> None:
        self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def revoke_account(self, account_id: str, at: datetime) -> None:
        self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.account_id == account_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )
