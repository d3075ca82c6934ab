"""``/api/v1/work-units``: the register of work units, kept by the admin, read by any signed-in user."""
from __future__ import annotations

from typing import Any

from servicekit.http.access import current_principal, require_authenticated, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import page_of

from gateway.api.access import ADMIN
from gateway.api.presenting import work_unit_view
from gateway.api.schemas import WorkUnitChangeIn, WorkUnitIn, WorkUnitOut, WorkUnitQuery
from gateway.application.work_units import WorkUnits


def work_units_blueprint(work_units: WorkUnits) -> Blueprint:
    blp = Blueprint("work-units", __name__, url_prefix="/api/v1/work-units", description="Work units (OPD/SKPD).")

    @blp.route("", methods=["GET"])
    @require_authenticated
    @blp.arguments(WorkUnitQuery, location="query")
    @blp.response(200, page_of(WorkUnitOut))
    def list_work_units(query: dict[str, Any]) -> dict[str, Any]:
        page = work_units.page(limit=query["limit"], cursor=query["cursor"], active=query.get("active"))
        return {"items": [work_unit_view(unit) for unit in page.items], "next": page.next}

    @blp.route("", methods=["POST"])
    @require_roles(ADMIN)
    @idempotent
    @blp.arguments(WorkUnitIn)
    @blp.response(201, WorkUnitOut)
    @blp.alt_response(409, description="a work unit with this code exists")
    def create_work_unit(body: dict[str, Any]) -> dict[str, Any]:
        return work_unit_view(work_units.create(current_principal().actor, body["code"], body["name"]))

    @blp.route("/<code>", methods=["GET"])
    @require_authenticated
    @blp.response(200, WorkUnitOut)
    def read_work_unit(code: str) -> dict[str, Any]:
        return work_unit_view(work_units.get(code))

    @blp.route("/<code>", methods=["PATCH"])
    @require_roles(ADMIN)
    @blp.arguments(WorkUnitChangeIn)
    @blp.response(200, WorkUnitOut)
    def change_work_unit(changes: dict[str, Any], code: str) -> dict[str, Any]:
        """Rename, or deactivate (no new officials may join it; existing accounts keep working)."""
        return work_unit_view(work_units.change(current_principal().actor, code, changes))

    return blp
