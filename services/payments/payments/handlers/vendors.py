"""``vendor.payment_details``: where a vendor is paid, and its MSME final-tax certificate."""
from __future__ import annotations

from datetime import date, datetime

from servicekit.events.envelope import Envelope

from payments.application.reading import Payments
from payments.application.vendor_accounts import record_payment_details
from payments.domain.payment import PayeeAccount
from payments.domain.vendor_account import VendorAccount


def on_payment_details(uows: Payments, envelope: Envelope) -> None:
    data = envelope.data
    certificate = data["final_tax_certificate"]
    changed_at = datetime.fromisoformat(data["changed_at"].replace("Z", "+00:00"))
    record_payment_details(
        uows,
        VendorAccount(
            vendor_id=data["vendor_id"],
            version=data["version"],
            bank_name=data["bank_name"],
            payee=PayeeAccount(data["bank_code"], data["account_number"], data["holder_name"]),
            certificate_number=certificate["number"] if certificate else None,
            certificate_valid_until=date.fromisoformat(certificate["valid_until"]) if certificate else None,
            account_changed_at=changed_at,
            changed_at=changed_at,
        ),
    )
