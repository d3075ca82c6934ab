"""Fetching each routed service's ``/openapi.json`` and keeping the merged result for a short while."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Mapping

import structlog

from gateway.docs.merge import merge_documents
from gateway.proxy.client import Upstreams
from gateway.proxy.errors import UpstreamError

log = structlog.get_logger(__name__)


class MergedDocs:
    def __init__(
        self,
        upstreams: Upstreams,
        own_document: Callable[[], Mapping[str, Any]],
        *,
        cache_seconds: float,
        info: Mapping[str, Any],
    ) -> None:
        self.upstreams = upstreams
        self.own_document = own_document
        self.cache_seconds = cache_seconds
        self.info = dict(info)
        self._lock = threading.Lock()
        self._cached: tuple[float, dict[str, Any]] | None = None

    def document(self) -> dict[str, Any]:
        with self._lock:
            if self._cached is not None and time.monotonic() - self._cached[0] < self.cache_seconds:
                return self._cached[1]
        documents: dict[str, Mapping[str, Any]] = {"gateway": self.own_document()}
        unavailable = []
        for name in self.upstreams.names:
            fetched = self._fetch(name)
            if fetched is None:
                unavailable.append(name)
            else:
                documents[name] = fetched
        merged = merge_documents(self.info, documents, unavailable=unavailable)
        # A document missing a service is not kept: the next request tries that service again.
        if not unavailable:
            with self._lock:
                self._cached = (time.monotonic(), merged)
        return merged

    def _fetch(self, name: str) -> Mapping[str, Any] | None:
        client = self.upstreams.get(name)
        assert client is not None
        try:
            response = client.request("GET", "/openapi.json", headers={"Accept": "application/json"})
            if response.status == 200:
                document: Mapping[str, Any] = response.json()
                return document
            log.warning("openapi document not served", upstream=name, status=response.status)
        except (UpstreamError, ValueError) as exc:
            log.warning("openapi document unavailable", upstream=name, error=str(exc))
        return None
