"""The local distributed runner supervises its processes: one that exits is started again after a
pause that grows while it keeps failing, instead of the runner stopping the whole platform."""
from __future__ import annotations

import sys

import pytest

from servicekit.distributed import RESTART_BACKOFF_FIRST_SECONDS, Supervised

pytestmark = pytest.mark.integration


def exited(supervised: Supervised) -> int:
    assert supervised.process is not None
    return supervised.process.wait(timeout=30)


def test_a_process_that_exits_is_restarted_with_growing_pauses() -> None:
    crashing = Supervised("catalog worker", [sys.executable, "-c", "raise SystemExit(3)"], env={})
    crashing.start()
    first_pid = crashing.process.pid if crashing.process else None
    assert exited(crashing) == 3

    now = crashing.started_at + 1.0
    crashing.watch(now)  # the exit is noticed: a restart is due after the first pause
    assert crashing.restart_at == now + RESTART_BACKOFF_FIRST_SECONDS
    crashing.watch(now + RESTART_BACKOFF_FIRST_SECONDS / 2)
    assert crashing.process is not None and crashing.process.pid == first_pid  # still pausing
    crashing.watch(now + RESTART_BACKOFF_FIRST_SECONDS)
    assert crashing.process is not None and crashing.process.pid != first_pid  # started again

    assert exited(crashing) == 3
    later = crashing.started_at + 1.0
    crashing.watch(later)
    assert crashing.restart_at == later + 2 * RESTART_BACKOFF_FIRST_SECONDS  # failing again: a longer pause


def test_a_running_process_is_left_alone_and_stopped_on_request() -> None:
    steady = Supervised("vendors web", [sys.executable, "-c", "import time; time.sleep(60)"], env={})
    steady.start()
    steady.watch(steady.started_at + 5)
    assert steady.restart_at is None
    steady.stop()
    steady.wait()
    assert steady.process is not None and steady.process.returncode != 0
