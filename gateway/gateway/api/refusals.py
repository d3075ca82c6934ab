"""The answers of refusals no servicekit kind describes: sign-in (401, 423) and signup (503)."""
from __future__ import annotations

from flask import Flask, Response

from servicekit.http.problems import Problem, Unauthorized, from_problem

from gateway.domain.errors import AuthenticationRefused, SignInLocked, SignupIncomplete, VendorsUnavailable


def install_refusals(app: Flask) -> None:
    @app.errorhandler(AuthenticationRefused)
    def _refused(error: AuthenticationRefused) -> Response:
        return from_problem(Unauthorized(error.detail))

    @app.errorhandler(SignInLocked)
    def _locked(error: SignInLocked) -> Response:
        return from_problem(
            Problem(error.detail, status=423, slug=error.slug, headers={"Retry-After": str(error.retry_after_seconds)})
        )

    @app.errorhandler(SignupIncomplete)
    def _incomplete(error: SignupIncomplete) -> Response:
        return from_problem(Problem(error.detail, status=503, slug=error.slug, **error.facts))

    @app.errorhandler(VendorsUnavailable)
    def _unavailable(error: VendorsUnavailable) -> Response:
        return from_problem(Problem(error.detail, status=503, slug=error.slug, headers={"Retry-After": "5"}))
