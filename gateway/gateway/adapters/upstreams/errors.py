"""How an upstream failed, as the problem the client receives (raise from anywhere in a request)."""
from __future__ import annotations

from servicekit.http.problems import NotFound, Problem


class UpstreamError(Problem):
    """The upstream could not give an answer; ``definite`` when it certainly did nothing.

    A refused connection means the request never reached the service; a timeout or a broken
    response leaves it unknown whether the service acted on it.
    """

    status, slug = 502, "bad-gateway"
    definite = False

    def __init__(self, service: str, detail: str) -> None:
        super().__init__(detail, service=service)


class UpstreamUnavailable(UpstreamError):
    status, slug = 503, "upstream-unavailable"
    definite = True

    def __init__(self, service: str) -> None:
        super().__init__(service, f"the {service} service is not accepting connections; try again shortly")
        self.headers["Retry-After"] = "5"


class UpstreamTimeout(UpstreamError):
    status, slug = 504, "upstream-timeout"

    def __init__(self, service: str) -> None:
        super().__init__(service, f"the {service} service did not answer in time")


class UpstreamBroken(UpstreamError):
    status, slug = 502, "bad-gateway"


class ServiceNotDeployed(NotFound):
    slug = "service-not-deployed"

    def __init__(self, service: str) -> None:
        super().__init__(f"service {service!r} is not deployed here", service=service)
