"""Work units: rows in, ``WorkUnit`` out."""
from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from gateway.domain.errors import WorkUnitExists
from gateway.domain.work_units import WorkUnit
from gateway.storage.tables import work_units


def _work_unit(row: RowMapping) -> WorkUnit:
    return WorkUnit(
        code=row["code"], name=row["name"], active=row["active"], created_at=row["created_at"], updated_at=row["updated_at"]
    )


class WorkUnitRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, code: str) -> WorkUnit | None:
        row = self.session.execute(select(work_units).where(work_units.c.code == code)).mappings().first()
        return _work_unit(row) if row is not None else None

    def is_active(self, code: str) -> bool:
        active = self.session.execute(select(work_units.c.active).where(work_units.c.code == code)).scalar_one_or_none()
        return bool(active)

    def add(self, unit: WorkUnit) -> None:
        try:
            with self.session.begin_nested():
                self.session.execute(insert(work_units).values(**asdict(unit)))
        except IntegrityError as exc:
            raise WorkUnitExists() from exc

    def replace(self, unit: WorkUnit) -> None:
        values = asdict(unit)
        del values["code"], values["created_at"]
        self.session.execute(update(work_units).where(work_units.c.code == unit.code).values(**values))

    def page(self, *, limit: int, cursor: str | None, active: bool | None) -> Page[WorkUnit]:
        statement = select(work_units)
        if active is not None:
            statement = statement.where(work_units.c.active == active)
        page = keyset_page(self.session, statement, [SortKey(work_units.c.code)], limit=limit, cursor=cursor, scalars=False)
        return Page(items=[_work_unit(row._mapping) for row in page.items], next=page.next)
