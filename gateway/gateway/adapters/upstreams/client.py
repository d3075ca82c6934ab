"""One pooled HTTP client per upstream: timeouts, and retries only where repeating is harmless."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Mapping

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.util import Retry, Timeout

from gateway.adapters.upstreams.errors import UpstreamBroken, UpstreamError, UpstreamTimeout, UpstreamUnavailable
from gateway.proxy.metrics import UPSTREAM_LATENCY, UPSTREAM_REQUESTS

# Repeating these changes nothing on the service, so a read failure or timeout may be retried.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class UpstreamResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def json(self) -> Any:
        return json.loads(self.body)


def retry_policy(retries: int) -> Retry:
    """Connection failures are retried for every method: nothing reached the service. Read failures
    (the request may have been acted on) only for idempotent methods. Status codes are passed on."""
    return Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=0,
        other=0,
        redirect=False,
        allowed_methods=IDEMPOTENT_METHODS,
        backoff_factor=0.05,
        raise_on_status=False,
        raise_on_redirect=False,
    )


class UpstreamClient:
    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        connect_timeout: float,
        read_timeout: float,
        retries: int,
        pool_size: int,
        max_response_bytes: int,
    ) -> None:
        self.name = name
        self.base_url = base_url
        self.max_response_bytes = max_response_bytes
        self._retries = retry_policy(retries)
        # block=False: a burst beyond the pool opens extra connections rather than queueing requests.
        self._pool = urllib3.connection_from_url(
            base_url, maxsize=pool_size, block=False, timeout=Timeout(connect=connect_timeout, read=read_timeout)
        )

    def request(
        self, method: str, path: str, *, headers: Mapping[str, str] | None = None, body: bytes | None = None
    ) -> UpstreamResponse:
        """Send ``path`` (with its query) to the upstream; raises an ``UpstreamError`` when there is no answer."""
        started = time.perf_counter()
        outcome = "error"
        try:
            response = self._send(method, path, headers or {}, body)
            outcome = str(response.status)
            return response
        finally:
            UPSTREAM_REQUESTS.labels(self.name, method, outcome).inc()
            UPSTREAM_LATENCY.labels(self.name).observe(time.perf_counter() - started)

    def _send(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> UpstreamResponse:
        try:
            raw = self._pool.urlopen(
                method,
                path,
                body=body,
                headers=dict(headers),
                retries=self._retries,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
                decode_content=False,
            )
        except MaxRetryError as exc:
            raise self._error(exc.reason) from exc
        except HTTPError as exc:
            raise self._error(exc) from exc
        try:
            # Content-Encoding is passed on as is, so the body is read undecoded.
            data = raw.read(self.max_response_bytes + 1, decode_content=False)
        except HTTPError as exc:
            raise self._error(exc) from exc
        finally:
            raw.release_conn()
        if len(data) > self.max_response_bytes:
            raise UpstreamBroken(self.name, f"the {self.name} service answered with more than the gateway passes on")
        return UpstreamResponse(status=raw.status, headers=list(raw.headers.items()), body=data)

    def _error(self, reason: BaseException | None) -> UpstreamError:
        # NewConnectionError is a kind of ConnectTimeoutError in urllib3, so it is told apart first.
        if isinstance(reason, NewConnectionError):
            return UpstreamUnavailable(self.name)
        if isinstance(reason, (ConnectTimeoutError, ReadTimeoutError)):
            return UpstreamTimeout(self.name)
        if isinstance(reason, ProtocolError):
            return UpstreamBroken(self.name, f"the {self.name} service closed the connection without an answer")
        return UpstreamBroken(self.name, f"the {self.name} service gave no usable answer")


class Upstreams:
    """The services this gateway routes to, by name."""

    def __init__(self, clients: Mapping[str, UpstreamClient]) -> None:
        self._clients = dict(clients)

    def items(self) -> list[tuple[str, UpstreamClient]]:
        """``(name, client)`` pairs in name order."""
        return sorted(self._clients.items())

    def get(self, name: str) -> UpstreamClient | None:
        return self._clients.get(name)
