"""Readiness checks that are asked often and answered from a recent result.

/readyz is public at the gateway and probed by orchestrators every few seconds; a check that opens
a connection (to the broker, to an upstream) on every call lets anyone multiply connections by
calling /readyz in a loop. A ``CachedCheck`` runs its check at most once per interval: callers
arriving while it runs wait for that run and share its result.
"""
from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from servicekit.settings import Settings


def cache_seconds(settings: "Settings") -> float:
    """``EORDER_READINESS_CACHE_SECONDS`` (per service: ``EORDER_<SERVICE>_READINESS_CACHE_SECONDS``)."""
    return settings.float_setting("READINESS_CACHE_SECONDS", 2.0)


class CachedCheck:
    def __init__(self, check: Callable[[], None], *, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._check = check
        self._seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._last: tuple[float, str | None] | None = None  # when, and the failure (None: ok)

    def __call__(self) -> None:
        with self._lock:
            if self._last is None or self._clock() - self._last[0] >= self._seconds:
                self._last = (self._clock(), self._run())
            failure = self._last[1]
        if failure is not None:
            raise ConnectionError(failure)

    def _run(self) -> str | None:
        try:
            self._check()
        except Exception as exc:  # reported by /readyz, never raised out of it
            return str(exc) or type(exc).__name__
        return None
