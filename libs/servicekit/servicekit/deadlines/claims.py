"""The claim every sweep makes, so that its per-row action happens once however many workers run.

Each worker copy runs every sweep. On PostgreSQL, rows are claimed with ``FOR UPDATE SKIP LOCKED``:
a copy that comes second skips the rows the first holds instead of waiting for them, and once the
first commits, the state has moved on and the rows no longer match. The state and deadline are part
of the claim (a re-check: the row may have moved on since it became overdue), and the batch is
bounded, so that one transaction stays short; what is left is claimed at the next turn. SQLite
ignores the clause and needs none: its writers queue on the file lock (``BEGIN IMMEDIATE``).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence

from sqlalchemy import Row, Table, select

from servicekit.deadlines.scheduler import UnitOfWorkLike

DEFAULT_BATCH = 100


def claim_overdue(
    uow: UnitOfWorkLike,
    table: Table,
    *,
    state: str,
    now: datetime,
    deadline_column: str = "deadline_at",
    state_column: str = "state",
    batch: int = DEFAULT_BATCH,
) -> Sequence[Row[Any]]:
    """Rows of ``table`` still in ``state`` whose deadline passed before ``now``, oldest deadline
    first, at most ``batch``, locked for this unit of work; rows another worker holds are skipped."""
    deadline = table.c[deadline_column]
    return (
        uow.session.execute(
            select(table)
            .where(table.c[state_column] == state, deadline < now)
            .order_by(deadline)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        .all()
    )
