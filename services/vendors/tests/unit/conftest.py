from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

import pytest

from vendors.domain import profile
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.vendor import Vendor

REGISTERED_AT = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def policy() -> AdmissionPolicy:
    return AdmissionPolicy()


@pytest.fixture
def vendor(application: dict[str, Any], policy: AdmissionPolicy) -> Vendor:
    """A freshly registered (pending) micro vendor."""
    return profile.register(application, vendor_id=str(uuid.uuid4()), policy=policy, at=REGISTERED_AT)
