"""The embedded mode's demonstration invoices and payments, loaded once through the same use cases
as the API and the event handlers: BASTs drafted into invoices, then moved to several states
(drafted, submitted, returned, accepted, paid by KKPD and by manual transfer, an autodebet waiting
for approval), with the vendors' bank accounts as vendor.payment_details would bring them."""
from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from servicekit.actors import Actor

from payments.application.drafting import draft_invoice
from payments.application.invoicing import accept_invoice, return_invoice, submit_invoice
from payments.application.paying import PaymentOrder, pay_invoice
from payments.application.vendor_accounts import record_payment_details
from payments.domain.invoice import Bast, Invoice, VendorConfirmation
from payments.domain.payment import Method, PayeeAccount
from payments.domain.tax import Supply
from payments.domain.vendor_account import VendorAccount
from payments.settings import payment_policy

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

# A minimal PDF standing for the scanned transfer slip of the demo manual transfer.
DEMO_PROOF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_NAMESPACE = uuid.UUID("0f4c8a8e-54b1-4c55-9a3e-5b7f0e2d9c61")
VENDOR = Actor("demo-vendor", ("vendor",))
TREASURER = Actor("demo-bendahara", ("treasurer",))

# (work unit, vendor, supply, subtotal, VAT-registered, how far it goes)
DEMO = (
    ("DPPKUKM", "Katering Bu Sri", Supply.GOODS, 12_500_000, True, "paid_kkpd"),
    ("DPPKUKM", "Batik Betawi Ibu Ani", Supply.GOODS, 1_800_000, False, "paid_manual"),
    ("DISKOMINFOTIK", "Servis Komputer Pak Budi", Supply.SERVICES, 4_000_000, False, "autodebet"),
    ("BPKD", "Katering Bu Sri", Supply.GOODS, 6_000_000, True, "accepted"),
    ("DINKES", "Konveksi Seragam Maju", Supply.GOODS, 22_000_000, False, "returned"),
    ("DISPARBUD", "Sablon Kaos Kreatif", Supply.GOODS, 3_200_000, False, "submitted"),
    ("DPPKUKM", "Servis Komputer Pak Budi", Supply.SERVICES, 2_500_000, False, "drafted"),
)


def vendor_id(name: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, name))


def load_demo_data(runtime: "ServiceRuntime") -> None:
    uows = runtime.uow
    policy = payment_policy(runtime.settings)
    with uows.read() as uow:
        if uow.invoices.of_order(str(uuid.uuid5(DEMO_NAMESPACE, "order-0"))) is not None:
            return
    now = datetime.now(UTC)
    with uows.transaction() as transaction:
        for name in sorted({row[1] for row in DEMO}):
            digits = str(int(hashlib.sha256(name.encode()).hexdigest(), 16))[:11]
            record_payment_details(uows, VendorAccount(
                vendor_id(name), 1, "Bank DKI", PayeeAccount("111", digits, name), None, None, now - timedelta(days=60), now - timedelta(days=60),
            ))  # fmt: skip
        for number, (work_unit, name, supply, subtotal, vat_registered, stage) in enumerate(DEMO):
            vat = subtotal * 11 // 100 if vat_registered else 0
            order_id = str(uuid.uuid5(DEMO_NAMESPACE, f"order-{number}"))
            bast = Bast(
                order_id, work_unit, vendor_id(name), str(uuid.uuid5(DEMO_NAMESPACE, f"package-{work_unit}")), f"RUP-2026-{work_unit}-{number + 1:04d}",
                "5.1.02.01.01.0026", f"BAST/{work_unit}/2026/{number + 1:04d}", hashlib.sha256(order_id.encode()).hexdigest(),
                vat_registered, supply, subtotal, vat, subtotal + vat, now - timedelta(days=1 + number % 3),
            )  # fmt: skip
            invoice = draft_invoice(uows, bast, policy=policy)
            if invoice is not None:
                _advance(uows, invoice, stage, number, policy)
        transaction.commit()


def _advance(uows, invoice: Invoice, stage: str, number: int, policy) -> None:  # type: ignore[no-untyped-def]
    if stage == "drafted":
        return
    faktur = f"0200{number:013d}" if invoice.bast.vat_registered else None
    submit_invoice(uows, invoice.id, VendorConfirmation(f"INV/2026/{number + 1:04d}", date.today(), invoice.amount, faktur), actor=VENDOR)
    if stage == "submitted":
        return
    if stage == "returned":
        return_invoice(uows, invoice.id, ["the invoice lacks the vendor's stamp"], actor=TREASURER)
        return
    accept_invoice(uows, invoice.id, actor=TREASURER)
    orders = {
        "paid_kkpd": PaymentOrder(Method.KKPD, f"KKPD-{number:06d}"),
        "paid_manual": PaymentOrder(Method.MANUAL_TRANSFER, f"BDKI-TRF-{number:06d}", base64.b64encode(DEMO_PROOF).decode()),
        "autodebet": PaymentOrder(Method.AUTODEBET),
    }
    if stage in orders:
        pay_invoice(uows, invoice.id, orders[stage], actor=TREASURER, policy=policy)
