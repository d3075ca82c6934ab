"""``/api/docs`` (Swagger UI, served from the gateway itself) and ``/api/docs/openapi.json`` (the
merged document)."""
from __future__ import annotations

from flask import Flask, Response, jsonify

from servicekit.http.docs_assets import install_docs_page

from gateway.docs.collector import MergedDocs

DOCS_PATH = "/api/docs"


def install_docs(app: Flask, docs: MergedDocs) -> None:
    install_docs_page(app, page_path=DOCS_PATH, spec_url=f"{DOCS_PATH}/openapi.json", title="Open e-Order API")

    @app.get(f"{DOCS_PATH}/openapi.json")
    def merged_openapi() -> Response:
        return jsonify(docs.document())
