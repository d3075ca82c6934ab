"""The use cases on fake repositories: what each stores, publishes and commits, and what it refuses,
without a database (the same use cases run on SQLite and PostgreSQL in integration/)."""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

import eorder_contracts
from payments.application.drafting import cancel_order, draft_invoice
from payments.application.invoicing import accept_invoice, submit_invoice
from payments.application.paying import PaymentOrder, approve_payment, pay_invoice
from payments.domain.errors import AlreadyPaid, InvoiceNotFound, PaymentNotFound, SameApprover
from payments.domain.invoice import Bast, Invoice, InvoiceState, VendorConfirmation
from payments.domain.ledger import JournalEntry
from payments.domain.payment import Method, PayeeAccount, Payment, PaymentState
from payments.domain.tax import DEFAULT_RULES_FILE, Supply, read_rules
from payments.domain.vendor_account import VendorAccount
from payments.settings import PaymentPolicy
from payments.testing import PDF_PROOF
from servicekit.actors import Actor
from servicekit.deadlines import WorkingCalendar
from servicekit.events.contracts import ContractRegistry
from servicekit.testing.memory import MemoryUnitsOfWork

pytestmark = pytest.mark.unit

CONTRACTS = ContractRegistry([eorder_contracts.SCHEMA_DIR])
POLICY = PaymentPolicy(tuple(read_rules(DEFAULT_RULES_FILE)), 3, 2, 512 * 1024, WorkingCalendar())
TREASURER = Actor("bendahara", ("treasurer",))
BUDGET_HOLDER = Actor("kpa", ("budget_holder",))
VENDOR = Actor("vendor-user", ("vendor",))
RECEIVED = datetime.now(UTC) - timedelta(hours=1)


@dataclass
class FakeInvoices:
    rows: dict[str, Invoice] = field(default_factory=dict)
    cancelled: set[str] = field(default_factory=set)

    def get(self, invoice_id: str) -> Invoice | None:
        return self.rows.get(invoice_id)

    def require(self, invoice_id: str) -> Invoice:
        if invoice_id not in self.rows:
            raise InvoiceNotFound()
        return self.rows[invoice_id]

    def of_order(self, order_id: str) -> Invoice | None:
        return next((i for i in self.rows.values() if i.bast.order_id == order_id), None)

    def add(self, invoice: Invoice) -> None:
        self.rows[invoice.id] = invoice

    def replace(self, invoice: Invoice, *, previous: Invoice) -> None:
        assert self.rows[invoice.id].version == previous.version
        self.rows[invoice.id] = invoice

    def purchase_totals(self, work_unit: str, vendor_id: str, start: datetime, end: datetime) -> tuple[int, int]:
        same = [
            i.bast for i in self.rows.values()
            if (i.bast.work_unit, i.bast.vendor_id) == (work_unit, vendor_id) and start <= i.bast.received_at < end and i.state is not InvoiceState.VOID
        ]  # fmt: skip
        return sum(b.subtotal for b in same), sum(b.total for b in same)

    def order_cancelled(self, order_id: str) -> bool:
        return order_id in self.cancelled

    def record_cancellation(self, order_id: str, at: datetime) -> None:
        self.cancelled.add(order_id)


@dataclass
class FakePayments:
    rows: dict[str, Payment] = field(default_factory=dict)
    proofs: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def require(self, payment_id: str) -> Payment:
        if payment_id not in self.rows:
            raise PaymentNotFound()
        return self.rows[payment_id]

    def live_of_invoice(self, invoice_id: str) -> Payment | None:
        return next((p for p in self.rows.values() if p.invoice_id == invoice_id and p.holds_invoice), None)

    def add(self, payment: Payment) -> None:
        if self.live_of_invoice(payment.invoice_id):
            raise AlreadyPaid()
        self.rows[payment.id] = payment

    def replace(self, payment: Payment, *, previous: Payment) -> None:
        self.rows[payment.id] = payment

    def store_proof(self, payment_id: str, content_type: str, sha256: str, content: bytes) -> None:
        self.proofs[payment_id] = (content_type, content)


@dataclass
class FakeLedger:
    kept: list[JournalEntry] = field(default_factory=list)

    def append(self, entry: JournalEntry) -> None:
        self.kept.append(entry)

    def entries(self, *, reference: str | None = None, work_unit: str | None = None) -> list[JournalEntry]:
        return [e for e in self.kept if reference in (None, e.reference) and work_unit in (None, e.work_unit)]

    def reversed_ids(self) -> set[str]:
        return {e.reverses for e in self.kept if e.reverses}


@dataclass
class FakeVendorAccounts:
    rows: dict[str, VendorAccount] = field(default_factory=dict)

    def get(self, vendor_id: str) -> VendorAccount | None:
        return self.rows.get(vendor_id)


