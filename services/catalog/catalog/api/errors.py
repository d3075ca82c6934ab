"""The catalog's rule refusals as problem documents (RFC 9457)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, Response

from servicekit.http.problems import Conflict, Forbidden, NotFound, Problem, Unprocessable, from_problem

from catalog.domain.errors import DomainError, Missing, NotPermitted, RuleViolation, StateConflict

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime


def problem_for(error: DomainError) -> Problem:
    if isinstance(error, RuleViolation):
        return Unprocessable("the request breaks a catalog rule; see errors", errors=error.errors)
    if isinstance(error, NotPermitted):
        return Forbidden(error.detail, reason=error.reason)
    if isinstance(error, Missing):
        return NotFound(str(error))
    if isinstance(error, StateConflict):
        return Conflict(error.detail, state=error.state)
    return Problem(str(error))


def install_error_handlers(app: Flask, _runtime: "ServiceRuntime") -> None:
    """``ServiceDefinition.extend_app``: answer domain refusals wherever a view raises them."""

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError) -> Response:
        return from_problem(problem_for(error))
