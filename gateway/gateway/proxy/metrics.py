"""Upstream calls as Prometheus sees them (summed across gunicorn workers like servicekit's)."""
from __future__ import annotations

from prometheus_client import Counter, Histogram

UPSTREAM_REQUESTS = Counter(
    "eorder_gateway_upstream_requests_total",
    "Requests the gateway sent upstream, by outcome (status code, or error when there was no answer)",
    ["upstream", "method", "outcome"],
)
UPSTREAM_LATENCY = Histogram(
    "eorder_gateway_upstream_duration_seconds",
    "Time from sending a request upstream to having its whole answer",
    ["upstream"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
