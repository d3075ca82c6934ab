"""Who may read the gateway's /metrics: scrapers on the monitoring networks, never the public.

The gateway is the one address exposed to clients, and its metrics tell routes, volumes and error
rates. A scrape comes straight from Prometheus; a request that passed a proxy (it carries
``X-Forwarded-For`` or ``Forwarded``) came from a client through the ingress, whose own address
would otherwise look internal. Services' metrics are not reachable through the gateway at all: it
only forwards ``/api/v1/<service>/...``.
"""
from __future__ import annotations

import ipaddress
from typing import Iterable

from flask import Flask, request

from servicekit.http.problems import Forbidden
from servicekit.settings import ConfigurationError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Loopback and the private ranges compose networks and Kubernetes pod networks are drawn from.
DEFAULT_NETWORKS = ("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip())
    except ValueError as exc:
        raise ConfigurationError(f"EORDER_GATEWAY_METRICS_ALLOWED_NETWORKS: {exc}") from exc


def may_scrape(address: str | None, networks: tuple[Network, ...], *, proxied: bool) -> bool:
    if proxied or not address:
        return False
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(client in network for network in networks)


def restrict_metrics(app: Flask, networks: tuple[Network, ...]) -> None:
    @app.before_request
    def _metrics_for_monitoring_only() -> None:
        if request.path != "/metrics":
            return
        proxied = "X-Forwarded-For" in request.headers or "Forwarded" in request.headers
        if not may_scrape(request.remote_addr, networks, proxied=proxied):
            raise Forbidden("metrics are served to the monitoring networks only")
