"""Personal data is taken out of log events before they are rendered."""
from __future__ import annotations

import pytest

from servicekit.redaction import REDACTED, redact_personal_data

pytestmark = pytest.mark.unit


def test_values_of_personal_fields_are_replaced_at_any_depth() -> None:
    event = {
        "event": "registration failed",
        "owner_nik": "3173034508850001",
        "vendor": {"npwp": "012345678901000", "contact": {"Email": "sri@umkm.example", "phone": "0812"}},
        "lines": [{"account_number": "10020030045"}],
        "status": 500,
    }
    redacted = redact_personal_data(None, "error", event)
    assert redacted == {
        "event": "registration failed",
        "owner_nik": REDACTED,
        "vendor": {"npwp": REDACTED, "contact": {"Email": REDACTED, "phone": REDACTED}},
        "lines": [{"account_number": REDACTED}],
        "status": 500,
    }


def test_error_text_loses_the_failing_row_and_anything_like_an_identifier() -> None:
    exception = (
        'psycopg.errors.CheckViolation: new row for relation "vendors" violates check constraint "c"\n'
        "DETAIL:  Failing row contains (Katering Bu Sri, 3173034508850001).\n"
        "while mailing sri@umkm.example at +62 812-3456-7890 about 01.234.567.8-901.000 (request 3ffbf770-66ba-4f2a-b83f-b34a79ee9475)"
    )
    text = redact_personal_data(None, "error", {"event": "unhandled error", "exception": exception})["exception"]
    for personal in ("Katering Bu Sri", "3173034508850001", "sri@umkm.example", "812-3456-7890", "567.8-901"):
        assert personal not in text
    assert 'violates check constraint "c"' in text and "3ffbf770-66ba-4f2a-b83f-b34a79ee9475" in text
