"""Event bodies and helpers that payments' tests and end-to-end tests reuse: what orders and vendors
would publish, with valid, fresh values."""
from __future__ import annotations

import base64
import hashlib
import random
import uuid
from datetime import date, datetime, timezone
from typing import Any, Mapping

from eorder_contracts.events import ORDER_RECEIVED, VENDOR_PAYMENT_DETAILS
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from servicekit.testing import ServiceHarness

from payments.api.blueprint import URL_PREFIX as API
from payments.demo_data import DEMO_PROOF

VENDOR_ACCOUNT_NUMBER = "10123456789"


def order_received(
    *,
    work_unit: str = "DPPKUKM",
    vendor_id: str | None = None,
    subtotal: int = 10_000_000,
    vat_registered: bool = True,
    supply_kind: str = "goods",
    received_at: datetime | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """The data of an order.received (the BAST) as orders publishes it; VAT at 11% when registered."""
    order_id = str(uuid.uuid4())
    vat = subtotal * 11 // 100 if vat_registered else 0
    data: dict[str, Any] = {
        "order_id": order_id,
        "received_at": (received_at or datetime.now(timezone.utc)).isoformat().replace("+00:00", "Z"),
        "work_unit": work_unit,
        "vendor_id": vendor_id or str(uuid.uuid4()),
        "package_id": str(uuid.uuid4()),
        "rup_code": f"RUP-2026-{work_unit}-{random.randint(1, 9999):04d}",
        "budget_account": "5.1.02.01.01.0026",
        "bast_number": f"BAST/{work_unit}/2026/{order_id[:8]}",
        "bast_digest": hashlib.sha256(order_id.encode()).hexdigest(),
        "vat_registered": vat_registered,
        "supply_kind": supply_kind,
        "subtotal": subtotal,
        "vat": vat,
        "total": subtotal + vat,
        "lines": [{"product_id": str(uuid.uuid4()), "name": "Nasi kotak", "unit": "box", "quantity": 1, "unit_price": subtotal, "line_total": subtotal}],
    }
    data.update(overrides)
    return data


def payment_details(
    vendor_id: str,
    *,
    version: int = 1,
    account_number: str = VENDOR_ACCOUNT_NUMBER,
    certificate_valid_until: str | None = None,
    changed_at: datetime | None = None,
) -> dict[str, Any]:
    """The data of a vendor.payment_details as vendors publishes it."""
    return {
        "vendor_id": vendor_id,
        "version": version,
        "bank_name": "Bank DKI",
        "bank_code": "111",
        "account_number": account_number,
        "holder_name": "Sri Wahyuni",
        "final_tax_certificate": (
            None if certificate_valid_until is None else {"number": "KET-00123/PP55/2026", "valid_until": certificate_valid_until}
        ),
        "changed_at": (changed_at or datetime(2026, 1, 5, tzinfo=timezone.utc)).isoformat().replace("+00:00", "Z"),
    }


def tax_invoice_number() -> str:
    """A well-formed faktur pajak number: transaction code 02 (to a government treasurer), status 00."""
    return "0200" + f"{random.randint(0, 10**13 - 1):013d}"


PDF_PROOF = DEMO_PROOF


class PaymentsApi:
    """Drives the payments service as its clients would; each step helper asserts that it succeeded."""

    def __init__(self, harness: ServiceHarness) -> None:
        self.harness = harness
        self.client: FlaskClient = harness.client

    # -- tokens ----------------------------------------------------------------------------------
    def treasurer(self, work_unit: str = "DPPKUKM", subject: str = "bendahara") -> dict[str, str]:
        return self.harness.headers("treasurer", subject=f"{subject}-{work_unit}", work_unit=work_unit)

    def budget_holder(self, work_unit: str = "DPPKUKM", subject: str = "kpa") -> dict[str, str]:
        return self.harness.headers("budget_holder", subject=f"{subject}-{work_unit}", work_unit=work_unit)

    def vendor(self, vendor_id: str) -> dict[str, str]:
        return self.harness.headers("vendor", subject=f"vendor-{vendor_id[:8]}", vendor_id=vendor_id)

    def auditor(self) -> dict[str, str]:
        return self.harness.headers("auditor", subject="inspektorat")

    # -- events in -------------------------------------------------------------------------------
    def bast(self, **overrides: Any) -> dict[str, Any]:
        """Deliver an order.received; answer the invoice drafted from it."""
        data = order_received(**overrides)
        self.harness.deliver(ORDER_RECEIVED, data["order_id"], data, source="orders", correlationid=data["order_id"])
        return self.invoice_of_order(data["order_id"], data)

    def invoice_of_order(self, order_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
        response = self.client.get(f"{API}/invoices", headers=self.vendor(data["vendor_id"]))
        assert response.status_code == 200, response.json
        [invoice] = [i for i in response.json["items"] if i["order_id"] == order_id]
        return invoice

    def bank_account(self, vendor_id: str, **overrides: Any) -> None:
        data = payment_details(vendor_id, **overrides)
        self.harness.deliver(VENDOR_PAYMENT_DETAILS, vendor_id, data, source="vendors")

    # -- steps -----------------------------------------------------------------------------------
    def submit(self, invoice: Mapping[str, Any], **overrides: Any) -> TestResponse:
        body = {
            "invoice_number": f"INV/{invoice['id'][:8]}",
            "invoice_date": date.today().isoformat(),
            "amount": invoice["amount"],
            "tax_invoice_number": tax_invoice_number() if invoice["vat_registered"] else None,
            **overrides,
        }
        return self.client.post(f"{API}/invoices/{invoice['id']}/submission", json=body, headers=self.vendor(invoice["vendor_id"]))

    def accept(self, invoice: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> TestResponse:
        return self.client.post(f"{API}/invoices/{invoice['id']}/acceptance", headers=dict(headers or self.treasurer(invoice["work_unit"])))

    def accepted_invoice(self, **bast: Any) -> dict[str, Any]:
        invoice = self.bast(**bast)
        assert self.submit(invoice).status_code == 200
        response = self.accept(invoice)
        assert response.status_code == 200, response.json
        return response.json

    def pay(self, invoice: Mapping[str, Any], body: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None) -> TestResponse:
        body = body if body is not None else manual_transfer()
        return self.client.post(f"{API}/invoices/{invoice['id']}/payments", json=dict(body), headers=dict(headers or self.treasurer(invoice["work_unit"])))

    def get(self, path: str, headers: Mapping[str, str]) -> TestResponse:
        return self.client.get(f"{API}{path}", headers=dict(headers))

    def post(self, path: str, headers: Mapping[str, str], body: Any = None) -> TestResponse:
        return self.client.post(f"{API}{path}", json=body, headers=dict(headers))

    def trial_balance_total(self) -> int:
        response = self.get("/ledger/trial-balance", self.auditor())
        assert response.status_code == 200
        return response.json["total"]


def manual_transfer(reference: str = "TRF-0001", proof: bytes = PDF_PROOF) -> dict[str, Any]:
    return {"method": "manual_transfer", "reference": reference, "proof": base64.b64encode(proof).decode()}
