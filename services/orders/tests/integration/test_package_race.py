"""Two approvals racing for one package's last rupiah on PostgreSQL: exactly one commits, the
remaining amount never goes below zero."""
from __future__ import annotations

import threading
from typing import Any

import pytest

from servicekit.testing import ServiceHarness

pytestmark = pytest.mark.integration


# On PostgreSQL only: there requests really run at once (SQLite has a single writer).
@pytest.mark.parametrize("service", ["postgresql"], indirect=True)
def test_two_approvals_racing_for_the_last_rupiah_commit_once(service: ServiceHarness, api: Any) -> None:
    assert service.runtime.engine.dialect.name == "postgresql"
    # Each order needs 1,110,000 (1,000,000 + 11% VAT); the package holds enough for one only.
    buyer = api.buyer(amount=1_500_000, prices=(100_000,))
    first = api.awaiting_approval(buyer)
    second = api.awaiting_approval(buyer)
    answers: dict[str, int] = {}
    start = threading.Barrier(2)

    def approve(order_id: str) -> None:
        client = service.app.test_client()
        start.wait()
        response = client.post(f"/api/v1/orders/{order_id}/approval", json={"decision": "approve"}, headers=api.ppk(buyer))
        answers[order_id] = response.status_code

    threads = [threading.Thread(target=approve, args=(order["id"],)) for order in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(answers.values()) == [200, 422]
    package = api.package_of(buyer)
    assert package["committed"] == 1_110_000 and package["remaining"] == 390_000
