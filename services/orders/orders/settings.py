"""The orders service's own settings, read from ``EORDER_ORDERS_*`` (falling back to ``EORDER_*``).

| variable | default | meaning |
|---|---|---|
| ``EORDER_ORDERS_CEILING`` | ``50000000`` | the most one order may total (rupiah, VAT included) |
| ``EORDER_ORDERS_VAT_PERCENT`` | ``11`` | effective VAT (PPN) rate charged by VAT-registered vendors; rounded down to the rupiah |
| ``EORDER_ORDERS_SPLIT_WINDOW_DAYS`` | ``30`` | calendar days the splitting guard looks back |
| ``EORDER_ORDERS_COACHED_ONLY`` | ``false`` | only coached (Jakpreneur) vendors may take orders |
| ``EORDER_ORDERS_DEFAULT_LEAD_TIME_DAYS`` | ``1`` | working days a product needs when its events say nothing |
| ``EORDER_ORDERS_APPROVAL_DAYS`` | ``3`` | working days the commitment officer has to decide |
| ``EORDER_ORDERS_VENDOR_RESPONSE_DAYS`` | ``3`` | working days the vendor has to accept or decline |
| ``EORDER_ORDERS_RECEIPT_CHECK_DAYS`` | ``3`` | working days after the last shipment to check it (flagged when late) |
| ``EORDER_ORDERS_REMINDER_DAYS`` | ``1`` | a reminder leaves when this many working days are left |
| ``EORDER_ORDERS_SERVICE_CATEGORIES`` | (none) | category slugs that are services rather than goods |
| ``EORDER_ORDERS_VERIFY_BASE_URL`` | ``http://127.0.0.1:8080/api/v1/orders/documents`` | where the QR codes of documents point |
| ``EORDER_ORDERS_SWEEP_SECONDS`` | ``60`` | how often the deadline sweeps run |
"""
from __future__ import annotations

from servicekit.settings import ConfigurationError, Settings

from orders.domain.amounts import DEFAULT_VAT_PERCENT, vat_rate
from orders.domain.policy import DEFAULT_CEILING, OrderPolicy


def order_policy(settings: Settings) -> OrderPolicy:
    """The deployment's order rules; ConfigurationError (refusing to start) when they make no sense."""
    try:
        rate = vat_rate(settings.setting("VAT_PERCENT", DEFAULT_VAT_PERCENT))
    except ValueError as exc:
        raise ConfigurationError(f"EORDER_ORDERS_VAT_PERCENT: {exc}") from exc
    coached = settings.setting("COACHED_ONLY", "false").lower()
    if coached not in ("true", "false"):
        raise ConfigurationError("EORDER_ORDERS_COACHED_ONLY must be true or false")
    days = {
        name: settings.int_setting(name.upper(), default)
        for name, default in (
            ("split_window_days", 30),
            ("default_lead_time_days", 1),
            ("approval_days", 3),
            ("vendor_response_days", 3),
            ("receipt_check_days", 3),
            ("reminder_days", 1),
        )
    }
    ceiling = settings.int_setting("CEILING", DEFAULT_CEILING)
    if ceiling <= 0 or any(value < 0 for value in days.values()) or days["approval_days"] < 1 or days["vendor_response_days"] < 1:
        raise ConfigurationError("EORDER_ORDERS_*: the ceiling and the deadlines must be positive, the other day counts not negative")
    return OrderPolicy(
        ceiling=ceiling,
        vat_rate=rate,
        coached_only=coached == "true",
        service_categories=frozenset(settings.list_setting("SERVICE_CATEGORIES", ())),
        **days,
    )


def verify_base_url(settings: Settings) -> str:
    return settings.setting("VERIFY_BASE_URL", "http://127.0.0.1:8080/api/v1/orders/documents").rstrip("/")


def sweep_seconds(settings: Settings) -> float:
    return settings.float_setting("SWEEP_SECONDS", 60.0)


def check_settings(settings: Settings) -> None:
    order_policy(settings)
