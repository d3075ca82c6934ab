"""Property-based run over the merged OpenAPI document: no 5xx, and answers match their schemas.

Every operation of the gateway, vendors and catalog (as deployed behind the gateway) gets up to
``EORDER_SCHEMATHESIS_EXAMPLES`` generated requests (20 by default), sent through the gateway with
an admin's token, so that the deepest code paths are reached.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from servicekit.embedded import installed_services

from gateway.testing import ServedStack

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

EXAMPLES = int(os.environ.get("EORDER_SCHEMATHESIS_EXAMPLES", "20"))
UPSTREAMS = [d.name for d in installed_services() if d.name in ("vendors", "catalog")]
# Generated requests must meet the API, not the limits and lockouts that protect it.
UNLIMITED = {
    "EORDER_GATEWAY_RATE_LIMIT": "1000000/minute",
    "EORDER_GATEWAY_TOKEN_RATE_LIMIT": "1000000/minute",
    "EORDER_GATEWAY_SIGNUP_RATE_LIMIT": "1000000/minute",
    "EORDER_GATEWAY_LOCKOUT_THRESHOLD": "1000000",
    "EORDER_GATEWAY_PASSWORD_HASHING": "cheapest-for-tests",
}
# Logging out would revoke the token every other operation is sent with.
WITHOUT_TOKEN = {"POST /api/v1/auth/logout"}


def test_the_merged_api_has_no_server_errors_and_keeps_its_schemas(tmp_path: Path) -> None:
    with ServedStack(tmp_path, UPSTREAMS, **UNLIMITED) as stack:
        base_url = stack.urls["gateway"]
        document = requests.get(f"{base_url}/api/docs/openapi.json", timeout=30).json()
        assert "x-unavailable-services" not in document["info"]
        schema = schemathesis.openapi.from_dict(document)
        token = requests.post(f"{base_url}/api/v1/auth/token", json={"username": "admin", "password": "demo"}, timeout=10)
        admin = {"Authorization": f"Bearer {token.json()['access_token']}"}
        failures: list[str] = []
        operations = 0
        started = time.monotonic()
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            headers = {} if operation.label in WITHOUT_TOKEN else admin

            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy())
            def exercise(case: schemathesis.Case) -> None:
                case.call_and_validate(
                    base_url=base_url,
                    headers=headers,  # noqa: B023 - called at once, within this iteration
                    checks=[checks.not_a_server_error, checks.response_schema_conformance],
                )

            try:
                exercise()
            except Exception as exc:  # collected so that one run reports every operation at fault
                failures.append(f"{operation.label}: {exc}")
    assert operations > 20, f"only {operations} operations in the merged document"
    assert not failures, "\n\n".join(failures)
    print(f"{operations} operations x {EXAMPLES} examples in {time.monotonic() - started:.0f}s")
