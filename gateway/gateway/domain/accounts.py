"""What a local account is: a username, roles, and the organisation those roles act for."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any, Mapping

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,49}$")

OFFICIAL_ROLES = frozenset({"procurement_officer", "commitment_officer", "treasurer", "budget_holder"})
VENDOR_ROLE = "vendor"
PLATFORM_ROLES = frozenset({"admin", "auditor"})
ALL_ROLES = OFFICIAL_ROLES | PLATFORM_ROLES | {VENDOR_ROLE}

# Separation of duties: whoever submits an order must not be the one who approves it.
INCOMPATIBLE_ROLES = (frozenset({"procurement_officer", "commitment_officer"}),)


class AccountStatus(str, Enum):
    PROVISIONING = "provisioning"  # a vendor signup whose vendor is being registered; cannot sign in
    ACTIVE = "active"
    DISABLED = "disabled"  # accounts are disabled, never deleted, so a username is never reused


@dataclass(frozen=True)
class Identity:
    """Who an account is, as tokens carry it."""

    username: str
    roles: frozenset[str]
    work_unit: str | None = None
    vendor_id: str | None = None


@dataclass(frozen=True)
class Account:
    """A local account as stored: only a hash of its password is ever kept."""

    id: str
    username: str
    password_hash: str
    roles: frozenset[str]
    work_unit: str | None
    vendor_id: str | None
    status: AccountStatus
    created_at: datetime
    updated_at: datetime

    @property
    def identity(self) -> Identity:
        return Identity(username=self.username, roles=self.roles, work_unit=self.work_unit, vendor_id=self.vendor_id)

    @property
    def may_sign_in(self) -> bool:
        return self.status is AccountStatus.ACTIVE

    def public(self) -> dict[str, Any]:
        """What may be shown of the account (the API, the audit trail): everything but the password hash."""
        return {
            "id": self.id,
            "username": self.username,
            "roles": sorted(self.roles),
            "work_unit": self.work_unit,
            "vendor_id": self.vendor_id,
            "status": self.status.value,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    def changed(self, **values: object) -> "Account":
        return replace(self, **values)  # type: ignore[arg-type]


def username_problems(username: str) -> list[str]:
    if not USERNAME_PATTERN.match(username):
        return ["3 to 50 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"]
    return []


def binding_problems(roles: frozenset[str], work_unit: str | None, vendor_id: str | None) -> dict[str, list[str]]:
    """Roles must be known and consistent, and bound to exactly the organisation they act for.

    Officials act for a work unit, a vendor account for its vendor, admins and auditors for the
    platform as a whole (no organisation).
    """
    errors: dict[str, list[str]] = {}
    if not roles:
        errors["roles"] = ["at least one role is required"]
        return errors
    unknown = roles - ALL_ROLES
    if unknown:
        errors["roles"] = [f"unknown roles: {', '.join(sorted(unknown))}"]
        return errors
    kinds = [bool(roles & OFFICIAL_ROLES), VENDOR_ROLE in roles, bool(roles & PLATFORM_ROLES)]
    if sum(kinds) > 1:
        errors["roles"] = ["official, vendor and platform (admin, auditor) roles cannot be combined"]
        return errors
    for pair in INCOMPATIBLE_ROLES:
        if pair <= roles:
            errors["roles"] = [f"{' and '.join(sorted(pair))} must be held by different people"]
            return errors
    needs_work_unit = bool(roles & OFFICIAL_ROLES)
    needs_vendor = VENDOR_ROLE in roles
    if needs_work_unit and not work_unit:
        errors["work_unit"] = ["officials must belong to a work unit"]
    if not needs_work_unit and work_unit:
        errors["work_unit"] = ["only officials belong to a work unit"]
    if needs_vendor and not vendor_id:
        errors["vendor_id"] = ["a vendor account must be bound to its vendor"]
    if not needs_vendor and vendor_id:
        errors["vendor_id"] = ["only vendor accounts are bound to a vendor"]
    return errors


def ends_sessions(before: Account, changes: Mapping[str, Any]) -> bool:
    """Whether a change must end every session of the account, and with them its live access tokens.

    Tokens carry the roles and the organisation, so a change to either makes them wrong; a new
    password set by the admin (a reset) and disabling mean whoever holds a session must lose it.
    """
    if "password" in changes or changes.get("status") == AccountStatus.DISABLED.value:
        return True
    if "roles" in changes and frozenset(changes["roles"]) != before.roles:
        return True
    return any(field in changes and changes[field] != getattr(before, field) for field in ("work_unit", "vendor_id"))
