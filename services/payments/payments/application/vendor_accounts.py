"""Keeping where each vendor is paid, from vendor.payment_details (newest version wins)."""
from __future__ import annotations

from payments.application.reading import Payments
from payments.domain.vendor_account import VendorAccount


def record_payment_details(uows: Payments, account: VendorAccount) -> None:
    with uows() as uow:
        known = uow.vendor_accounts.get(account.vendor_id)
        if known is None:
            uow.vendor_accounts.add(account)
        else:
            newer = known.superseded_by(account)
            if newer is not known:
                uow.vendor_accounts.replace(newer)
        uow.commit()
