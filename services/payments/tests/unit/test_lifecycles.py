"""The invoice and payment state machines: each step allowed only from its states, the amount fixed
by the BAST, four eyes on an autodebet."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from payments.domain.errors import AmountMismatch, InvalidFields, MissingTaxInvoice, SameApprover
from payments.domain.invoice import Bast, InvoiceState, VendorConfirmation, draft
from payments.domain.payment import InvoiceFacts, Method, PayeeAccount, PaymentState, recorded_payment
from payments.domain.tax import Supply
from servicekit.errors import IllegalTransition

pytestmark = pytest.mark.unit

AT = datetime(2026, 3, 4, 7, 30, tzinfo=UTC)
BAST = Bast("o1", "DPPKUKM", "v1", "pk1", "RUP-1", "5.1.02", "BAST/1", "0" * 64, True, Supply.GOODS, 10_000_000, 1_100_000, 11_100_000, AT)
FAKTUR = "02002500000000017"


def drafted(**bast: object):  # type: ignore[no-untyped-def]
    return draft("i1", replace(BAST, **bast), remind_at=AT, due_at=AT, at=AT)


def confirmation(amount: int = 11_100_000, tax_invoice: str | None = FAKTUR, on: date = date(2026, 3, 4)) -> VendorConfirmation:
    return VendorConfirmation("INV/1", on, amount, tax_invoice)


def test_the_happy_path() -> None:
    invoice = drafted().submit(confirmation(), AT).accept("bendahara", AT).mark_paid()
    assert invoice.state is InvoiceState.PAID and invoice.version == 4


def test_returned_and_submitted_again() -> None:
    returned = drafted().submit(confirmation(), AT).send_back(["wrong date", "  "], "bendahara", AT)
    assert returned.state is InvoiceState.RETURNED and returned.return_reasons == ("wrong date",)
    assert returned.submit(confirmation(), AT).return_reasons == ()


@pytest.mark.parametrize("amount", [11_099_999, 11_100_001, 0])
def test_the_amount_is_the_basts(amount: int) -> None:
    with pytest.raises(AmountMismatch) as refused:
        drafted().submit(confirmation(amount), AT)
    assert refused.value.errors == {"amount": ["must be 11100000 (the BAST's amount)"]}


def test_the_faktur_pajak_goes_with_vat_registration() -> None:
    with pytest.raises(MissingTaxInvoice):
        drafted().submit(confirmation(tax_invoice=None), AT)
    with pytest.raises(InvalidFields):
        drafted(vat_registered=False, vat=0, total=10_000_000).submit(confirmation(10_000_000), AT)


def test_an_invoice_cannot_be_dated_before_its_bast() -> None:
    with pytest.raises(InvalidFields):
        drafted().submit(confirmation(on=date(2026, 3, 3)), AT)


def test_a_bast_whose_total_is_not_subtotal_plus_vat_is_refused() -> None:
    with pytest.raises(InvalidFields):
        drafted(total=11_100_001)


@pytest.mark.parametrize("step", ["accept", "pay", "return"])
def test_a_drafted_invoice_cannot_skip_ahead(step: str) -> None:
    invoice = drafted()
    act = {"accept": lambda: invoice.accept("b", AT), "pay": invoice.mark_paid, "return": lambda: invoice.send_back(["x"], "b", AT)}[step]
    with pytest.raises(IllegalTransition) as refused:
        act()
    assert refused.value.current == "drafted"


def test_a_paid_invoice_cannot_be_voided() -> None:
    paid = drafted().submit(confirmation(), AT).accept("b", AT).mark_paid()
    assert not paid.voidable
    with pytest.raises(IllegalTransition):
        paid.void()


FACTS = InvoiceFacts("i1", "o1", "DPPKUKM", "v1", 11_100_000)
PAYEE = PayeeAccount("111", "10123456789", "Sri")


def autodebet():  # type: ignore[no-untyped-def]
    return recorded_payment(payment_id="p1", invoice=FACTS, method=Method.AUTODEBET, withholdings=(), payee=PAYEE, reference=None, by="bendahara", at=AT)


def test_manual_and_card_payments_are_settled_when_recorded() -> None:
    for method in (Method.MANUAL_TRANSFER, Method.KKPD):
        payment = recorded_payment(payment_id="p", invoice=FACTS, method=method, withholdings=(), payee=None, reference="R", by="b", at=AT)
        assert payment.state is PaymentState.SETTLED and payment.settled_at == AT


def test_an_autodebet_goes_through_approval_and_the_bank() -> None:
    payment = autodebet()
    assert payment.state is PaymentState.REQUESTED
    sent = payment.approve("kpa").send()
    assert sent.state is PaymentState.SENT and sent.holds_invoice
    assert sent.settle(AT, "BANK-1").state is PaymentState.SETTLED
    failed = sent.fail("insufficient funds")
    assert failed.state is PaymentState.FAILED and not failed.holds_invoice


def test_the_requester_never_approves() -> None:
    with pytest.raises(SameApprover):
        autodebet().approve("bendahara")


def test_a_held_payment_needs_reconfirmation_before_it_is_sent() -> None:
    held = autodebet().approve("kpa").hold()
    with pytest.raises(IllegalTransition):
        held.send()
    assert held.reconfirm(PAYEE).send().state is PaymentState.SENT


def test_a_settled_payment_is_final() -> None:
    settled = autodebet().approve("kpa").send().settle(AT)
    for step in (settled.send, lambda: settled.fail("x"), lambda: settled.settle(AT)):
        with pytest.raises(IllegalTransition):
            step()
