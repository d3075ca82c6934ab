"""The embedded mode's demo data: loaded through the use cases (so published), and loaded only once."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from servicekit.cli import service_cli
from servicekit.testing import ServiceHarness
from vendors.api.blueprint import URL_PREFIX as API
from vendors.demo_data import DEMO_VENDOR_IDS, DEMO_VENDORS, load_demo_data
from vendors.service import DEFINITION

pytestmark = pytest.mark.integration


def test_demo_vendors_are_registered_published_and_loaded_once(database_url: str) -> None:
    with ServiceHarness(DEFINITION, database_url=database_url, start_worker=False) as harness:
        load_demo_data(harness.runtime)
        registered = harness.outbox("vendor.registered")
        assert len(registered) == len(DEMO_VENDORS) >= 40
        assert len(harness.outbox("vendor.verified")) > 35
        assert len(harness.outbox("vendor.rejected")) == len(harness.outbox("vendor.suspended")) == 1

        for vendor_id in DEMO_VENDOR_IDS:
            public = harness.client.get(f"{API}/{vendor_id}")
            assert public.status_code == 200 and public.json["status"] == "verified"
        own = harness.client.get(f"{API}/{DEMO_VENDOR_IDS[0]}", headers=harness.headers("vendor", vendor_id=DEMO_VENDOR_IDS[0]))
        assert own.json["name"] == "Dapur Bu Sari" and own.json["address"]["kecamatan"] == "Tebet"
        rejected = harness.client.get(API, query_string={"status": "rejected"}, headers=harness.headers("admin")).json["items"]
        assert len(rejected) == 1 and len(rejected[0]["status_reasons"]) == 2
        cities = {item["address"]["city"] for item in harness.client.get(API, query_string={"limit": 100}).json["items"]}
        assert cities == {"Jakarta Pusat", "Jakarta Utara", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur"}

        events_before, audit_before = len(harness.outbox()), len(harness.audit_trail())
        load_demo_data(harness.runtime)
        assert (len(harness.outbox()), len(harness.audit_trail())) == (events_before, audit_before)


def test_the_demo_data_command_loads_them_after_migrating(tmp_path) -> None:
    environ = {"EORDER_ENV": "development", "EORDER_VENDORS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    cli = service_cli(DEFINITION)
    for command in (["migrate"], ["demo-data"]):
        result = CliRunner().invoke(cli, command, env=environ)
        assert result.exit_code == 0, result.output
    with ServiceHarness(DEFINITION, database_url=environ["EORDER_VENDORS_DATABASE_URL"], start_worker=False) as harness:
        assert harness.client.get(f"{API}/{DEMO_VENDOR_IDS[4]}").status_code == 200
