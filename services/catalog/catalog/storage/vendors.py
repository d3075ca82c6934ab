"""The catalog's copy of vendors (from vendor.* events)."""
from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from catalog.domain.vendors import VendorCopy, VendorProfile
from catalog.storage.tables import vendors

_PROFILE_COLUMNS = tuple(f.name for f in fields(VendorProfile))


class VendorCopyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, vendor_id: str, *, lock: bool = False) -> VendorCopy | None:
        statement = select(vendors).where(vendors.c.id == vendor_id)
        if lock:
            statement = statement.with_for_update()
        row = self.session.execute(statement).first()
        return None if row is None else _copy_from(row)

    def status_of(self, vendor_id: str) -> str | None:
        return self.session.execute(select(vendors.c.status).where(vendors.c.id == vendor_id)).scalar()

    def add(self, vendor: VendorCopy) -> None:
        self.session.execute(insert(vendors).values(id=vendor.id, **_columns_of(vendor)))

    def replace(self, vendor: VendorCopy) -> None:
        self.session.execute(update(vendors).where(vendors.c.id == vendor.id).values(**_columns_of(vendor)))


def _columns_of(vendor: VendorCopy) -> dict[str, Any]:
    return {**vendor.profile.record(), "version": vendor.version, "seeded": vendor.seeded, "updated_at": vendor.updated_at}


def _copy_from(row: Row[Any]) -> VendorCopy:
    return VendorCopy(
        id=row.id,
        version=row.version,
        profile=VendorProfile.from_event({name: getattr(row, name) for name in _PROFILE_COLUMNS}),
        seeded=row.seeded,
        updated_at=row.updated_at,
    )
