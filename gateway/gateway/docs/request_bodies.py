"""Checking a body against the request schema a service publishes in its OpenAPI document.

The gateway never imports a service's code; when it must refuse a body before forwarding it (vendor
signup reveals whether a username is taken only to a complete, valid request), it reads the
service's own published contract. OpenAPI 3.0 schemas are JSON Schema with ``nullable``, which is
turned into a ``null`` type before jsonschema checks them.
"""
from __future__ import annotations

from typing import Any, Mapping

from jsonschema import Draft7Validator


def _json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is True and "type" in converted:
        types = converted["type"] if isinstance(converted["type"], list) else [converted["type"]]
        converted["type"] = [*types, "null"]
    return converted


def request_schema(document: Mapping[str, Any], method: str, path: str) -> dict[str, Any] | None:
    """The JSON body schema of an operation, with the document's components to resolve its $refs."""
    operation = document.get("paths", {}).get(path, {}).get(method.lower(), {})
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return None
    return {"allOf": [_json_schema(schema)], "components": _json_schema(document.get("components", {}))}


def body_problems(schema: Mapping[str, Any], body: Any, *, prefix: str) -> dict[str, list[str]]:
    """Field (dotted, under ``prefix``) -> messages; empty when the body fits the schema."""
    errors: dict[str, list[str]] = {}
    for error in Draft7Validator(schema).iter_errors(body):
        at = [prefix, *(str(part) for part in error.absolute_path)]
        if error.validator == "required":
            for missing in (field for field in error.validator_value if field not in error.instance):
                errors.setdefault(".".join([*at, missing]), []).append("required")
        else:
            errors.setdefault(".".join(at), []).append(error.message)
    return errors
