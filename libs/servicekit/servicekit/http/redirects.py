"""Redirects that do not trust the Host header.

Werkzeug merges repeated slashes and adds a missing trailing slash by redirecting, and builds the
``Location`` from the request's Host: a crafted Host turns the API into an open redirect (and a cache
poisoning vector). Repeated slashes are not merged (such a path is simply not found), and any
redirect to the request's own host is answered with a relative ``Location`` instead.
"""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, request


def install_host_independent_redirects(app: Flask) -> None:
    app.url_map.merge_slashes = False

    @app.after_request
    def _relative_location(response: Response) -> Response:
        location = response.headers.get("Location")
        if location and 300 <= response.status_code < 400:
            target = urlsplit(location)
            if target.netloc and target.netloc.lower() == request.host.lower():
                response.headers["Location"] = urlunsplit(("", "", target.path or "/", target.query, target.fragment))
        return response
