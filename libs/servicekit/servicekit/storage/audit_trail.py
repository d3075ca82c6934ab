"""Reading a service's audit trail (what ``UnitOfWork.audit`` wrote): every unit of work has it."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page
from servicekit.storage.tables import PlatformTables


class AuditTrail:
    def __init__(self, session: Session, tables: PlatformTables) -> None:
        self.session = session
        self.table = tables.audit_log

    def page(self, entity_type: str, entity_id: str, *, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
        """An entity's entries in the order they happened."""
        table = self.table
        statement = select(table).where(table.c.entity_type == entity_type, table.c.entity_id == entity_id)
        page = keyset_page(self.session, statement, (SortKey(table.c.id),), limit=limit, cursor=cursor, scalars=False)
        columns = [column.name for column in table.columns]
        return Page(items=[{name: row._mapping[name] for name in columns} for row in page.items], next=page.next)
