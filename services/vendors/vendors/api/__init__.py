"""The HTTP API under /api/v1/vendors: thin routes over the application layer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from vendors.api.audit import audit_blueprint
from vendors.api.blacklist import blacklist_blueprint
from vendors.api.profiles import profiles_blueprint
from vendors.api.registration import registration_blueprint
from vendors.api.schemas.vendor_out import PublicVendorOut
from vendors.api.status import status_blueprint
from vendors.settings import admission_policy

if TYPE_CHECKING:
    from flask_smorest import Api

    from servicekit.service import ServiceRuntime


def register_api(api: "Api", runtime: "ServiceRuntime") -> None:
    policy = admission_policy(runtime.settings)
    uows = runtime.uow
    for blueprint in (
        registration_blueprint(uows, policy),
        profiles_blueprint(uows, policy),
        status_blueprint(uows),
        blacklist_blueprint(uows),
        audit_blueprint(uows),
    ):
        api.register_blueprint(blueprint)
    # Callers who may not see a full profile get this subset from the same routes; documented on its
    # own so that clients know which fields to expect.
    api.spec.components.schema("PublicVendorOut", schema=PublicVendorOut)
