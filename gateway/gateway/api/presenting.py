"""What the API shows of the gateway's objects: an account never with its password hash."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from gateway.domain.accounts import Account
from gateway.domain.work_units import WorkUnit


def account_view(account: Account) -> dict[str, Any]:
    return {
        "id": account.id,
        "username": account.username,
        "roles": sorted(account.roles),
        "work_unit": account.work_unit,
        "vendor_id": account.vendor_id,
        "status": account.status.value,
        "created_at": account.created_at,
        "updated_at": account.updated_at,
    }


def work_unit_view(unit: WorkUnit) -> dict[str, Any]:
    return asdict(unit)
