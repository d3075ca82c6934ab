"""The public verification of documents: anyone holding an order letter or a BAST can check it."""
from __future__ import annotations

from servicekit.http.app import Blueprint

from orders.api.blueprint import orders_blueprint
from orders.api.schemas.orders import VerificationOut
from orders.application.documents import Verification, verify_document
from orders.application.rules import Orders


def documents_api(uows: Orders) -> Blueprint:
    blp = orders_blueprint("documents", "Public verification of order letters and receipts (BAST), without a token")

    @blp.route("/documents/<string:key>", methods=["GET"])
    @blp.response(200, VerificationOut)
    def verify(key: str) -> Verification:
        """By the document's number or its SHA-256 digest: whether it is authentic, and its public
        facts (number, kind, date, work unit, vendor, total); never personal data."""
        return verify_document(uows, key[:100])

    return blp
