"""The demo data set is realistic, valid under the default policy, and stable."""
from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime, timezone

import pytest

from vendors.domain import profile
from vendors.domain.admission import DEFAULT_CATEGORIES, AdmissionPolicy
from vendors.domain.lifecycle import Status
from vendors.domain.vendor import Vendor
from vendors.demo_data import DEMO_NAMESPACE, DEMO_VENDOR_IDS, DEMO_VENDORS, application_of, final_status

pytestmark = pytest.mark.unit

JAKARTA = {"Jakarta Pusat", "Jakarta Utara", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur"}


def registered() -> list[Vendor]:
    """Every demo vendor through the registration rules, as the loader does."""
    at = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
    return [profile.register(application_of(d, i), vendor_id=d.id, policy=AdmissionPolicy(), at=at) for i, d in enumerate(DEMO_VENDORS)]


def test_at_least_forty_valid_vendors_across_the_five_cities_and_every_category() -> None:
    vendors = registered()
    assert len(vendors) >= 40
    assert {v.address.city for v in vendors} == JAKARTA
    assert {c for v in vendors for c in v.categories} == set(DEFAULT_CATEGORIES)
    assert len({v.nib for v in vendors}) == len({v.npwp_identity for v in vendors}) == len(vendors)
    assert {len(v.npwp) for v in vendors} == {15, 16}  # both NPWP formats are represented


def test_most_are_verified_some_pending_one_rejected_one_suspended() -> None:
    statuses = Counter(final_status(d) for d in DEMO_VENDORS)
    assert statuses[Status.VERIFIED] > len(DEMO_VENDORS) * 3 // 4
    assert statuses[Status.PENDING] >= 2
    assert statuses[Status.REJECTED] == statuses[Status.SUSPENDED] == 1


def test_the_demo_accounts_bind_to_the_first_five_verified_vendors_by_fixed_ids() -> None:
    verified = [d for d in DEMO_VENDORS if final_status(d) is Status.VERIFIED]
    assert DEMO_VENDOR_IDS == [d.id for d in verified[:5]]
    # uuid5 of the business name in the namespace the catalog's demo data uses for the same vendors
    assert DEMO_NAMESPACE == uuid.UUID("6f1c1a52-4b7e-4c59-9a8e-0d8c7c3e2b10")
    assert DEMO_VENDOR_IDS[0] == str(uuid.uuid5(DEMO_NAMESPACE, "Dapur Bu Sari"))
    assert DEMO_VENDOR_IDS == [
        "2f8b43e2-3cd3-504d-aa7a-2d3793ce589f",
        "c41b5d58-3dc2-530f-9ba8-3fdfab452cb1",
        "f0e90ac9-018f-5e32-b133-b0033854981f",
        "50fa3beb-8d07-5655-b308-a27aa62be284",
        "95dc85c0-fb5c-530d-afe9-b3b6a85ca8c5",
    ]


def test_vat_registered_demo_vendors_sell_above_the_pkp_threshold() -> None:
    for vendor in registered():
        assert (vendor.annual_sales > 4_800_000_000) == vendor.pkp, vendor.name
