"""DeadlineScheduler with a fake clock and a recording unit of work, then end to end on SQLite."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Mapping

import pytest
from prometheus_client import REGISTRY
from structlog.testing import capture_logs
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from servicekit.deadlines import DeadlineScheduler, Sweep, UnitOfWorkLike, WorkingCalendar

pytestmark = pytest.mark.unit

T0 = datetime(2026, 8, 18, 3, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class RecordingUnitOfWork:
    """Keeps what a sweep did; a real unit of work would hold a session and an outbox."""

    def __init__(self) -> None:
        self.session: Any = None
        self.published: list[tuple[str, str, Mapping[str, Any]]] = []
        self.committed = False
        self.rolled_back = False

    def __enter__(self) -> "RecordingUnitOfWork":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self.committed:
            self.rolled_back = True

    def publish(self, type: str, subject: str, data: Mapping[str, Any]) -> None:
        self.published.append((type, subject, data))

    def commit(self) -> None:
        self.committed = True


class RecordingFactory:
    def __init__(self) -> None:
        self.made: list[RecordingUnitOfWork] = []

    def __call__(self) -> RecordingUnitOfWork:
        self.made.append(RecordingUnitOfWork())
        return self.made[-1]


class CountingSweep:
    """A sweep body that records the instants it ran at and returns a fixed count."""

    def __init__(self, count: int = 0, fail_times: int = 0) -> None:
        self.count = count
        self.fail_times = fail_times
        self.calls: list[datetime] = []

    def __call__(self, uow: UnitOfWorkLike, now: datetime) -> int:
        self.calls.append(now)
        uow.publish("thing.expired", f"thing-{len(self.calls)}", {"at": now.isoformat()})
        if self.fail_times:
            self.fail_times -= 1
            raise RuntimeError("database went away")
        return self.count


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_due_sweep_runs_and_commits() -> None:
    body = CountingSweep(count=2)
    factory = RecordingFactory()
    scheduler = DeadlineScheduler([Sweep("approvals", body)], factory, clock=FakeClock(), service="t-due")

    assert scheduler.run_due() == {"approvals": 2}

    assert body.calls == [T0]
    [uow] = factory.made
    assert uow.committed and not uow.rolled_back
    assert uow.published == [("thing.expired", "thing-1", {"at": T0.isoformat()})]
    assert sample("eorder_deadline_sweeps_total", service="t-due", sweep="approvals", outcome="ok") == 1
    assert sample("eorder_deadline_items_total", service="t-due", sweep="approvals") == 2


def test_a_sweep_that_is_not_yet_due_does_not_run() -> None:
    clock = FakeClock()
    slow, fast = CountingSweep(), CountingSweep()
    factory = RecordingFactory()
    scheduler = DeadlineScheduler(
        [Sweep("slow", slow, every_seconds=60), Sweep("fast", fast, every_seconds=10)], factory, clock=clock
    )

    assert scheduler.run_due() == {"slow": 0, "fast": 0}
    clock.advance(9.999)
    assert scheduler.run_due() == {}
    clock.advance(0.001)
    assert scheduler.run_due() == {"fast": 0}
    clock.advance(50)
    assert scheduler.run_due() == {"slow": 0, "fast": 0}

    assert len(slow.calls) == 2 and len(fast.calls) == 3
    assert len(factory.made) == 5  # no unit of work is opened for a sweep that is not due


def test_a_failing_sweep_rolls_back_and_the_others_still_run() -> None:
    clock = FakeClock()
    broken, healthy = CountingSweep(count=1, fail_times=1), CountingSweep(count=3)
    factory = RecordingFactory()
    scheduler = DeadlineScheduler(
        [Sweep("broken", broken), Sweep("healthy", healthy)], factory, clock=clock, service="t-fail"
    )

    with capture_logs() as logs:
        assert scheduler.run_due() == {"healthy": 3}

    [failure] = [entry for entry in logs if entry["event"] == "deadline_sweep_failed"]
    assert failure["sweep"] == "broken" and failure["log_level"] == "error" and failure["exc_info"]
    broken_uow, healthy_uow = factory.made
    assert broken_uow.rolled_back and not broken_uow.committed
    assert healthy_uow.committed
    assert sample("eorder_deadline_sweeps_total", service="t-fail", sweep="broken", outcome="failed") == 1
    assert sample("eorder_deadline_items_total", service="t-fail", sweep="broken") == 0

    # Not retried at once: at its next turn.
    clock.advance(30)
    assert scheduler.run_due() == {}
    clock.advance(30)
    assert scheduler.run_due() == {"broken": 1, "healthy": 3}
    assert factory.made[2].committed
    assert sample("eorder_deadline_sweeps_total", service="t-fail", sweep="broken", outcome="ok") == 1


@pytest.mark.parametrize("bad", [None, -1, "2", True])
def test_a_sweep_returning_something_other_than_a_count_is_rolled_back(bad: Any) -> None:
    factory = RecordingFactory()
    scheduler = DeadlineScheduler([Sweep("odd", lambda uow, now: bad)], factory, clock=FakeClock())
    assert scheduler.run_due() == {}
    assert factory.made[0].rolled_back and not factory.made[0].committed


def test_a_factory_that_fails_counts_as_a_failed_sweep() -> None:
    def no_database() -> RecordingUnitOfWork:
        raise ConnectionError("database unreachable")

    healthy = CountingSweep(count=1)
    scheduler = DeadlineScheduler(
        [Sweep("a", healthy), Sweep("b", healthy)], no_database, clock=FakeClock(), service="t-nodb"
    )
    assert scheduler.run_due() == {}
    assert sample("eorder_deadline_sweeps_total", service="t-nodb", sweep="b", outcome="failed") == 1


def test_run_all_now_runs_sweeps_that_are_not_due() -> None:
    clock = FakeClock()
    body = CountingSweep(count=1)
    scheduler = DeadlineScheduler([Sweep("a", body, every_seconds=3600)], RecordingFactory(), clock=clock)
    scheduler.run_due()
    assert scheduler.run_due() == {}
    assert scheduler.run_all_now() == {"a": 1}
    assert len(body.calls) == 2


def test_seconds_until_due_points_at_the_earliest_sweep() -> None:
    clock = FakeClock()
    scheduler = DeadlineScheduler(
        [Sweep("slow", CountingSweep(), every_seconds=60), Sweep("fast", CountingSweep(), every_seconds=10)],
        RecordingFactory(),
        clock=clock,
    )
    assert scheduler.seconds_until_due() == 0.0  # never run: due now
    scheduler.run_due()
    assert scheduler.seconds_until_due() == 10.0
    clock.advance(4)
    assert scheduler.seconds_until_due() == 6.0
    clock.advance(100)
    assert scheduler.seconds_until_due() == 0.0
    assert DeadlineScheduler([], RecordingFactory()).seconds_until_due() is None


def test_run_exits_promptly_when_stop_is_set() -> None:
    ran = threading.Event()

    def body(uow: UnitOfWorkLike, now: datetime) -> int:
        ran.set()
        return 0

    # With a clock that never moves the loop would wait the full hour for the next turn, unless
    # the stop event wakes it.
    scheduler = DeadlineScheduler([Sweep("hourly", body, every_seconds=3600)], RecordingFactory(), clock=FakeClock())
    stop = threading.Event()
    worker = threading.Thread(target=scheduler.run, args=(stop,), daemon=True)
    worker.start()
    assert ran.wait(timeout=5)
    stop.set()
    worker.join(timeout=5)
    assert not worker.is_alive()


def test_run_does_nothing_when_stop_is_already_set() -> None:
    body = CountingSweep()
    stop = threading.Event()
    stop.set()
    DeadlineScheduler([Sweep("a", body)], RecordingFactory(), clock=FakeClock()).run(stop)
    assert body.calls == []


def test_sweep_names_must_be_unique_and_intervals_positive() -> None:
    with pytest.raises(ValueError, match="approvals"):
        DeadlineScheduler([Sweep("approvals", CountingSweep()), Sweep("approvals", CountingSweep())], RecordingFactory())
    with pytest.raises(ValueError, match="every_seconds"):
        Sweep("approvals", CountingSweep(), every_seconds=0)
    with pytest.raises(ValueError, match="name"):
        Sweep("", CountingSweep())


def test_a_naive_clock_is_refused() -> None:
    body = CountingSweep()
    scheduler = DeadlineScheduler([Sweep("a", body)], RecordingFactory(), clock=lambda: datetime(2026, 8, 18))
    with pytest.raises(ValueError, match="aware"):
        scheduler.run_due()
    assert body.calls == []


# -- end to end on SQLite ------------------------------------------------------------------------


class AwareUTC(TypeDecorator[datetime]):
    """Aware UTC in and out on SQLite (which keeps no offset). Stands in for the platform's
    UTCDateTime so that this test needs nothing from the storage package."""

    impl = DateTime()
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


metadata = MetaData()
requests_table = Table(
    "requests",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("state", String(32), nullable=False),
    Column("deadline_at", AwareUTC(), nullable=True),
)
outbox_table = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("type", String(100), nullable=False),
    Column("subject", String(100), nullable=False),
    Column("data", JSON, nullable=False),
)


class SqlUnitOfWork:
    """The minimal shape of servicekit's unit of work: a session, an outbox, commit or roll back."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> "SqlUnitOfWork":
        self.session = self._session_factory()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def publish(self, type: str, subject: str, data: Mapping[str, Any]) -> None:
        # In the same transaction as the change it describes, as the real outbox does.
        self.session.execute(insert(outbox_table).values(type=type, subject=subject, data=dict(data)))

    def commit(self) -> None:
        self.session.commit()


