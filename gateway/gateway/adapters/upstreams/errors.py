"""How a call to an upstream failed, or why there was no upstream to call.

Plain exceptions the adapters raise and the use cases and proxy pass on; the API answers them
(``api/refusals.py``: 502, 503 with ``Retry-After``, 504; a service not deployed is a ``NotFound``).
"""
from __future__ import annotations

from servicekit.errors import DomainError, NotFound


class UpstreamError(DomainError):
    """The upstream could not give an answer; ``definite`` when it certainly did nothing.

    A refused connection means the request never reached the service; a timeout or a broken
    response leaves it unknown whether the service acted on it. ``facts`` carry the service's name
    (and whatever the caller adds, such as how to finish a signup).
    """

    slug = "bad-gateway"
    definite = False

    def __init__(self, service: str, detail: str) -> None:
        super().__init__(detail, service=service)


class UpstreamUnavailable(UpstreamError):
    slug = "upstream-unavailable"
    definite = True

    def __init__(self, service: str) -> None:
        super().__init__(service, f"the {service} service is not accepting connections; try again shortly")


class UpstreamTimeout(UpstreamError):
    slug = "upstream-timeout"

    def __init__(self, service: str) -> None:
        super().__init__(service, f"the {service} service did not answer in time")


class UpstreamBroken(UpstreamError):
    pass


class ServiceNotDeployed(NotFound):
    slug = "service-not-deployed"

    def __init__(self, service: str) -> None:
        super().__init__(f"service {service!r} is not deployed here", service=service)
