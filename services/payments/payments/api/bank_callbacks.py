"""The bank's callbacks: verified by their HMAC signature before anything is read, checked against
the payment, applied once (a second callback of the same outcome changes nothing)."""
from __future__ import annotations

import json

from flask import Response, request

from servicekit.http.app import Blueprint
from servicekit.http.problems import BadRequest, Unauthorized
from servicekit.storage import utcnow

from payments.adapters.bank import SIGNATURE_HEADER, status_from, verify_signature
from payments.api.blueprint import payments_blueprint
from payments.application.reading import Payments
from payments.application.transfers import record_callback
from payments.settings import BankSettings


def bank_callbacks_blueprint(uows: Payments, config: BankSettings) -> Blueprint:
    blp = payments_blueprint("bank-callbacks", "Called by the bank when a transfer completes or is refused.")

    @blp.route("/bank-callbacks", methods=["POST"])
    @blp.response(204)
    def callback() -> Response:
        """Signed with the shared secret (``X-Bank-Signature``: hex HMAC-SHA256 of the body); 401 otherwise."""
        body = request.get_data()
        if not verify_signature(config.callback_secret, body, request.headers.get(SIGNATURE_HEADER)):
            raise Unauthorized("the callback's signature does not verify")
        try:
            status = status_from(json.loads(body))
        except (ValueError, KeyError, TypeError):
            raise BadRequest("the callback is not a transfer status") from None
        record_callback(uows, status, utcnow())
        return Response(status=204)

    return blp
