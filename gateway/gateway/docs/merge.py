"""Merging OpenAPI 3 documents (plain data, no I/O).

Paths are already disjoint (each service serves ``/api/v1/<service>/...``). Component names are not:
two services may both have a ``VendorSchema``, so every component of a service is renamed
``<service>_<Name>`` and every reference to it rewritten. Security schemes are the platform's one
bearer scheme and are kept as they are.
"""
from __future__ import annotations

import copy
from typing import Any, Mapping

from servicekit.http.openapi import problem_response_name

SHARED_COMPONENTS = frozenset({"securitySchemes"})
REF_PREFIX = "#/components/"
GATEWAY = "gateway"
PROXY_PROBLEMS = (429, 502, 503, 504)
"""What the gateway itself may answer for a proxied operation: its rate limit, and an upstream that
is broken, down or too slow (the gateway's own document defines these problem responses)."""
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def _prefixed(service: str, name: str) -> str:
    return f"{service}_{name}"


def _rewrite_refs(node: Any, service: str) -> Any:
    if isinstance(node, dict):
        rewritten = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF_PREFIX):
                kind, _, name = value[len(REF_PREFIX):].partition("/")
                rewritten[key] = value if kind in SHARED_COMPONENTS else f"{REF_PREFIX}{kind}/{_prefixed(service, name)}"
            else:
                rewritten[key] = _rewrite_refs(value, service)
        return rewritten
    if isinstance(node, list):
        return [_rewrite_refs(item, service) for item in node]
    return node


def namespaced(service: str, document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of one service's document whose component names cannot collide with another's."""
    doc = _rewrite_refs(copy.deepcopy(dict(document)), service)
    components: dict[str, Any] = {}
    for kind, entries in (doc.get("components") or {}).items():
        if kind in SHARED_COMPONENTS:
            components[kind] = entries
        else:
            components[kind] = {_prefixed(service, name): value for name, value in entries.items()}
    doc["components"] = components
    return doc


def merge_documents(
    info: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]], *, unavailable: list[str] | None = None
) -> dict[str, Any]:
    """One document from ``{service: its document}``; the first service to claim a path keeps it."""
    merged: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": dict(info),
        "servers": [{"url": "/"}],
        "paths": {},
        "components": {},
        "tags": [],
    }
    if unavailable:
        merged["info"]["x-unavailable-services"] = sorted(unavailable)
    seen_tags: set[str] = set()
    for service, document in documents.items():
        doc = namespaced(service, document)
        if service != GATEWAY:
            _add_proxy_problems(doc)
        for path, operations in (doc.get("paths") or {}).items():
            merged["paths"].setdefault(path, operations)
        for kind, entries in doc["components"].items():
            target = merged["components"].setdefault(kind, {})
            for name, value in entries.items():
                target.setdefault(name, value)
        for tag in doc.get("tags") or []:
            if tag.get("name") not in seen_tags:
                seen_tags.add(tag.get("name"))
                merged["tags"].append(tag)
    return merged


def _add_proxy_problems(doc: dict[str, Any]) -> None:
    for operations in (doc.get("paths") or {}).values():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in PROXY_PROBLEMS:
                reference = f"{REF_PREFIX}responses/{_prefixed(GATEWAY, problem_response_name(status))}"
                responses.setdefault(str(status), {"$ref": reference})
