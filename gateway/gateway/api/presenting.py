"""What the API shows of the gateway's objects: an account never with its password hash."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from gateway.domain.accounts import Account
from gateway.domain.work_units import WorkUnit


def account_view(account: Account) -> dict[str, Any]:
    return account.public()


def work_unit_view(unit: WorkUnit) -> dict[str, Any]:
    return asdict(unit)
