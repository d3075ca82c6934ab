"""Budget packages: registration (one, or a CSV import), assignment down the chain, reading."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import PageQuerySchema, page_of

from orders.api.access import AUDITOR, BUDGET_HOLDER, COMMITMENT_OFFICER, PROCUREMENT_OFFICER, sees_package, work_unit_of
from orders.api.blueprint import packages_blueprint
from orders.api.schemas.packages import CommitmentOfficerIn, PackageImportIn, PackageIn, PackageListOut, PackageOut, ProcurementOfficersIn
from orders.application.packages import (
    assign_commitment_officer,
    assign_procurement_officers,
    find_package,
    import_packages,
    register_package,
    search_packages,
)
from orders.application.rules import Orders
from orders.domain.packages import Package, parse_csv


def packages_api(uows: Orders) -> Blueprint:
    blp = packages_blueprint("packages", "Budget packages (RUP) of a work unit, and who may order on them")

    @blp.route("", methods=["POST"])
    @require_roles(BUDGET_HOLDER)
    @idempotent
    @blp.arguments(PackageIn)
    @blp.response(201, PackageOut)
    def register(body: dict[str, Any]) -> Package:
        """Register one package of the budget holder's work unit."""
        principal = current_principal()
        return register_package(uows, body, work_unit=work_unit_of(principal), actor=principal.actor)

    @blp.route("/imports", methods=["POST"])
    @require_roles(BUDGET_HOLDER)
    @blp.arguments(PackageImportIn)
    @blp.response(201, PackageListOut)
    def import_csv(body: dict[str, Any]) -> dict[str, Any]:
        """Register many packages from CSV: all of them, or none (each refused row named in `errors`)."""
        principal = current_principal()
        packages = import_packages(uows, parse_csv(body["csv"]), work_unit=work_unit_of(principal), actor=principal.actor)
        return {"items": packages}

    @blp.route("", methods=["GET"])
    @require_roles(BUDGET_HOLDER, COMMITMENT_OFFICER, PROCUREMENT_OFFICER, AUDITOR)
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(PackageOut))
    def list_packages(query: dict[str, Any]) -> dict[str, Any]:
        """The packages the caller may see: its work unit's (budget holders), those assigned to it
        (officers), every one (auditors)."""
        principal = current_principal()
        work_unit = commitment_officer = None
        if principal.has_any(AUDITOR):
            pass
        elif principal.has_any(BUDGET_HOLDER, PROCUREMENT_OFFICER):
            work_unit = work_unit_of(principal)
        else:
            commitment_officer = principal.subject
        page = search_packages(uows, work_unit=work_unit, commitment_officer=commitment_officer, limit=query["limit"], cursor=query["cursor"])
        items = page.items
        if not principal.has_any(AUDITOR, BUDGET_HOLDER, COMMITMENT_OFFICER):
            items = [p for p in items if p.assigned_to_officer(principal.subject)]
        return {"items": items, "next": page.next}

    @blp.route("/<uuid:package_id>", methods=["GET"])
    @require_roles(BUDGET_HOLDER, COMMITMENT_OFFICER, PROCUREMENT_OFFICER, AUDITOR)
    @blp.response(200, PackageOut)
    def read_package(package_id: UUID) -> Package:
        return sees_package(current_principal(), find_package(uows, str(package_id)))

    @blp.route("/<uuid:package_id>/commitment-officer", methods=["PUT"])
    @require_roles(BUDGET_HOLDER)
    @blp.arguments(CommitmentOfficerIn)
    @blp.response(200, PackageOut)
    def assign_officer(body: dict[str, Any], package_id: UUID) -> Package:
        """The budget holder assigns the package to a commitment officer (by subject)."""
        principal = current_principal()
        package = assign_commitment_officer(uows, str(package_id), body["subject"], work_unit=work_unit_of(principal), actor=principal.actor)
        return package

    @blp.route("/<uuid:package_id>/procurement-officers", methods=["PUT"])
    @require_roles(COMMITMENT_OFFICER)
    @blp.arguments(ProcurementOfficersIn)
    @blp.response(200, PackageOut)
    def assign_officers(body: dict[str, Any], package_id: UUID) -> Package:
        """The package's commitment officer assigns the procurement officers who may order on it."""
        principal = current_principal()
        return assign_procurement_officers(uows, str(package_id), body["subjects"], actor=principal.actor)

    return blp
