"""Checking a username and password; failures slow down, and lock the failing client out of the username."""
from __future__ import annotations

import math
import time
from datetime import datetime, timedelta
from typing import Any, Callable

from sqlalchemy import delete, or_, select, update
from sqlalchemy.engine import Row

from servicekit.http.problems import Problem, Unauthorized
from servicekit.storage import UnitOfWork, utcnow

from gateway.domain.accounts import AccountStatus
from gateway.domain.lockout import ANY_CLIENT, LockoutPolicy, SignInRecord
from gateway.identity.accounts import AccountDirectory
from gateway.identity.tables import accounts, sign_in_failures
from gateway.identity.upsert import insert_if_absent

# One answer for an unknown user, a wrong password and a disabled account: no user enumeration.
REFUSAL = "invalid username or password"


class SignInLocked(Problem):
    status, slug = 423, "sign-in-locked"


class SignIn:
    def __init__(
        self,
        directory: AccountDirectory,
        policy: LockoutPolicy,
        *,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.directory = directory
        self.hashing = directory.hashing
        self.policy = policy
        self.clock = clock
        self.sleep = sleep

    def authenticate(self, uow: UnitOfWork, username: str, password: str, *, client: str) -> Row[Any]:
        """The active account these credentials open, committed; 401, or 423 for a client locked out."""
        name = username.strip().lower()
        client = client[:64]
        now = self.clock()
        locked_for = self.policy.locked_for(self._record(uow, name, client), now)
        if locked_for > 0:
            raise SignInLocked(
                "too many failed sign-ins for this username from this client; try again later",
                headers={"Retry-After": str(math.ceil(locked_for))},
            )
        found = self.directory.find(uow, name)
        active = found if found is not None and found.status == AccountStatus.ACTIVE.value else None
        # Checked even without an account (against a decoy hash), so that both cost the same time.
        verified = self.hashing.matches(active.password_hash if active is not None else None, password)
        if active is not None and verified:
            self._succeeded(uow, name, client, active, password)
            uow.commit()
            return active
        self._count_failure(uow, name, client, now, self.policy.after_failure)
        everywhere = self._count_failure(uow, name, ANY_CLIENT, now, lambda record, _now: self.policy.counted(record))
        self._forget_stale(uow, now)
        uow.commit()
        self.sleep(self.policy.delay_after(everywhere.failures))
        raise Unauthorized(REFUSAL)

    def _record(self, uow: UnitOfWork, name: str, client: str) -> SignInRecord:
        row = uow.session.execute(
            select(sign_in_failures).where(sign_in_failures.c.username == name, sign_in_failures.c.client == client)
        ).first()
        return SignInRecord(failures=row.failures, locked_until=row.locked_until) if row else SignInRecord()

    def _succeeded(self, uow: UnitOfWork, name: str, client: str, account: Row[Any], password: str) -> None:
        # Other clients' locks stay: someone guessing elsewhere is not let off by the owner's success.
        uow.session.execute(
            delete(sign_in_failures).where(
                sign_in_failures.c.username == name, sign_in_failures.c.client.in_([client, ANY_CLIENT])
            )
        )
        if self.hashing.needs_rehash(account.password_hash):
            uow.session.execute(
                update(accounts).where(accounts.c.id == account.id).values(password_hash=self.hashing.hash(password))
            )

    def _count_failure(
        self,
        uow: UnitOfWork,
        name: str,
        client: str,
        now: datetime,
        after: Callable[[SignInRecord, datetime], SignInRecord],
    ) -> SignInRecord:
        """One more failure, counted under a row lock so that parallel failures each count."""
        insert_if_absent(
            uow.session,
            sign_in_failures,
            {"username": name, "client": client, "failures": 0, "locked_until": None, "last_failure_at": now},
        )
        key = (sign_in_failures.c.username == name, sign_in_failures.c.client == client)
        row = uow.session.execute(select(sign_in_failures).where(*key).with_for_update()).one()
        record = after(SignInRecord(failures=row.failures, locked_until=row.locked_until), now)
        uow.session.execute(
            update(sign_in_failures)
            .where(*key)
            .values(failures=record.failures, locked_until=record.locked_until, last_failure_at=now)
        )
        return record

    def _forget_stale(self, uow: UnitOfWork, now: datetime) -> None:
        # Records nobody has added to for a lock period are history; dropping them here keeps the
        # table small without a separate sweep.
        stale = now - timedelta(seconds=self.policy.lock_seconds)
        uow.session.execute(
            delete(sign_in_failures).where(
                sign_in_failures.c.last_failure_at < stale,
                or_(sign_in_failures.c.locked_until.is_(None), sign_in_failures.c.locked_until < now),
            )
        )
