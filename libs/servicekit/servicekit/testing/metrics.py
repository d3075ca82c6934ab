"""Read one figure from a Prometheus text exposition, as a scrape would see it."""
from __future__ import annotations

import re


def metric_value(exposition: str, name: str) -> float:
    """The value of the (first) sample of ``name``; fails when it is not exported."""
    found = re.search(rf"^{re.escape(name)}(?:{{[^}}]*}})? ([0-9.e+-]+|NaN)$", exposition, re.MULTILINE)
    assert found, f"{name} is not exported"
    return float(found.group(1))
