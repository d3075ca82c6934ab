"""Phone numbers, email, postal codes and bank accounts."""
from __future__ import annotations

import pytest

from vendors.domain.address import normalise_postal_code
from vendors.domain.banking import BankAccount, normalise_account_number, normalise_bank_code
from vendors.domain.contact import normalise_email, normalise_phone
from vendors.domain.validation import InvalidValue

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(021) 3456-7890", "+622134567890"),
        ("0411 123456", "+62411123456"),
    ],
)
def test_indonesian_phone_numbers_are_stored_in_international_form(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("value", ["812-3456-7890", "+1 202 555 0100", "0812", "0812-3456-7890-123", "0812-ABCD-7890", "0012345678"])
def test_phone_numbers_that_are_not_indonesian_are_refused(value: str) -> None:
    with pytest.raises(InvalidValue):
        normalise_phone(value)


def test_email_domain_is_lower_cased_and_malformed_addresses_refused() -> None:
    assert normalise_email(" Sri.Wahyuni@UMKM.Example ") == "Sri.Wahyuni@umkm.example"
    for value in ("sri", "sri@", "sri@umkm", "sri wahyuni@umkm.example", "a@b@umkm.example"):
        with pytest.raises(InvalidValue):
            normalise_email(value)


def test_postal_code_is_five_digits() -> None:
    assert normalise_postal_code("10450") == "10450"
    for value in ("1045", "104500", "01045", "1O450"):
        with pytest.raises(InvalidValue):
            normalise_postal_code(value)


def test_bank_code_is_three_digits_and_account_number_five_to_twenty() -> None:
    assert normalise_bank_code("014") == "014"
    assert normalise_account_number("123-456 7890") == "1234567890"
    assert normalise_account_number("12345") == "12345"
    assert normalise_account_number("1" * 20) == "1" * 20
    for code in ("14", "0140", "BCA"):
        with pytest.raises(InvalidValue):
            normalise_bank_code(code)
    for number in ("1234", "1" * 21, "12345A"):
        with pytest.raises(InvalidValue):
            normalise_account_number(number)


def test_a_masked_account_shows_only_its_last_four_digits() -> None:
    account = BankAccount(bank_name="BCA", bank_code="014", account_number="1234567890", holder_name="Sri")
    assert account.masked() == {"bank_name": "BCA", "bank_code": "014", "account_number": "******7890", "holder_name": "Sri"}
