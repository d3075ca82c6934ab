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
from servicekit.storage.tables import IDEMPOTENCY_KEY_LIFETIME, PlatformTables

HOURLY = 3600.0


def _purge(table: Table, column: ColumnElement[datetime], keep: timedelta) -> Callable[[UnitOfWorkLike, datetime], int]:
    def run(uow: UnitOfWorkLike, now: datetime) -> int:
        return int(uow.session.execute(delete(table).where(column < now - keep)).rowcount or 0)

    return run


def retention_sweeps(tables: PlatformTables, *, outbox_days: int, inbox_days: int) -> list[Sweep]:
    outbox, inbox, keys = tables.outbox, tables.inbox, tables.idempotency_keys
    return [
        Sweep("outbox-retention", _purge(outbox, outbox.c.sent_at, timedelta(days=outbox_days)), HOURLY),
        Sweep("inbox-retention", _purge(inbox, inbox.c.received_at, timedelta(days=inbox_days)), HOURLY),
        Sweep("idempotency-retention", _purge(keys, keys.c.created_at, IDEMPOTENCY_KEY_LIFETIME), HOURLY),
    ]
