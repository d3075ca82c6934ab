"""DeadlineScheduler with a fake clock and a recording unit of work (no database)."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any, Mapping

import pytest
from prometheus_client import REGISTRY
from structlog.testing import capture_logs

from servicekit.deadlines import DeadlineScheduler, Sweep, UnitOfWorkLike
from servicekit.testing.clock import FakeClock

pytestmark = pytest.mark.unit

T0 = datetime(2026, 8, 18, 3, 0, tzinfo=UTC)


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
    scheduler = DeadlineScheduler([Sweep("approvals", body)], factory, clock=FakeClock(T0), service="t-due")

    assert scheduler.run_due() == {"approvals": 2}

    assert body.calls == [T0]
    [uow] = factory.made
    assert uow.committed and not uow.rolled_back
    assert uow.published == [("thing.expired", "thing-1", {"at": T0.isoformat()})]
    assert sample("eorder_deadline_sweeps_total", service="t-due", sweep="approvals", outcome="ok") == 1
    assert sample("eorder_deadline_items_total", service="t-due", sweep="approvals") == 2


def test_a_sweep_that_is_not_yet_due_does_not_run() -> None:
    clock = FakeClock(T0)
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
    clock = FakeClock(T0)
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
    scheduler = DeadlineScheduler([Sweep("odd", lambda uow, now: bad)], factory, clock=FakeClock(T0))
    assert scheduler.run_due() == {}
    assert factory.made[0].rolled_back and not factory.made[0].committed


def test_a_factory_that_fails_counts_as_a_failed_sweep() -> None:
    def no_database() -> RecordingUnitOfWork:
        raise ConnectionError("database unreachable")

    healthy = CountingSweep(count=1)
    scheduler = DeadlineScheduler(
        [Sweep("a", healthy), Sweep("b", healthy)], no_database, clock=FakeClock(T0), service="t-nodb"
    )
    assert scheduler.run_due() == {}
    assert sample("eorder_deadline_sweeps_total", service="t-nodb", sweep="b", outcome="failed") == 1


def test_run_all_now_runs_sweeps_that_are_not_due() -> None:
    clock = FakeClock(T0)
    body = CountingSweep(count=1)
    scheduler = DeadlineScheduler([Sweep("a", body, every_seconds=3600)], RecordingFactory(), clock=clock)
    scheduler.run_due()
    assert scheduler.run_due() == {}
    assert scheduler.run_all_now() == {"a": 1}
    assert len(body.calls) == 2


def test_seconds_until_due_points_at_the_earliest_sweep() -> None:
    clock = FakeClock(T0)
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
    scheduler = DeadlineScheduler([Sweep("hourly", body, every_seconds=3600)], RecordingFactory(), clock=FakeClock(T0))
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
    DeadlineScheduler([Sweep("a", body)], RecordingFactory(), clock=FakeClock(T0)).run(stop)
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
