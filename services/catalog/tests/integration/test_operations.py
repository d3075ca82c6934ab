"""Health, readiness and the OpenAPI document of the catalog."""
from __future__ import annotations

import warnings

import pytest

pytestmark = pytest.mark.integration


def test_health_and_readiness(catalog) -> None:
    assert catalog.client.get("/healthz").json == {"status": "ok", "service": "catalog"}
    assert catalog.client.get("/readyz").json["checks"] == {"database": "ok", "broker": "ok"}


def test_the_openapi_document_lists_every_endpoint(catalog) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no schema name clashes or other apispec complaints
        spec = catalog.client.get("/openapi.json").json
    paths = spec["paths"]
    assert set(paths) == {
        "/api/v1/catalog/categories",
        "/api/v1/catalog/categories/{slug}",
        "/api/v1/catalog/curation",
        "/api/v1/catalog/products",
        "/api/v1/catalog/products/{product_id}",
        "/api/v1/catalog/products/{product_id}/curation",
        "/api/v1/catalog/products/{product_id}/prices",
        "/api/v1/catalog/vendors/{vendor_id}/products",
    }
    assert paths["/api/v1/catalog/products"]["post"]["security"] == [{"bearerAuth": []}]
    assert "security" not in paths["/api/v1/catalog/products"]["get"]
    sort = next(p for p in paths["/api/v1/catalog/products"]["get"]["parameters"] if p["name"] == "sort")
    assert sort["schema"]["enum"] == ["relevance", "price", "-price", "newest"]
