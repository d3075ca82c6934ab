"""Checking a username and password; failures slow down, and lock the failing client out of the username."""
from __future__ import annotations

import math
import time
from datetime import datetime
from typing import Callable

from servicekit.storage import utcnow

from gateway.application.units import Gateways
from gateway.credentials.hashing import PasswordHashing
from gateway.domain.accounts import Account
from gateway.domain.errors import AuthenticationRefused, SignInLocked
from gateway.domain.lockout import ANY_CLIENT, LockoutPolicy

# One answer for an unknown user, a wrong password and a disabled account: no user enumeration.
REFUSAL = "invalid username or password"


class SignIn:
    def __init__(
        self,
        uows: Gateways,
        hashing: PasswordHashing,
        policy: LockoutPolicy,
        *,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.uows = uows
        self.hashing = hashing
        self.policy = policy
        self.clock = clock
        self.sleep = sleep

    def authenticate(self, username: str, password: str, *, client: str) -> Account:
        """The active account these credentials open; ``AuthenticationRefused`` or ``SignInLocked``."""
        name = username.strip().lower()
        client = client[:64]
        now = self.clock()
        with self.uows() as uow:
            locked_for = self.policy.locked_for(uow.sign_in_failures.record(name, client), now)
            if locked_for > 0:
                raise SignInLocked(math.ceil(locked_for))
            found = uow.accounts.find(name)
            active = found if found is not None and found.may_sign_in else None
            # Checked even without an account (against a decoy hash), so that both cost the same time.
            if active is not None and self.hashing.matches(active.password_hash, password):
                # Other clients' locks stay: someone guessing elsewhere is not let off by the owner's success.
                uow.sign_in_failures.forget(name, [client, ANY_CLIENT])
                if self.hashing.needs_rehash(active.password_hash):
                    uow.accounts.set_password_hash(active.id, self.hashing.hash(password))
                uow.commit()
                return active
            if active is None:
                self.hashing.matches(None, password)
            uow.sign_in_failures.count_failure(name, client, now, lambda record: self.policy.after_failure(record, now))
            everywhere = uow.sign_in_failures.count_failure(name, ANY_CLIENT, now, self.policy.counted)
            uow.sign_in_failures.forget_stale(now, self.policy.lock_seconds)
            uow.commit()
        self.sleep(self.policy.delay_after(everywhere.failures))
        raise AuthenticationRefused(REFUSAL)
