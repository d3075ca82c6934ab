"""The register of work units (OPD/SKPD), kept by the admin; every write audited."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Mapping

from servicekit.actors import Actor
from servicekit.storage import utcnow
from servicekit.storage.paging import Page

from gateway.application.audit import audit_values
from gateway.application.units import Gateways
from gateway.domain.errors import InvalidWorkUnit, WorkUnitNotFound
from gateway.domain.work_units import WorkUnit, code_problems

ENTITY = "work_unit"


def audit_record(unit: WorkUnit) -> dict[str, Any]:
    return audit_values(asdict(unit))


class WorkUnits:
    def __init__(self, uows: Gateways) -> None:
        self.uows = uows

    def create(self, actor: Actor, code: str, name: str) -> WorkUnit:
        if problems := code_problems(code):
            raise InvalidWorkUnit({"code": problems})
        now = utcnow()
        unit = WorkUnit(code=code, name=name, active=True, created_at=now, updated_at=now)
        with self.uows() as uow:
            uow.work_units.add(unit)
            uow.audit(actor, "work_unit.created", ENTITY, code, after=audit_record(unit))
            uow.commit()
        return unit

    def ensure(self, actor: Actor, code: str, name: str) -> None:
        """Create the work unit unless it exists (the demo data, loaded on every start)."""
        with self.uows.read() as uow:
            if uow.work_units.find(code) is not None:
                return
        self.create(actor, code, name)

    def get(self, code: str) -> WorkUnit:
        with self.uows.read() as uow:
            unit = uow.work_units.find(code)
        if unit is None:
            raise WorkUnitNotFound()
        return unit

    def page(self, *, limit: int, cursor: str | None, active: bool | None) -> Page[WorkUnit]:
        with self.uows.read() as uow:
            return uow.work_units.page(limit=limit, cursor=cursor, active=active)

    def change(self, actor: Actor, code: str, changes: Mapping[str, Any]) -> WorkUnit:
        """Rename, or deactivate (no new officials may join it; existing accounts keep working)."""
        with self.uows() as uow:
            before = uow.work_units.find(code)
            if before is None:
                raise WorkUnitNotFound()
            after = WorkUnit(**{**asdict(before), **changes, "updated_at": utcnow()})
            uow.work_units.replace(after)
            uow.audit(actor, "work_unit.changed", ENTITY, code, before=audit_record(before), after=audit_record(after))
            uow.commit()
        return after
