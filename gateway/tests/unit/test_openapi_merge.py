from __future__ import annotations

import pytest

from gateway.docs.merge import merge_documents

pytestmark = pytest.mark.unit


def doc(path: str, schema: str, tag: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": tag, "version": "1"},
        "tags": [{"name": tag}],
        "paths": {
            path: {
                "get": {
                    "responses": {
                        "200": {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}},
                        "default": {"$ref": "#/components/responses/DEFAULT_ERROR"},
                    },
                    "security": [{"bearerAuth": []}],
                }
            }
        },
        "components": {
            "schemas": {schema: {"type": "object", "properties": {"next": {"$ref": f"#/components/schemas/{schema}"}}}},
            "responses": {"DEFAULT_ERROR": {"description": "error"}},
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }


def test_components_are_prefixed_and_references_follow() -> None:
    merged = merge_documents(
        {"title": "all", "version": "1"},
        {"vendors": doc("/api/v1/vendors", "Item", "vendors"), "catalog": doc("/api/v1/catalog/products", "Item", "products")},
    )
    assert set(merged["paths"]) == {"/api/v1/vendors", "/api/v1/catalog/products"}
    assert set(merged["components"]["schemas"]) == {"vendors_Item", "catalog_Item"}
    catalog_get = merged["paths"]["/api/v1/catalog/products"]["get"]
    assert catalog_get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/catalog_Item"
    assert catalog_get["responses"]["default"]["$ref"] == "#/components/responses/catalog_DEFAULT_ERROR"
    nested = merged["components"]["schemas"]["vendors_Item"]["properties"]["next"]["$ref"]
    assert nested == "#/components/schemas/vendors_Item"
    assert merged["components"]["securitySchemes"] == {"bearerAuth": {"type": "http", "scheme": "bearer"}}
    assert [t["name"] for t in merged["tags"]] == ["vendors", "products"]


def test_unavailable_services_are_named() -> None:
    merged = merge_documents({"title": "all", "version": "1"}, {}, unavailable=["catalog"])
    assert merged["info"]["x-unavailable-services"] == ["catalog"]
    assert merged["paths"] == {}
