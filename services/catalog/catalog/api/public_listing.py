"""The public product listing (search and browse), answered from encoded pages kept for a moment.

The listing is the platform's busiest page and the same for every caller (no pending revisions, no
personal data), so each process keeps the encoded answer of each recent query, with its ETag:
- for at most ``fresh_for`` seconds (well under the second within which a change must show): the
  other processes' writes (other web workers, the worker applying vendor events) are not seen here;
- and only while this process has committed nothing since: its own writes show at once.
A client that sends the ETag back gets 304 without the body. Public answers say ``public, no-cache``:
a cache may keep them but must ask again each time (the ETag makes that cheap); an answer to a
request carrying credentials gets the platform's ``no-store``.
"""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Hashable

from cachetools import TLRUCache
from flask import Response, request

from servicekit.http.json_output import json_bytes
from servicekit.http.security_headers import is_public_read
from servicekit.storage import UnitOfWorkFactory

MAX_KEPT = 256
"""Distinct queries kept per process; the least recently used make room (a page is a few tens of kilobytes)."""


@dataclass(frozen=True)
class EncodedPage:
    body: bytes
    etag: str
    """Unquoted: a digest of the body."""
    made_at: float
    commits: int
    """The unit-of-work factory's commit count when the page was read."""


class PublicListing:
    def __init__(
        self, uows: UnitOfWorkFactory[Any], *, fresh_for: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._uows = uows
        self.fresh_for = fresh_for
        self._clock = clock
        # A page expires fresh_for after its read began, however long the read took.
        self._pages: TLRUCache[Hashable, EncodedPage] = TLRUCache(
            maxsize=MAX_KEPT, ttu=lambda _key, page, _now: page.made_at + fresh_for, timer=clock
        )
        self._lock = threading.Lock()  # cachetools caches are not thread-safe

    def answer(self, key: Hashable, read: Callable[[], Any]) -> Response:
        """The page for ``key`` (the validated query), read and encoded by ``read`` when the kept one
        is out of date, as a 200 or, for a client holding it already, a 304."""
        page = self._kept(key) or self._keep(key, read)
        if request.if_none_match.contains_weak(page.etag):
            response = Response(status=304)
        else:
            response = Response(page.body, mimetype="application/json")
        response.set_etag(page.etag)
        if is_public_read():
            response.headers["Cache-Control"] = "public, no-cache"
        return response

    def _kept(self, key: Hashable) -> EncodedPage | None:
        with self._lock:
            page = self._pages.get(key)
        return page if page is not None and page.commits == self._uows.commits else None

    def _keep(self, key: Hashable, read: Callable[[], Any]) -> EncodedPage:
        # Taken before reading: a commit during the read makes the page out of date at once.
        commits, made_at = self._uows.commits, self._clock()
        body = json_bytes(read())
        page = EncodedPage(body, hashlib.blake2b(body, digest_size=16).hexdigest(), made_at, commits)
        if self.fresh_for > 0:
            with self._lock:
                self._pages[key] = page
        return page
