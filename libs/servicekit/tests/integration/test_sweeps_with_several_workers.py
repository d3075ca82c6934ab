"""Every worker copy runs every deadline sweep: with the claim of ``claim_overdue`` each overdue row is
acted on once, however many schedulers run at the same moment. Two real schedulers, each with its own
engine (as two worker processes have), on PostgreSQL."""
from __future__ import annotations

import functools
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Callable, Iterator

import pytest
from sqlalchemy import insert, select

from servicekit.deadlines import DeadlineScheduler, Sweep, UnitOfWorkLike, claim_overdue
from servicekit.storage import UnitOfWorkFactory, make_engine
from servicekit.testing import FakeClock
from servicekit.testing.infrastructure import postgres_database
from toy_service.approvals import approvals, expire, expire_overdue_approvals, metadata, platform
from toy_service.service import DEFINITION as TOY

pytestmark = pytest.mark.integration

NOW = datetime(2026, 8, 21, 3, 0, tzinfo=UTC)
SweepRun = Callable[[UnitOfWorkLike, datetime], int]


def claiming_sweep(batch: int, after_claim: Callable[[], None]) -> SweepRun:
    """``expire_overdue_approvals`` with a pause between its claim and its actions."""

    def run(uow: UnitOfWorkLike, now: datetime) -> int:
        claimed = claim_overdue(uow, approvals, state="awaiting_approval", now=now, batch=batch)
        after_claim()
        for row in claimed:
            expire(uow, row.id, row.deadline_at)
        return len(claimed)

    return run


def unclaimed_sweep(batch: int, after_claim: Callable[[], None]) -> SweepRun:
    """What a sweep without the claim looks like: a plain read, then act on what it read."""

    def run(uow: UnitOfWorkLike, now: datetime) -> int:
        found = uow.session.execute(
            select(approvals.c.id, approvals.c.deadline_at)
            .where(approvals.c.state == "awaiting_approval", approvals.c.deadline_at < now)
            .order_by(approvals.c.deadline_at)
            .limit(batch)
        ).all()
        after_claim()
        for row in found:
            expire(uow, row.id, row.deadline_at)
        return len(found)

    return run


class Workers:
    """Two workers' worth of storage on one database: an engine and a unit-of-work factory each."""

    def __init__(self, url: str) -> None:
        self.engines = [make_engine(url), make_engine(url)]
        metadata.create_all(self.engines[0])
        self.factories = [
            UnitOfWorkFactory(engine, platform, "sweep-test", contracts=TOY.contracts) for engine in self.engines
        ]

    def add_overdue(self, count: int) -> None:
        with self.factories[0]() as uow:
            uow.session.execute(
                insert(approvals),
                [
                    {"id": f"a-{i:05d}", "state": "awaiting_approval", "deadline_at": NOW - timedelta(hours=1, seconds=i), "actions": 0}
                    for i in range(count)
                ],
            )
            uow.commit()

    def schedulers(self, run: SweepRun) -> list[DeadlineScheduler]:
        return [DeadlineScheduler([Sweep("approval-deadline", run)], f, clock=FakeClock(NOW)) for f in self.factories]

    def events_per_row(self) -> Counter[str]:
        with self.factories[0]() as uow:
            return Counter(uow.session.execute(select(platform.outbox.c.subject)).scalars())

    def actions_per_row(self) -> dict[str, int]:
        with self.factories[0]() as uow:
            return dict(uow.session.execute(select(approvals.c.id, approvals.c.actions)).all())

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()


@pytest.fixture
def workers() -> Iterator[Workers]:
    with postgres_database("eorder_sweeps") as url:
        both = Workers(url)
        yield both
        both.close()


def run_together(schedulers: list[DeadlineScheduler], passes: Callable[[DeadlineScheduler], int]) -> list[int]:
    handled = [0] * len(schedulers)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            handled[index] = passes(schedulers[index])
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(schedulers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return handled


def one_pass(scheduler: DeadlineScheduler) -> int:
    return scheduler.run_all_now().get("approval-deadline", -1)


def test_two_workers_claiming_at_the_same_moment_never_take_the_same_row(workers: Workers) -> None:
    workers.add_overdue(100)
    both_claimed = threading.Barrier(2, timeout=30)  # neither acts before both have claimed
    handled = run_together(workers.schedulers(claiming_sweep(50, both_claimed.wait)), one_pass)
    assert handled == [50, 50]
    assert set(workers.events_per_row().values()) == {1} and len(workers.events_per_row()) == 100
    assert set(workers.actions_per_row().values()) == {1}


def test_without_the_claim_two_workers_act_twice_on_the_same_rows(workers: Workers) -> None:
    """Why the claim: the same moment without it doubles every action and every event."""
    workers.add_overdue(100)
    both_read = threading.Barrier(2, timeout=30)
    run_together(workers.schedulers(unclaimed_sweep(50, both_read.wait)), one_pass)
    assert set(workers.events_per_row().values()) == {2}


def test_many_overdue_rows_are_each_acted_on_once_by_two_busy_workers(workers: Workers) -> None:
    workers.add_overdue(2000)

    def until_nothing_is_left(scheduler: DeadlineScheduler) -> int:
        total = 0
        for _ in range(1000):
            handled = one_pass(scheduler)
            assert handled >= 0, "the sweep failed"
            total += handled
            if handled == 0 and 0 not in workers.actions_per_row().values():
                return total
        raise AssertionError("the sweep did not finish")

    handled = run_together(workers.schedulers(functools.partial(expire_overdue_approvals, batch=25)), until_nothing_is_left)
    assert sum(handled) == 2000 and min(handled) > 0, handled  # both took part
    events = workers.events_per_row()
    assert len(events) == 2000 and set(events.values()) == {1}
    assert set(workers.actions_per_row().values()) == {1}
