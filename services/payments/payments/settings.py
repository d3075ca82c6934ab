"""The payments service's own settings, read from ``EORDER_PAYMENTS_*`` (falling back to ``EORDER_*``).

| variable | default | meaning |
|---|---|---|
| ``EORDER_PAYMENTS_TAX_RULES_FILE`` | the packaged ``tax_rules.csv`` | the deployment's tax rule table (see the README) |
| ``EORDER_PAYMENTS_PAYMENT_DAYS`` | ``3`` | working days from the BAST within which a vendor is paid |
| ``EORDER_PAYMENTS_ACCOUNT_HOLD_DAYS`` | ``2`` | an autodebet to a bank account changed within this many working days waits for the treasurer to re-confirm it |
| ``EORDER_PAYMENTS_PROOF_MAX_BYTES`` | ``524288`` | the largest transfer proof accepted (PDF, PNG or JPEG) |
| ``EORDER_PAYMENTS_BANK_URL`` | ``http://127.0.0.1:8090`` | the bank's transfer API (the sandbox bank by default) |
| ``EORDER_PAYMENTS_BANK_TIMEOUT_SECONDS`` | ``5`` | after this long without an answer a transfer's outcome is unknown, and the bank is asked |
| ``EORDER_PAYMENTS_BANK_CALLBACK_SECRET`` | ``sandbox-callback-secret`` | the HMAC key of the bank's callbacks; refused in production |
| ``EORDER_PAYMENTS_BANK_CALLBACK_URL`` | ``http://127.0.0.1:8084/api/v1/payments/bank-callbacks`` | where the bank calls back |
| ``EORDER_PAYMENTS_WORK_UNIT_ACCOUNTS`` | (none: ``WU-<code>``, the sandbox's) | each work unit's account at the bank: ``CODE=number,CODE=number`` |
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


DEV_CALLBACK_SECRET = "sandbox-callback-secret"


@dataclass(frozen=True)
class BankSettings:
    url: str
    timeout_seconds: float
    callback_secret: str
    callback_url: str
    work_unit_accounts: dict[str, str]

    def account_of(self, work_unit: str) -> str:
        return self.work_unit_accounts.get(work_unit, f"WU-{work_unit}")


def bank_settings(settings: Settings) -> BankSettings:
    accounts: dict[str, str] = {}
    for item in settings.list_setting("WORK_UNIT_ACCOUNTS", ()):
        code, separator, number = item.partition("=")
        if not separator or not code.strip() or not number.strip():
            raise ConfigurationError(f"EORDER_PAYMENTS_WORK_UNIT_ACCOUNTS: {item!r} is not CODE=number")
        accounts[code.strip()] = number.strip()
    secret = settings.setting("BANK_CALLBACK_SECRET", DEV_CALLBACK_SECRET)
    if settings.is_production and secret == DEV_CALLBACK_SECRET:
        raise ConfigurationError("EORDER_PAYMENTS_BANK_CALLBACK_SECRET must be set in production")
    return BankSettings(
        url=settings.setting("BANK_URL", "http://127.0.0.1:8090"),
        timeout_seconds=settings.float_setting("BANK_TIMEOUT_SECONDS", 5.0),
        callback_secret=secret,
        callback_url=settings.setting("BANK_CALLBACK_URL", "http://127.0.0.1:8084/api/v1/payments/bank-callbacks"),
        work_unit_accounts=accounts,
    )


def check_settings(settings: Settings) -> None:
    payment_policy(settings)
    bank_settings(settings)
