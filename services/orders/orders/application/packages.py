"""Budget holders registering their work unit's packages (one by one or as a CSV import, all or
nothing) and assigning them down the chain: to a commitment officer, who assigns procurement officers."""
from __future__ import annotations

import uuid
from typing import Any, Mapping, Sequence

from servicekit.actors import Actor
from servicekit.storage import utcnow
from servicekit.storage.paging import Page

from orders.application.rules import Orders
from orders.domain.errors import InvalidFields, PackageNotFound
from orders.domain.packages import Package, new_package
from orders.storage.packages import scope

ENTITY = "package"


def register_package(uows: Orders, fields: Mapping[str, Any], *, work_unit: str, actor: Actor) -> Package:
    return import_packages(uows, [fields], work_unit=work_unit, actor=actor)[0]


def import_packages(uows: Orders, rows: Sequence[Mapping[str, Any]], *, work_unit: str, actor: Actor) -> list[Package]:
    """Every row registered, or none: the errors of every row are reported at once, by row."""
    now = utcnow()
    packages: list[Package] = []
    problems: dict[str, list[str]] = {}
    seen: set[tuple[int, str]] = set()
    with uows() as uow:
        for index, row in enumerate(rows):
            try:
                package = new_package(row, package_id=str(uuid.uuid4()), work_unit=work_unit, created_by=actor.subject, at=now)
            except InvalidFields as exc:
                problems.update({f"rows.{index}.{field}": messages for field, messages in exc.errors.items()})
                continue
            key = (package.fiscal_year, package.rup_code)
            if key in seen or uow.packages.exists(work_unit, *key):
                problems[f"rows.{index}.rup_code"] = ["already registered for this work unit and fiscal year"]
                continue
            seen.add(key)
            packages.append(package)
        if problems:
            raise InvalidFields(problems)
        for package in packages:
            uow.packages.add(package)
            uow.audit(actor, "package.registered", ENTITY, package.id, after=_record(package))
        uow.commit()
    return packages


def assign_commitment_officer(uows: Orders, package_id: str, subject: str, *, work_unit: str, actor: Actor) -> Package:
    with uows() as uow:
        package = _of_work_unit(uow.packages.get(package_id), work_unit)
        assigned = package.assign_commitment_officer(subject, utcnow())
        uow.packages.save_assignment(assigned)
        uow.audit(actor, "package.commitment_officer_assigned", ENTITY, package.id,
                  before={"commitment_officer": package.commitment_officer}, after={"commitment_officer": subject})
        uow.commit()
    return assigned


def assign_procurement_officers(uows: Orders, package_id: str, subjects: Sequence[str], *, actor: Actor) -> Package:
    """Only the package's commitment officer assigns its procurement officers."""
    with uows() as uow:
        package = uow.packages.get(package_id)
        if package is None or package.commitment_officer != actor.subject:
            raise PackageNotFound()
        assigned = package.assign_procurement_officers(tuple(subjects), utcnow())
        uow.packages.save_assignment(assigned)
        uow.audit(actor, "package.procurement_officers_assigned", ENTITY, package.id,
                  before={"procurement_officers": list(package.procurement_officers)},
                  after={"procurement_officers": list(assigned.procurement_officers)})
        uow.commit()
    return assigned


def find_package(uows: Orders, package_id: str) -> Package | None:
    with uows.read() as uow:
        return uow.packages.get(package_id)


def search_packages(
    uows: Orders, *, work_unit: str | None, commitment_officer: str | None, limit: int, cursor: str | None
) -> Page[Package]:
    with uows.read() as uow:
        return uow.packages.search(scope(work_unit=work_unit, commitment_officer=commitment_officer), limit=limit, cursor=cursor)


def _of_work_unit(package: Package | None, work_unit: str) -> Package:
    if package is None or package.work_unit != work_unit:
        raise PackageNotFound()
    return package


def _record(package: Package) -> dict[str, Any]:
    return {
        "rup_code": package.rup_code,
        "name": package.name,
        "budget_account": package.budget_account,
        "fiscal_year": package.fiscal_year,
        "amount": package.amount,
    }
