"""The 3-working-day promise: a reminder the working day before, payment.overdue after, each once;
a paid invoice is never reported. Sweeps are run by hand at chosen instants, never waited for."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from payments.application.deadlines import remind_before_deadline, report_overdue
from payments.settings import payment_policy
from payments.testing import PaymentsApi

pytestmark = pytest.mark.integration

# Thursday 5 March 2026, 10:00 in Jakarta: working days Friday 6, Monday 9, Tuesday 10 (weekend off).
BAST_AT = datetime(2026, 3, 5, 3, 0, tzinfo=UTC)
DUE_AT = datetime(2026, 3, 10, 16, 59, 59, 999999, tzinfo=UTC)


def sweep(api: PaymentsApi, sweeper, now: datetime) -> list:  # type: ignore[no-untyped-def]
    runtime = api.harness.runtime
    with runtime.uow.transaction() as uow:
        sweeper(runtime.uow, now, policy=payment_policy(runtime.settings))
        uow.commit()


def events_of(api: PaymentsApi, invoice: dict, kind: str) -> list:  # type: ignore[type-arg]
    return [e for e in api.harness.outbox(kind) if e.subject == invoice["id"]]


def test_the_deadline_counts_working_days_from_the_bast(api: PaymentsApi) -> None:
    invoice = api.bast(received_at=BAST_AT)
    assert datetime.fromisoformat(invoice["due_at"]) == DUE_AT


def test_a_reminder_then_overdue_each_once(api: PaymentsApi) -> None:
    invoice = api.bast(received_at=BAST_AT)
    sweep(api, remind_before_deadline, datetime(2026, 3, 9, 10, tzinfo=UTC))  # Monday: not yet
    assert events_of(api, invoice, "payment.reminder") == []
    sweep(api, remind_before_deadline, datetime(2026, 3, 10, 2, tzinfo=UTC))  # Tuesday morning: the last day
    sweep(api, remind_before_deadline, datetime(2026, 3, 10, 3, tzinfo=UTC))
    [reminder] = events_of(api, invoice, "payment.reminder")
    assert reminder.data["due_at"] == "2026-03-10T16:59:59.999999Z" and reminder.data["payment_id"] is None
    sweep(api, report_overdue, DUE_AT)  # at the deadline itself: still on time
    assert events_of(api, invoice, "payment.overdue") == []
    sweep(api, report_overdue, DUE_AT + timedelta(seconds=1))
    sweep(api, report_overdue, DUE_AT + timedelta(days=1))
    [overdue] = events_of(api, invoice, "payment.overdue")
    assert (overdue.data["gross"], overdue.data["withheld"], overdue.data["net"]) == (11_100_000, 1_250_000, 9_850_000)
    assert api.get(f"/invoices/{invoice['id']}", api.auditor()).json["overdue"] is True


def test_a_paid_invoice_is_never_overdue(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice(received_at=BAST_AT)
    assert api.pay(invoice, {"method": "kkpd", "reference": "K-1"}).status_code == 201
    sweep(api, report_overdue, DUE_AT + timedelta(days=30))
    assert events_of(api, invoice, "payment.overdue") == []
    punctuality = api.get("/punctuality?work_unit=DPPKUKM", api.auditor()).json["work_units"][0]
    assert punctuality["paid"] >= 1 and 0 <= punctuality["on_time_share"] <= 1
