"""The journal: entries are inserted, never updated or deleted."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from payments.domain.ledger import EntryKind, JournalEntry, Line
from payments.storage.tables import journal_entries, journal_lines


class LedgerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, entry: JournalEntry) -> None:
        self.session.execute(
            insert(journal_entries).values(
                id=entry.id,
                kind=entry.kind.value,
                work_unit=entry.work_unit,
                reference=entry.reference,
                narration=entry.narration,
                occurred_at=entry.occurred_at,
                reverses=entry.reverses,
            )
        )
        self.session.execute(
            insert(journal_lines),
            [{"entry_id": entry.id, "position": i, "account": line.account, "amount": line.amount} for i, line in enumerate(entry.lines)],
        )

    def entries(self, *, work_unit: str | None = None, reference: str | None = None) -> list[JournalEntry]:
        statement = select(journal_entries).order_by(journal_entries.c.occurred_at, journal_entries.c.id)
        if work_unit is not None:
            statement = statement.where(journal_entries.c.work_unit == work_unit)
        if reference is not None:
            statement = statement.where(journal_entries.c.reference == reference)
        rows = list(self.session.execute(statement))
        lines = self._lines_of(row.id for row in rows)
        return [
            JournalEntry(row.id, EntryKind(row.kind), row.work_unit, row.reference, row.narration, row.occurred_at, lines[row.id], row.reverses)
            for row in rows
        ]

    def reversed_ids(self) -> set[str]:
        rows = self.session.execute(select(journal_entries.c.reverses).where(journal_entries.c.reverses.is_not(None)))
        return {row[0] for row in rows}

    def trial_balance(self, *, work_unit: str | None = None) -> dict[str, int]:
        statement = (
            select(journal_lines.c.account, func.sum(journal_lines.c.amount))
            .join(journal_entries, journal_entries.c.id == journal_lines.c.entry_id)
            .group_by(journal_lines.c.account)
            .order_by(journal_lines.c.account)
        )
        if work_unit is not None:
            statement = statement.where(journal_entries.c.work_unit == work_unit)
        return {account: int(total) for account, total in self.session.execute(statement)}

    def _lines_of(self, entry_ids: Iterable[str]) -> dict[str, tuple[Line, ...]]:
        ids = list(entry_ids)
        found: dict[str, list[Line]] = defaultdict(list)
        if ids:
            statement = select(journal_lines).where(journal_lines.c.entry_id.in_(ids)).order_by(journal_lines.c.entry_id, journal_lines.c.position)
            for row in self.session.execute(statement):
                found[row.entry_id].append(Line(row.account, row.amount))
        return {entry_id: tuple(found[entry_id]) for entry_id in ids}
