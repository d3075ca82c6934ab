"""The HTTP API under /api/v1/orders and /api/v1/packages: thin routes over the application layer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from orders.api.documents import documents_api
from orders.api.orders import orders_api
from orders.api.packages import packages_api
from orders.rules import rules_of

if TYPE_CHECKING:
    from flask_smorest import Api

    from servicekit.service import ServiceRuntime


def register_api(api: "Api", runtime: "ServiceRuntime") -> None:
    rules = rules_of(runtime.settings, runtime.calendar)
    for blueprint in (packages_api(runtime.uow), documents_api(runtime.uow), orders_api(runtime.uow, rules)):
        api.register_blueprint(blueprint)
