"""The raw Flask routes that forward ``/api/v1/<service>/...`` (outside the gateway's own OpenAPI)."""
from __future__ import annotations

from urllib.parse import quote

from flask import Flask, Response, g, request
from werkzeug.exceptions import NotFound as WerkzeugNotFound

from servicekit import context
from servicekit.http.problems import NotFound, from_http_exception, from_problem, problem_for
from servicekit.http.security_headers import is_public_read

from gateway.domain.routing import API_PREFIX, has_dot_segments, requested_service
from gateway.adapters.upstreams.client import UpstreamClient, Upstreams
from gateway.adapters.upstreams.errors import ServiceNotDeployed
from gateway.proxy.headers import request_headers, response_headers
from gateway.proxy.public_answers import PublicAnswers

FORWARDED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def upstream_path() -> str:
    """The path and query as the client sent them (the services serve the same tree)."""
    path = quote(request.path, safe="/:@!$&'()*+,;=-._~")
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path


# Asked of the upstream only by the client itself: a kept answer is checked against them here.
_CONDITIONAL = ("If-None-Match", "If-Modified-Since")


def forward(client: UpstreamClient, public_answers: PublicAnswers) -> Response:
    if has_dot_segments(request.path):
        raise NotFound("no such path")
    # get_data enforces MAX_CONTENT_LENGTH: an oversized body is refused (413) before it is sent on.
    body = request.get_data(cache=False) or None
    headers = request_headers(
        request.headers.items(),
        request_id=g.request_id,
        correlation_id=context.correlation_id.get(),
        client_ip=request.remote_addr,
        scheme=request.scheme,
        host=request.host,
    )
    path = upstream_path()
    if not (public_answers.enabled and request.method == "GET" and is_public_read()):
        answer = client.request(request.method, path, headers=headers, body=body)
        return Response(answer.body, status=answer.status, headers=response_headers(answer.headers))
    for name in _CONDITIONAL:
        headers.pop(name, None)
    answer = public_answers.fetch(path, lambda: client.request("GET", path, headers=headers, body=None))
    response = Response(answer.body, status=answer.status, headers=response_headers(answer.headers))
    return response.make_conditional(request.environ) if answer.status == 200 else response


def install_proxy(app: Flask, upstreams: Upstreams, public_answers: PublicAnswers) -> None:
    for name, client in upstreams.items():

        def view(rest: str = "", _client: UpstreamClient = client) -> Response:
            return forward(_client, public_answers)

        view.__name__ = f"proxy_{name.replace('-', '_')}"
        for rule in (f"{API_PREFIX}{name}", f"{API_PREFIX}{name}/", f"{API_PREFIX}{name}/<path:rest>"):
            app.add_url_rule(
                rule, endpoint=view.__name__, view_func=view, methods=FORWARDED_METHODS, provide_automatic_options=False
            )

    @app.errorhandler(404)
    def _not_found(error: WerkzeugNotFound) -> Response:
        # No rule matched: a path naming a service this deployment does not route to says so.
        service = requested_service(request.path)
        if service is not None and upstreams.get(service) is None:
            return from_problem(problem_for(ServiceNotDeployed(service)))
        return from_http_exception(error)
