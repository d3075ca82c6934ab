"""Accounts: rows in, ``Account`` out."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, delete, insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from gateway.domain.accounts import Account, AccountStatus
from gateway.domain.errors import UsernameTaken
from gateway.storage.tables import accounts


def _account(row: RowMapping) -> Account:
    return Account(
        id=row["id"],
        username=row["username"],
        password_hash=row["password_hash"],
        roles=frozenset(row["roles"]),
        work_unit=row["work_unit"],
        vendor_id=row["vendor_id"],
        status=AccountStatus(row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _values(account: Account) -> dict[str, Any]:
    return {**account.public(), "password_hash": account.password_hash}


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, username: str) -> Account | None:
        row = self.session.execute(select(accounts).where(accounts.c.username == username.lower())).mappings().first()
        return _account(row) if row is not None else None

    def get_by_id(self, account_id: str) -> Account:
        return _account(self.session.execute(select(accounts).where(accounts.c.id == account_id)).mappings().one())

    def add(self, account: Account) -> None:
        """Insert; ``UsernameTaken`` when the username exists (the unique index decides, also in a race)."""
        try:
            with self.session.begin_nested():
                self.session.execute(insert(accounts).values(**_values(account)))
        except IntegrityError as exc:
            raise UsernameTaken() from exc

    def replace(self, account: Account) -> None:
        values = _values(account)
        del values["id"], values["created_at"]
        self.session.execute(update(accounts).where(accounts.c.id == account.id).values(**values))

    def set_password_hash(self, account_id: str, password_hash: str) -> None:
        self.session.execute(update(accounts).where(accounts.c.id == account_id).values(password_hash=password_hash))

    def activate_provisioned(self, account_id: str, vendor_id: str, at: datetime) -> Account | None:
        """Bind a reservation to its vendor and let it sign in; None when no reservation waits."""
        found = self.session.execute(
            update(accounts)
            .where(accounts.c.id == account_id, accounts.c.status == AccountStatus.PROVISIONING.value)
            .values(status=AccountStatus.ACTIVE.value, vendor_id=vendor_id, updated_at=at)
        )
        return self.get_by_id(account_id) if found.rowcount else None

    def delete_provisioned(self, account_id: str) -> None:
        self.session.execute(
            delete(accounts).where(accounts.c.id == account_id, accounts.c.status == AccountStatus.PROVISIONING.value)
        )

    def page(
        self, *, limit: int, cursor: str | None, role: str | None, work_unit: str | None, status: str | None
    ) -> Page[Account]:
        statement = select(accounts).where(accounts.c.status != AccountStatus.PROVISIONING.value)
        if role:
            # Roles are a JSON list stored as text on both SQLite and PostgreSQL; the role name is one
            # of a fixed set (validated by the query schema), so it holds no LIKE wildcards.
            statement = statement.where(cast(accounts.c.roles, String).like(f'%"{role}"%'))
        if work_unit:
            statement = statement.where(accounts.c.work_unit == work_unit)
        if status:
            statement = statement.where(accounts.c.status == status)
        page = keyset_page(self.session, statement, [SortKey(accounts.c.username)], limit=limit, cursor=cursor, scalars=False)
        return Page(items=[_account(row._mapping) for row in page.items], next=page.next)
