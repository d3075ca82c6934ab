"""What the treasurer, the vendor and the auditor read: the ledger, withholdings, the payment record."""
from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from payments.application.reading import Payments
from payments.domain import beancount
from payments.domain.ledger import JournalEntry
from payments.domain.payment import Payment
from payments.domain.reconciliation import Reconciliation, read_statement, reconcile
from payments.settings import PaymentPolicy

WITHHOLDING_COLUMNS = ("settled_on", "payment_id", "invoice_id", "order_id", "vendor_id", "kind", "base", "rate_bp", "amount", "rule", "regulation")


def trial_balance(uows: Payments, *, work_unit: str | None) -> dict[str, int]:
    with uows.read() as uow:
        return uow.ledger.trial_balance(work_unit=work_unit)


def account_statement(uows: Payments, account: str, *, work_unit: str | None) -> list[dict[str, object]]:
    """Every line on the account, oldest first, with the running balance."""
    with uows.read() as uow:
        entries = uow.ledger.entries(work_unit=work_unit)
    balance, rows = 0, []
    for entry in entries:
        for line in entry.lines:
            if line.account == account:
                balance += line.amount
                rows.append({"entry_id": entry.id, "occurred_at": entry.occurred_at, "narration": entry.narration, "amount": line.amount, "balance": balance})
    return rows


def journal(uows: Payments, *, work_unit: str | None) -> list[JournalEntry]:
    with uows.read() as uow:
        return uow.ledger.entries(work_unit=work_unit)


def journal_as_beancount(uows: Payments, *, work_unit: str | None) -> str:
    return beancount.journal_text(journal(uows, work_unit=work_unit))


def _month_bounds(month: str, policy: PaymentPolicy) -> tuple[datetime, datetime]:
    first = date.fromisoformat(f"{month}-01")
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    zone = policy.calendar.zone
    return (
        datetime.combine(first, time.min, tzinfo=zone).astimezone(timezone.utc),
        datetime.combine(following, time.min, tzinfo=zone).astimezone(timezone.utc),
    )


def withholdings_csv(uows: Payments, month: str, *, work_unit: str | None, policy: PaymentPolicy) -> str:
    """Every tax withheld in the month (local time) by the work unit's treasurer, one row per tax."""
    start, end = _month_bounds(month, policy)
    with uows.read() as uow:
        payments = uow.payments.settled_between(start, end, work_unit=work_unit)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("work_unit", *WITHHOLDING_COLUMNS))
    for payment in payments:
        assert payment.settled_at is not None
        for w in payment.withholdings:
            writer.writerow((
                payment.work_unit, policy.calendar.local_date(payment.settled_at).isoformat(), payment.id, payment.invoice_id,
                payment.order_id, payment.vendor_id, w.kind, w.base, w.rate_bp, w.amount, w.rule, w.regulation,
            ))
    return out.getvalue()


def withholding_slip(payment: Payment) -> dict[str, object]:
    """What the vendor keeps as proof of what was withheld from its payment, and under which rule."""
    return {
        "payment_id": payment.id,
        "invoice_id": payment.invoice_id,
        "order_id": payment.order_id,
        "work_unit": payment.work_unit,
        "vendor_id": payment.vendor_id,
        "method": payment.method.value,
        "state": payment.state.value,
        "settled_at": payment.settled_at.isoformat() if payment.settled_at else None,
        "gross": payment.gross,
        "withheld": payment.withheld,
        "net": payment.net,
        "withholdings": [
            {"kind": w.kind, "base": w.base, "rate_bp": w.rate_bp, "amount": w.amount, "rule": w.rule, "regulation": w.regulation}
            for w in payment.withholdings
        ],
    }


@dataclass(frozen=True)
class Punctuality:
    work_unit: str
    paid: int
    on_time: int
    median_working_days: float | None

    @property
    def on_time_share(self) -> float | None:
        return None if self.paid == 0 else round(self.on_time / self.paid, 4)


def punctuality(uows: Payments, *, work_unit: str | None, policy: PaymentPolicy) -> list[Punctuality]:
    """Per work unit: invoices paid, how many within the deadline, and the median working days from
    the BAST to the payment."""
    with uows.read() as uow:
        invoices = {invoice.id: invoice for invoice in uow.invoices.all_of(work_unit=work_unit)}
        payments = uow.payments.settled(work_unit=work_unit)
    days: dict[str, list[int]] = {}
    on_time: dict[str, int] = {}
    for payment in payments:
        invoice = invoices[payment.invoice_id]
        assert payment.settled_at is not None
        days.setdefault(payment.work_unit, []).append(policy.calendar.working_days_between(invoice.bast.received_at, payment.settled_at))
        on_time[payment.work_unit] = on_time.get(payment.work_unit, 0) + (payment.settled_at <= invoice.due_at)
    units = sorted({invoice.bast.work_unit for invoice in invoices.values()})
    return [
        Punctuality(unit, len(days.get(unit, [])), on_time.get(unit, 0), float(statistics.median(days[unit])) if days.get(unit) else None)
        for unit in units
    ]


def reconcile_statement(uows: Payments, statement: str, *, work_unit: str, policy: PaymentPolicy) -> Reconciliation:
    """The statement's lines against the work unit's payments settled in the days it covers."""
    lines = read_statement(statement)
    if not lines:
        return Reconciliation([], [], [])
    zone = policy.calendar.zone
    start = datetime.combine(min(line.day for line in lines), time.min, tzinfo=zone).astimezone(timezone.utc)
    end = datetime.combine(max(line.day for line in lines), time.max, tzinfo=zone).astimezone(timezone.utc)
    with uows.read() as uow:
        payments = uow.payments.settled_between(start, end, work_unit=work_unit)
    return reconcile(lines, payments)
