"""Whether an upstream is ready: its own /readyz, asked through its pooled client."""
from __future__ import annotations

from typing import Callable

from gateway.adapters.upstreams.client import UpstreamClient


def upstream_ready(client: UpstreamClient) -> Callable[[], None]:
    def check() -> None:
        answer = client.request("GET", "/readyz", headers={"Accept": "application/json"})
        if answer.status != 200:
            raise ConnectionError(f"{client.name} answered {answer.status} on /readyz")

    return check
