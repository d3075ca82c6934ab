"""The payments service's own settings, read from ``EORDER_PAYMENTS_*`` (falling back to ``EORDER_*``).

| variable | default | meaning |
|---|---|---|
| ``EORDER_PAYMENTS_TAX_RULES_FILE`` | the packaged ``tax_rules.csv`` | the deployment's tax rule table (see the README) |
| ``EORDER_PAYMENTS_PAYMENT_DAYS`` | ``3`` | working days from the BAST within which a vendor is paid |
| ``EORDER_PAYMENTS_ACCOUNT_HOLD_DAYS`` | ``2`` | an autodebet to a bank account changed within this many working days waits for the treasurer to re-confirm it |
| ``EORDER_PAYMENTS_PROOF_MAX_BYTES`` | ``524288`` | the largest transfer proof accepted (PDF, PNG or JPEG) |
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from servicekit.deadlines import WorkingCalendar
from servicekit.settings import ConfigurationError, Settings

from payments.domain.tax import DEFAULT_RULES_FILE, InvalidRuleTable, TaxRule, read_rules


@dataclass(frozen=True)
class PaymentPolicy:
    rules: tuple[TaxRule, ...]
    payment_days: int
    account_hold_days: int
    proof_max_bytes: int
    calendar: WorkingCalendar


def payment_policy(settings: Settings) -> PaymentPolicy:
    """The deployment's policy; ConfigurationError (refusing to start) when it cannot be used.
    Read once per distinct configuration: handlers and views ask for it on every call."""
    return _policy(
        settings.setting("TAX_RULES_FILE", str(DEFAULT_RULES_FILE)),
        tuple(settings.closed_days),
        settings.int_setting("PAYMENT_DAYS", 3),
        settings.int_setting("ACCOUNT_HOLD_DAYS", 2),
        settings.int_setting("PROOF_MAX_BYTES", 512 * 1024),
    )


@lru_cache(maxsize=16)
def _policy(rules_file: str, closed_days: tuple[str, ...], payment_days: int, hold_days: int, proof_max_bytes: int) -> PaymentPolicy:
    try:
        rules = tuple(read_rules(Path(rules_file)))
    except InvalidRuleTable as exc:
        raise ConfigurationError(f"EORDER_PAYMENTS_TAX_RULES_FILE: {exc}") from exc
    if payment_days < 1 or hold_days < 0 or proof_max_bytes < 1:
        raise ConfigurationError("EORDER_PAYMENTS_PAYMENT_DAYS must be 1 or more, ACCOUNT_HOLD_DAYS 0 or more, PROOF_MAX_BYTES positive")
    try:
        calendar = WorkingCalendar.from_settings(closed_days)
    except ValueError as exc:
        raise ConfigurationError(f"EORDER_CLOSED_DAYS: {exc}") from exc
    return PaymentPolicy(rules, payment_days, hold_days, proof_max_bytes, calendar)


def check_settings(settings: Settings) -> None:
    payment_policy(settings)
