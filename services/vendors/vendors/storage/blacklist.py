"""The blacklist table: entries keyed by NPWP identity."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from vendors.domain.blacklist import BlacklistEntry
from vendors.domain.errors import AlreadyBlacklisted
from vendors.storage.tables import blacklist

_NEWEST_FIRST = (SortKey(blacklist.c.added_at, descending=True), SortKey(blacklist.c.npwp_identity, descending=True))


class BlacklistRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, npwp_identity: str) -> BlacklistEntry | None:
        row = self.session.execute(select(blacklist).where(blacklist.c.npwp_identity == npwp_identity)).first()
        return None if row is None else _entry_from(row)

    def add(self, entry: BlacklistEntry) -> None:
        """Insert; AlreadyBlacklisted when a concurrent request added the same NPWP first."""
        try:
            with self.session.begin_nested():
                self.session.execute(
                    insert(blacklist).values(
                        npwp_identity=entry.identity,
                        npwp=entry.npwp,
                        reason=entry.reason,
                        added_by=entry.added_by,
                        added_at=entry.added_at,
                    )
                )
        except IntegrityError:
            raise AlreadyBlacklisted() from None

    def remove(self, npwp_identity: str) -> None:
        self.session.execute(delete(blacklist).where(blacklist.c.npwp_identity == npwp_identity))

    def page(self, *, limit: int, cursor: str | None) -> Page[BlacklistEntry]:
        page = keyset_page(self.session, select(blacklist), _NEWEST_FIRST, limit=limit, cursor=cursor, scalars=False)
        return Page(items=[_entry_from(row) for row in page.items], next=page.next)


def _entry_from(row: Row[Any]) -> BlacklistEntry:
    return BlacklistEntry(npwp=row.npwp, reason=row.reason, added_by=row.added_by, added_at=row.added_at)
