"""Asking the vendors and catalog services at the same time, and tolerating a missing catalog."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Mapping
from urllib.parse import quote, urlencode

import structlog

from servicekit.errors import NotFound

from gateway.adapters.upstreams.client import UpstreamClient, UpstreamResponse, Upstreams
from gateway.adapters.upstreams.errors import ServiceNotDeployed, UpstreamBroken, UpstreamError
from gateway.domain.storefront import storefront

log = structlog.get_logger(__name__)

# The catalog's filter of products by their vendor (services/catalog/README.md).
CATALOG_VENDOR_FILTER = "vendor"


class StorefrontReader:
    def __init__(self, upstreams: Upstreams, *, products_limit: int, workers: int = 8) -> None:
        self.upstreams = upstreams
        self.products_limit = products_limit
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="storefront")

    def read(self, vendor_id: str, headers: Mapping[str, str]) -> dict[str, Any]:
        vendors = self.upstreams.get("vendors")
        if vendors is None:
            raise ServiceNotDeployed("vendors")
        catalog = self.upstreams.get("catalog")
        vendor_call = self._pool.submit(vendors.request, "GET", f"/api/v1/vendors/{quote(vendor_id, safe='')}", headers=headers)
        products_call = self._pool.submit(self._products, catalog, vendor_id, headers) if catalog else None
        vendor = self._vendor(vendor_call.result())
        return storefront(vendor, self._collect(products_call))

    def _products(self, catalog: UpstreamClient, vendor_id: str, headers: Mapping[str, str]) -> UpstreamResponse:
        query = urlencode({CATALOG_VENDOR_FILTER: vendor_id, "limit": self.products_limit})
        return catalog.request("GET", f"/api/v1/catalog/products?{query}", headers=headers)

    @staticmethod
    def _vendor(response: UpstreamResponse) -> Mapping[str, Any]:
        if response.status in (400, 404):  # a malformed id cannot name a vendor either
            raise NotFound("vendor not found")
        if response.status != 200:
            raise UpstreamBroken("vendors", f"the vendors service answered {response.status}")
        vendor: Mapping[str, Any] = response.json()
        return vendor

    @staticmethod
    def _collect(call: Future[UpstreamResponse] | None) -> list[Any] | None:
        """The vendor's products, or None when the catalog is not deployed, away or failing."""
        if call is None:
            return None
        try:
            response = call.result()
        except UpstreamError as exc:
            log.warning("storefront without products", reason=exc.detail)
            return None
        if response.status != 200:
            log.warning("storefront without products", status=response.status)
            return None
        items: list[Any] = response.json().get("items", [])
        return items
