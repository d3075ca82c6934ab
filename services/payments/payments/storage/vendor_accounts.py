"""The vendor accounts read model, kept from vendor.payment_details."""
from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping, insert, select, update
from sqlalchemy.orm import Session

from payments.domain.payment import PayeeAccount
from payments.domain.vendor_account import VendorAccount
from payments.storage.tables import vendor_accounts


class VendorAccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, vendor_id: str) -> VendorAccount | None:
        row = self.session.execute(select(vendor_accounts).where(vendor_accounts.c.vendor_id == vendor_id)).first()
        return None if row is None else _account_from(row._mapping)

    def add(self, account: VendorAccount) -> None:
        self.session.execute(insert(vendor_accounts).values(vendor_id=account.vendor_id, **_columns_of(account)))

    def replace(self, account: VendorAccount) -> None:
        self.session.execute(update(vendor_accounts).where(vendor_accounts.c.vendor_id == account.vendor_id).values(**_columns_of(account)))


def _columns_of(account: VendorAccount) -> dict[str, Any]:
    return {
        "version": account.version,
        "bank_name": account.bank_name,
        "bank_code": account.payee.bank_code,
        "account_number": account.payee.account_number,
        "holder_name": account.payee.holder_name,
        "certificate_number": account.certificate_number,
        "certificate_valid_until": account.certificate_valid_until,
        "account_changed_at": account.account_changed_at,
        "changed_at": account.changed_at,
    }


def _account_from(row: RowMapping) -> VendorAccount:
    return VendorAccount(
        vendor_id=row["vendor_id"],
        version=row["version"],
        bank_name=row["bank_name"],
        payee=PayeeAccount(row["bank_code"], row["account_number"], row["holder_name"]),
        certificate_number=row["certificate_number"],
        certificate_valid_until=row["certificate_valid_until"],
        account_changed_at=row["account_changed_at"],
        changed_at=row["changed_at"],
    )
