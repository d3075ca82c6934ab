"""Reading and writing budget packages; committing and releasing amounts with guarded UPDATEs."""
from __future__ import annotations

from typing import Any, Mapping, cast

from sqlalchemy import ColumnElement, CursorResult, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from servicekit.storage import utcnow
from servicekit.storage.paging import Page, SortKey, keyset_page

from orders.domain.errors import DuplicatePackage, PackageExhausted, PackageNotFound
from orders.domain.packages import Package
from orders.storage.tables import packages

BY_CODE = (SortKey(packages.c.fiscal_year, descending=True), SortKey(packages.c.rup_code), SortKey(packages.c.id))


class PackageRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, package_id: str) -> Package | None:
        row = self.session.execute(select(packages).where(packages.c.id == package_id)).first()
        return None if row is None else _package_from(row._mapping)

    def require(self, package_id: str) -> Package:
        package = self.get(package_id)
        if package is None:
            raise PackageNotFound()
        return package

    def add(self, package: Package) -> None:
        try:
            with self.session.begin_nested():  # a savepoint: losing the race on the code leaves the transaction usable
                self.session.execute(insert(packages).values(**_columns_of(package)))
        except IntegrityError:
            raise DuplicatePackage(package.rup_code) from None

    def exists(self, work_unit: str, fiscal_year: int, rup_code: str) -> bool:
        statement = select(packages.c.id).where(
            packages.c.work_unit == work_unit, packages.c.fiscal_year == fiscal_year, packages.c.rup_code == rup_code
        )
        return self.session.execute(statement).first() is not None

    def save_assignment(self, package: Package) -> None:
        self.session.execute(
            update(packages)
            .where(packages.c.id == package.id)
            .values(
                commitment_officer=package.commitment_officer,
                procurement_officers=list(package.procurement_officers),
                updated_at=package.updated_at,
            )
        )

    def commit_amount(self, package_id: str, amount: int) -> None:
        """Commit ``amount`` only while the remaining amount covers it: one guarded UPDATE, so two
        approvals racing for the last rupiah cannot both win (the loser gets PackageExhausted)."""
        remaining = packages.c.amount - packages.c.committed - packages.c.realised
        statement = (
            update(packages)
            .where(packages.c.id == package_id, remaining >= amount)
            .values(committed=packages.c.committed + amount, updated_at=utcnow())
        )
        if cast(CursorResult[Any], self.session.execute(statement)).rowcount != 1:
            package = self.require(package_id)
            raise PackageExhausted(package.remaining, amount)

    def release_amount(self, package_id: str, amount: int) -> None:
        self.session.execute(
            update(packages)
            .where(packages.c.id == package_id)
            .values(committed=packages.c.committed - amount, updated_at=utcnow())
        )

    def realise_amount(self, package_id: str, amount: int) -> None:
        self.session.execute(
            update(packages)
            .where(packages.c.id == package_id)
            .values(committed=packages.c.committed - amount, realised=packages.c.realised + amount, updated_at=utcnow())
        )

    def search(self, conditions: list[ColumnElement[bool]], *, limit: int, cursor: str | None) -> Page[Package]:
        page = keyset_page(
            self.session, select(packages).where(*conditions), BY_CODE, limit=limit, cursor=cursor, sort_name="code", scalars=False
        )
        return Page(items=[_package_from(row._mapping) for row in page.items], next=page.next)

    def any_exist(self) -> bool:
        return self.session.execute(select(packages.c.id).limit(1)).first() is not None


def scope(*, work_unit: str | None = None, commitment_officer: str | None = None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if work_unit is not None:
        conditions.append(packages.c.work_unit == work_unit)
    if commitment_officer is not None:
        conditions.append(packages.c.commitment_officer == commitment_officer)
    return conditions


def _columns_of(package: Package) -> dict[str, Any]:
    return {
        "id": package.id,
        "work_unit": package.work_unit,
        "rup_code": package.rup_code,
        "name": package.name,
        "budget_account": package.budget_account,
        "fiscal_year": package.fiscal_year,
        "amount": package.amount,
        "committed": package.committed,
        "realised": package.realised,
        "commitment_officer": package.commitment_officer,
        "procurement_officers": list(package.procurement_officers),
        "created_by": package.created_by,
        "created_at": package.created_at,
        "updated_at": package.updated_at,
    }


def _package_from(row: Mapping[str, Any]) -> Package:
    values = {column.name: row[column.name] for column in packages.columns}  # a page's rows carry sort keys too
    values["procurement_officers"] = tuple(values["procurement_officers"])
    return Package(**values)
