"""Autodebets against the sandbox bank over real HTTP, and what goes wrong: the bank times out,
fails, refuses, calls back twice; the worker dies between sending and recording; callbacks forged.
After each: at most one transfer at the bank, one payment recorded, the ledger balanced."""
from __future__ import annotations

import json
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests
from werkzeug.serving import make_server

from payments.adapters.bank import SIGNATURE_HEADER, HttpBank, signature
from payments.adapters.sandbox_bank.service import DEFINITION as SANDBOX_BANK
from payments.adapters.sandbox_bank.service import DEV_CALLBACK_SECRET, settle
from payments.application.transfers import resolve_sent, send_approved, transfer_order
from payments.service import DEFINITION
from payments.settings import bank_settings
from payments.testing import PaymentsApi
from servicekit.testing import ServiceHarness, database_url_for
from servicekit.testing.processes import ServiceProcesses, free_port

pytestmark = pytest.mark.integration

NET = 9_850_000  # 10,000,000 goods from a vendor not VAT-registered, less 1.5% PPh 22


class Served:
    """A harnessed service also served over real HTTP on a free port (the bank and payments call each other)."""

    def __init__(self, harness: ServiceHarness, port: int) -> None:
        self.harness = harness
        self.url = f"http://127.0.0.1:{port}"
        self.server = make_server("127.0.0.1", port, harness.app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="module")
