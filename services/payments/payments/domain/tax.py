"""Tax withheld by the treasurer, as rules that are data.

A deployment's rules are rows (``payments/tax_rules.csv`` by default, replaced by the file
``EORDER_PAYMENTS_TAX_RULES_FILE``): each names its kind, its rate in basis points, its threshold, what
it applies to, what the vendor must hold for it to apply, the day it takes effect and the regulation
it comes from. For each kind the newest row in effect on the payment's day applies, so a new rate
next year is a new row with its ``effective_from``, and past payments keep the rule they were made
under (each withholding records its rule).

Every amount is integer rupiah; a withholding is rounded down to the whole rupiah.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Iterable, Sequence

BASIS_POINTS = 10_000


class Supply(str, Enum):
    GOODS = "goods"
    SERVICES = "services"


class Requirement(str, Enum):
    """What the vendor must (or must not) hold for a rule to apply."""

    NONE = "none"
    VAT_REGISTERED = "vat_registered"
    FINAL_TAX_CERTIFICATE = "final_tax_certificate"
    NO_FINAL_TAX_CERTIFICATE = "no_final_tax_certificate"


class Measure(str, Enum):
    """Which value the threshold is compared with: the value before VAT, or the amount with VAT."""

    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass(frozen=True)
class TaxRule:
    kind: str
    """``ppn``, ``pph22``, ``pph23``, ``pph_final``: the tax payable account it goes to."""
    rate_bp: int
    threshold: int
    """The rule applies only to a purchase whose measured value is above this (never at or under)."""
    threshold_on: Measure
    applies_to: frozenset[Supply]
    requires: Requirement
    effective_from: date
    regulation: str

    @property
    def key(self) -> str:
        """How a payment records the rule it applied: kind and effective date identify a row."""
        return f"{self.kind}@{self.effective_from.isoformat()}"


@dataclass(frozen=True)
class Purchase:
    """What the treasurer pays, as the BAST describes it, and what the vendor holds on the day."""

    supply: Supply
    subtotal: int
    vat: int
    vat_registered: bool
    holds_final_tax_certificate: bool
    whole: tuple[int, int] | None = None
    """(subtotal, total) of the whole purchase when it is larger than this invoice: a purchase split
    into several orders is measured whole against the thresholds (PMK 59/PMK.03/2022 does not exempt
    a split payment); None measures this invoice alone."""

    @property
    def total(self) -> int:
        return self.subtotal + self.vat


@dataclass(frozen=True)
class Withholding:
    kind: str
    amount: int
    base: int
    rate_bp: int
    rule: str
    regulation: str


def rules_in_effect(rules: Iterable[TaxRule], on: date) -> list[TaxRule]:
    """For each kind, the newest rule whose ``effective_from`` is on or before ``on``."""
    newest: dict[str, TaxRule] = {}
    for rule in rules:
        if rule.effective_from <= on and (rule.kind not in newest or rule.effective_from > newest[rule.kind].effective_from):
            newest[rule.kind] = rule
    return sorted(newest.values(), key=lambda r: r.kind)


def withholdings(rules: Sequence[TaxRule], purchase: Purchase, on: date) -> list[Withholding]:
    """What the treasurer withholds from this payment, one entry per rule that applies."""
    applied = []
    for rule in rules_in_effect(rules, on):
        if not _applies(rule, purchase):
            continue
        amount = purchase.subtotal * rule.rate_bp // BASIS_POINTS
        applied.append(Withholding(rule.kind, amount, purchase.subtotal, rule.rate_bp, rule.key, rule.regulation))
    return applied


def _applies(rule: TaxRule, purchase: Purchase) -> bool:
    if purchase.supply not in rule.applies_to:
        return False
    held = {
        Requirement.NONE: True,
        Requirement.VAT_REGISTERED: purchase.vat_registered,
        Requirement.FINAL_TAX_CERTIFICATE: purchase.holds_final_tax_certificate,
        Requirement.NO_FINAL_TAX_CERTIFICATE: not purchase.holds_final_tax_certificate,
    }[rule.requires]
    if not held:
        return False
    measured = purchase.subtotal if rule.threshold_on is Measure.SUBTOTAL else purchase.total
    if purchase.whole is not None:
        measured = max(measured, purchase.whole[0] if rule.threshold_on is Measure.SUBTOTAL else purchase.whole[1])
    return measured > rule.threshold


def expected_vat(rules: Sequence[TaxRule], subtotal: int, on: date) -> int:
    """The VAT a VAT-registered vendor charges on ``subtotal`` under the ``ppn`` rule in effect."""
    for rule in rules_in_effect(rules, on):
        if rule.kind == "ppn":
            return subtotal * rule.rate_bp // BASIS_POINTS
    return 0


# -- the rule table as a file ---------------------------------------------------------------------
COLUMNS = ("kind", "rate_bp", "threshold", "threshold_on", "applies_to", "requires", "effective_from", "regulation")
DEFAULT_RULES_FILE = Path(__file__).resolve().parent.parent / "tax_rules.csv"


class InvalidRuleTable(ValueError):
    """A rule table that cannot be used: the service refuses to start rather than withhold wrongly."""


def read_rules(path: Path) -> list[TaxRule]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.lstrip().startswith("#")))
    except OSError as exc:
        raise InvalidRuleTable(f"cannot read the tax rule table {path}: {exc.strerror}") from exc
    return parse_rules(rows)


def parse_rules(rows: Iterable[dict[str, str]]) -> list[TaxRule]:
    rules = []
    for number, row in enumerate(rows, start=1):
        missing = [column for column in COLUMNS if not (row.get(column) or "").strip()]
        if missing:
            raise InvalidRuleTable(f"tax rule row {number}: missing {', '.join(missing)}")
        try:
            rule = TaxRule(
                kind=row["kind"].strip(),
                rate_bp=int(row["rate_bp"]),
                threshold=int(row["threshold"]),
                threshold_on=Measure(row["threshold_on"].strip()),
                applies_to=frozenset(Supply(s.strip()) for s in row["applies_to"].split("|")),
                requires=Requirement(row["requires"].strip()),
                effective_from=date.fromisoformat(row["effective_from"].strip()),
                regulation=row["regulation"].strip(),
            )
        except ValueError as exc:
            raise InvalidRuleTable(f"tax rule row {number}: {exc}") from exc
        if not 0 <= rule.rate_bp <= BASIS_POINTS or rule.threshold < 0:
            raise InvalidRuleTable(f"tax rule row {number}: rate must be 0..10000 basis points, threshold 0 or more")
        rules.append(rule)
    keys = [rule.key for rule in rules]
    if len(set(keys)) != len(keys):
        raise InvalidRuleTable("two tax rules of one kind take effect on the same day")
    return rules
