"""API docs pages that work without the internet: Swagger UI's files come from the installed
``swagger-ui-bundle`` package and are served by the service itself, under a Content-Security-Policy
that allows nothing from elsewhere."""
from __future__ import annotations

from html import escape
from pathlib import Path

from flask import Flask, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from servicekit.http.problems import NotFound

SWAGGER_UI_FILES = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png"})
OWN_FILES = frozenset({"docs-init.js"})
OWN_DIRECTORY = Path(__file__).resolve().parent / "static"
ASSET_MAX_AGE = 3600

# Swagger UI sets style attributes (hence 'unsafe-inline' for styles only) and draws some icons as
# data: URIs; scripts, documents and "try it out" calls stay on this origin.
DOCS_CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
  <link rel="icon" type="image/png" href="{assets}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui" data-spec-url="{spec_url}"></div>
  <script src="{assets}/swagger-ui-bundle.js"></script>
  <script src="{assets}/docs-init.js"></script>
</body>
</html>
"""


def install_docs_page(app: Flask, *, page_path: str, spec_url: str, title: str) -> None:
    """Swagger UI over ``spec_url`` at ``page_path``, its files at ``<page_path>/assets/``."""
    assets = f"{page_path.rstrip('/')}/assets"
    page = PAGE.format(title=escape(title), assets=escape(assets), spec_url=escape(spec_url))
    endpoint = page_path.strip("/").replace("/", "_") or "root"

    def docs_page() -> Response:
        response = Response(page, mimetype="text/html")
        response.headers["Content-Security-Policy"] = DOCS_CSP
        return response

    def docs_asset(filename: str) -> Response:
        if filename in OWN_FILES:
            return send_from_directory(OWN_DIRECTORY, filename, max_age=ASSET_MAX_AGE)
        if filename in SWAGGER_UI_FILES:
            return send_from_directory(Path(str(swagger_ui_path)), filename, max_age=ASSET_MAX_AGE)
        raise NotFound("no such file")

    app.add_url_rule(page_path, endpoint=f"{endpoint}_page", view_func=docs_page, methods=["GET"])
    app.add_url_rule(f"{assets}/<path:filename>", endpoint=f"{endpoint}_asset", view_func=docs_asset, methods=["GET"])
