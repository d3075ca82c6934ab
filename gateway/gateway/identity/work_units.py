"""The register of work units (OPD/SKPD) that officials belong to, kept by the admin."""
from __future__ import annotations

import re
from typing import Any, Mapping

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from servicekit.storage.paging import Page, SortKey, keyset_page
from servicekit.http.problems import BadRequest, Conflict, NotFound
from servicekit.storage import UnitOfWork, utcnow
from servicekit.actors import Actor

from gateway.identity.audit import audit_values
from gateway.identity.tables import work_units

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9-]{1,19}$")


class WorkUnitRegister:
    def get(self, uow: UnitOfWork, code: str) -> Mapping[str, Any]:
        row = uow.session.execute(select(work_units).where(work_units.c.code == code)).first()
        if row is None:
            raise NotFound("work unit not found")
        return row._mapping

    def exists(self, uow: UnitOfWork, code: str) -> bool:
        return uow.session.execute(select(work_units.c.code).where(work_units.c.code == code)).first() is not None

    def page(self, uow: UnitOfWork, *, limit: int, cursor: str | None, active: bool | None) -> Page[Any]:
        statement = select(work_units)
        if active is not None:
            statement = statement.where(work_units.c.active == active)
        page = keyset_page(uow.session, statement, [SortKey(work_units.c.code)], limit=limit, cursor=cursor, scalars=False)
        return Page(items=[row._mapping for row in page.items], next=page.next)

    def create(self, uow: UnitOfWork, actor: Actor, code: str, name: str) -> dict[str, Any]:
        if not CODE_PATTERN.match(code):
            raise BadRequest(
                "the work unit is not valid", errors={"code": ["2 to 20 upper-case letters, digits or '-'"]}
            )
        now = utcnow()
        values = {"code": code, "name": name, "active": True, "created_at": now, "updated_at": now}
        try:
            with uow.session.begin_nested():
                uow.session.execute(insert(work_units).values(**values))
        except IntegrityError as exc:
            raise Conflict("a work unit with this code exists", errors={"code": ["already exists"]}) from exc
        uow.audit(actor, "work_unit.created", "work_unit", code, after=audit_values(values))
        return values

    def change(self, uow: UnitOfWork, actor: Actor, code: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        before = dict(self.get(uow, code))
        values = {**changes, "updated_at": utcnow()}
        uow.session.execute(update(work_units).where(work_units.c.code == code).values(**values))
        after = {**before, **values}
        uow.audit(actor, "work_unit.changed", "work_unit", code, before=audit_values(before), after=audit_values(after))
        return after
