"""RFC 9457 problem details: every error a service answers has this shape and media type."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Response, json
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from servicekit import errors

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://open-eorder.id/problems/"


class Problem(Exception):
    """Raise from anywhere in a request to answer with a problem document."""

    status = 500
    slug = "internal-error"

    def __init__(
        self,
        detail: str | None = None,
        *,
        status: int | None = None,
        title: str | None = None,
        slug: str | None = None,
        errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title or "")
        if status is not None:
            self.status = status
        if slug is not None:
            self.slug = slug
        self.title = title or HTTP_STATUS_CODES.get(self.status, "Error")
        self.detail = detail
        self.errors = dict(errors) if errors else None
        self.headers = dict(headers or {})
        self.extensions = extensions


class BadRequest(Problem):
    status, slug = 400, "bad-request"


class Unauthorized(Problem):
    status, slug = 401, "unauthorized"

    def __init__(self, detail: str | None = "authentication required", **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="open-eorder"'})
        super().__init__(detail, **kwargs)


class Forbidden(Problem):
    status, slug = 403, "forbidden"


class NotFound(Problem):
    status, slug = 404, "not-found"


class Conflict(Problem):
    status, slug = 409, "conflict"


class Unprocessable(Problem):
    status, slug = 422, "unprocessable"


def problem_response(
    status: int,
    *,
    title: str | None = None,
    detail: str | None = None,
    slug: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + (slug or _slug_for(status)),
        "title": title or HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    if extensions:
        body.update({k: v for k, v in extensions.items() if k not in body})
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_problem(problem: Problem) -> Response:
    return problem_response(
        problem.status,
        title=problem.title,
        detail=problem.detail,
        slug=problem.slug,
        errors=problem.errors,
        headers=problem.headers,
        extensions=problem.extensions,
    )


def from_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = None
    detail = error.description if status < 500 else None
    if "messages" in data or "errors" in data:
        errors = flatten_field_errors(data.get("errors") or data.get("messages") or {})
        detail = "the request is not valid; see errors"
    elif "message" in data:
        detail = str(data["message"])
    headers = {}
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    headers.update({k: v for k, v in (data.get("headers") or {}).items()})
    return problem_response(status, detail=detail, errors=errors, headers=headers)


def flatten_field_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """``{"json": {"address": {"city": ["..."]}}}`` becomes ``{"address.city": ["..."]}``."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            key = str(key)
            if not prefix and key in ("json", "query", "querystring", "headers", "form", "files", "path", "view_args"):
                flat.update(flatten_field_errors(value, ""))
                continue
            if key == "_schema":
                key = ""
            path = f"{prefix}.{key}" if prefix and key else (prefix or key or "(body)")
            flat.update(flatten_field_errors(value, path))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        flat.setdefault(prefix or "(body)", []).extend(messages)
    elif isinstance(messages, list):
        for item in messages:
            flat.update(flatten_field_errors(item, prefix))
    else:
        flat.setdefault(prefix or "(body)", []).append(str(messages))
    return flat


def _slug_for(status: int) -> str:
    return HTTP_STATUS_CODES.get(status, "error").lower().replace(" ", "-").replace("'", "")


# Each kind of refusal and the problem answering it, the most specific first (a subclass is answered
# as its kind).
_PROBLEM_OF_KIND: tuple[tuple[type[errors.DomainError], type[Problem]], ...] = (
    (errors.InvalidInput, BadRequest),
    (errors.NotPermitted, Forbidden),
    (errors.NotFound, NotFound),
    (errors.Conflict, Conflict),
    (errors.RuleViolation, Unprocessable),
)


def problem_for(error: errors.DomainError) -> Problem:
    """The problem document answering a domain refusal; a kind nobody mapped is a 422, never a 500."""
    kind = next((problem for domain_kind, problem in _PROBLEM_OF_KIND if isinstance(error, domain_kind)), Unprocessable)
    return kind(error.detail, slug=error.slug, errors=error.errors or None, **error.facts)
