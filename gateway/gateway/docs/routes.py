"""``/api/docs`` (Swagger UI) and ``/api/docs/openapi.json`` (the merged document)."""
from __future__ import annotations

from flask import Flask, Response, jsonify

from gateway.docs.collector import MergedDocs

SWAGGER_UI = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Open e-Order API</title>
  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({url: "/api/docs/openapi.json", dom_id: "#swagger-ui", persistAuthorization: true});
  </script>
</body>
</html>
"""


def install_docs(app: Flask, docs: MergedDocs) -> None:
    @app.get("/api/docs")
    def api_docs() -> Response:
        return Response(SWAGGER_UI, mimetype="text/html")

    @app.get("/api/docs/openapi.json")
    def merged_openapi() -> Response:
        return jsonify(docs.document())
