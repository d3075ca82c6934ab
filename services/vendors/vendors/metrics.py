"""Business figures read from the database at scrape time: vendors by status and scale."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from prometheus_client.core import Metric

from servicekit.metrics import CallbackCollector, gauge

from vendors.domain.lifecycle import Status
from vendors.domain.scale import UMKM_SCALES
from vendors.application.reading import vendor_counts

if TYPE_CHECKING:
    from prometheus_client.registry import Collector

    from servicekit.service import ServiceRuntime


def collectors(runtime: "ServiceRuntime") -> list["Collector"]:
    def produce() -> Iterable[Metric]:
        counts = vendor_counts(runtime.uow)
        vendors = gauge("eorder_vendors_total", "Vendors by verification status and business scale", ("service", "status", "scale"))
        # Every combination, zeros included, so that a series does not vanish when its last vendor moves on.
        for status in Status:
            for scale in UMKM_SCALES:
                vendors.add_metric([runtime.name, status.value, scale.value], counts.get((status.value, scale.value), 0))
        return [vendors]

    return [CallbackCollector(produce)]
