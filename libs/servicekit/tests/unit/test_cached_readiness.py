"""A readiness check asked by many at once runs once per interval, and a failure is shared too."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from servicekit.readiness import CachedCheck

pytestmark = pytest.mark.unit


class Broker:
    def __init__(self) -> None:
        self.connections = 0
        self.down = False

    def check(self) -> None:
        self.connections += 1
        time.sleep(0.05)  # long enough for the other callers to arrive while it runs
        if self.down:
            raise OSError("connection refused")


def test_concurrent_callers_share_one_run_per_interval() -> None:
    broker, now = Broker(), [100.0]
    check = CachedCheck(broker.check, seconds=2.0, clock=lambda: now[0])
    start = threading.Barrier(50)

    def ask(_: int) -> None:
        start.wait()
        check()

    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(ask, range(50)))
    assert broker.connections == 1
    now[0] += 1.9
    check()
    assert broker.connections == 1
    now[0] += 0.1
    check()
    assert broker.connections == 2


def test_a_failure_is_reported_to_every_caller_in_the_interval() -> None:
    broker, now = Broker(), [0.0]
    broker.down = True
    check = CachedCheck(broker.check, seconds=5.0, clock=lambda: now[0])
    for _ in range(3):
        with pytest.raises(ConnectionError, match="connection refused"):
            check()
    assert broker.connections == 1
    broker.down, now[0] = False, 5.0
    check()
    assert broker.connections == 2
