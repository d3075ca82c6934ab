"""Matching a bank statement with payments: by reference and net amount; leftovers on both sides."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from payments.domain.errors import InvalidFields
from payments.domain.payment import InvoiceFacts, Method, recorded_payment
from payments.domain.reconciliation import read_statement, reconcile

pytestmark = pytest.mark.unit

AT = datetime(2026, 3, 5, 3, tzinfo=UTC)


def paid(reference: str, amount: int):  # type: ignore[no-untyped-def]
    facts = InvoiceFacts(f"i-{reference}", "o", "DPPKUKM", "v", amount)
    return recorded_payment(payment_id=f"p-{reference}", invoice=facts, method=Method.KKPD, withholdings=(), payee=None, reference=reference, by="b", at=AT)


def test_lines_match_by_reference_and_amount() -> None:
    statement = "date,reference,amount,description\n2026-03-05,TRF-1,-1000000,to vendor\n2026-03-05,TRF-2,-500,wrong amount\n2026-03-06,ADM,-6500,bank fee\n"
    result = reconcile(read_statement(statement), [paid("TRF-1", 1_000_000), paid("TRF-2", 2_000_000), paid("TRF-3", 3_000)])
    assert [(line.reference, payment.id) for line, payment in result.matched] == [("TRF-1", "p-TRF-1")]
    assert [line.reference for line in result.unmatched_lines] == ["TRF-2", "ADM"]
    assert [payment.id for payment in result.unmatched_payments] == ["p-TRF-2", "p-TRF-3"]


@pytest.mark.parametrize(
    "statement",
    ["when,ref,amount\n2026-03-05,X,-1\n", "date,reference,amount,description\n2026-03-05,X,-1.5,fee\n", "date,reference,amount,description\n05/03/2026,X,-1,fee\n"],
)
def test_a_malformed_statement_names_the_field(statement: str) -> None:
    with pytest.raises(InvalidFields) as refused:
        read_statement(statement)
    assert list(refused.value.errors) == ["statement"]
