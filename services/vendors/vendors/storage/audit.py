"""Reading the audit trail that servicekit's unit of work writes (``uow.audit``)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from servicekit.http.pagination import Page, SortKey, keyset_page
from servicekit.storage import PlatformTables


def audit_page(
    session: Session, tables: PlatformTables, entity_type: str, entity_id: str, *, limit: int, cursor: str | None
) -> Page[dict[str, Any]]:
    """An entity's entries in the order they happened."""
    audit_log = tables.audit_log
    statement = select(audit_log).where(audit_log.c.entity_type == entity_type, audit_log.c.entity_id == entity_id)
    page = keyset_page(session, statement, (SortKey(audit_log.c.id),), limit=limit, cursor=cursor, scalars=False)
    columns = [column.name for column in audit_log.columns]
    return Page(items=[{name: row._mapping[name] for name in columns} for row in page.items], next=page.next)
