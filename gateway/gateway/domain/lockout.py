"""Failed sign-ins slow down, and lock one client out of one username for a while.

Counted per username whether or not an account has it, so that a locked answer does not reveal
which usernames exist. Two counts are kept (OWASP's authentication guidance: throttle, and never let
someone without the password keep the owner out):

- per username and client address: the threshold-th consecutive failure locks that pair, so a
  guesser is stopped, while the owner signing in from a client that has not failed still gets in;
- per username over every client: each failure holds the answer a little longer (capped), which
  slows a guesser down without ever refusing the right password.

Guessing many usernames from one client, and guessing from many clients, are capped by the
per-client rate limits of the sign-in route (gateway.ratelimit).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# The client of a username's count over every client.
ANY_CLIENT = "*"


@dataclass(frozen=True)
class SignInRecord:
    failures: int = 0
    locked_until: datetime | None = None


@dataclass(frozen=True)
class LockoutPolicy:
    threshold: int = 5
    lock_seconds: int = 900
    delay_step_seconds: float = 0.25
    delay_cap_seconds: float = 2.0

    def locked_for(self, record: SignInRecord, now: datetime) -> float:
        """Seconds the username stays locked for this client (0 when it may try)."""
        if record.locked_until is None or record.locked_until <= now:
            return 0.0
        return (record.locked_until - now).total_seconds()

    def after_failure(self, record: SignInRecord, now: datetime) -> SignInRecord:
        """A client's record after one more failure; the threshold-th consecutive failure locks.

        A lock that has run out starts a fresh count, so one more mistake does not lock again at once.
        """
        expired_lock = record.locked_until is not None and record.locked_until <= now
        failures = 1 if expired_lock else record.failures + 1
        if failures >= self.threshold:
            return SignInRecord(failures=failures, locked_until=now + timedelta(seconds=self.lock_seconds))
        return SignInRecord(failures=failures, locked_until=None)

    @staticmethod
    def counted(record: SignInRecord) -> SignInRecord:
        """A username's count over every client after one more failure: it slows down, it never locks."""
        return SignInRecord(failures=record.failures + 1, locked_until=None)

    def delay_after(self, failures: int) -> float:
        """How long to hold the answer to a failed attempt: grows with each failure, capped."""
        return min(self.delay_step_seconds * max(failures, 0), self.delay_cap_seconds)
