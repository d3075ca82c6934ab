"""A deployment that admits medium businesses, and one with its own categories."""
from __future__ import annotations

import pytest

from servicekit.testing import ServiceHarness
from vendors.api.blueprint import URL_PREFIX as API
from vendors.domain.scale import BILLION
from vendors.service import DEFINITION

pytestmark = pytest.mark.integration


def test_a_deployment_admitting_medium_businesses_registers_them(database_url: str, application: dict) -> None:
    environ = {"EORDER_VENDORS_ADMITTED_SCALES": "small,medium", "EORDER_VENDORS_CATEGORIES": "catering,meeting-food,batik"}
    with ServiceHarness(DEFINITION, database_url=database_url, environ=environ, start_worker=False) as harness:
        medium = harness.client.post(f"{API}/registrations", json={**application, "annual_sales": 40 * BILLION})
        assert medium.status_code == 201 and medium.json["scale"] == "medium"
        micro = harness.client.post(f"{API}/registrations", json={**application, "nib": "9" * 13, "npwp": "9" * 15})
        assert micro.status_code == 422 and micro.json["scale"] == "micro"
        edited = harness.client.patch(
            f"{API}/{medium.json['id']}", json={"categories": ["batik"]}, headers=harness.headers("admin")
        )
        assert edited.status_code == 200 and edited.json["categories"] == ["batik"]
