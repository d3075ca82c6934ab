"""The sandbox bank's HTTP API: transfers, accounts, and how it should misbehave next."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Response, jsonify
from marshmallow import fields, validate

from servicekit.http.app import Blueprint
from servicekit.http.problems import Problem
from servicekit.http.schemas import StrictBoolean, StrictSchema, money_field

from payments.adapters.sandbox_bank import bank
from payments.adapters.sandbox_bank.bank import MISBEHAVIOURS, Behaviour, Unavailable

if TYPE_CHECKING:
    from flask_smorest import Api

    from servicekit.service import ServiceRuntime


class TransferIn(StrictSchema):
    key = fields.String(required=True, validate=validate.Length(min=1, max=64))
    from_account = fields.String(required=True, validate=validate.Length(min=1, max=40))
    to_bank_code = fields.String(required=True, validate=validate.Regexp(r"^\d{3}$"))
    to_account = fields.String(required=True, validate=validate.Length(min=1, max=40))
    to_holder = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount = money_field(required=True, validate=validate.Range(min=1, max=999_999_999_999_999))
    callback_url = fields.Url(required=True, require_tld=False)


class AccountIn(StrictSchema):
    holder = fields.String(required=True, validate=validate.Length(min=1, max=200))
    balance = money_field(required=True)
    closed = StrictBoolean(load_default=False)


class BehaviourIn(StrictSchema):
    next = fields.List(fields.String(validate=validate.OneOf(MISBEHAVIOURS)), required=True)
    settle_seconds = fields.Float(load_default=None, validate=validate.Range(min=0, max=3600))


def behaviour_of(runtime: "ServiceRuntime") -> Behaviour:
    return runtime.state.setdefault("behaviour", Behaviour(settle_seconds=runtime.settings.float_setting("SETTLE_SECONDS", 2.0)))


def register_api(api: "Api", runtime: "ServiceRuntime") -> None:
    blp = Blueprint("sandbox-bank", __name__, url_prefix="", description="A stand-in for a bank's transfer API.")
    uows = runtime.uow
    behaviour = behaviour_of(runtime)

    @blp.route("/transfers", methods=["POST"])
    @blp.arguments(TransferIn)
    def send(order: dict[str, Any]) -> Response:
        """Take a transfer under its idempotency key: the same key answers the same transfer (200)."""
        with uows() as uow:
            try:
                item, new = bank.take_transfer(uow.session, order, behaviour)
            except Unavailable:
                raise Problem("the bank is unavailable; try again", status=503) from None
            uow.commit()
        if "_answer_after" in item:
            bank.wait(item["_answer_after"])  # recorded, but the answer comes too late for the caller
        response = jsonify(bank.public(item))
        response.status_code = 201 if new else 200
        return response

    @blp.route("/transfers/<key>", methods=["GET"])
    def status(key: str) -> Response:
        with uows.read() as uow:
            return jsonify(bank.public(bank.require_transfer(uow.session, key)))

    @blp.route("/accounts/<number>", methods=["PUT"])
    @blp.arguments(AccountIn)
    def open_account(body: dict[str, Any], number: str) -> Response:
        with uows() as uow:
            bank.open_account(uow.session, number, body["holder"], body["balance"], body["closed"])
            uow.commit()
        return jsonify({"number": number, **body})

    @blp.route("/accounts/<number>", methods=["GET"])
    def read_account(number: str) -> Response:
        with uows.read() as uow:
            found = bank.account(uow.session, number)
        if found is None:
            raise Problem("no such account", status=404)
        return jsonify(found)

    @blp.route("/behaviour", methods=["POST"])
    @blp.arguments(BehaviourIn)
    def misbehave(body: dict[str, Any]) -> Response:
        """What to do to the next transfers: fail, timeout, late, callback_twice (one each, in order)."""
        with behaviour.lock:
            behaviour.pending[:] = body["next"]
            if body["settle_seconds"] is not None:
                behaviour.settle_seconds = body["settle_seconds"]
        return jsonify({"next": behaviour.pending, "settle_seconds": behaviour.settle_seconds})

    api.register_blueprint(blp)
