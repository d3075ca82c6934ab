"""NIB, NPWP and NIK: what is accepted, how it is stored, and what cannot be a real id."""
from __future__ import annotations

import pytest

from vendors.domain.identifiers import normalise_nib, normalise_nik, normalise_npwp, npwp_identity
from vendors.domain.validation import InvalidValue

pytestmark = pytest.mark.unit

VALID_NIK = "3171014508900001"  # Jakarta Selatan, Jagakarsa; a woman born 5 August 1990; serial 0001


def test_nib_is_thirteen_digits() -> None:
    assert normalise_nib(" 9120301234567 ") == "9120301234567"


@pytest.mark.parametrize("value", ["912030123456", "91203012345678", "91203O1234567", "9120-301234567", ""])
def test_nib_refuses_anything_but_thirteen_digits(value: str) -> None:
    with pytest.raises(InvalidValue, match="13 digits"):
        normalise_nib(value)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01.234.567.8-901.000", "012345678901000"),
        ("012345678901000", "012345678901000"),
        ("01 234 567 8 901 000", "012345678901000"),
        ("0012345678901000", "0012345678901000"),  # the 16-digit form of an entity's NPWP
        ("001.234.567.8-901.000", "0012345678901000"),
        (VALID_NIK, VALID_NIK),  # an individual's 16-digit NPWP is its NIK
    ],
)
def test_npwp_accepts_both_formats_with_or_without_separators(typed: str, stored: str) -> None:
    assert normalise_npwp(typed) == stored


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("01.234.567.8-901.00", "15 or 16 digits"),
        ("01234567890100012", "15 or 16 digits"),
        ("01/234/567/8/901/000", "only digits"),
        ("NPWP012345678901000", "only digits"),
        ("9912345678901234", "0 \\+ the 15-digit NPWP or a valid NIK"),  # 16 digits, neither form
        ("3171019908900001", "0 \\+ the 15-digit NPWP or a valid NIK"),  # NIK-like with an impossible date
    ],
)
def test_npwp_refuses_malformed_values(value: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        normalise_npwp(value)


def test_both_formats_of_one_entity_npwp_are_the_same_taxpayer() -> None:
    assert npwp_identity("0012345678901000") == npwp_identity("012345678901000") == "012345678901000"
    assert npwp_identity(VALID_NIK) == VALID_NIK


@pytest.mark.parametrize(
    "nik",
    [
        VALID_NIK,
        "3171010508900001",  # a man: the birth day as is
        "3173032902000123",  # 29 February
        "9601017112990001",  # Papua Barat Daya (2022), a woman born 31 December
    ],
)
def test_nik_with_a_plausible_region_birth_date_and_serial_is_accepted(nik: str) -> None:
    assert normalise_nik(nik) == nik


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("317101450890001", "16 digits"),
        ("31710145089000012", "16 digits"),
        ("3171O14508900001", "16 digits"),
        ("0071014508900001", "province code"),
        ("9971014508900001", "province code"),
        ("3100014508900001", "regency and district"),
        ("3171004508900001", "regency and district"),
        ("3171013208900001", "birth date"),  # day 32
        ("3171017208900001", "birth date"),  # a woman's day 32 (72 - 40)
        ("3171010013900001", "birth date"),  # month 13
        ("3171010000900001", "birth date"),  # day 0, month 0
        ("3171013002900001", "birth date"),  # 30 February
        ("3171014508900000", "serial"),
    ],
)
def test_nik_refuses_impossible_values(nik: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        normalise_nik(nik)


# Every province of Indonesia by its Kemendagri code, written out here on its own so that a code
# dropped from the service's table is noticed: Aceh to Papua Barat Daya (2022).
PROVINCES = {
    11: "Aceh", 12: "Sumatera Utara", 13: "Sumatera Barat", 14: "Riau", 15: "Jambi", 16: "Sumatera Selatan",
    17: "Bengkulu", 18: "Lampung", 19: "Kepulauan Bangka Belitung", 21: "Kepulauan Riau", 31: "DKI Jakarta",
    32: "Jawa Barat", 33: "Jawa Tengah", 34: "DI Yogyakarta", 35: "Jawa Timur", 36: "Banten", 51: "Bali",
    52: "Nusa Tenggara Barat", 53: "Nusa Tenggara Timur", 61: "Kalimantan Barat", 62: "Kalimantan Tengah",
    63: "Kalimantan Selatan", 64: "Kalimantan Timur", 65: "Kalimantan Utara", 71: "Sulawesi Utara",
    72: "Sulawesi Tengah", 73: "Sulawesi Selatan", 74: "Sulawesi Tenggara", 75: "Gorontalo", 76: "Sulawesi Barat",
    81: "Maluku", 82: "Maluku Utara", 91: "Papua", 92: "Papua Barat", 93: "Papua Selatan", 94: "Papua Tengah",
    95: "Papua Pegunungan", 96: "Papua Barat Daya",
}


@pytest.mark.parametrize("code", sorted(PROVINCES), ids=lambda code: PROVINCES[code])
def test_an_nik_from_every_province_is_accepted(code: int) -> None:
    nik = f"{code}71014508900001"
    assert normalise_nik(nik) == nik


@pytest.mark.parametrize("code", [10, 20, 22, 30, 37, 50, 54, 60, 66, 70, 77, 80, 83, 90, 97, 99])
def test_an_nik_from_no_province_is_refused(code: int) -> None:
    with pytest.raises(InvalidValue, match="province code"):
        normalise_nik(f"{code}71014508900001")
