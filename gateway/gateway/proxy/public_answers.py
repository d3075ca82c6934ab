"""Upstream answers the gateway may give again for a moment: 200s to anonymous GETs that the upstream
marked ``Cache-Control: public`` (the catalog's public listing).

Part of the platform's own edge, not a cache between strangers: a kept answer is given only to
another anonymous GET of the same path and query, and only for ``fresh_for`` seconds (well under the
second within which a change must show; the upstream keeps its own pages no longer than that either).
Anything with credentials, anything not marked public, and every error goes to the upstream.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

from cachetools import TLRUCache

from gateway.adapters.upstreams.client import UpstreamResponse

MAX_KEPT = 256
"""Distinct paths kept per process; the least recently used make room."""


def may_keep(answer: UpstreamResponse) -> bool:
    directives = {d.strip().lower() for d in (answer.header("Cache-Control") or "").split(",")}
    return answer.status == 200 and "public" in directives and "set-cookie" not in {k.lower() for k, _ in answer.headers}


@dataclass(frozen=True)
class _Kept:
    answer: UpstreamResponse
    kept_at: float


class PublicAnswers:
    def __init__(self, fresh_for: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.fresh_for = fresh_for
        self._clock = clock
        # An answer expires fresh_for after it was asked for, however long the upstream took.
        self._kept: TLRUCache[str, _Kept] = TLRUCache(
            maxsize=MAX_KEPT, ttu=lambda _key, kept, _now: kept.kept_at + fresh_for, timer=clock
        )
        self._lock = threading.Lock()  # cachetools caches are not thread-safe

    @property
    def enabled(self) -> bool:
        return self.fresh_for > 0

    def get(self, key: str) -> UpstreamResponse | None:
        with self._lock:
            kept = self._kept.get(key)
        return None if kept is None else kept.answer

    def fetch(self, key: str, ask: Callable[[], UpstreamResponse]) -> UpstreamResponse:
        """The kept answer for ``key``, or the upstream's, kept when it may be."""
        kept = self.get(key)
        if kept is not None:
            return kept
        asked_at = self._clock()  # the answer is as old as the question
        answer = ask()
        if self.enabled and may_keep(answer):
            with self._lock:
                self._kept[key] = _Kept(answer, asked_at)
        return answer
