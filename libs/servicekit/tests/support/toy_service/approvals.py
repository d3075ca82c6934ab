"""A toy table of things awaiting approval by a deadline, and the sweep that expires the overdue ones,
for the tests of deadline sweeps (one worker, several workers)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Integer, MetaData, String, Table, update

from servicekit.deadlines import UnitOfWorkLike, claim_overdue
from servicekit.storage import PlatformTables, UTCDateTime
from toy_service.service import ToyEvent

REQUEST_EXPIRED = ToyEvent("request.expired")

metadata = MetaData()
platform = PlatformTables(metadata)
approvals = Table(
    "approvals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("state", String(32), nullable=False),
    Column("deadline_at", UTCDateTime(), nullable=False),
    Column("actions", Integer, nullable=False, default=0),
    # How many times a sweep acted on the row: exactly once is the promise.
)


def expire(uow: UnitOfWorkLike, row_id: str, deadline: datetime) -> None:
    """The per-row action: move the row on, count the action, say so on the bus."""
    uow.session.execute(
        update(approvals).where(approvals.c.id == row_id).values(state="expired", actions=approvals.c.actions + 1)
    )
    uow.publish(REQUEST_EXPIRED, row_id, {"id": row_id, "deadline": deadline.isoformat()})


def expire_overdue_approvals(uow: UnitOfWorkLike, now: datetime, batch: int = 100) -> int:
    """What a service's sweep looks like: claim overdue rows, act on each, say how many."""
    claimed = claim_overdue(uow, approvals, state="awaiting_approval", now=now, batch=batch)
    for row in claimed:
        expire(uow, row.id, row.deadline_at)
    return len(claimed)
