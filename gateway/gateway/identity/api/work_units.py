"""``/api/v1/work-units``: the register of work units, kept by the admin, read by any signed-in user."""
from __future__ import annotations

from typing import Any, Mapping

from servicekit.http.access import current_principal, require_authenticated, require_roles
from servicekit.http.app import Blueprint, current_uow
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import page_of

from gateway.identity.api.schemas import WorkUnitChangeIn, WorkUnitIn, WorkUnitOut, WorkUnitQuery
from gateway.identity.work_units import WorkUnitRegister


def work_units_blueprint(register: WorkUnitRegister) -> Blueprint:
    blp = Blueprint("work-units", __name__, url_prefix="/api/v1/work-units", description="Work units (OPD/SKPD).")

    @blp.route("", methods=["GET"])
    @require_authenticated
    @blp.arguments(WorkUnitQuery, location="query")
    @blp.response(200, page_of(WorkUnitOut))
    def list_work_units(query: dict[str, Any]) -> dict[str, Any]:
        page = register.page(current_uow(), limit=query["limit"], cursor=query["cursor"], active=query.get("active"))
        return {"items": page.items, "next": page.next}

    @blp.route("", methods=["POST"])
    @require_roles("admin")
    @idempotent
    @blp.arguments(WorkUnitIn)
    @blp.response(201, WorkUnitOut)
    @blp.alt_response(409, description="a work unit with this code exists")
    def create_work_unit(body: dict[str, Any]) -> dict[str, Any]:
        uow = current_uow()
        created = register.create(uow, current_principal().actor, body["code"], body["name"])
        uow.commit()
        return created

    @blp.route("/<code>", methods=["GET"])
    @require_authenticated
    @blp.response(200, WorkUnitOut)
    def read_work_unit(code: str) -> Mapping[str, Any]:
        return register.get(current_uow(), code)

    @blp.route("/<code>", methods=["PATCH"])
    @require_roles("admin")
    @blp.arguments(WorkUnitChangeIn)
    @blp.response(200, WorkUnitOut)
    def change_work_unit(changes: dict[str, Any], code: str) -> dict[str, Any]:
        """Rename, or deactivate (no new officials may join it; existing accounts keep working)."""
        uow = current_uow()
        changed = register.change(uow, current_principal().actor, code, changes)
        uow.commit()
        return changed

    return blp
