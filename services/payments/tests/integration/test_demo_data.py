"""The embedded mode's demo data: loaded through the use cases (so published and balanced), once."""
from __future__ import annotations

import pytest

from payments.demo_data import load_demo_data
from payments.service import DEFINITION
from payments.testing import PaymentsApi
from servicekit.testing import ServiceHarness

pytestmark = pytest.mark.integration


def test_demo_invoices_and_payments_in_several_states_loaded_once(database_url: str) -> None:
    with ServiceHarness(DEFINITION, database_url=database_url, start_worker=False) as harness:
        load_demo_data(harness.runtime)
        api = PaymentsApi(harness)
        states = sorted(i["state"] for i in api.get("/invoices?limit=100", api.auditor()).json["items"])
        assert states == ["accepted", "accepted", "drafted", "paid", "paid", "returned", "submitted"]
        assert len(harness.outbox("payment.settled")) == 2 and len(harness.outbox("payment.requested")) == 1
        assert api.trial_balance_total() == 0
        events_before = len(harness.outbox())
        load_demo_data(harness.runtime)
        assert len(harness.outbox()) == events_before
