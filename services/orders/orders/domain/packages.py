"""Budget packages (RUP): what a work unit may spend on, and how much of it is left.

``remaining = amount - committed - realised`` never goes below zero: approving an order commits its
total only while the remaining amount covers it (the storage enforces it with a guarded UPDATE, so
two approvals racing for the last rupiah cannot both win); every exit releases what was committed;
payment moves it from committed to realised.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Mapping

from orders.domain.errors import InvalidFields

RUP_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{2,39}$")
BUDGET_ACCOUNT = re.compile(r"^[0-9][0-9.]{2,39}$")
CSV_COLUMNS = ("rup_code", "name", "budget_account", "fiscal_year", "amount")
MAX_AMOUNT = 999_999_999_999_999


@dataclass(frozen=True)
class Package:
    id: str
    work_unit: str
    rup_code: str
    name: str
    budget_account: str
    fiscal_year: int
    amount: int
    committed: int
    realised: int
    commitment_officer: str | None
    procurement_officers: tuple[str, ...]
    created_by: str
    created_at: datetime
    updated_at: datetime

    @property
    def remaining(self) -> int:
        return self.amount - self.committed - self.realised

    def assigned_to_officer(self, subject: str) -> bool:
        return subject in self.procurement_officers

    def assign_commitment_officer(self, subject: str, at: datetime) -> "Package":
        return replace(self, commitment_officer=subject, updated_at=at)

    def assign_procurement_officers(self, subjects: tuple[str, ...], at: datetime) -> "Package":
        return replace(self, procurement_officers=tuple(dict.fromkeys(subjects)), updated_at=at)


def new_package(fields: Mapping[str, Any], *, package_id: str, work_unit: str, created_by: str, at: datetime) -> Package:
    """A package from checked fields (InvalidFields naming each field at fault)."""
    problems: dict[str, list[str]] = {}
    rup_code = str(fields.get("rup_code", "")).strip()
    if not RUP_CODE.match(rup_code):
        problems["rup_code"] = ["3 to 40 letters, digits, '.', '/' or '-'"]
    name = str(fields.get("name", "")).strip()
    if not 1 <= len(name) <= 300:
        problems["name"] = ["1 to 300 characters"]
    account = str(fields.get("budget_account", "")).strip()
    if not BUDGET_ACCOUNT.match(account):
        problems["budget_account"] = ["a budget account code of digits and dots, e.g. 5.1.02.01.01.0052"]
    year = _whole(fields.get("fiscal_year"))
    if year is None or not 2000 <= year <= 2100:
        problems["fiscal_year"] = ["a year from 2000 to 2100"]
    amount = _whole(fields.get("amount"))
    if amount is None or not 1 <= amount <= MAX_AMOUNT:
        problems["amount"] = ["a whole number of rupiah, at least 1"]
    if problems:
        raise InvalidFields(problems)
    assert year is not None and amount is not None
    return Package(
        id=package_id,
        work_unit=work_unit,
        rup_code=rup_code,
        name=name,
        budget_account=account,
        fiscal_year=year,
        amount=amount,
        committed=0,
        realised=0,
        commitment_officer=None,
        procurement_officers=(),
        created_by=created_by,
        created_at=at,
        updated_at=at,
    )


def parse_csv(text: str) -> list[dict[str, str]]:
    """The rows of a package import (header ``rup_code,name,budget_account,fiscal_year,amount``)."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or tuple(name.strip() for name in reader.fieldnames) != CSV_COLUMNS:
        raise InvalidFields({"file": [f"the first line must be the header {','.join(CSV_COLUMNS)}"]})
    rows = []
    for row in reader:
        if None in row or any(value is None for value in row.values()):
            raise InvalidFields({f"rows.{len(rows) + 2}": ["the line does not have exactly five columns"]})
        rows.append({key.strip(): value.strip() for key, value in row.items()})
    if not rows:
        raise InvalidFields({"file": ["no packages after the header"]})
    return rows


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