@pytest.fixture
def uows() -> MemoryUnitsOfWork:
    return MemoryUnitsOfWork(
        contracts=CONTRACTS, invoices=FakeInvoices(), payments=FakePayments(), ledger=FakeLedger(), vendor_accounts=FakeVendorAccounts()
    )


def bast(order_id: str = "5b0f3a1e-8c2d-4e6f-9a7b-1c3d5e7f9a0b") -> Bast:
    return Bast(order_id, "DPPKUKM", "0c5f6b1e-2a3d-4b5c-8d7e-9f0a1b2c3d4e", "pk", "RUP-1", "5.1.02", "BAST/1", "0" * 64, False, Supply.GOODS, 3_000_000, 0, 3_000_000, RECEIVED)


def accepted(uows: MemoryUnitsOfWork) -> Invoice:
    invoice = draft_invoice(uows, bast(), policy=POLICY)
    assert invoice is not None
    submit_invoice(uows, invoice.id, VendorConfirmation("INV-1", date.today(), 3_000_000, None), actor=VENDOR)
    return accept_invoice(uows, invoice.id, actor=TREASURER)


def test_drafting_stores_the_invoice_its_bast_entry_and_publishes(uows: MemoryUnitsOfWork) -> None:
    invoice = draft_invoice(uows, bast(), policy=POLICY)
    assert invoice is not None and invoice.due_at == POLICY.calendar.add_working_days(RECEIVED, 3)
    assert [e.type for e in uows.published] == ["invoice.drafted"] and uows.commits == 1
    assert [entry.kind.value for entry in uows.repositories["ledger"].kept] == ["bast"]
    assert draft_invoice(uows, bast(), policy=POLICY) == invoice  # the same BAST again: nothing new
    assert [e.type for e in uows.published] == ["invoice.drafted"]


def test_a_cancelled_order_is_never_drafted(uows: MemoryUnitsOfWork) -> None:
    cancel_order(uows, bast().order_id, at=RECEIVED)
    assert draft_invoice(uows, bast(), policy=POLICY) is None
    assert uows.published == []


def test_paying_by_card_settles_and_withholds(uows: MemoryUnitsOfWork) -> None:
    invoice = accepted(uows)
    payment = pay_invoice(uows, invoice.id, PaymentOrder(Method.KKPD, "KKPD-1"), actor=TREASURER, policy=POLICY)
    assert (payment.state, payment.withheld, payment.net) == (PaymentState.SETTLED, 45_000, 2_955_000)
    assert uows.repositories["invoices"].rows[invoice.id].state is InvoiceState.PAID
    assert [e.type for e in uows.published][-1] == "payment.settled"
    with pytest.raises(AlreadyPaid):
        pay_invoice(uows, invoice.id, PaymentOrder(Method.KKPD, "KKPD-2"), actor=TREASURER, policy=POLICY)


def test_a_manual_transfer_keeps_its_proof(uows: MemoryUnitsOfWork) -> None:
    invoice = accepted(uows)
    order = PaymentOrder(Method.MANUAL_TRANSFER, "TRF-1", base64.b64encode(PDF_PROOF).decode())
    payment = pay_invoice(uows, invoice.id, order, actor=TREASURER, policy=POLICY)
    assert uows.repositories["payments"].proofs[payment.id] == ("application/pdf", PDF_PROOF)


def test_the_vendors_certificate_switches_to_the_final_tax(uows: MemoryUnitsOfWork) -> None:
    invoice = accepted(uows)
    uows.repositories["vendor_accounts"].rows[invoice.bast.vendor_id] = VendorAccount(
        invoice.bast.vendor_id, 1, "Bank DKI", PayeeAccount("111", "10123456789", "Sri"), "KET-1", date(2099, 12, 31), RECEIVED - timedelta(days=30), RECEIVED
    )
    payment = pay_invoice(uows, invoice.id, PaymentOrder(Method.KKPD, "K"), actor=TREASURER, policy=POLICY)
    assert [(w.kind, w.amount) for w in payment.withholdings] == [("pph_final", 15_000)]


def test_an_autodebet_is_approved_by_someone_else(uows: MemoryUnitsOfWork) -> None:
    invoice = accepted(uows)
    uows.repositories["vendor_accounts"].rows[invoice.bast.vendor_id] = VendorAccount(
        invoice.bast.vendor_id, 1, "Bank DKI", PayeeAccount("111", "10123456789", "Sri"), None, None, RECEIVED - timedelta(days=30), RECEIVED
    )
    payment = pay_invoice(uows, invoice.id, PaymentOrder(Method.AUTODEBET), actor=TREASURER, policy=POLICY)
    with pytest.raises(SameApprover):
        approve_payment(uows, payment.id, actor=TREASURER, policy=POLICY)
    assert approve_payment(uows, payment.id, actor=BUDGET_HOLDER, policy=POLICY).state is PaymentState.APPROVED
    assert [e.type for e in uows.published][-2:] == ["payment.requested", "payment.approved"]
