"""The errors every operation can answer, in its OpenAPI document: problem details (RFC 9457) under
``application/problem+json``, documented once here rather than per view.

An apispec plugin rewrites each operation as it is registered: flask-smorest's own error responses
(a JSON ``Error`` schema that the services never send) give way to problem responses for the
statuses that the platform's conventions can produce for that kind of operation, and a ``default``
problem response covers the rest.
"""
from __future__ import annotations

from http import HTTPStatus
from typing import Any, Iterable, Mapping

from apispec import APISpec, BasePlugin

from servicekit.http.problems import PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_BASE

PROBLEM_SCHEMA = "Problem"
DEFAULT_PROBLEM = "ProblemDefault"
BODY_METHODS = frozenset({"post", "put", "patch"})

PROBLEM_SCHEMA_BODY: dict[str, Any] = {
    "type": "object",
    "description": "A problem detail (RFC 9457); extension members name what the problem is about.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string", "format": "uri", "example": f"{PROBLEM_TYPE_BASE}bad-request"},
        "title": {"type": "string", "example": "Bad Request"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599, "example": 400},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "field (dotted path for nested fields) → what is wrong with it",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "example": {"address.city": ["Missing data for required field."]},
        },
        "service": {"type": "string", "description": "the service the gateway could not reach or does not route to"},
        "state": {"type": "string", "description": "the current state of the object in conflict"},
        "current_state": {"type": "string", "description": "the current state of the object in conflict"},
        "reason": {"type": "string", "description": "why the caller may not do this"},
        "scale": {"type": "string", "description": "the business scale that was not admitted"},
        "checks": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "readiness of each dependency",
        },
    },
    "additionalProperties": True,
}

# Why each status can happen; the text shows in the rendered docs.
DESCRIPTIONS: Mapping[int, str] = {
    400: "The request is not valid (a field, a query parameter, the JSON itself); `errors` names the fields.",
    401: "No valid bearer token where one is needed, or a bad token sent anywhere.",
    403: "The token's roles do not allow this operation.",
    404: "Nothing at this path that the caller may see (another organisation's objects answer 404 too).",
    409: "The object's current state does not allow this change.",
    413: "The request body is larger than the service accepts.",
    415: "A request body that is not `application/json`.",
    422: "The request is well formed but breaks a rule (or reuses an Idempotency-Key with another body).",
    429: "Too many requests; `Retry-After` says when to try again.",
    500: "An unexpected error; quote the `X-Request-ID` header when reporting it.",
    502: "The gateway got no usable answer from the service (it may have acted on the request).",
    503: "The service is not accepting connections (the request did not reach it); `Retry-After` applies.",
    504: "The service did not answer in time (it may have acted on the request).",
}


def problem_response_name(status: int) -> str:
    return f"Problem{status}"


def problem_response(status: int | None, schema_ref: str) -> dict[str, Any]:
    """The OpenAPI 3 response object of one problem status (``None``: the ``default`` response)."""
    description = DESCRIPTIONS.get(status, HTTPStatus(status).phrase) if status else "Any other error, as a problem."
    return {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": schema_ref}}}}


def statuses_for(method: str, operation: Mapping[str, Any], *, extra: Iterable[int] = ()) -> list[int]:
    """The problem statuses this kind of operation can answer under the platform's conventions."""
    statuses = {400, 401, 404, 500, *extra}
    if operation.get("security"):
        statuses.add(403)
    if method != "get":
        statuses.update({409, 422})
    if method in BODY_METHODS:
        statuses.update({413, 415})
    return sorted(statuses)


class ProblemResponses(BasePlugin):
    """Documents problem responses on every operation; ``extra_statuses`` (e.g. 429) apply to all."""

    def __init__(self, extra_statuses: Iterable[int] = ()) -> None:
        self.extra_statuses = tuple(extra_statuses)

    def init_spec(self, spec: APISpec) -> None:
        super().init_spec(spec)
        spec.components.schema(PROBLEM_SCHEMA, PROBLEM_SCHEMA_BODY)
        reference = f"#/components/schemas/{PROBLEM_SCHEMA}"
        for status in DESCRIPTIONS:
            spec.components.response(problem_response_name(status), problem_response(status, reference))
        spec.components.response(DEFAULT_PROBLEM, problem_response(None, reference))

    def operation_helper(self, path: str | None = None, operations: dict[str, Any] | None = None, **_kwargs: Any) -> None:
        reference = f"#/components/schemas/{PROBLEM_SCHEMA}"
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            for code in [code for code in responses if str(code)[0] in "45" or code == "default"]:
                documented = responses.pop(code)
                # A view's own description of an error (``alt_response``) stays, with the problem body
                # the service really sends; flask-smorest's generic JSON errors give way to ours.
                if isinstance(documented, Mapping) and code != "default":
                    responses[str(code)] = {
                        **problem_response(int(code), reference),
                        "description": documented.get("description") or DESCRIPTIONS.get(int(code), ""),
                    }
            for status in statuses_for(method, operation, extra=self.extra_statuses):
                responses.setdefault(str(status), problem_response_name(status))
            responses["default"] = DEFAULT_PROBLEM
