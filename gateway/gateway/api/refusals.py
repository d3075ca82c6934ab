"""The answers of refusals no servicekit kind describes: sign-in (401, 423), signup (503), and an
upstream that gave no answer (502, 503, 504)."""
from __future__ import annotations

from flask import Flask, Response

from servicekit.http.problems import Problem, Unauthorized, from_problem

from gateway.adapters.upstreams.errors import UpstreamError, UpstreamTimeout, UpstreamUnavailable
from gateway.domain.errors import AuthenticationRefused, SignInLocked, SignupIncomplete

# Nothing was sent to a service refusing connections: the client may simply retry a little later.
RETRY_AFTER_SECONDS = "5"


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

    @app.errorhandler(UpstreamError)
    def _upstream(error: UpstreamError) -> Response:
        if isinstance(error, UpstreamUnavailable):
            status, headers = 503, {"Retry-After": RETRY_AFTER_SECONDS}
        else:
            status, headers = (504 if isinstance(error, UpstreamTimeout) else 502), {}
        return from_problem(Problem(error.detail, status=status, slug=error.slug, headers=headers, **error.facts))
