"""The catalog's own settings."""
from __future__ import annotations

import pytest

from servicekit.settings import ConfigurationError, Settings

from catalog.settings import CatalogSettings

pytestmark = pytest.mark.unit


def settings(**environ: str) -> CatalogSettings:
    return CatalogSettings.from_settings(Settings.from_env("catalog", environ=environ))


def test_the_markup_threshold_defaults_to_fifty_percent() -> None:
    assert settings().markup_rule.threshold_percent == 50


def test_the_markup_threshold_is_read_per_service_or_platform_wide() -> None:
    assert settings(EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT="30").markup_threshold_percent == 30
    assert settings(EORDER_MARKUP_THRESHOLD_PERCENT="40").markup_threshold_percent == 40


@pytest.mark.parametrize("value", ["-1", "fifty", "1001"])
def test_unusable_thresholds_stop_the_service(value: str) -> None:
    with pytest.raises(ConfigurationError):
        settings(EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT=value)


def test_the_order_day_is_counted_in_jakarta_unless_set() -> None:
    assert settings().order_day_timezone == "Asia/Jakarta"
    assert str(settings(EORDER_CATALOG_ORDER_DAY_TIMEZONE="Asia/Jayapura").order_day_zone) == "Asia/Jayapura"


@pytest.mark.parametrize("value", ["WIB", "Asia/Atlantis", "../etc/passwd"])
def test_an_unknown_timezone_stops_the_service(value: str) -> None:
    with pytest.raises(ConfigurationError):
        settings(EORDER_CATALOG_ORDER_DAY_TIMEZONE=value)


def test_each_configuration_is_parsed_once() -> None:
    """Event handlers ask for the settings per event: they are not parsed and checked again each time."""
    assert settings() is settings()
    thirty = settings(EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT="30")
    assert settings(EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT="30") is thirty and thirty is not settings()
