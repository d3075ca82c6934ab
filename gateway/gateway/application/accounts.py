"""Creating, changing and reading local accounts; every write audited.

A change that makes tokens wrong or must end whoever holds a session (roles, organisation, a new
password, disabling) revokes every session of the account in the same transaction.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from servicekit.actors import Actor
from servicekit.storage import utcnow
from servicekit.storage.paging import Page

from gateway.application.audit import audit_values
from gateway.application.units import Gateways
from gateway.credentials.hashing import PasswordHashing
from gateway.domain.accounts import Account, AccountStatus, binding_problems, ends_sessions, username_problems
from gateway.domain.errors import AccountNotFound, InvalidAccount, UnknownWorkUnit
from gateway.domain.passwords import password_problems
from gateway.storage.unit_of_work import GatewayUnitOfWork

ENTITY = "account"


@dataclass(frozen=True)
class NewAccount:
    username: str
    password: str
    roles: frozenset[str]
    work_unit: str | None = None
    vendor_id: str | None = None


def audit_record(account: Account) -> dict[str, Any]:
    """What the audit trail keeps of an account (JSON): never the password hash."""
    return audit_values(account.public())


def credential_problems(username: str, password: str | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if problems := username_problems(username):
        errors["username"] = problems
    if password is not None and (problems := password_problems(username, password)):
        errors["password"] = problems
    return errors


def new_account(new: NewAccount, password_hash: str, status: AccountStatus, at: datetime) -> Account:
    return Account(
        id=str(uuid.uuid4()),
        username=new.username,
        password_hash=password_hash,
        roles=new.roles,
        work_unit=new.work_unit,
        vendor_id=new.vendor_id,
        status=status,
        created_at=at,
        updated_at=at,
    )


def require_active_work_unit(uow: GatewayUnitOfWork, code: str | None) -> None:
    if code is not None and not uow.work_units.is_active(code):
        raise UnknownWorkUnit(code)


class Accounts:
    def __init__(self, uows: Gateways, hashing: PasswordHashing) -> None:
        self.uows = uows
        self.hashing = hashing

    def create(self, actor: Actor, new: NewAccount, *, check_password: bool = True) -> Account:
        """An active account bound to its organisation; ``UsernameTaken`` when the username exists."""
        errors = credential_problems(new.username, new.password if check_password else None)
        errors.update(binding_problems(new.roles, new.work_unit, new.vendor_id))
        if errors:
            raise InvalidAccount(errors)
        with self.uows() as uow:
            require_active_work_unit(uow, new.work_unit)
            account = new_account(new, self.hashing.hash(new.password), AccountStatus.ACTIVE, utcnow())
            uow.accounts.add(account)
            uow.audit(actor, "account.created", ENTITY, account.id, after=audit_record(account))
            uow.commit()
        return account

    def ensure(self, actor: Actor, new: NewAccount, *, check_password: bool = True) -> None:
        """Create the account unless its username exists (the demo data, loaded on every start)."""
        with self.uows.read() as uow:
            if uow.accounts.find(new.username) is not None:
                return
        self.create(actor, new, check_password=check_password)

    def get(self, username: str) -> Account:
        with self.uows.read() as uow:
            return visible(uow.accounts.find(username))

    def page(
        self, *, limit: int, cursor: str | None, role: str | None, work_unit: str | None, status: str | None
    ) -> Page[Account]:
        with self.uows.read() as uow:
            return uow.accounts.page(limit=limit, cursor=cursor, role=role, work_unit=work_unit, status=status)

    def change(self, actor: Actor, username: str, changes: Mapping[str, Any]) -> Account:
        """An admin's changes (roles, organisation, status, password), keeping the binding valid."""
        with self.uows() as uow:
            before = visible(uow.accounts.find(username))
            values: dict[str, Any] = {key: value for key, value in changes.items() if key != "password"}
            if "roles" in values:
                values["roles"] = frozenset(values["roles"])
            if "status" in values:
                values["status"] = AccountStatus(values["status"])
            after = before.changed(**values, updated_at=utcnow())
            if errors := binding_problems(after.roles, after.work_unit, after.vendor_id):
                raise InvalidAccount(errors)
            if "password" in changes:
                if problems := password_problems(before.username, changes["password"]):
                    raise InvalidAccount({"password": problems}, "the password is not acceptable")
                after = after.changed(password_hash=self.hashing.hash(changes["password"]))
            if changes.get("work_unit"):
                require_active_work_unit(uow, changes["work_unit"])
            uow.accounts.replace(after)
            if ends_sessions(before, changes):
                uow.refresh_tokens.revoke_account(before.id, utcnow())
            uow.audit(
                actor, "account.changed", ENTITY, before.id, before=audit_record(before), after=audit_record(after)
            )
            uow.commit()
        return after


def visible(account: Account | None) -> Account:
    """A reservation still being provisioned is nobody's account yet."""
    if account is None or account.status is AccountStatus.PROVISIONING:
        raise AccountNotFound()
    return account