def sandbox_bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    url = f"sqlite:///{tmp_path_factory.mktemp('bank') / 'bank.db'}"
    with ServiceHarness(SANDBOX_BANK, database_url=url, start_worker=False, environ={"EORDER_SANDBOXBANK_SETTLE_SECONDS": "0"}) as harness:
        served = Served(harness, free_port())
        yield served
        served.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def payments(request: pytest.FixtureRequest, sandbox_bank: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    port = free_port()
    environ = {
        "EORDER_PAYMENTS_BANK_URL": sandbox_bank.url,
        "EORDER_PAYMENTS_BANK_TIMEOUT_SECONDS": "1",
        "EORDER_PAYMENTS_BANK_CALLBACK_URL": f"http://127.0.0.1:{port}/api/v1/payments/bank-callbacks",
    }
    with (
        database_url_for(request.param, tmp_path_factory.mktemp("payments-bank")) as url,
        ServiceHarness(DEFINITION, database_url=url, environ=environ) as harness,
    ):
        served = Served(harness, port)
        yield served
        served.close()


class Scene:
    """One autodebet of a fresh work unit, its account at the bank, and the steps of the worker."""

    def __init__(self, payments: Served, bank: Served) -> None:
        self.api = PaymentsApi(payments.harness)
        self.payments = payments
        self.bank = bank
        self.runtime = payments.harness.runtime
        self.config = bank_settings(self.runtime.settings)
        self.work_unit = f"WU{uuid.uuid4().hex[:8].upper()}"
        self.http_bank = HttpBank(self.config.url, timeout_seconds=self.config.timeout_seconds)

    def fund(self, balance: int, closed: bool = False) -> None:
        response = requests.put(f"{self.bank.url}/accounts/{self.config.account_of(self.work_unit)}", json={"holder": "Bendahara", "balance": balance, "closed": closed})
        assert response.status_code == 200, response.text

    def balance(self) -> int:
        return requests.get(f"{self.bank.url}/accounts/{self.config.account_of(self.work_unit)}").json()["balance"]

    def misbehave(self, *what: str) -> None:
        assert requests.post(f"{self.bank.url}/behaviour", json={"next": list(what)}).status_code == 200

    def approved_autodebet(self) -> dict[str, Any]:
        invoice = self.api.accepted_invoice(work_unit=self.work_unit, subtotal=10_000_000, vat_registered=False)
        self.api.bank_account(invoice["vendor_id"])
        payment = self.api.pay(invoice, {"method": "autodebet"}, headers=self.api.treasurer(self.work_unit)).json
        approved = self.api.post(f"/payments/{payment['id']}/approval", self.api.budget_holder(self.work_unit))
        assert approved.status_code == 200 and approved.json["state"] == "approved", approved.json
        return approved.json

    def send(self) -> None:
        with self.runtime.uow.transaction() as uow:
            send_approved(self.runtime.uow, self.http_bank, self.config, datetime.now(UTC))
            uow.commit()

    def resolve(self) -> None:
        with self.runtime.uow.transaction() as uow:
            resolve_sent(self.runtime.uow, self.http_bank, self.config, datetime.now(UTC))
            uow.commit()

    def bank_settles(self) -> None:
        bank_runtime = self.bank.harness.runtime
        with bank_runtime.uow.transaction() as uow:
            settle(bank_runtime, uow, datetime.now(UTC))

    def payment(self, payment_id: str) -> dict[str, Any]:
        return self.api.get(f"/payments/{payment_id}", self.api.auditor()).json

    def transfer(self, payment_id: str) -> requests.Response:
        return requests.get(f"{self.bank.url}/transfers/{payment_id}")

    def settled_events(self, payment: dict[str, Any]) -> list[Any]:
        return [e for e in self.api.harness.outbox("payment.settled") if e.data["payment_id"] == payment["id"]]

    def assert_paid_once(self, payment: dict[str, Any], funded: int) -> None:
        assert self.payment(payment["id"])["state"] == "settled"
        assert self.balance() == funded - NET  # one transfer taken from the account
        assert self.transfer(payment["id"]).json()["status"] == "completed"
        assert len(self.settled_events(payment)) == 1
        assert self.api.get(f"/invoices/{payment['invoice_id']}", self.api.auditor()).json["state"] == "paid"
        assert self.api.trial_balance_total() == 0


@pytest.fixture
def scene(payments: Served, sandbox_bank: Served) -> Scene:
    return Scene(payments, sandbox_bank)


def test_an_autodebet_is_paid_and_called_back(scene: Scene) -> None:
    scene.fund(50_000_000)
    payment = scene.approved_autodebet()
    scene.send()
    assert scene.payment(payment["id"])["state"] == "sent"
    scene.bank_settles()  # completes and calls payments back
    scene.assert_paid_once(payment, 50_000_000)
    assert scene.payment(payment["id"])["reference"].startswith("SBX")


def test_the_bank_times_out_and_the_transfer_is_resolved_by_asking(scene: Scene) -> None:
    scene.fund(50_000_000)
    payment = scene.approved_autodebet()
    requests.post(f"{scene.bank.url}/behaviour", json={"next": ["timeout"]})
    scene.bank.harness.runtime.state["behaviour"].timeout_seconds = 2.0
    scene.send()  # no answer within 1 s: unknown, not failed
    assert scene.payment(payment["id"])["state"] == "sent"
    scene.resolve()  # asks: the bank has it, pending
    assert scene.payment(payment["id"])["state"] == "sent"
    scene.bank_settles()
    scene.resolve()
    scene.assert_paid_once(payment, 50_000_000)


def test_the_bank_fails_and_the_transfer_is_sent_again_under_its_key(scene: Scene) -> None:
    scene.fund(50_000_000)
    payment = scene.approved_autodebet()
    scene.misbehave("fail")
    scene.send()
    assert scene.payment(payment["id"])["state"] == "sent" and scene.transfer(payment["id"]).status_code == 404
    scene.resolve()  # the bank never got it: sent again under the same key
    scene.bank_settles()
    scene.assert_paid_once(payment, 50_000_000)


def test_a_callback_twice_is_recorded_once(scene: Scene) -> None:
    scene.fund(50_000_000)
    payment = scene.approved_autodebet()
    scene.misbehave("callback_twice")
    scene.send()
    scene.bank_settles()
    scene.resolve()
    scene.assert_paid_once(payment, 50_000_000)


def test_insufficient_funds_fail_the_payment_and_free_the_invoice(scene: Scene) -> None:
    scene.fund(1_000_000)
    payment = scene.approved_autodebet()
    scene.send()
    scene.bank_settles()
    failed = scene.payment(payment["id"])
    assert (failed["state"], failed["failure_reason"]) == ("failed", "insufficient funds")
    assert scene.balance() == 1_000_000
    [event] = [e for e in scene.api.harness.outbox("payment.failed") if e.data["payment_id"] == payment["id"]]
    assert event.data["reason"] == "insufficient funds"
    invoice = scene.api.get(f"/invoices/{payment['invoice_id']}", scene.api.auditor()).json
    assert invoice["state"] == "accepted"
    again = scene.api.pay(invoice, {"method": "kkpd", "reference": "KKPD-AFTER-FAIL"}, headers=scene.api.treasurer(scene.work_unit))
    assert again.status_code == 201
    assert scene.api.trial_balance_total() == 0


def test_a_closed_source_account_is_refused(scene: Scene) -> None:
    scene.fund(50_000_000, closed=True)
    payment = scene.approved_autodebet()
    scene.send()
    assert scene.payment(payment["id"])["state"] == "failed"


def test_the_worker_dies_after_sending_and_before_recording(scene: Scene) -> None:
    scene.fund(50_000_000)
    payment = scene.approved_autodebet()
    # What a worker does before it dies: the transfer reaches the bank, the record of it never commits.
    with scene.runtime.uow.read() as uow:
        stored = uow.payments.require(payment["id"])
    assert scene.http_bank.send(transfer_order(stored, scene.config)).state.value == "pending"
    assert scene.payment(payment["id"])["state"] == "approved"
    scene.send()  # the next worker asks first, finds the transfer, sends nothing new
    assert scene.payment(payment["id"])["state"] == "sent"
    scene.bank_settles()
    scene.assert_paid_once(payment, 50_000_000)


def wait_until(check, what: str, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll another process's visible state until ``check()`` holds (there is no event to wait on)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"not within {timeout}s: {what}"
        time.sleep(0.1)


def test_the_payments_worker_process_killed_between_sending_and_recording(scene: Scene) -> None:
    scene.fund(50_000_000)
    payment = scene.approved_autodebet()
    scene.misbehave("timeout")
    scene.bank.harness.runtime.state["behaviour"].timeout_seconds = 60.0  # the answer never comes in time
    env = {
        "EORDER_ENV": "test",
        "EORDER_BROKER_URL": "memory://",
        "EORDER_PAYMENTS_DATABASE_URL": scene.runtime.settings.database_url,
        "EORDER_PAYMENTS_BANK_URL": scene.config.url,
        "EORDER_PAYMENTS_BANK_TIMEOUT_SECONDS": "60",
        "EORDER_PAYMENTS_BANK_CALLBACK_URL": scene.config.callback_url,
    }
    with ServiceProcesses("payments", env, web=False, worker=True) as processes:
        wait_until(lambda: scene.transfer(payment["id"]).status_code == 200, "the worker's transfer reached the bank")
        processes.kill_worker()  # SIGKILL while it waits for the bank's answer: nothing recorded
        assert scene.payment(payment["id"])["state"] == "approved"
        processes.start_worker()  # the next worker asks the bank before sending anything
        wait_until(lambda: scene.payment(payment["id"])["state"] == "sent", "the new worker recorded the transfer as sent")
        processes.kill_worker()
    scene.bank_settles()
    scene.assert_paid_once(payment, 50_000_000)


def post_callback(scene: Scene, document: dict[str, Any], secret: str = DEV_CALLBACK_SECRET) -> requests.Response:
    body = json.dumps(document).encode()
    return requests.post(
        f"{scene.payments.url}/api/v1/payments/bank-callbacks", data=body,
        headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature(secret, body)},
    )  # fmt: skip


def test_forged_callbacks_change_nothing(scene: Scene) -> None:
    scene.fund(50_000_000)
    payment = scene.approved_autodebet()
    scene.send()
    completed = {"key": payment["id"], "status": "completed", "reference": "FORGED", "amount": NET, "to_account": "10123456789"}
    assert post_callback(scene, completed, secret="not-the-secret").status_code == 401
    assert post_callback(scene, {**completed, "amount": NET + 1}).status_code == 422
    assert post_callback(scene, {**completed, "to_account": "999999999"}).status_code == 422
    assert post_callback(scene, {**completed, "key": str(uuid.uuid4())}).status_code == 404
    assert post_callback(scene, {"nonsense": True}).status_code == 400
    unsigned = requests.post(f"{scene.payments.url}/api/v1/payments/bank-callbacks", json=completed)
    assert unsigned.status_code == 401
    assert scene.payment(payment["id"])["state"] == "sent"
    scene.bank_settles()
    scene.assert_paid_once(payment, 50_000_000)
