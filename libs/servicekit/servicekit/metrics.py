"""Prometheus metrics shared by every service, labelled by service.

Under gunicorn the multiprocess mode is used (PROMETHEUS_MULTIPROC_DIR set): counters and histograms
are summed across workers at scrape time. Figures read from the database (outbox backlog, business
figures) are produced by collectors at scrape time, so they are right whichever process answers.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

HTTP_REQUESTS = Counter(
    "eorder_http_requests_total", "HTTP requests answered", ["service", "method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "eorder_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
EVENTS_PUBLISHED = Counter("eorder_events_published_total", "Events confirmed by the broker", ["service", "type"])
EVENTS_UNROUTABLE = Counter(
    "eorder_events_unroutable_total",
    "Events returned by the broker (no queue bound, no alternate exchange): kept pending in the outbox",
    ["service", "type"],
)
EVENTS_CONSUMED = Counter("eorder_events_consumed_total", "Events handled and committed", ["service", "type"])
EVENTS_RETRIED = Counter("eorder_events_retried_total", "Failed handler attempts that were retried", ["service", "type"])
EVENTS_DEAD_LETTERED = Counter(
    "eorder_events_dead_lettered_total", "Events given up on and sent to the dead-letter queue", ["service", "type"]
)
INBOX_DUPLICATES = Counter(
    "eorder_inbox_duplicates_total", "Deliveries skipped because the event was already handled", ["service", "type"]
)


def gauge(name: str, documentation: str, labels: Iterable[str] = ("service",)) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, labels=list(labels))


class CallbackCollector(Collector):
    """Produces gauges at scrape time from a function (typically database queries)."""

    def __init__(self, produce: Callable[[], Iterable[Metric]]) -> None:
        self._produce = produce

    def collect(self) -> Iterable[Metric]:
        try:
            yield from self._produce()
        except Exception:  # a scrape must not fail because the database is briefly away
            return


def render(collectors: Iterable[Collector]) -> tuple[bytes, str]:
    """The text exposition of this process (or of all gunicorn workers) plus scrape-time collectors."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        registry = _GlobalPlus(REGISTRY)
    for collector in collectors:
        registry.register(collector)
    try:
        return generate_latest(registry), CONTENT_TYPE_LATEST
    finally:
        for collector in collectors:
            registry.unregister(collector)


class _GlobalPlus(CollectorRegistry):
    """The process-global registry plus collectors registered on this view only."""

    def __init__(self, base: CollectorRegistry) -> None:
        super().__init__(auto_describe=False)
        self._base = base

    def collect(self) -> Iterable[Metric]:
        yield from self._base.collect()
        yield from super().collect()


def outbox_collector(service: str, backlog: Callable[[], tuple[int, float]]) -> CallbackCollector:
    """Outbox backlog and the age of its oldest event, read from the database at scrape time."""

    def produce() -> Iterable[Metric]:
        count, age = backlog()
        pending = gauge("eorder_outbox_backlog", "Events waiting in the outbox")
        pending.add_metric([service], count)
        oldest = gauge("eorder_outbox_oldest_age_seconds", "Age of the oldest event waiting in the outbox")
        oldest.add_metric([service], age)
        return [pending, oldest]

    return CallbackCollector(produce)


def unroutable_collector(service: str, waiting: Callable[[], int]) -> CallbackCollector:
    """Events the alternate exchange kept because no queue was bound for them, read from the broker
    at scrape time (the queue is the platform's, so every service reports the same figure)."""

    def produce() -> Iterable[Metric]:
        held = gauge("eorder_events_unroutable_waiting", "Unroutable events kept for replay in the unroutable queue")
        held.add_metric([service], waiting())
        return [held]

    return CallbackCollector(produce)
