"""For tests of the vendors service and of whatever talks to it (the gateway, end-to-end tests): a
registration body that passes every rule, with a fresh NIB and NPWP each time."""
from __future__ import annotations

import copy
import uuid
from typing import Any, Mapping


def unique_digits(count: int) -> str:
    """``count`` digits, not starting with 0, different on every call."""
    return str(uuid.uuid4().int)[:count]


def valid_application(**overrides: Any) -> dict[str, Any]:
    """A registration body the vendors API accepts; nested overrides (``address={...}``) merge."""
    application: dict[str, Any] = {
        "name": "Katering Bu Sri",
        "nib": unique_digits(13),
        "npwp": unique_digits(15),
        "owner_nik": "3173034508850001",
        "address": {
            "street": "Jl. Kramat Sentiong No. 21",
            "kelurahan": "Kramat",
            "kecamatan": "Senen",
            "city": "Jakarta Pusat",
            "postal_code": "10450",
        },
        "contact": {"person_name": "Sri Wahyuni", "phone": "0812-3456-7890", "email": "sri@umkm.example"},
        "bank_account": {"bank_name": "Bank DKI", "bank_code": "111", "account_number": "10020030045", "holder_name": "Sri Wahyuni"},
        "pkp": False,
        "capital": 150_000_000,
        "annual_sales": 800_000_000,
        "categories": ["catering", "meeting-food"],
        "jakpreneur": True,
    }
    for field, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(application.get(field), Mapping):
            application[field] = {**application[field], **value}
        else:
            application[field] = copy.deepcopy(value)
    return application
