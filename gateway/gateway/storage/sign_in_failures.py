"""Failed sign-ins by username and client (see domain.lockout), counted so that none is lost to a race."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable, Iterable

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from gateway.domain.lockout import SignInRecord
from gateway.storage.tables import sign_in_failures
from gateway.storage.upsert import insert_if_absent


class SignInFailureRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, username: str, client: str) -> SignInRecord:
        row = self.session.execute(
            select(sign_in_failures).where(sign_in_failures.c.username == username, sign_in_failures.c.client == client)
        ).first()
        return SignInRecord(failures=row.failures, locked_until=row.locked_until) if row else SignInRecord()

    def count_failure(
        self, username: str, client: str, now: datetime, after: Callable[[SignInRecord], SignInRecord]
    ) -> SignInRecord:
        """One more failure, counted under a row lock so that parallel failures each count."""
        insert_if_absent(
            self.session,
            sign_in_failures,
            {"username": username, "client": client, "failures": 0, "locked_until": None, "last_failure_at": now},
        )
        key = (sign_in_failures.c.username == username, sign_in_failures.c.client == client)
        row = self.session.execute(select(sign_in_failures).where(*key).with_for_update()).one()
        record = after(SignInRecord(failures=row.failures, locked_until=row.locked_until))
        self.session.execute(
            update(sign_in_failures)
            .where(*key)
            .values(failures=record.failures, locked_until=record.locked_until, last_failure_at=now)
        )
        return record

    def forget(self, username: str, clients: Iterable[str]) -> None:
        self.session.execute(
            delete(sign_in_failures).where(
                sign_in_failures.c.username == username, sign_in_failures.c.client.in_(list(clients))
            )
        )

    def forget_stale(self, now: datetime, quiet_seconds: int) -> None:
        """Records nobody has added to for a while, and no longer locking, are history: dropping them
        here keeps the table small without a separate sweep."""
        stale = now - timedelta(seconds=quiet_seconds)
        self.session.execute(
            delete(sign_in_failures).where(
                sign_in_failures.c.last_failure_at < stale,
                or_(sign_in_failures.c.locked_until.is_(None), sign_in_failures.c.locked_until < now),
            )
        )
