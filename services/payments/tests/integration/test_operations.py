"""Metrics at scrape time, and the settings the service refuses to start with."""
from __future__ import annotations

from pathlib import Path

import pytest

from payments.adapters.sandbox_bank.service import check_settings as check_sandbox_settings
from payments.settings import check_settings
from payments.testing import PaymentsApi
from servicekit.settings import ConfigurationError, Settings

pytestmark = pytest.mark.integration


def test_metrics_count_invoices_payments_and_those_past_deadline(api: PaymentsApi) -> None:
    invoice = api.accepted_invoice()
    assert api.pay(invoice, {"method": "kkpd", "reference": "K-M"}).status_code == 201
    text = api.client.get("/metrics").get_data(as_text=True)
    assert 'eorder_invoices_total{service="payments",state="paid"}' in text
    assert 'eorder_payments_total{service="payments",state="settled"}' in text
    assert 'eorder_payments_past_deadline{service="payments"}' in text


def settings(**extra: str) -> Settings:
    return Settings.from_env("payments", environ={"EORDER_ENV": "test", **extra})


def test_a_broken_tax_rule_table_refuses_to_start(tmp_path: Path) -> None:
    broken = tmp_path / "rules.csv"
    broken.write_text("kind,rate_bp,threshold,threshold_on,applies_to,requires,effective_from,regulation\nppn,eleven,0,total,goods,none,2025-01-01,x\n")
    with pytest.raises(ConfigurationError, match="tax rule row 1"):
        check_settings(settings(EORDER_PAYMENTS_TAX_RULES_FILE=str(broken)))
    with pytest.raises(ConfigurationError, match="cannot read"):
        check_settings(settings(EORDER_PAYMENTS_TAX_RULES_FILE=str(tmp_path / "missing.csv")))


def test_production_needs_a_real_callback_secret_and_never_runs_the_sandbox() -> None:
    production = {"EORDER_ENV": "production"}
    with pytest.raises(ConfigurationError, match="CALLBACK_SECRET"):
        check_settings(Settings.from_env("payments", environ=production))
    check_settings(Settings.from_env("payments", environ={**production, "EORDER_PAYMENTS_BANK_CALLBACK_SECRET": "a-real-secret"}))
    with pytest.raises(ConfigurationError, match="sandbox"):
        check_sandbox_settings(Settings.from_env("sandboxbank", environ=production))
    with pytest.raises(ConfigurationError, match="WORK_UNIT_ACCOUNTS"):
        check_settings(settings(EORDER_PAYMENTS_WORK_UNIT_ACCOUNTS="DPPKUKM"))
