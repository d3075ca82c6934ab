"""The app factory: Flask + flask-smorest with problem+json errors, request ids, auth, JSON logs,
metrics, health and readiness, and a unit of work per request."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable, Mapping

import structlog
from flask import Flask, Response, g, jsonify, request
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException, UnsupportedMediaType

from servicekit import context, metrics
from servicekit.errors import DomainError
from servicekit.http.access import current_principal
from servicekit.http.docs_assets import install_docs_page
from servicekit.http.json_input import BoundedJSONParser, RequiredJsonBody
from servicekit.http.json_output import PlatformJSONProvider
from servicekit.http.openapi import ProblemResponses
from servicekit.http.problems import Problem, from_http_exception, from_problem, problem_for, problem_response
from servicekit.http.redirects import install_host_independent_redirects
from servicekit.http.security_headers import install_security_headers
from servicekit.logging import bind_service, configure_logging

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

log = structlog.get_logger(__name__)

_BODY_METHODS = {"POST", "PUT", "PATCH"}


class StrictParser(BoundedJSONParser):
    """Validation failures answer 400 and unknown query parameters are refused, like unknown fields."""

    DEFAULT_VALIDATION_STATUS = 400
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": "raise", "querystring": "raise"}


class Blueprint(RequiredJsonBody, SmorestBlueprint):
    ARGUMENTS_PARSER = StrictParser()


class ProblemApi(Api):
    def handle_http_exception(self, error: HTTPException) -> Response:  # type: ignore[override]
        return from_http_exception(error)


def create_app(runtime: "ServiceRuntime") -> Flask:
    settings = runtime.settings
    definition = runtime.definition
    configure_logging(runtime.name, settings.log_level)
    app = Flask(definition.name)
    app.config.update(
        API_TITLE=definition.title,
        API_VERSION=definition.version,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        API_SPEC_OPTIONS={
            "info": {"description": definition.description},
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
            },
        },
        JSON_SORT_KEYS=False,
    )
    app.json = PlatformJSONProvider(app)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["eorder"] = runtime
    install_host_independent_redirects(app)  # before any rule is added: rules take the setting when added
    install_security_headers(app, settings)
    api = ProblemApi(app, spec_kwargs={"extra_plugins": [ProblemResponses(definition.problem_statuses)]})
    install_docs_page(app, page_path="/docs", spec_url="/openapi.json", title=definition.title)
    _install_request_hooks(app, runtime)
    _install_error_handlers(app)
    _install_operations_endpoints(app, runtime)
    definition.register_api(api, runtime)
    definition.extend_app(app, runtime)
    return app


def _install_request_hooks(app: Flask, runtime: "ServiceRuntime") -> None:
    @app.before_request
    def _begin() -> None:
        g.started = time.perf_counter()
        g.request_id = context.accepted_id(request.headers.get("X-Request-ID")) or context.new_id()
        g.tokens = (
            context.request_id.set(g.request_id),
            context.correlation_id.set(context.accepted_id(request.headers.get("X-Correlation-ID")) or g.request_id),
        )
        bind_service(runtime.name)
        structlog.contextvars.bind_contextvars(request_id=g.request_id)
        if request.method in _BODY_METHODS and _has_body() and not request.is_json:
            raise UnsupportedMediaType("request bodies must be application/json")
        if "Authorization" in request.headers:
            current_principal()  # a bad token is refused everywhere, never read as anonymous

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id") or context.new_id()
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        metrics.HTTP_REQUESTS.labels(runtime.name, request.method, route, str(response.status_code)).inc()
        if "started" in g:
            elapsed = time.perf_counter() - g.started
            metrics.HTTP_LATENCY.labels(runtime.name, request.method, route).observe(elapsed)
            log.info(
                "request",
                method=request.method,
                path=request.path,
                status=response.status_code,
                duration_ms=round(elapsed * 1000, 2),
            )
        return response

    @app.teardown_request
    def _close(_exc: BaseException | None) -> None:
        tokens = g.pop("tokens", None)
        if tokens is not None:
            context.request_id.reset(tokens[0])
            context.correlation_id.reset(tokens[1])
        structlog.contextvars.unbind_contextvars("request_id")


def _has_body() -> bool:
    if request.content_length:
        return True
    return request.headers.get("Transfer-Encoding", "").lower() == "chunked"


def _install_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(problem: Problem) -> Response:
        return from_problem(problem)

    @app.errorhandler(DomainError)
    def _refused(error: DomainError) -> Response:
        return from_problem(problem_for(error))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        return from_http_exception(error)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        # Never a stack trace or SQL in a response: the details go to the log with the request id.
        log.exception("unhandled error", error_type=type(error).__name__)
        return problem_response(500, detail="an unexpected error occurred; quote the X-Request-ID when reporting it")


def _run_checks(checks: Mapping[str, Callable[[], None]]) -> dict[str, str]:
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # readiness reports the failure; it never raises
            log.warning("readiness check failed", check=name, error=str(exc))
            results[name] = "unreachable"
    return results


def _install_operations_endpoints(app: Flask, runtime: "ServiceRuntime") -> None:
    collectors = runtime.metrics_collectors()

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok", service=runtime.name)

    @app.get("/readyz")
    def readyz() -> Response:
        required = _run_checks(runtime.readiness_checks())
        reported = _run_checks(runtime.definition.reported_checks(runtime))
        checks = {**required, **reported}
        if any(value != "ok" for value in required.values()):
            return problem_response(
                503, detail="a dependency is unreachable", slug="not-ready", extensions={"checks": checks}
            )
        status = "ready" if all(value == "ok" for value in reported.values()) else "degraded"
        return jsonify(status=status, service=runtime.name, checks=checks)

    @app.get("/metrics")
    def metrics_endpoint() -> Response:
        body, content_type = metrics.render(collectors)
        return Response(body, content_type=content_type)
