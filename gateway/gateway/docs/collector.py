"""Fetching each routed service's ``/openapi.json`` and keeping what was fetched for a short while."""
from __future__ import annotations

import time
from typing import Any, Callable, Mapping

import structlog

from gateway.docs.merge import merge_documents
from gateway.adapters.upstreams.client import UpstreamClient, Upstreams
from gateway.adapters.upstreams.errors import UpstreamError

log = structlog.get_logger(__name__)


class ServiceDocuments:
    """Each routed service's OpenAPI document, fetched when asked for and kept ``cache_seconds``."""

    def __init__(self, upstreams: Upstreams, *, cache_seconds: float) -> None:
        self.upstreams = upstreams
        self.cache_seconds = cache_seconds
        # Each service's document with when it was fetched. A service that could not be asked has no
        # fresh entry, so the next request asks it again, and only it: the others are not fetched
        # again while their documents are fresh. (Replacing an entry is atomic; no lock is needed.)
        self._fetched: dict[str, tuple[float, Mapping[str, Any]]] = {}

    def fresh(self, entry: tuple[float, Any] | None) -> Any:
        if entry is not None and time.monotonic() - entry[0] < self.cache_seconds:
            return entry[1]
        return None

    def get(self, name: str) -> Mapping[str, Any] | None:
        """The service's document, or None when it cannot be had now."""
        fetched = self.fresh(self._fetched.get(name))
        if fetched is not None:
            return fetched  # type: ignore[no-any-return]
        client = self.upstreams.get(name)
        return self._fetch(name, client) if client is not None else None

    def _fetch(self, name: str, client: UpstreamClient) -> Mapping[str, Any] | None:
        try:
            response = client.request("GET", "/openapi.json", headers={"Accept": "application/json"})
            if response.status == 200:
                document: Mapping[str, Any] = response.json()
                self._fetched[name] = (time.monotonic(), document)
                return document
            log.warning("openapi document not served", upstream=name, status=response.status)
        except (UpstreamError, ValueError) as exc:
            log.warning("openapi document unavailable", upstream=name, error=str(exc))
        return None


class MergedDocs:
    def __init__(
        self,
        documents: ServiceDocuments,
        own_document: Callable[[], Mapping[str, Any]],
        *,
        info: Mapping[str, Any],
    ) -> None:
        self.documents = documents
        self.own_document = own_document
        self.info = dict(info)
        # The merged document, kept only when no service was missing from it.
        self._merged: tuple[float, dict[str, Any]] | None = None

    def document(self) -> dict[str, Any]:
        merged = self.documents.fresh(self._merged)
        if merged is not None:
            return merged  # type: ignore[no-any-return]
        documents: dict[str, Mapping[str, Any]] = {"gateway": self.own_document()}
        unavailable = []
        for name, _client in self.documents.upstreams.items():
            fetched = self.documents.get(name)
            if fetched is None:
                unavailable.append(name)
            else:
                documents[name] = fetched
        merged = merge_documents(self.info, documents, unavailable=unavailable)
        if not unavailable:
            self._merged = (time.monotonic(), merged)
        return merged
