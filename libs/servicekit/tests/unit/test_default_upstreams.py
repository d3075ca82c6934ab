"""The edge's default upstreams, as the embedded mode and the distributed runner build them from the
installed services: every service clients reach, not the edge itself, not an unrouted one (the
sandbox bank, which only payments calls)."""
from __future__ import annotations

import dataclasses

import pytest

from servicekit import distributed
from servicekit.embedded import default_upstreams, installed_services

pytestmark = pytest.mark.unit


def upstream_names(value: str) -> set[str]:
    return {item.partition("=")[0] for item in value.split(",")}


def test_the_embedded_mode_routes_to_every_installed_service_but_the_sandbox_bank() -> None:
    definitions = installed_services()
    names = upstream_names(default_upstreams(definitions, "127.0.0.1"))
    assert "sandboxbank" in {d.name for d in definitions}
    assert "sandboxbank" not in names
    assert "gateway" not in names
    assert {"catalog", "vendors", "orders", "payments"} <= names


def test_the_distributed_runner_routes_to_the_same_services(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EORDER_GATEWAY_UPSTREAMS", raising=False)
    embedded = default_upstreams(installed_services(), "127.0.0.1")
    runner = distributed.environment(distributed.installed())["EORDER_GATEWAY_UPSTREAMS"]
    assert upstream_names(runner) == upstream_names(embedded)


def test_a_service_marked_unrouted_is_left_out_and_its_port_never_listed() -> None:
    catalog = next(d for d in installed_services() if d.name == "catalog")
    hidden = dataclasses.replace(catalog, routed=False)
    assert default_upstreams([catalog], "h") == f"catalog=http://h:{catalog.port}"
    assert default_upstreams([hidden], "h") == ""
