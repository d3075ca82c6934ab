"""The tax rule table, with worked examples: what the treasurer withholds, rounded down to the rupiah."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from payments.domain.tax import DEFAULT_RULES_FILE, InvalidRuleTable, Purchase, Supply, expected_vat, parse_rules, read_rules, withholdings

pytestmark = pytest.mark.unit

RULES = read_rules(DEFAULT_RULES_FILE)
PAID_ON = date(2026, 3, 5)


def withheld(supply: Supply, subtotal: int, *, vat_registered: bool = False, certificate: bool = False, whole: tuple[int, int] | None = None) -> dict[str, int]:
    vat = subtotal * 11 // 100 if vat_registered else 0
    purchase = Purchase(supply, subtotal, vat, vat_registered, certificate, whole)
    return {w.kind: w.amount for w in withholdings(RULES, purchase, PAID_ON)}


@pytest.mark.parametrize(
    ("example", "supply", "subtotal", "vat_registered", "certificate", "expected"),
    [
        # A micro vendor, not VAT-registered, selling goods for 1.5 million: nothing is withheld.
        ("micro vendor under 2 million", Supply.GOODS, 1_500_000, False, False, {}),
        # VAT-registered, goods for 10 million (+1.1 million VAT): the treasurer collects the VAT and
        # 1.5% PPh 22 of the value before VAT.
        ("VAT-registered vendor above 2 million", Supply.GOODS, 10_000_000, True, False, {"ppn": 1_100_000, "pph22": 150_000}),
        # Services: 2% PPh 23 whatever the amount; no VAT from a vendor not registered for it.
        ("services", Supply.SERVICES, 5_000_000, False, False, {"pph23": 100_000}),
        ("services under 2 million", Supply.SERVICES, 750_000, False, False, {"pph23": 15_000}),
        # The MSME final-tax certificate (PP 55/2022): 0.5% final instead of PPh 22.
        ("final-tax certificate", Supply.GOODS, 10_000_000, False, True, {"pph_final": 50_000}),
        ("final-tax certificate, services", Supply.SERVICES, 3_000_000, False, True, {"pph_final": 15_000}),
        # Exactly on the threshold is "at or under": no PPh 22.
        ("goods exactly on the threshold", Supply.GOODS, 2_000_000, False, False, {}),
        ("goods one rupiah above it", Supply.GOODS, 2_000_001, False, False, {"pph22": 30_000}),
        # VAT is measured with the VAT: 1.9 million + 209,000 VAT passes 2 million, PPh 22 (before VAT) does not.
        ("VAT-registered just under 2 million before VAT", Supply.GOODS, 1_900_000, True, False, {"ppn": 209_000}),
        # Rounded down: 1.5% of 2,345,679 is 35,185.185 rupiah.
        ("rounding down", Supply.GOODS, 2_345_679, False, False, {"pph22": 35_185}),
    ],
)
def test_worked_examples(example: str, supply: Supply, subtotal: int, vat_registered: bool, certificate: bool, expected: dict[str, int]) -> None:
    assert withheld(supply, subtotal, vat_registered=vat_registered, certificate=certificate) == expected, example


def test_a_purchase_split_to_stay_under_the_threshold_is_measured_whole() -> None:
    assert withheld(Supply.GOODS, 1_500_000, whole=(3_000_000, 3_000_000)) == {"pph22": 22_500}
    assert withheld(Supply.GOODS, 1_500_000, vat_registered=True, whole=(3_000_000, 3_330_000)) == {"ppn": 165_000, "pph22": 22_500}


def test_each_withholding_names_its_rule_and_regulation() -> None:
    [pph22] = withholdings(RULES, Purchase(Supply.GOODS, 3_000_000, 0, False, False), PAID_ON)
    assert (pph22.rule, pph22.base, pph22.rate_bp) == ("pph22@2022-04-01", 3_000_000, 150)
    assert "PMK 59/PMK.03/2022" in pph22.regulation


def test_next_years_rate_is_a_new_row_and_past_payments_keep_theirs() -> None:
    rows = [dict(row) for row in _rows()] + [
        {"kind": "pph22", "rate_bp": "100", "threshold": "2000000", "threshold_on": "subtotal", "applies_to": "goods",
         "requires": "no_final_tax_certificate", "effective_from": "2027-01-01", "regulation": "PMK 1/2027 (example)"},
    ]  # fmt: skip
    rules = parse_rules(rows)
    purchase = Purchase(Supply.GOODS, 10_000_000, 0, False, False)
    assert [w.amount for w in withholdings(rules, purchase, date(2026, 12, 31))] == [150_000]
    assert [(w.amount, w.rule) for w in withholdings(rules, purchase, date(2027, 1, 1))] == [(100_000, "pph22@2027-01-01")]


def test_no_rule_applies_before_it_takes_effect() -> None:
    assert withholdings(RULES, Purchase(Supply.GOODS, 10_000_000, 1_100_000, True, False), date(2020, 1, 1)) == []


def test_expected_vat_is_the_effective_eleven_percent() -> None:
    assert expected_vat(RULES, 10_000_000, PAID_ON) == 1_100_000
    assert expected_vat(RULES, 999, PAID_ON) == 109


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rate_bp": "abc"}, "row 1"),
        ({"rate_bp": "10001"}, "basis points"),
        ({"applies_to": "food"}, "row 1"),
        ({"effective_from": "2026-13-01"}, "row 1"),
        ({"regulation": ""}, "missing regulation"),
    ],
)
def test_a_broken_rule_table_is_refused(change: dict[str, str], message: str) -> None:
    rows = [dict(row) for row in _rows()]
    rows[0].update(change)
    with pytest.raises(InvalidRuleTable, match=message):
        parse_rules(rows)


def test_two_rules_of_a_kind_on_one_day_are_refused(tmp_path: Path) -> None:
    text = DEFAULT_RULES_FILE.read_text()
    duplicate = tmp_path / "rules.csv"
    duplicate.write_text(text + text.splitlines()[-1] + "\n")
    with pytest.raises(InvalidRuleTable, match="same day"):
        read_rules(duplicate)


def _rows() -> list[dict[str, str]]:
    import csv

    with DEFAULT_RULES_FILE.open() as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))
