"""The gateway's own HTTP API (in its OpenAPI document): tokens, signup, accounts, work units, storefront."""
from __future__ import annotations

from flask_smorest import Api

from servicekit.service import ServiceRuntime

from gateway.api.accounts import accounts_blueprint
from gateway.api.auth import auth_blueprint
from gateway.api.storefront import storefront_blueprint
from gateway.api.work_units import work_units_blueprint
from gateway.components import gateway_of


def register_api(api: Api, runtime: ServiceRuntime) -> None:
    gateway = gateway_of(runtime)
    settings = gateway.settings
    api.register_blueprint(auth_blueprint(settings, gateway.sign_in, gateway.sessions, gateway.signup, gateway.limiter))
    api.register_blueprint(accounts_blueprint(settings, gateway.accounts))
    api.register_blueprint(work_units_blueprint(gateway.work_units))
    api.register_blueprint(storefront_blueprint(gateway.storefront))
