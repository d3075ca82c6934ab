"""The HTTP API under /api/v1/payments: thin routes over the application layer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from payments.api.bank_callbacks import bank_callbacks_blueprint
from payments.api.invoices import invoices_blueprint
from payments.api.payments import payments_api_blueprint
from payments.api.reports import reports_blueprint
from payments.settings import bank_settings, payment_policy

if TYPE_CHECKING:
    from flask_smorest import Api

    from servicekit.service import ServiceRuntime


def register_api(api: "Api", runtime: "ServiceRuntime") -> None:
    policy = payment_policy(runtime.settings)
    uows = runtime.uow
    for blueprint in (
        invoices_blueprint(uows),
        payments_api_blueprint(uows, policy),
        reports_blueprint(uows, policy),
        bank_callbacks_blueprint(uows, bank_settings(runtime.settings)),
    ):
        api.register_blueprint(blueprint)
