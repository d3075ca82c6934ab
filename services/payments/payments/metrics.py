"""Business figures read at scrape time: invoices by state, payments and rupiah by state, and the
invoices unpaid past their deadline (the alert ``PaymentsPastDeadline`` watches it)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from prometheus_client.core import Metric

from servicekit.metrics import CallbackCollector, gauge

from payments.application.reading import Payments
from payments.domain.invoice import InvoiceState
from payments.domain.payment import PaymentState

if TYPE_CHECKING:
    from prometheus_client.registry import Collector

    from servicekit.service import ServiceRuntime


def _figures(uows: Payments) -> tuple[dict[str, int], dict[str, tuple[int, int]], int]:
    with uows.read() as uow:
        return uow.invoices.count_by_state(), uow.payments.totals_by_state(), uow.invoices.count_overdue_unpaid()


def collectors(runtime: "ServiceRuntime") -> list["Collector"]:
    def produce() -> Iterable[Metric]:
        invoices, payments, overdue = _figures(runtime.uow)
        by_state = gauge("eorder_invoices_total", "Invoices by state", ("service", "state"))
        for state in InvoiceState:
            by_state.add_metric([runtime.name, state.value], invoices.get(state.value, 0))
        paid = gauge("eorder_payments_total", "Payments by state", ("service", "state"))
        rupiah = gauge("eorder_payments_rupiah", "Rupiah (gross) of payments by state", ("service", "state"))
        for state in PaymentState:
            count, total = payments.get(state.value, (0, 0))
            paid.add_metric([runtime.name, state.value], count)
            rupiah.add_metric([runtime.name, state.value], total)
        past = gauge("eorder_payments_past_deadline", "Invoices unpaid past the 3-working-day deadline", ("service",))
        past.add_metric([runtime.name], overdue)
        return [by_state, paid, rupiah, past]

    return [CallbackCollector(produce)]
