"""Housekeeping sweeps that keep the platform tables from growing without bound.

Sent outbox rows are only history once published; inbox rows must outlive any redelivery or DLQ
replay of the same event (so keep them longer than dead letters are kept); idempotency keys
promise a replay for a day.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from typing import Callable

from sqlalchemy import ColumnElement, Table, delete

from servicekit.deadlines import Sweep, UnitOfWorkLike
from servicekit.storage.tables import PlatformTables

def retention_sweeps(
    tables: PlatformTables, *, outbox_days: int, inbox_days: int, idempotency_hours: int = 24
) -> list[Sweep]:
    def purge(table: Table, column: ColumnElement[datetime], keep: timedelta) -> Callable[[UnitOfWorkLike, datetime], int]:
        def run(uow: UnitOfWorkLike, now: datetime) -> int:
            return int(uow.session.execute(delete(table).where(column < now - keep)).rowcount or 0)

        return run

    return [
        Sweep("outbox-retention", purge(tables.outbox, tables.outbox.c.sent_at, timedelta(days=outbox_days)), 3600),
        Sweep("inbox-retention", purge(tables.inbox, tables.inbox.c.received_at, timedelta(days=inbox_days)), 3600),
        Sweep(
            "idempotency-retention",
            purge(tables.idempotency_keys, tables.idempotency_keys.c.created_at, timedelta(hours=idempotency_hours)),
            3600,
        ),
    ]
