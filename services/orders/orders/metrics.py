"""Business figures read from the database at scrape time: orders and rupiah by state, time spent in
each state, deadlines missed, and orders past a deadline now (what the alert watches)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from prometheus_client.core import Metric

from servicekit.metrics import CallbackCollector, gauge
from servicekit.storage import utcnow

from orders.application.deadlines import WITH_DEADLINE
from orders.application.reading import order_figures
from orders.domain.lifecycle import State

if TYPE_CHECKING:
    from prometheus_client.registry import Collector

    from servicekit.service import ServiceRuntime

DEADLINE_KINDS = ("approval", "vendor_response", "receipt_check")


def collectors(runtime: "ServiceRuntime") -> list["Collector"]:
    def produce() -> Iterable[Metric]:
        figures = order_figures(runtime.uow, utcnow(), WITH_DEADLINE)
        labels = ("service", "state")
        count = gauge("eorder_orders_total", "Orders by state", labels)
        rupiah = gauge("eorder_rupiah_ordered_total", "Rupiah ordered (order totals incl. VAT) by state", labels)
        stays = gauge("eorder_orders_state_stays_total", "Finished stays of orders in each state", labels)
        seconds = gauge("eorder_orders_state_seconds_total", "Seconds orders spent in each state (finished stays)", labels)
        past = gauge("eorder_orders_past_deadline", "Orders in a state whose deadline has passed now", labels)
        missed = gauge("eorder_orders_deadlines_missed_total", "Orders that missed a deadline, by deadline", ("service", "deadline"))
        # Every state, zeros included, so that a series does not vanish when its last order moves on.
        for state in State:
            number, total = figures["by_state"].get(state.value, (0, 0))
            count.add_metric([runtime.name, state.value], number)
            rupiah.add_metric([runtime.name, state.value], total)
            stay_count, stay_seconds = figures["stays"].get(state.value, (0, 0.0))
            stays.add_metric([runtime.name, state.value], stay_count)
            seconds.add_metric([runtime.name, state.value], stay_seconds)
        for state in WITH_DEADLINE:
            past.add_metric([runtime.name, state.value], figures["past_deadline"].get(state.value, 0))
        for kind in DEADLINE_KINDS:
            missed.add_metric([runtime.name, kind], figures["missed"].get(kind, 0))
        return [count, rupiah, stays, seconds, past, missed]

    return [CallbackCollector(produce)]
