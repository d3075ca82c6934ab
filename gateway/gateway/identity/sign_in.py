"""Checking a username and password, with failures that slow down and then lock the username."""
from __future__ import annotations

import math
import time
from datetime import datetime, timedelta
from typing import Any, Callable

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from servicekit.http.problems import Problem, Unauthorized
from servicekit.storage import UnitOfWork, utcnow

from gateway.domain.accounts import AccountStatus
from gateway.domain.lockout import LockoutPolicy, SignInRecord
from gateway.identity.accounts import AccountDirectory
from gateway.identity.tables import accounts, sign_in_failures

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

    def authenticate(self, uow: UnitOfWork, username: str, password: str) -> Row[Any]:
        """The active account these credentials open, committed; 401 or 423 otherwise."""
        name = username.strip().lower()
        now = self.clock()
        record = self._record(uow, name)
        locked_for = self.policy.locked_for(record, now)
        if locked_for > 0:
            raise SignInLocked(
                "too many failed sign-ins for this username; try again later",
                headers={"Retry-After": str(math.ceil(locked_for))},
            )
        found = self.directory.find(uow, name)
        active = found if found is not None and found.status == AccountStatus.ACTIVE.value else None
        # Checked even without an account (against a decoy hash), so that both cost the same time.
        verified = self.hashing.matches(active.password_hash if active is not None else None, password)
        if active is not None and verified:
            self._succeeded(uow, name, active, password)
            uow.commit()
            return active
        record = self.policy.after_failure(record, now)
        self._save_failure(uow, name, record, now)
        uow.commit()
        self.sleep(self.policy.delay_after(record.failures))
        raise Unauthorized(REFUSAL)

    def _record(self, uow: UnitOfWork, name: str) -> SignInRecord:
        row = uow.session.execute(
            select(sign_in_failures).where(sign_in_failures.c.username == name).with_for_update()
        ).first()
        return SignInRecord(failures=row.failures, locked_until=row.locked_until) if row else SignInRecord()

    def _succeeded(self, uow: UnitOfWork, name: str, account: Row[Any], password: str) -> None:
        uow.session.execute(delete(sign_in_failures).where(sign_in_failures.c.username == name))
        if self.hashing.needs_rehash(account.password_hash):
            uow.session.execute(
                update(accounts).where(accounts.c.id == account.id).values(password_hash=self.hashing.hash(password))
            )

    def _save_failure(self, uow: UnitOfWork, name: str, record: SignInRecord, now: datetime) -> None:
        values = {"failures": record.failures, "locked_until": record.locked_until, "last_failure_at": now}
        updated = uow.session.execute(
            update(sign_in_failures).where(sign_in_failures.c.username == name).values(**values)
        )
        if updated.rowcount == 0:
            try:
                with uow.session.begin_nested():
                    uow.session.execute(insert(sign_in_failures).values(username=name, **values))
            except IntegrityError:  # a concurrent failure for the same name inserted first
                uow.session.execute(
                    update(sign_in_failures).where(sign_in_failures.c.username == name).values(**values)
                )
        # Records of names nobody has tried for a lock period are history; dropping them here keeps
        # the table small without a separate sweep.
        stale = now - timedelta(seconds=self.policy.lock_seconds)
        uow.session.execute(
            delete(sign_in_failures).where(
                sign_in_failures.c.last_failure_at < stale,
                or_(sign_in_failures.c.locked_until.is_(None), sign_in_failures.c.locked_until < now),
            )
        )
