"""A deadline sweep end to end on the platform's own storage: overdue rows move on, their events go to
the outbox in the same transaction, and a failing sweep leaves the database as it was."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import insert, select

from servicekit.deadlines import DeadlineScheduler, Sweep, UnitOfWorkLike, WorkingCalendar
from servicekit.storage import UnitOfWorkFactory, make_engine
from servicekit.testing import FakeClock, database_url_for
from toy_service.approvals import approvals, expire_overdue_approvals, metadata, platform
from toy_service.service import DEFINITION as TOY

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgresql"])
def uow_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    with database_url_for(request.param, tmp_path) as url:
        engine = make_engine(url)
        metadata.create_all(engine)
        yield UnitOfWorkFactory(engine, platform, "deadline-test", contracts=TOY.contracts)
        engine.dispose()


def states(uow_factory: UnitOfWorkFactory) -> dict[str, str]:
    with uow_factory() as uow:
        return dict(uow.session.execute(select(approvals.c.id, approvals.c.state)).all())


def outbox_subjects(uow_factory: UnitOfWorkFactory) -> list[str]:
    outbox = platform.outbox
    with uow_factory() as uow:
        return list(uow.session.execute(select(outbox.c.subject).order_by(outbox.c.created_at)).scalars())


def test_overdue_approvals_expire_by_working_days(uow_factory: UnitOfWorkFactory) -> None:
    calendar = WorkingCalendar()
    # Submitted Friday 14 August 2026 at 19:00 WIB: due by the end of Thursday 20 August (Monday 17
    # is Independence Day). Submitted Tuesday 18 August: due by the end of Friday 21 August.
    friday_evening = datetime(2026, 8, 14, 12, 0, tzinfo=UTC)
    tuesday = datetime(2026, 8, 18, 2, 0, tzinfo=UTC)
    with uow_factory() as uow:
        uow.session.execute(
            insert(approvals),
            [
                {"id": "r-friday", "state": "awaiting_approval", "deadline_at": calendar.add_working_days(friday_evening, 3)},
                {"id": "r-tuesday", "state": "awaiting_approval", "deadline_at": calendar.add_working_days(tuesday, 3)},
                {"id": "r-approved", "state": "approved", "deadline_at": calendar.add_working_days(friday_evening, 3)},
            ],
        )
        uow.commit()

    clock = FakeClock(datetime(2026, 8, 21, 3, 0, tzinfo=UTC))  # Friday 21 August, 10:00 WIB
    scheduler = DeadlineScheduler([Sweep("approval-deadline", expire_overdue_approvals)], uow_factory, clock=clock)

    assert scheduler.run_due() == {"approval-deadline": 1}
    assert states(uow_factory) == {"r-friday": "expired", "r-tuesday": "awaiting_approval", "r-approved": "approved"}
    assert outbox_subjects(uow_factory) == ["r-friday"]

    clock.now = datetime(2026, 8, 21, 16, 59, tzinfo=UTC)  # Friday 23:59 WIB: r-tuesday's last day is not over
    assert scheduler.run_due() == {"approval-deadline": 0}

    clock.now = datetime(2026, 8, 24, 1, 0, tzinfo=UTC)  # Monday 24 August, 08:00 WIB
    assert scheduler.run_due() == {"approval-deadline": 1}
    assert states(uow_factory)["r-tuesday"] == "expired"
    assert outbox_subjects(uow_factory) == ["r-friday", "r-tuesday"]


def test_a_failing_sweep_leaves_the_database_as_it_was(uow_factory: UnitOfWorkFactory) -> None:
    now = datetime(2026, 8, 18, 3, 0, tzinfo=UTC)
    with uow_factory() as uow:
        uow.session.execute(
            insert(approvals).values(id="r-1", state="awaiting_approval", deadline_at=now - timedelta(days=1))
        )
        uow.commit()

    def expire_then_fail(uow: UnitOfWorkLike, at: datetime) -> int:
        expire_overdue_approvals(uow, at)
        raise RuntimeError("the event contract refused the payload")

    scheduler = DeadlineScheduler([Sweep("broken", expire_then_fail)], uow_factory, clock=FakeClock(now))
    assert scheduler.run_due() == {}
    assert states(uow_factory) == {"r-1": "awaiting_approval"}
    assert outbox_subjects(uow_factory) == []


def test_housekeeping_purges_old_history_only(uow_factory: UnitOfWorkFactory) -> None:
    from servicekit.storage.retention import retention_sweeps

    now = datetime(2026, 8, 18, 3, 0, tzinfo=UTC)
    outbox, inbox = platform.outbox, platform.inbox
    with uow_factory() as uow:
        for event_id, sent_at in (("old-sent", now - timedelta(days=8)), ("new-sent", now), ("pending", None)):
            uow.session.execute(
                insert(outbox).values(
                    id=event_id, type="t", subject="s", envelope={}, created_at=now - timedelta(days=9), sent_at=sent_at,
                    publish_attempts=0,
                )
            )
        for event_id, received in (("old-seen", now - timedelta(days=31)), ("new-seen", now - timedelta(days=29))):
            uow.session.execute(insert(inbox).values(event_id=event_id, type="t", source="s", received_at=received))
        uow.commit()

    sweeps = retention_sweeps(platform, outbox_days=7, inbox_days=30)
    assert DeadlineScheduler(sweeps, uow_factory, clock=FakeClock(now)).run_all_now() == {
        "outbox-retention": 1,
        "inbox-retention": 1,
        "idempotency-retention": 0,
    }
    with uow_factory() as uow:
        assert set(uow.session.execute(select(outbox.c.id)).scalars()) == {"new-sent", "pending"}
        assert set(uow.session.execute(select(inbox.c.event_id)).scalars()) == {"new-seen"}
