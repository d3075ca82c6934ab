"""The gateway's use cases alone, on fake repositories: what they decide, store, audit and commit."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from servicekit.actors import Actor
from servicekit.testing.memory import MemoryUnitsOfWork

from gateway.application.accounts import Accounts, NewAccount
from gateway.application.sign_in import SignIn
from gateway.credentials.hashing import PasswordHashing
from gateway.domain.accounts import Account, AccountStatus
from gateway.domain.errors import AuthenticationRefused, SignInLocked, UnknownWorkUnit
from gateway.domain.lockout import ANY_CLIENT, LockoutPolicy, SignInRecord

pytestmark = pytest.mark.unit

ADMIN = Actor(subject="kepala.bppbj", roles=("admin",))
HASHING = PasswordHashing("cheapest-for-tests")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
PASSWORD = "Pagi-Cerah-di-Monas-2026"


class FakeAccounts:
    def __init__(self) -> None:
        self.rows: dict[str, Account] = {}

    def find(self, username: str) -> Account | None:
        return self.rows.get(username.lower())

    def add(self, account: Account) -> None:
        self.rows[account.username] = account

    def replace(self, account: Account) -> None:
        self.rows[account.username] = account

    def set_password_hash(self, account_id: str, password_hash: str) -> None:
        raise AssertionError("the cheapest profile needs no rehash")


class FakeWorkUnits:
    def __init__(self, *active: str) -> None:
        self.active = set(active)

    def is_active(self, code: str) -> bool:
        return code in self.active


class FakeRefreshTokens:
    def __init__(self) -> None:
        self.revoked_accounts: list[str] = []

    def revoke_account(self, account_id: str, at: datetime) -> None:
        self.revoked_accounts.append(account_id)


class FakeSignInFailures:
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], SignInRecord] = {}

    def record(self, username: str, client: str) -> SignInRecord:
        return self.records.get((username, client), SignInRecord())

    def count_failure(self, username: str, client: str, now: datetime, after: Any) -> SignInRecord:
        self.records[(username, client)] = after(self.record(username, client))
        return self.records[(username, client)]

    def forget(self, username: str, clients: Any) -> None:
        for client in clients:
            self.records.pop((username, client), None)

    def forget_stale(self, now: datetime, quiet_seconds: int) -> None:
        pass


def directory() -> tuple[MemoryUnitsOfWork, Accounts]:
    uows = MemoryUnitsOfWork(
        accounts=FakeAccounts(), work_units=FakeWorkUnits("DPPKUKM", "BIROUMUM"), refresh_tokens=FakeRefreshTokens()
    )
    return uows, Accounts(uows, HASHING)  # type: ignore[arg-type]


def test_a_change_of_organisation_revokes_the_sessions_in_the_same_commit() -> None:
    uows, accounts = directory()
    treasurer = NewAccount("bendahara.a", PASSWORD, frozenset({"treasurer"}), "DPPKUKM")
    created = accounts.create(ADMIN, treasurer)
    accounts.change(ADMIN, "bendahara.a", {"work_unit": "DPPKUKM"})
    assert uows.repositories["refresh_tokens"].revoked_accounts == []
    changed = accounts.change(ADMIN, "bendahara.a", {"work_unit": "BIROUMUM"})
    assert changed.work_unit == "BIROUMUM"
    assert uows.repositories["refresh_tokens"].revoked_accounts == [created.id]
    assert [entry.action for entry in uows.audited] == ["account.created", "account.changed", "account.changed"]
    assert uows.audited[-1].before["work_unit"] == "DPPKUKM" and "password_hash" not in uows.audited[-1].after
    assert uows.commits == 3


def test_an_official_needs_an_active_work_unit() -> None:
    uows, accounts = directory()
    with pytest.raises(UnknownWorkUnit):
        accounts.create(ADMIN, NewAccount("pejabat.x", PASSWORD, frozenset({"treasurer"}), "CLOSED"))
    assert uows.commits == 0 and uows.repositories["accounts"].rows == {}


def test_sign_in_locks_only_the_failing_client_and_the_owner_gets_in() -> None:
    failures = FakeSignInFailures()
    uows = MemoryUnitsOfWork(accounts=FakeAccounts(), sign_in_failures=failures)
    owner = Account(
        "a1", "ppk1", HASHING.hash(PASSWORD), frozenset({"commitment_officer"}), "DPPKUKM", None, AccountStatus.ACTIVE, NOW, NOW
    )
    uows.repositories["accounts"].add(owner)
    policy = LockoutPolicy(threshold=2)
    sign_in = SignIn(uows, HASHING, policy, clock=lambda: NOW, sleep=lambda _seconds: None)  # type: ignore[arg-type]
    for _ in range(2):
        with pytest.raises(AuthenticationRefused):
            sign_in.authenticate("ppk1", "wrong", client="203.0.113.9")
    with pytest.raises(SignInLocked) as locked:
        sign_in.authenticate("ppk1", PASSWORD, client="203.0.113.9")
    assert locked.value.retry_after_seconds == 900
    assert sign_in.authenticate("ppk1", PASSWORD, client="10.20.0.7") == owner
    assert ("ppk1", ANY_CLIENT) not in failures.records and failures.records[("ppk1", "203.0.113.9")].failures == 2