def expire_overdue_approvals(uow: UnitOfWorkLike, now: datetime) -> int:
    """What a service's sweep looks like: claim overdue rows, move them on, say so."""
    claimed = uow.session.execute(
        select(requests_table.c.id, requests_table.c.deadline_at)
        .where(requests_table.c.state == "awaiting_approval", requests_table.c.deadline_at < now)
        .order_by(requests_table.c.deadline_at)
        .limit(100)
        .with_for_update(skip_locked=True)  # ignored by SQLite; essential with several PostgreSQL workers
    ).all()
    for row in claimed:
        uow.session.execute(
            update(requests_table)
            .where(requests_table.c.id == row.id, requests_table.c.state == "awaiting_approval")
            .values(state="expired")
        )
        uow.publish("request.expired", row.id, {"id": row.id, "deadline": row.deadline_at.isoformat()})
    return len(claimed)


def test_end_to_end_expiry_on_sqlite(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'deadlines.db'}")
    metadata.create_all(engine)
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    calendar = WorkingCalendar()
    approval_days = 3

    # Submitted Friday 14 August 2026 at 19:00 WIB: due by the end of Thursday 20 August (Monday 17
    # is Independence Day). Submitted Tuesday 18 August: due by the end of Friday 21 August.
    friday_evening = datetime(2026, 8, 14, 12, 0, tzinfo=UTC)
    tuesday = datetime(2026, 8, 18, 2, 0, tzinfo=UTC)
    with sessions.begin() as session:
        session.execute(
            insert(requests_table),
            [
                {"id": "r-friday", "state": "awaiting_approval",
                 "deadline_at": calendar.add_working_days(friday_evening, approval_days)},
                {"id": "r-tuesday", "state": "awaiting_approval",
                 "deadline_at": calendar.add_working_days(tuesday, approval_days)},
                {"id": "r-approved", "state": "approved",
                 "deadline_at": calendar.add_working_days(friday_evening, approval_days)},
            ],
        )

    def states() -> dict[str, str]:
        with engine.connect() as connection:
            return dict(connection.execute(select(requests_table.c.id, requests_table.c.state)).all())

    def outbox_subjects() -> list[str]:
        with engine.connect() as connection:
            return list(connection.execute(select(outbox_table.c.subject).order_by(outbox_table.c.seq)).scalars())

    # Friday 21 August, 10:00 WIB.
    clock = FakeClock(datetime(2026, 8, 21, 3, 0, tzinfo=UTC))
    scheduler = DeadlineScheduler(
        [Sweep("approval-deadline", expire_overdue_approvals, every_seconds=60)],
        lambda: SqlUnitOfWork(sessions),
        clock=clock,
        service="t-sqlite",
    )

    assert scheduler.run_due() == {"approval-deadline": 1}
    assert states() == {"r-friday": "expired", "r-tuesday": "awaiting_approval", "r-approved": "approved"}
    assert outbox_subjects() == ["r-friday"]

    # Still Friday 23:59 WIB: r-tuesday's last day is not over yet.
    clock.now = datetime(2026, 8, 21, 16, 59, tzinfo=UTC)
    assert scheduler.run_due() == {"approval-deadline": 0}

    # Monday 24 August, 08:00 WIB.
    clock.now = datetime(2026, 8, 24, 1, 0, tzinfo=UTC)
    assert scheduler.run_due() == {"approval-deadline": 1}
    assert states()["r-tuesday"] == "expired"
    assert outbox_subjects() == ["r-friday", "r-tuesday"]
    engine.dispose()


def test_a_failing_sweep_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'rollback.db'}")
    metadata.create_all(engine)
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    with sessions.begin() as session:
        session.execute(
            insert(requests_table).values(id="r-1", state="awaiting_approval", deadline_at=T0 - timedelta(days=1))
        )

    def expire_then_fail(uow: UnitOfWorkLike, now: datetime) -> int:
        expire_overdue_approvals(uow, now)
        raise RuntimeError("the event contract refused the payload")

    scheduler = DeadlineScheduler([Sweep("broken", expire_then_fail)], lambda: SqlUnitOfWork(sessions), clock=FakeClock())
    assert scheduler.run_due() == {}

    with engine.connect() as connection:
        assert connection.execute(select(requests_table.c.state)).scalar_one() == "awaiting_approval"
        assert connection.execute(select(func.count()).select_from(outbox_table)).scalar_one() == 0
    engine.dispose()
