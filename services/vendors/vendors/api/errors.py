"""Each refusal of the vendor rules as a problem document (RFC 9457)."""
from __future__ import annotations

from flask import Response

from servicekit.http.problems import BadRequest, Conflict, NotFound, Problem, Unprocessable, from_problem

from vendors.domain.errors import (
    AlreadyBlacklisted,
    Blacklisted,
    ConcurrentChange,
    DomainError,
    DuplicateIdentifier,
    IllegalTransition,
    InvalidFields,
    NotAdmitted,
    NotBlacklisted,
    VendorNotFound,
)


def problem_for(error: DomainError) -> Problem:
    detail = str(error)
    match error:
        case InvalidFields():
            return BadRequest(detail, errors=error.errors)
        case NotAdmitted():
            return Unprocessable(detail, slug="scale-not-admitted", errors={"scale": [detail]}, scale=error.scale)
        case Blacklisted():
            return Unprocessable(detail, slug="npwp-blacklisted", errors={"npwp": [error.reason]})
        case DuplicateIdentifier():
            return Conflict(detail, slug="already-registered", errors={error.field: ["already registered"]})
        case IllegalTransition():
            return Conflict(detail, slug="illegal-transition", current_state=error.current)
        case ConcurrentChange():
            return Conflict(detail, slug="concurrent-change")
        case AlreadyBlacklisted():
            return Conflict(detail, slug="already-blacklisted", errors={"npwp": ["already blacklisted"]})
        case VendorNotFound() | NotBlacklisted():
            return NotFound(detail)
    raise TypeError(f"no problem document for {type(error).__name__}")  # a new DomainError needs a case above


def domain_error_response(error: DomainError) -> Response:
    return from_problem(problem_for(error))
