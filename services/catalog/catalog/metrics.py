"""Business figures for Prometheus, read from the database at scrape time."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from prometheus_client.core import Metric

from servicekit.metrics import CallbackCollector, gauge

from catalog.application.queries import product_figures
from catalog.domain.curation import CurationState
from catalog.settings import CatalogSettings

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime


def collectors(runtime: "ServiceRuntime") -> list[CallbackCollector]:
    markup = CatalogSettings.from_settings(runtime.settings).markup_rule

    def produce() -> Iterable[Metric]:
        by_state, above = product_figures(runtime.uow, markup)
        total = gauge("eorder_products_total", "Products by curation state", ["service", "state"])
        for state in CurationState:
            total.add_metric([runtime.name, state.value], by_state.get(state.value, 0))
        flagged = gauge(
            "eorder_products_above_reference_total",
            "Listed products priced more than the markup threshold above their category's median",
        )
        flagged.add_metric([runtime.name], above)
        return [total, flagged]

    return [CallbackCollector(produce)]
