"""Paying accepted invoices through the API, on SQLite and PostgreSQL: what is withheld and recorded,
and what is refused."""
from __future__ import annotations

import base64
import csv
import io
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from payments.testing import PaymentsApi, manual_transfer

pytestmark = pytest.mark.integration


def test_a_manual_transfer_settles_the_invoice_with_the_taxes_withheld(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(subtotal=10_000_000, vat_registered=True)
    response = api.pay(invoice, manual_transfer("BDKI-20260305-0001"))
    assert response.status_code == 201, response.json
    payment = response.json
    assert (payment["state"], payment["gross"], payment["withheld"], payment["net"]) == ("settled", 11_100_000, 1_250_000, 9_850_000)
    assert {w["kind"]: w["amount"] for w in payment["withholdings"]} == {"ppn": 1_100_000, "pph22": 150_000}
    assert api.get(f"/invoices/{invoice['id']}", api.auditor()).json["state"] == "paid"
    [settled] = [e for e in api.harness.outbox("payment.settled") if e.subject == invoice["id"]]
    assert (settled.data["payment_id"], settled.data["net"]) == (payment["id"], 9_850_000)
    assert api.trial_balance_total() == 0


def test_the_ledger_records_the_bast_and_the_payment(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(subtotal=5_000_000, vat_registered=False, supply_kind="services", work_unit="DISKOMINFO")
    assert api.pay(invoice, manual_transfer()).status_code == 201
    balances = {row["account"]: row["balance"] for row in api.get("/ledger/trial-balance", api.treasurer("DISKOMINFO")).json["accounts"]}
    payable = f"Liabilities:Payable:DISKOMINFO:V-{invoice['vendor_id']}"
    assert balances[payable] == 0
    assert balances["Liabilities:Tax:PPH23:DISKOMINFO"] <= -100_000
    statement = api.get(f"/ledger/statement?account={payable}", api.treasurer("DISKOMINFO")).json["lines"]
    assert [line["amount"] for line in statement] == [-5_000_000, 5_000_000]


def test_an_invoice_is_paid_at_most_once(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    assert api.pay(invoice, manual_transfer("REF-1")).status_code == 201
    second = api.pay(invoice, {"method": "kkpd", "reference": "CARD-1"})
    assert second.status_code == 409 and second.json["type"].endswith("/already-paid")


def test_racing_payments_of_one_invoice_leave_one_payment(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    bodies = [{"method": "kkpd", "reference": f"CARD-{i}"} for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        statuses = sorted(pool.map(lambda body: api.pay(invoice, body).status_code, bodies))
    assert statuses.count(201) == 1 and set(statuses) <= {201, 409}
    assert len(api.get(f"/invoices/{invoice['id']}/payments", api.auditor()).json["items"]) == 1


def test_only_an_accepted_invoice_is_paid(api: PaymentsApi) -> None:
    invoice = api.bast()
    response = api.pay(invoice, {"method": "kkpd", "reference": "CARD-9"})
    assert response.status_code == 409 and response.json["current_state"] == "drafted"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"method": "manual_transfer", "reference": "R"}, "proof"),
        ({"method": "manual_transfer", "proof": base64.b64encode(b"%PDF-1.4 x").decode()}, "reference"),
        ({"method": "kkpd"}, "reference"),
        ({"method": "cash", "reference": "R"}, "method"),
        ({"method": "manual_transfer", "reference": "R", "proof": base64.b64encode(b"MZ\x90\x00 not a pdf").decode()}, "proof"),
        ({"method": "manual_transfer", "reference": "R", "proof": "%%% not base64"}, "proof"),
        ({"method": "manual_transfer", "reference": "R", "proof": base64.b64encode(b"%PDF-" + b"0" * 600_000).decode()}, "proof"),
        ({"method": "kkpd", "reference": "R", "gross": 1}, "gross"),
    ],
)
def test_bad_payment_orders_name_the_field(api: PaymentsApi, body: dict, field: str) -> None:
    invoice = api.accepted_invoice()
    response = api.pay(invoice, body)
    assert response.status_code == 400, response.json
    assert field in response.json["errors"]


def test_a_proof_is_checked_by_its_content_and_an_image_is_accepted(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert api.pay(invoice, manual_transfer(proof=png)).status_code == 201


def test_an_autodebet_needs_a_second_person(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    api.bank_account(invoice["vendor_id"])
    requested = api.pay(invoice, {"method": "autodebet"})
    assert requested.status_code == 201 and requested.json["state"] == "requested"
    payment_id = requested.json["id"]
    # The requester holding both roles still cannot approve their own request.
    both = api.harness.headers("treasurer", "budget_holder", subject="bendahara-DPPKUKM", work_unit="DPPKUKM")
    refused = api.post(f"/payments/{payment_id}/approval", both)
    assert refused.status_code == 403 and refused.json["type"].endswith("/four-eyes")
    approved = api.post(f"/payments/{payment_id}/approval", api.budget_holder())
    assert approved.status_code == 200 and approved.json["state"] == "approved"
    assert [e.type for e in api.harness.outbox("payment.requested", "payment.approved") if e.subject == invoice["id"]] == [
        "payment.requested", "payment.approved",
    ]  # fmt: skip


def test_an_autodebet_to_an_account_changed_lately_is_held_for_reconfirmation(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    api.bank_account(invoice["vendor_id"], changed_at=datetime.now(timezone.utc))
    payment = api.pay(invoice, {"method": "autodebet"}).json
    held = api.post(f"/payments/{payment['id']}/approval", api.budget_holder())
    assert held.status_code == 200 and held.json["state"] == "held"
    reconfirmed = api.post(f"/payments/{payment['id']}/reconfirmation", api.treasurer())
    assert reconfirmed.status_code == 200 and reconfirmed.json["state"] == "approved"


def test_an_autodebet_without_the_vendors_account_is_refused(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    response = api.pay(invoice, {"method": "autodebet"})
    assert response.status_code == 422 and response.json["type"].endswith("/no-bank-account")


def test_another_work_units_and_vendors_objects_answer_404(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    other_treasurer = api.treasurer("DINKES")
    other_vendor = api.vendor(str(uuid.uuid4()))
    assert api.pay(invoice, {"method": "kkpd", "reference": "C"}, headers=other_treasurer).status_code == 404
    assert api.accept(invoice, headers=other_treasurer).status_code == 404
    assert api.get(f"/invoices/{invoice['id']}", other_vendor).status_code == 404
    assert api.get(f"/invoices/{invoice['id']}", api.harness.headers("procurement_officer", work_unit="DPPKUKM")).status_code == 403
    payment = api.pay(invoice, {"method": "kkpd", "reference": "C"}).json
    assert api.get(f"/payments/{payment['id']}", other_treasurer).status_code == 404
    assert api.get(f"/payments/{payment['id']}/withholding-slip", other_vendor).status_code == 404
    assert api.get(f"/payments/{uuid.uuid4()}", api.auditor()).status_code == 404
    assert api.get("/ledger/trial-balance?work_unit=DPPKUKM", other_treasurer).status_code == 404


def test_the_vendor_reads_its_withholding_slip(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(subtotal=3_000_000, vat_registered=False)
    payment = api.pay(invoice, {"method": "kkpd", "reference": "KKPD-77"}).json
    slip = api.get(f"/payments/{payment['id']}/withholding-slip", api.vendor(invoice["vendor_id"]))
    assert slip.status_code == 200
    assert slip.json["withholdings"] == [
        {"kind": "pph22", "base": 3_000_000, "rate_bp": 150, "amount": 45_000, "rule": "pph22@2022-04-01", "regulation": slip.json["withholdings"][0]["regulation"]}
    ]
    assert "PMK 59/PMK.03/2022" in slip.json["withholdings"][0]["regulation"]


def test_the_monthly_withholdings_csv_of_a_work_unit(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(work_unit="BPKD", subtotal=8_000_000, vat_registered=True)
    payment = api.pay(invoice, {"method": "kkpd", "reference": "KKPD-8"}).json
    month = datetime.now(timezone.utc).astimezone(__import__("zoneinfo").ZoneInfo("Asia/Jakarta")).strftime("%Y-%m")
    response = api.get(f"/withholdings?month={month}", api.treasurer("BPKD"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = [row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True))) if row["payment_id"] == payment["id"]]
    assert {(row["kind"], row["amount"]) for row in rows} == {("ppn", "880000"), ("pph22", "120000")}
    assert all(row["work_unit"] == "BPKD" for row in csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert api.get("/withholdings?month=2026-13", api.treasurer("BPKD")).status_code == 400


def test_punctuality_per_work_unit(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(work_unit="DISPARBUD")
    assert api.pay(invoice, {"method": "kkpd", "reference": "K"}).status_code == 201
    response = api.get("/punctuality", api.budget_holder("DISPARBUD"))
    assert response.json["work_units"] == [
        {"work_unit": "DISPARBUD", "paid": 1, "on_time": 1, "on_time_share": 1.0, "median_working_days": 0.0}
    ]


def test_the_same_idempotency_key_replays_the_payment(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    headers = {**api.treasurer(), "Idempotency-Key": str(uuid.uuid4())}
    first = api.pay(invoice, {"method": "kkpd", "reference": "K1"}, headers=headers)
    again = api.pay(invoice, {"method": "kkpd", "reference": "K1"}, headers=headers)
    assert first.status_code == again.status_code == 201 and first.json["id"] == again.json["id"]


def test_the_treasurer_reconciles_a_bank_statement(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(work_unit="DISHUB", subtotal=1_000_000, vat_registered=False)
    payment = api.pay(invoice, manual_transfer("DISHUB-TRF-1"), headers=api.treasurer("DISHUB")).json
    today = datetime.now(timezone.utc).astimezone(__import__("zoneinfo").ZoneInfo("Asia/Jakarta")).date().isoformat()
    statement = f"date,reference,amount,description\n{today},DISHUB-TRF-1,-{payment['net']},vendor\n{today},FEE,-6500,admin fee\n"
    response = api.post("/reconciliations", api.treasurer("DISHUB"), {"statement": statement})
    assert response.status_code == 200, response.json
    assert response.json["matched"] == [{"line": 2, "reference": "DISHUB-TRF-1", "payment_id": payment["id"]}]
    assert [line["reference"] for line in response.json["unmatched_lines"]] == ["FEE"]
    assert response.json["unmatched_payments"] == []
    assert api.post("/reconciliations", api.treasurer("DISHUB"), {"statement": "a,b\n1,2\n"}).status_code == 400
    assert api.post("/reconciliations", api.auditor(), {"statement": statement}).status_code == 403


def test_withheld_tax_is_deposited_and_never_more_than_owed(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(work_unit="DISPORA", subtotal=10_000_000, vat_registered=False)
    assert api.pay(invoice, {"method": "kkpd", "reference": "K"}, headers=api.treasurer("DISPORA")).status_code == 201
    too_much = api.post("/ledger/tax-deposits", api.treasurer("DISPORA"), {"kind": "pph22", "amount": 150_001, "reference": "NTPN-1"})
    assert too_much.status_code == 422 and too_much.json["errors"] == {"amount": ["at most 150000"]}
    deposited = api.post("/ledger/tax-deposits", api.treasurer("DISPORA"), {"kind": "pph22", "amount": 150_000, "reference": "NTPN-1"})
    assert deposited.status_code == 201
    balances = {row["account"]: row["balance"] for row in api.get("/ledger/trial-balance", api.treasurer("DISPORA")).json["accounts"]}
    assert balances["Liabilities:Tax:PPH22:DISPORA"] == 0 and balances["Assets:Bank:DISPORA"] == -10_000_000
    journal = api.get("/ledger/journal.beancount", api.auditor())
    from beancount import loader

    assert loader.load_string(journal.get_data(as_text=True))[1] == []


def test_a_purchase_split_into_orders_delivered_the_same_day_is_taxed_whole(api: PaymentsApi) -> None:
    vendor_id, received_at = str(uuid.uuid4()), datetime.now(timezone.utc)
    first = api.accepted_invoice(work_unit="DISDIK", vendor_id=vendor_id, subtotal=1_500_000, vat_registered=False, received_at=received_at)
    api.accepted_invoice(work_unit="DISDIK", vendor_id=vendor_id, subtotal=1_500_000, vat_registered=False, received_at=received_at)
    payment = api.pay(first, {"method": "kkpd", "reference": "K-SPLIT"}, headers=api.treasurer("DISDIK")).json
    assert [(w["kind"], w["amount"]) for w in payment["withholdings"]] == [("pph22", 22_500)]
    alone = api.accepted_invoice(work_unit="DISDIK", subtotal=1_500_000, vat_registered=False)
    assert api.pay(alone, {"method": "kkpd", "reference": "K-ALONE"}, headers=api.treasurer("DISDIK")).json["withholdings"] == []
