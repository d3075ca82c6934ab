"""Periodic sweeps that act on things left in a state past their deadline.

A worker process runs a :class:`DeadlineScheduler` next to its consumer and outbox relay. Each sweep
runs in a fresh unit of work of its own, so that one failing sweep rolls back only its own changes,
and its events leave through the outbox only if its changes are committed.
"""
from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Callable, Mapping, Protocol, Sequence

import structlog
from prometheus_client import Counter
from sqlalchemy.orm import Session

SWEEPS = Counter(
    "eorder_deadline_sweeps_total", "Deadline sweep runs by outcome (ok or failed)", ["service", "sweep", "outcome"]
)
SWEPT_ITEMS = Counter(
    "eorder_deadline_items_total", "Things acted on by deadline sweeps (committed runs only)", ["service", "sweep"]
)

_log = structlog.get_logger(__name__)


class UnitOfWorkLike(Protocol):
    """What a sweep may use of ``servicekit.storage.UnitOfWork`` (which satisfies this structurally)."""

    @property
    def session(self) -> Session: ...

    def publish(self, type: str, subject: str, data: Mapping[str, Any]) -> Any: ...

    def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], AbstractContextManager[UnitOfWorkLike]]
"""Makes a fresh unit of work; leaving its context without ``commit()`` rolls back."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Sweep:
    """One kind of overdue thing: ``run(uow, now)`` finds them, acts on them, returns how many.

    The sweep changes rows and publishes events through ``uow`` but never commits: the scheduler
    commits after it returns and rolls back if it raises, so a sweep is all or nothing.

    Every worker copy runs every sweep, so a sweep claims its rows with
    :func:`servicekit.deadlines.claim_overdue` (``FOR UPDATE SKIP LOCKED``, the state and deadline
    re-checked in the claim, a bounded batch) and acts only on what it claimed: then each row is
    acted on once however many workers run. A sweep that cannot use it follows the same pattern;
    ``tests/integration/test_sweeps_with_several_workers.py`` shows why each part matters.
    """

    name: str
    run: Callable[[UnitOfWorkLike, datetime], int]
    every_seconds: float = 60.0

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a sweep needs a name: it labels its logs and metrics")
        if not self.every_seconds > 0:
            raise ValueError(f"sweep {self.name!r}: every_seconds must be positive, got {self.every_seconds}")


class DeadlineScheduler:
    """Runs each sweep every ``every_seconds``, each in its own unit of work.

    A sweep that raises is logged, counted, rolled back and tried again at its next turn (not at
    once, so that a sweep failing on every run does not spin). The others run regardless.
    """

    def __init__(
        self,
        sweeps: Sequence[Sweep],
        uow_factory: UnitOfWorkFactory,
        *,
        clock: Callable[[], datetime] = _utcnow,
        service: str = "",
    ) -> None:
        names = [sweep.name for sweep in sweeps]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            # Names key the schedule and the metrics; two sweeps sharing one would hide each other.
            raise ValueError(f"sweep names must be unique: {', '.join(duplicates)}")
        self._sweeps = tuple(sweeps)
        self._uow_factory = uow_factory
        self._clock = clock
        self._service = service
        self._log = _log.bind(service=service) if service else _log
        self._next_due: dict[str, datetime] = {}  # absent: due now (never run yet)
        # Serialises passes, so that run_all_now() from a command cannot overlap the run() loop.
        self._pass_lock = threading.Lock()

    @property
    def sweeps(self) -> tuple[Sweep, ...]:
        return self._sweeps

    def run_due(self) -> dict[str, int]:
        """Run every sweep that is due now; the items handled by each that succeeded, by name."""
        return self._pass(only_due=True)

    def run_all_now(self) -> dict[str, int]:
        """Run every sweep at once, due or not (for tests and operator commands)."""
        return self._pass(only_due=False)

    def seconds_until_due(self) -> float | None:
        """Seconds until the earliest sweep is due (0 if one is due now); None without sweeps."""
        if not self._sweeps:
            return None
        now = self._now()
        waits = [
            (self._next_due[sweep.name] - now).total_seconds() if sweep.name in self._next_due else 0.0
            for sweep in self._sweeps
        ]
        return max(0.0, min(waits))

    def run(self, stop: threading.Event) -> None:
        """Run due sweeps until ``stop`` is set, waking when the next one is due."""
        self._log.info("deadline_scheduler_started", sweeps=[sweep.name for sweep in self._sweeps])
        # Never wait longer than the shortest interval: if the wall clock steps back (NTP), the
        # computed wait would be too long by the size of the step.
        max_wait = min((sweep.every_seconds for sweep in self._sweeps), default=None)
        while not stop.is_set():
            try:
                self.run_due()
                wait = self.seconds_until_due()
            except Exception:
                # run_due() already contains each sweep's failure; this is the clock or a bug in the
                # loop itself. Keep the worker alive and try again after a pause.
                self._log.exception("deadline_scheduler_pass_failed")
                wait = max_wait
            if wait is not None and max_wait is not None:
                wait = min(wait, max_wait)
            stop.wait(wait)
        self._log.info("deadline_scheduler_stopped")

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("the scheduler's clock must return timezone-aware datetimes")
        return now

    def _pass(self, *, only_due: bool) -> dict[str, int]:
        handled: dict[str, int] = {}
        with self._pass_lock:
            for sweep in self._sweeps:
                now = self._now()
                due_at = self._next_due.get(sweep.name)
                if only_due and due_at is not None and now < due_at:
                    continue
                # Scheduled from the start of the run, failed or not, so the rhythm does not drift
                # by the run's duration and a failing sweep waits its turn like any other.
                self._next_due[sweep.name] = now + timedelta(seconds=sweep.every_seconds)
                count = self._run_one(sweep, now)
                if count is not None:
                    handled[sweep.name] = count
        return handled

    def _run_one(self, sweep: Sweep, now: datetime) -> int | None:
        try:
            with self._uow_factory() as uow:
                count = sweep.run(uow, now)
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    # Checked before commit: a sweep that breaks its contract keeps nothing.
                    raise TypeError(f"sweep {sweep.name!r} must return a count >= 0, got {count!r}")
                uow.commit()
        except Exception:
            SWEEPS.labels(self._service, sweep.name, "failed").inc()
            self._log.exception("deadline_sweep_failed", sweep=sweep.name)
            return None
        SWEEPS.labels(self._service, sweep.name, "ok").inc()
        SWEPT_ITEMS.labels(self._service, sweep.name).inc(count)
        if count:
            self._log.info("deadline_sweep_done", sweep=sweep.name, handled=count)
        return count
