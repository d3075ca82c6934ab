"""A database error while registering a vendor leaves no personal data in the logs: not through the
SQL parameters (hidden at the engine), not through what the database says about the failing row."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import text

from servicekit.testing import ServiceHarness, database_url_for
from servicekit.testing.logs import captured_log_lines
from vendors.api.blueprint import URL_PREFIX as API
from vendors.service import DEFINITION
from vendors.testing import valid_application

pytestmark = pytest.mark.integration

# How each backend is made to refuse a new vendor row. PostgreSQL's refusal of a CHECK constraint
# quotes the whole failing row in its DETAIL; SQLite's trigger message quotes nothing, so there it
# is the SQL parameters that would carry the row.
REFUSALS = {
    "postgresql": ["ALTER TABLE vendors ADD CONSTRAINT refuse_new_vendors CHECK (false) NOT VALID"],
    "sqlite": ["CREATE TRIGGER refuse_new_vendors BEFORE INSERT ON vendors BEGIN SELECT RAISE(ABORT, 'refused'); END"],
}


@pytest.fixture(params=sorted(REFUSALS))
def refusing_vendors(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServiceHarness]:
    with database_url_for(request.param, tmp_path) as url, ServiceHarness(DEFINITION, database_url=url) as harness:
        with harness.runtime.engine.begin() as connection:
            for statement in REFUSALS[request.param]:
                connection.execute(text(statement))
        yield harness


def test_a_failed_registration_logs_no_personal_data(refusing_vendors: ServiceHarness) -> None:
    application = valid_application(
        owner_nik="3174056702900003",
        contact={"phone": "0813-9876-5432", "email": "wati.rahayu@umkm.example"},
        bank_account={"account_number": "77788899901"},
    )
    with captured_log_lines() as logs:
        response = refusing_vendors.client.post(f"{API}/registrations", json=application)
    assert response.status_code == 500, response.json
    [failure] = [event for event in logs.events() if event["event"] == "unhandled error"]
    assert "refuse" in failure["exception"]  # the database's refusal is what was logged
    personal = [
        application["owner_nik"],
        application["npwp"],
        "77788899901",
        "8139876543",  # the phone number's digits, however it was normalised
        "0813-9876-5432",
        "wati.rahayu@umkm.example",
    ]
    leaked = [(value, line) for line in logs.lines() for value in personal if value in line]
    assert not leaked, leaked
