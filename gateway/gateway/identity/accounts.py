"""The account directory: creating, changing, reading and listing local accounts, each write audited."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import String, cast, delete, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from servicekit.storage.paging import Page, SortKey, keyset_page
from servicekit.http.problems import BadRequest, Conflict, NotFound
from servicekit.storage import UnitOfWork, utcnow
from servicekit.actors import Actor

from gateway.domain.accounts import VENDOR_ROLE, AccountStatus, Identity, binding_problems, username_problems
from gateway.domain.passwords import password_problems
from gateway.identity.audit import audit_values
from gateway.identity.hashing import PasswordHashing
from gateway.identity.tables import accounts, work_units

# What the audit trail and the API show of an account: never the password hash.
PUBLIC_COLUMNS = ("id", "username", "roles", "work_unit", "vendor_id", "status", "created_at", "updated_at")


def public_view(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    mapping = row._mapping if isinstance(row, Row) else row
    return {column: mapping[column] for column in PUBLIC_COLUMNS}


def audit_view(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    return audit_values(public_view(row))


def identity_of(row: Row[Any]) -> Identity:
    return Identity(username=row.username, roles=frozenset(row.roles), work_unit=row.work_unit, vendor_id=row.vendor_id)


@dataclass(frozen=True)
class NewAccount:
    username: str
    password: str
    roles: frozenset[str]
    work_unit: str | None = None
    vendor_id: str | None = None


class AccountDirectory:
    def __init__(self, hashing: PasswordHashing) -> None:
        self.hashing = hashing

    # -- reading ------------------------------------------------------------------------------
    def find(self, uow: UnitOfWork, username: str) -> Row[Any] | None:
        return uow.session.execute(select(accounts).where(accounts.c.username == username.lower())).first()

    def get(self, uow: UnitOfWork, username: str) -> Row[Any]:
        row = self.find(uow, username)
        if row is None or row.status == AccountStatus.PROVISIONING:
            raise NotFound("account not found")
        return row

    def page(
        self, uow: UnitOfWork, *, limit: int, cursor: str | None, role: str | None, work_unit: str | None, status: str | None
    ) -> Page[Any]:
        statement = select(accounts).where(accounts.c.status != AccountStatus.PROVISIONING.value)
        if role:
            # Roles are a JSON list stored as text on both SQLite and PostgreSQL; the role name is one
            # of a fixed set (validated by the query schema), so it holds no LIKE wildcards.
            statement = statement.where(cast(accounts.c.roles, String).like(f'%"{role}"%'))
        if work_unit:
            statement = statement.where(accounts.c.work_unit == work_unit)
        if status:
            statement = statement.where(accounts.c.status == status)
        return keyset_page(uow.session, statement, [SortKey(accounts.c.username)], limit=limit, cursor=cursor, scalars=False)

    @staticmethod
    def _credential_errors(username: str, password: str | None) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if problems := username_problems(username):
            errors["username"] = problems
        if password is not None and (problems := password_problems(username, password)):
            errors["password"] = problems
        return errors

    def validate_credentials(self, username: str, password: str) -> None:
        if errors := self._credential_errors(username, password):
            raise BadRequest("the account is not valid; see errors", errors=errors)

    def validate(self, new: NewAccount, *, check_password: bool = True) -> None:
        errors = self._credential_errors(new.username, new.password if check_password else None)
        errors.update(binding_problems(new.roles, new.work_unit, new.vendor_id))
        if errors:
            raise BadRequest("the account is not valid; see errors", errors=errors)

    def create(
        self,
        uow: UnitOfWork,
        actor: Actor,
        new: NewAccount,
        *,
        check_password: bool = True,
    ) -> dict[str, Any]:
        """Insert and audit an active account (commit is the caller's); 409 when the username is taken."""
        self.validate(new, check_password=check_password)
        self._require_active_work_unit(uow, new.work_unit)
        values = self._insert(uow, new, AccountStatus.ACTIVE)
        uow.audit(actor, "account.created", "account", values["id"], after=audit_view(values))
        return public_view(values)

    def reserve_vendor(self, uow: UnitOfWork, username: str, password: str) -> str:
        """Hold a username for a vendor signup while its vendor is registered; the account id.

        Not audited: the reservation either becomes an account (audited on activation) or vanishes.
        """
        values = self._insert(uow, NewAccount(username, password, frozenset({VENDOR_ROLE})), AccountStatus.PROVISIONING)
        return str(values["id"])

    def _insert(self, uow: UnitOfWork, new: NewAccount, status: AccountStatus) -> dict[str, Any]:
        now = utcnow()
        values = {
            "id": str(uuid.uuid4()),
            "username": new.username,
            "password_hash": self.hashing.hash(new.password),
            "roles": sorted(new.roles),
            "work_unit": new.work_unit,
            "vendor_id": new.vendor_id,
            "status": status.value,
            "created_at": now,
            "updated_at": now,
        }
        try:
            with uow.session.begin_nested():
                uow.session.execute(insert(accounts).values(**values))
        except IntegrityError as exc:
            raise Conflict("this username is taken", errors={"username": ["already taken"]}) from exc
        return values

    def change(self, uow: UnitOfWork, actor: Actor, username: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Apply an admin's changes (roles, organisation, status, password), keeping the binding valid."""
        row = self.get(uow, username)
        merged = {**row._mapping, **{k: v for k, v in changes.items() if k != "password"}}
        roles = frozenset(merged["roles"])
        if errors := binding_problems(roles, merged["work_unit"], merged["vendor_id"]):
            raise BadRequest("the account is not valid; see errors", errors=errors)
        values: dict[str, Any] = {k: v for k, v in changes.items() if k != "password"}
        values["roles"] = sorted(roles)
        if "password" in changes:
            if problems := password_problems(row.username, changes["password"]):
                raise BadRequest("the password is not acceptable", errors={"password": problems})
            values["password_hash"] = self.hashing.hash(changes["password"])
        if changes.get("work_unit"):
            self._require_active_work_unit(uow, changes["work_unit"])
        values["updated_at"] = utcnow()
        uow.session.execute(update(accounts).where(accounts.c.id == row.id).values(**values))
        after = {**row._mapping, **values}
        uow.audit(actor, "account.changed", "account", row.id, before=audit_view(row), after=audit_view(after))
        return public_view(after)

    def activate_vendor(self, uow: UnitOfWork, account_id: str, vendor_id: str) -> None:
        """Bind a signed-up account to the vendor just registered for it and let it sign in."""
        found = uow.session.execute(
            update(accounts)
            .where(accounts.c.id == account_id, accounts.c.status == AccountStatus.PROVISIONING.value)
            .values(status=AccountStatus.ACTIVE.value, vendor_id=vendor_id, updated_at=utcnow())
        )
        if found.rowcount == 0:
            raise NotFound("no account is waiting for this vendor")
        row = uow.session.execute(select(accounts).where(accounts.c.id == account_id)).one()
        uow.audit(Actor.system("vendor-signup"), "account.activated", "account", account_id, after=audit_view(row))

    def forget_provisioning(self, uow: UnitOfWork, account_id: str) -> None:
        """Remove a reservation whose vendor was never registered (no token was ever issued for it)."""
        uow.session.execute(
            delete(accounts).where(accounts.c.id == account_id, accounts.c.status == AccountStatus.PROVISIONING.value)
        )

    def _require_active_work_unit(self, uow: UnitOfWork, code: str | None) -> None:
        if code is None:
            return
        active = uow.session.execute(
            select(work_units.c.active).where(work_units.c.code == code)
        ).scalar_one_or_none()
        if not active:
            raise BadRequest("unknown work unit", errors={"work_unit": [f"no active work unit {code!r}"]})
